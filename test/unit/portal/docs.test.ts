import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { availabilityCommand, imagesCommand } from '../../../server/src/cli/images';
import { secretVariable } from '../../../common/portal/secretVariables';

// Runs from out/test/unit/portal: the repository root is four levels up.
const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'portal.md'), 'utf8');
const types = readFileSync(join(__dirname, '..', '..', '..', '..', 'common', 'portal', 'types.ts'), 'utf8');

describe('docs/portal.md matches the code', () => {
  it('documents every error code', () => {
    const block = types.slice(
      types.indexOf('export type PortalErrorCode'),
      types.indexOf('export interface PortalError'),
    );
    const codes = [...block.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
    assert.ok(codes.length > 15);
    for (const c of codes) assert.ok(doc.includes(`\`${c}\``), c);
  });
  it('documents the CLI usage lines, options and secret variables', () => {
    for (const cmd of [imagesCommand, availabilityCommand]) {
      const line = cmd.usage.split('\n')[0].replace(/^Usage: /, '');
      assert.ok(doc.includes(line), line);
      for (const opt of (cmd.usage.match(/--[a-z]+/g) ?? []).filter((o) => o !== '--help'))
        assert.ok(doc.includes(opt), opt);
    }
    for (const v of [secretVariable('password'), secretVariable('clientSecret')]) {
      assert.ok(doc.includes(`\`${v}_<ENV>\``) && doc.includes(`\`${v}\``), v);
    }
  });
});
