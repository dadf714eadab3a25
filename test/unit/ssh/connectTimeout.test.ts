import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_CONNECT_TIMEOUT_SECONDS } from '../../../common/ssh/SshConnection';
import { declaredSettings } from '../manifestSettings';

test('one SSH handshake default: the setting aysRecipes.ssh.connectTimeoutSeconds and the engine (CLI) agree', () => {
  const setting = declaredSettings()['aysRecipes.ssh.connectTimeoutSeconds'];
  assert.equal(setting.default, DEFAULT_CONNECT_TIMEOUT_SECONDS);
  assert.equal(DEFAULT_CONNECT_TIMEOUT_SECONDS, 20);
});
