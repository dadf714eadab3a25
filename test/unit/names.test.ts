import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { normalizeRepoPath, shQuote, validateName, validateRepoPath } from '../../common/names';

const HOSTILE = [
  'a;b',
  'a$(id)',
  '$(touch /tmp/x)',
  'a`id`',
  "a'b",
  'a"b',
  'a\nb',
  'a b',
  'a\tb',
  'a|b',
  'a&b',
  'a>b',
  'a*',
  '-rf',
  '',
  '.',
  '..',
  'a/b',
  'é',
];

describe('validateName', () => {
  it('accepts [A-Za-z0-9._-]+', () => {
    for (const v of ['image_ubuntu-2204', 'demo-cpu-01', 'main', 'env.demo', 'A1_b.c-d'])
      assert.equal(validateName('image', v), undefined, v);
  });
  it('rejects shell metacharacters, whitespace, quotes, newlines, path tricks and non-strings', () => {
    for (const v of HOSTILE) {
      const e = validateName('node', v);
      assert.ok(e, `should reject ${JSON.stringify(v)}`);
      assert.equal(e.code, 'invalid-name');
      assert.match(e.message, /invalid node name/);
    }
    assert.ok(validateName('image', 42));
    assert.ok(validateName('image', undefined));
  });
});

describe('validateRepoPath', () => {
  it('accepts absolute safe paths', () => {
    assert.equal(validateRepoPath('/opt/code/github/gig-projects/env-demo'), undefined);
    assert.equal(validateRepoPath('/opt/code/git/openvcloudEnvironments/be-g8-1/'), undefined);
  });
  it('rejects relative paths, metacharacters, spaces and dot segments', () => {
    for (const v of [
      'opt/code',
      '~/x',
      '/opt/a b',
      '/opt/$(id)',
      '/opt/`id`',
      "/opt/a'b",
      '/opt/a;b',
      '/opt/a\nb',
      '/opt/../etc',
      '/opt/./x',
      '/',
      '',
    ]) {
      assert.ok(validateRepoPath(v), `should reject ${JSON.stringify(v)}`);
    }
  });
  it('normalizes slashes', () => {
    assert.equal(normalizeRepoPath('/opt//code/env/'), '/opt/code/env');
  });
});

describe('shQuote', () => {
  it('round-trips any string through a real POSIX shell without interpretation', () => {
    for (const v of [...HOSTILE, "it's", "''", '\\', '$HOME', '!x', 'a\u0000b'.replace('\u0000', '')]) {
      const printed = execFileSync('/bin/sh', ['-c', `printf %s ${shQuote(v)}`], { encoding: 'utf8' });
      assert.equal(printed, v, JSON.stringify(v));
    }
  });
});
