import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { SshdHandle, freePort } from '../sandbox/sshd';
import { ConnectionPool } from '../../common/ssh/ConnectionPool';
import { SshConnection } from '../../common/ssh/SshConnection';
import { open, options, sshd } from './helpers';

describe('exec against a real sshd', () => {
  let h: SshdHandle;
  before(async () => {
    h = await sshd();
  });
  after(async () => {
    await h?.stop();
  });

  it('streams stdout and stderr live and returns the exit code', async () => {
    const c = await open(h);
    try {
      const seen: string[] = [];
      const r = await c.exec('echo out1; sleep 0.2; echo err1 >&2; sleep 0.2; echo out2; exit 7', {
        onStdout: (s) => seen.push(`out:${s.trim()}`),
        onStderr: (s) => seen.push(`err:${s.trim()}`),
      });
      assert.equal(r.exitCode, 7);
      assert.equal(r.error, undefined);
      assert.deepEqual(seen, ['out:out1', 'err:err1', 'out:out2'], 'in order, and the pgid marker is not shown');
      assert.ok(r.pgid && r.pgid > 1);
      const ok = await c.exec('true');
      assert.equal(ok.exitCode, 0);
      const sig = await c.exec('kill -TERM $$');
      assert.equal(sig.exitCode, null);
      assert.equal(sig.exitSignal, 'TERM');
    } finally {
      await c.close();
    }
  });

  it('keeps multi-byte characters split across chunks intact', async () => {
    const c = await open(h);
    try {
      let out = '';
      await c.exec("printf 'é%.0s' $(seq 1 5000)", {
        onStdout: (s) => {
          out += s;
        },
      });
      assert.equal(out, 'é'.repeat(5000));
    } finally {
      await c.close();
    }
  });

  it('timeout stops the command', async () => {
    const c = await open(h);
    try {
      const r = await c.exec('sleep 30', { timeoutMs: 300, killGraceMs: 200 });
      assert.equal(r.error?.code, 'timeout');
    } finally {
      await c.close();
    }
  });

  it('the pool reuses one connection for concurrent commands and closes it', async () => {
    const pool = new ConnectionPool({ idleTimeoutMs: 0 });
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) => pool.exec('env', options(h), `echo $SSH_CONNECTION; exit ${i}`)),
    );
    assert.deepEqual(
      results.map((r) => r.exitCode),
      [1, 2, 3, 4],
    );
    assert.equal(pool.size, 1);
    await pool.closeAll();
    assert.equal(pool.size, 0);
  });

  it('the pool closes idle connections', async () => {
    const pool = new ConnectionPool({ idleTimeoutMs: 100 });
    const a = await pool.acquire('env', options(h));
    assert.ok(a.ok);
    const conn = a.connection;
    a.release();
    await conn.closed;
    assert.equal(conn.isClosed, true);
  });

  it('unreachable port → unreachable error value', async () => {
    const port = await freePort();
    const r = await SshConnection.open({ ...options(h), target: { ...options(h).target, port } });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.code, 'unreachable');
    assert.match(!r.ok ? r.error.message : '', /connection refused/);
  });
});
