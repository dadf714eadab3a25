/**
 * Hostile portals on loopback (issue 10 items 16, 17): a body sent one byte every few seconds, a
 * portal that answers login and then hangs, and an oversized answer. One deadline per operation
 * covers the retries; a timed-out request is retried at most once; the message says the real elapsed
 * time; answers over the size cap fail with a clear error without being buffered whole.
 */
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUTHENTICATE_PATH } from '../../../common/portal/PortalAuth';
import { runCli } from '../../../server/src/cli/main';
import { PortalClient, PortalClientOptions } from '../../../common/portal/PortalClient';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, count: number) => void;

/** A loopback HTTP portal: login always works, every other request goes to `handler`. */
async function hostilePortal(
  handler: Handler,
): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let count = 0;
  const sockets = new Set<Socket>();
  const srv = http.createServer((req, res) => {
    if (req.url?.startsWith(AUTHENTICATE_PATH)) {
      res.setHeader('content-type', 'application/json');
      res.end('"session-1"');
      return;
    }
    count++;
    handler(req, res, count);
  });
  srv.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return {
    url,
    requests: () => count,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        srv.close(() => r());
      }),
  };
}

const slowLorisTimers = new Set<NodeJS.Timeout>();
/** Headers at once, then one byte every `everyMs` (never ends on its own). */
function slowLoris(everyMs: number): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('[');
    const t = setInterval(() => {
      if (!res.destroyed) res.write(' ');
    }, everyMs);
    slowLorisTimers.add(t);
    res.on('close', () => {
      clearInterval(t);
      slowLorisTimers.delete(t);
    });
  };
}

async function client(url: string, extra: Partial<PortalClientOptions> = {}): Promise<PortalClient> {
  const r = await PortalClient.create(
    { url, auth: 'authkey', username: 'admin' },
    { getSecret: async () => 'pw', envName: 'hostile', ...extra },
  );
  assert.ok(r.ok);
  return r.value;
}

describe('hostile portals: one deadline per operation, a capped answer', { timeout: 60_000 }, () => {
  const closers: Array<() => Promise<void>> = [];
  after(async () => {
    for (const t of slowLorisTimers) clearInterval(t);
    for (const c of closers) await c();
  });

  /** A hostile portal and a client for it (both closed after the suite); `call` is timed. */
  async function against<T>(
    handler: Handler,
    options: Partial<PortalClientOptions>,
    call: (c: PortalClient) => Promise<T>,
  ) {
    const p = await hostilePortal(handler);
    closers.push(p.close);
    const c = await client(p.url, options);
    closers.push(() => c.close());
    const t0 = Date.now();
    const r = await call(c);
    return { r, ms: Date.now() - t0, requests: p.requests };
  }

  it('a slow-loris body (1 byte / 1 s) hits the operation deadline: a clear error with the real elapsed time', async () => {
    const { r, ms } = await against(slowLoris(1000), { timeoutMs: 2500 }, (c) => c.listImages());
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.code, 'timeout');
    assert.ok(ms < 3500, `gave up after ${ms} ms (deadline 2500 ms)`);
    assert.match(r.error.message, /within the 2\.5 s deadline/);
    assert.match(r.error.message, /gave up after 2\.[5-9] s|gave up after 3\.\d s/);
  });

  it('a portal that answers login, then hangs: clear error within the deadline, at most one retry of a timed-out request', async () => {
    const { r, ms, requests } = await against(
      () => undefined,
      { timeoutMs: 10_000, headersTimeoutMs: 800, retryBaseDelayMs: 10 },
      (c) => c.listImages(),
    );
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.code, 'timeout');
    assert.equal(requests(), 2, 'the first try and one retry, no more');
    assert.ok(ms < 3000, `took ${ms} ms`);
    assert.match(r.error.message, /did not answer within 0\.8 s \(2 tries, \d+\.\d s in all\)/);
  });

  it('the deadline covers the retries: a hanging portal with a long header timeout still ends at the deadline', async () => {
    const { r, ms } = await against(
      () => undefined,
      { timeoutMs: 1500 },
      (c) => c.fetchState(),
    );
    assert.equal(!r.ok && r.error.code, 'timeout');
    assert.ok(ms >= 1400 && ms < 2500, `took ${ms} ms`);
    assert.match(!r.ok ? r.error.message : '', /within the 1\.5 s deadline/);
  });

  it('CLI `images --timeout 2` against a slow-loris portal: exit 1 with the deadline message in about 2 s', async () => {
    const p = await hostilePortal(slowLoris(1000));
    closers.push(p.close);
    const dir = mkdtempSync(join(tmpdir(), 'ays-portal-cli-'));
    closers.push(async () => rmSync(dir, { recursive: true, force: true }));
    const config = join(dir, 'envs.json');
    writeFileSync(
      config,
      JSON.stringify([
        {
          name: 'slow',
          repoPath: '/opt/code/env',
          nodes: ['n1'],
          ovcGit: { host: '127.0.0.1' },
          portal: { url: p.url, auth: 'authkey', username: 'admin' },
        },
      ]),
    );
    let err = '';
    const io = {
      out: { write: () => undefined },
      err: {
        write: (x: string) => {
          err += x;
        },
      },
      cwd: dir,
      env: { AYS_PORTAL_PASSWORD: 'pw' },
    };
    const t0 = Date.now();
    const code = await runCli(['images', '--env', 'slow', '--config', config, '--timeout', '2'], io);
    const ms = Date.now() - t0;
    assert.equal(code, 1, err);
    assert.match(err, /within the 2 s deadline \(gave up after 2\.\d s/);
    assert.ok(ms < 3500, `took ${ms} ms`);
    assert.equal(await runCli(['images', '--env', 'slow', '--config', config, '--timeout', 'soon'], io), 2);
  });

  it("the caller's own cancel is still `cancelled`, not a timeout", async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const { r } = await against(
      () => undefined,
      { timeoutMs: 5000 },
      (c) => c.listImages({ signal: ac.signal }),
    );
    assert.equal(!r.ok && r.error.code, 'cancelled');
  });

  for (const chunked of [false, true]) {
    it(`an answer over the size cap (${chunked ? 'chunked' : 'with Content-Length'}) fails with a clear error`, async () => {
      const size = 3 * 1024 * 1024;
      let sent = 0;
      const { r } = await against(
        (_req, res) => {
          res.writeHead(200, {
            'content-type': 'application/json',
            ...(chunked ? {} : { 'content-length': String(size) }),
          });
          const chunk = Buffer.alloc(64 * 1024, 0x20);
          const pump = () => {
            while (sent < size && !res.destroyed) {
              sent += chunk.length;
              if (!res.write(chunk)) return res.once('drain', pump);
            }
            if (sent >= size) res.end();
          };
          pump();
        },
        { maxResponseBytes: 1024 * 1024 },
        (c) => c.listImages(),
      );
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.error.code, 'too-large');
      assert.match(r.error.message, /larger than the 1 MB limit/);
    });
  }

  it('an answer under the cap is read as before', async () => {
    const { r } = await against(
      (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end('[]');
      },
      { maxResponseBytes: 1024 },
      (c) => c.listImages(),
    );
    assert.ok(r.ok);
  });
});
