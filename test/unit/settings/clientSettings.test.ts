/** The client's settings table (common/clientSettings.ts) is package.json's, and bad values fall back or are clamped. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { CLIENT_SETTINGS, coerceSetting, type ClientSettingKey } from '../../../common/clientSettings';
import { declaredSettings } from '../manifestSettings';

const declared = declaredSettings();

test("every client setting has package.json's type, default and bounds", () => {
  for (const [key, spec] of Object.entries(CLIENT_SETTINGS) as Array<
    [ClientSettingKey, (typeof CLIENT_SETTINGS)[ClientSettingKey]]
  >) {
    const d = declared[`aysRecipes.${key}`];
    assert.ok(d, `aysRecipes.${key} is declared`);
    assert.deepEqual(spec.default, d.default, `${key}: default`);
    if (spec.kind === 'number') {
      assert.equal(d.type, 'number', `${key}: type`);
      assert.equal((spec as { minimum?: number }).minimum, d.minimum, `${key}: minimum`);
      assert.equal((spec as { maximum?: number }).maximum, d.maximum, `${key}: maximum`);
    } else if (spec.kind === 'boolean') {
      assert.equal(d.type, 'boolean', `${key}: type`);
    } else if (spec.kind === 'enum') {
      assert.equal(d.type, 'string', `${key}: type`);
      assert.deepEqual((spec as { values: readonly string[] }).values, d.enum, `${key}: enum`);
    } else {
      assert.equal(d.type, 'array', `${key}: type`);
    }
  }
});

test('numbers: missing or mistyped → default, out of bounds → clamped', () => {
  assert.equal(coerceSetting('install.concurrency', undefined), 4);
  assert.equal(coerceSetting('install.concurrency', '8'), 4);
  assert.equal(coerceSetting('install.concurrency', Number.NaN), 4);
  assert.equal(coerceSetting('install.concurrency', 0), 1);
  assert.equal(coerceSetting('install.concurrency', 99), 32);
  assert.equal(coerceSetting('install.concurrency', 6), 6);
  assert.equal(coerceSetting('images.refreshSeconds', 0), 0);
  assert.equal(coerceSetting('ssh.connectTimeoutSeconds', -5), 1);
  assert.equal(coerceSetting('portal.timeoutSeconds', 0), 1);
  assert.equal(coerceSetting('portal.maxResponseMB', 0.5), 1);
  assert.equal(coerceSetting('portal.maxResponseMB', 'big'), 32);
});

test('enums: a value of the list is kept, anything else is the default (as the server reads it)', () => {
  assert.equal(coerceSetting('profile', 'legacy'), 'legacy');
  assert.equal(coerceSetting('profile', 'current'), 'current');
  assert.equal(coerceSetting('profile', undefined), 'current');
  assert.equal(coerceSetting('profile', 'Legacy'), 'current');
  assert.equal(coerceSetting('profile', 1), 'current');
});

test('string lists keep their strings; environments are passed on as written for the validator', () => {
  assert.deepEqual(coerceSetting('ssh.knownHostsFiles', ['/a', 3, '/b']), ['/a', '/b']);
  assert.deepEqual(coerceSetting('ssh.knownHostsFiles', '/a'), []);
  assert.deepEqual(coerceSetting('environments', undefined), []);
  assert.equal(coerceSetting('environments', 'oops'), 'oops');
  const list = [{ name: 'x' }];
  assert.equal(coerceSetting('environments', list), list);
  // the default is never shared between calls
  (coerceSetting('environments', undefined) as unknown[]).push(1);
  assert.deepEqual(coerceSetting('environments', null), []);
});
