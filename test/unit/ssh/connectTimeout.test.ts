import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONNECT_TIMEOUT_SECONDS } from '../../../common/ssh/SshConnection';

test('one SSH handshake default: the setting aysRecipes.ssh.connectTimeoutSeconds and the engine (CLI) agree', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8'));
  const setting = pkg.contributes.configuration.properties?.['aysRecipes.ssh.connectTimeoutSeconds']
    ?? (pkg.contributes.configuration as Array<{ properties: Record<string, { default: number }> }>).map((c) => c.properties['aysRecipes.ssh.connectTimeoutSeconds']).find(Boolean);
  assert.equal(setting.default, DEFAULT_CONNECT_TIMEOUT_SECONDS);
  assert.equal(DEFAULT_CONNECT_TIMEOUT_SECONDS, 20);
});
