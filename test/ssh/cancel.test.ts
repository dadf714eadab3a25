import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { SshdHandle } from '../sandbox/sshd';
import { descendants } from '../sandbox/processes';
import { open, pgrep, sshd, uniqueSleep, waitFor } from './helpers';

describe('cancel and dropped connections against a real sshd', () => {
  let h: SshdHandle;
  const leftovers: number[] = [];
  before(async () => {
    h = await sshd();
  });
  after(async () => {
    for (const p of leftovers) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    await h?.stop();
  });

  it('cancel sends INT, then kills the remote process group: nothing survives on the host', async () => {
    const c = await open(h);
    try {
      const s1 = uniqueSleep(4242);
      const s2 = uniqueSleep(4243);
      const ac = new AbortController();
      // A foreground sleep plus a background child that ignores INT: both must die.
      const run = c.exec(`(trap '' INT; sleep ${s2}) & sleep ${s1}; echo never`, {
        signal: ac.signal,
        killGraceMs: 300,
      });
      await waitFor('remote sleeps', () => pgrep(`^sleep ${s1}`).length > 0 && pgrep(`^sleep ${s2}`).length > 0);
      ac.abort();
      const r = await run;
      assert.equal(r.error?.code, 'cancelled');
      await waitFor(
        'no remote process left',
        () => pgrep(`^sleep ${s1}`).length === 0 && pgrep(`^sleep ${s2}`).length === 0,
        5000,
      );
      leftovers.push(...pgrep(`^sleep ${s1}`), ...pgrep(`^sleep ${s2}`));
      // The connection is still usable.
      assert.equal((await c.exec('exit 0')).exitCode, 0);
    } finally {
      await c.close();
    }
  });

  it('a dropped connection mid-run ends with connection-lost', async () => {
    const c = await open(h);
    const s = uniqueSleep(4344);
    const run = c.exec(`sleep ${s}`);
    await waitFor('remote sleep', () => pgrep(`^sleep ${s}`).length > 0);
    // Kill the per-connection sshd processes (children of the listener), never the listener itself.
    const sessions = descendants(h.pid).filter((p) => !pgrep(`^sleep ${s}`).includes(p));
    assert.ok(sessions.length > 0);
    for (const p of sessions) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    const r = await run;
    assert.equal(r.error?.code, 'connection-lost');
    assert.match(r.error!.message, /dropped/);
    assert.equal(c.isClosed, true);
    leftovers.push(...pgrep(`^sleep ${s}`));
  });
});
