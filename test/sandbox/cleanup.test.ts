/** The sandbox folder (private keys, known_hosts) is removed even when its process exits without stop(). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { alive } from './processes';

const dir = mkdtempSync(join(tmpdir(), 'ays-sbclean-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('sandbox cleanup', () => {
  for (const [how, code] of [
    ['process.exit() after start', 'process.exit(3)'],
    ['an uncaught error after start', "setTimeout(() => { throw new Error('boom'); })"],
  ] as const) {
    it(`${how} leaves no folder and no process behind`, () => {
      const tmp = mkdtempSync(join(dir, 'tmp-'));
      const r = spawnSync(
        process.execPath,
        [
          '-e',
          `require(${JSON.stringify(join(__dirname, 'index.js'))}).startSandbox({}).then((sb) => { console.log('pid ' + (sb.ssh.pid ?? '')); ${code}; })`,
        ],
        { encoding: 'utf8', env: { ...process.env, TMPDIR: tmp }, timeout: 60000 },
      );
      assert.notEqual(r.status, 0, r.stderr);
      assert.match(r.stdout, /^pid /, r.stderr);
      assert.deepEqual(readdirSync(tmp), []);
      const pid = Number(/^pid (\d+)/.exec(r.stdout)?.[1]);
      for (const end = Date.now() + 3000; pid && alive(pid) && Date.now() < end;) spawnSync('sleep', ['0.05']);
      assert.ok(!pid || !alive(pid), `sshd ${pid} is gone`);
    });
  }
});
