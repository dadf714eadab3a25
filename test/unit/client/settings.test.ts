/** The client's one settings accessor (client/src/settings.ts) over the configuration, table-driven. */
import './vscodeStub'; // first: require('vscode') gets the stub
import { fake } from './vscodeStub';
import { strict as assert } from 'node:assert';
import { beforeEach, test } from 'node:test';
import { setting, updateSetting } from '../../../client/src/settings';

beforeEach(() => fake.reset());

const CASES: Array<[Parameters<typeof setting>[0], unknown, unknown]> = [
  ['install.concurrency', undefined, 4],
  ['install.concurrency', 8, 8],
  ['install.concurrency', 0, 1],
  ['install.concurrency', 1000, 32],
  ['install.concurrency', '8', 4],
  ['images.refreshSeconds', 0, 0],
  ['install.alwaysConfirm', true, true],
  ['install.alwaysConfirm', 'yes', false],
  ['profile', 'legacy', 'legacy'],
  ['profile', 'py3', 'current'],
  ['ssh.knownHostsFiles', ['/a', 3, '/b'], ['/a', '/b']],
  ['environments', { not: 'a list' }, { not: 'a list' }],
];

for (const [key, raw, expected] of CASES) {
  test(`setting('${key}') of ${JSON.stringify(raw)} is ${JSON.stringify(expected)}`, () => {
    if (raw !== undefined) fake.config.set(key, raw);
    assert.deepEqual(setting(key), expected);
  });
}

test('updateSetting writes the key that setting reads', async () => {
  await updateSetting('images.refreshSeconds', 15, 1);
  assert.equal(setting('images.refreshSeconds'), 15);
});
