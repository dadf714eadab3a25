import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { PortalClient, PortalClientOptions } from '../../../common/portal/PortalClient';
import { PortalTarget } from '../../../common/environments/types';
import { PortalResult } from '../../../common/portal/types';
import { PortalFixture, startPortalFixture } from './portalFixture';

function value<T>(r: PortalResult<T>): T {
  if (!r.ok) assert.fail(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}
function error<T>(r: PortalResult<T>) {
  if (r.ok) assert.fail('expected an error');
  return r.error;
}

describe('PortalClient over HTTP against the loopback portal', () => {
  let fx: PortalFixture;
  const logs: string[] = [];
  const clients: PortalClient[] = [];
  before(async () => {
    fx = await startPortalFixture();
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fx.close();
  });

  async function client(
    target: Partial<PortalTarget>,
    secret: string | undefined,
    extra: Partial<PortalClientOptions> = {},
  ) {
    const t: PortalTarget = { url: fx.url, auth: 'authkey', username: 'admin', gid: 1, ...target };
    const c = value(
      await PortalClient.create(t, {
        envName: 'test',
        getSecret: async () => secret,
        log: (l) => logs.push(l),
        retries: 1,
        retryBaseDelayMs: 10,
        ...extra,
      }),
    );
    clients.push(c);
    return c;
  }
  const count = (path: string) => fx.requests.filter((r) => r.path === path).length;

  it('authkey admin: stacks of the grid and all images from restextmachine, one login for parallel calls', async () => {
    const before = count('/restmachine/cloudapi/users/authenticate');
    const c = await client({}, 'admin-pw');
    const s = value(await c.fetchState());
    assert.deepEqual(
      s.stacks.map((x) => x.name),
      ['node-01', 'node-02', 'node-03'],
    );
    assert.equal(s.images.length, 3);
    assert.deepEqual(s.sources, { stacks: 'restext', images: 'restext' });
    assert.equal(s.partial, false);
    assert.equal(count('/restmachine/cloudapi/users/authenticate') - before, 1);
    const last = fx.requests.filter((r) => r.path === '/restextmachine/cloudbroker/stack').at(-1)!;
    assert.equal(last.query.get('gid'), '1');
    assert.match(last.query.get('authkey') ?? '', /^[0-9a-f]{24}$/);
  });

  it('jwt: client-credentials token posted as a form, then sent as a bearer header', async () => {
    const c = await client(
      { auth: 'jwt', clientId: 'ci-admin', tokenUrl: fx.tokenUrl, username: undefined },
      'ci-secret',
    );
    const s = value(await c.fetchState());
    assert.equal(s.stacks.length, 3);
    const tok = fx.requests.filter((r) => r.path === '/v1/oauth/access_token').at(-1)!;
    const form = new URLSearchParams(tok.body);
    assert.deepEqual(
      [form.get('grant_type'), form.get('client_id'), form.get('response_type')],
      ['client_credentials', 'ci-admin', 'id_token'],
    );
    const last = fx.requests.filter((r) => r.path === '/restextmachine/cloudbroker/image').at(-1)!;
    assert.match(String(last.headers.authorization), /^bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal(last.query.get('authkey'), null);
    const bad = await client({ auth: 'jwt', clientId: 'ci-admin', tokenUrl: fx.tokenUrl }, 'wrong');
    assert.equal(error(await bad.fetchState()).code, 'not-authenticated');
  });

  it('level1 user: restextmachine 404 → computenode/list and cloudapi images/list (partial)', async () => {
    const c = await client({ username: 'operator' }, 'op-pw');
    const s = value(await c.fetchState());
    assert.deepEqual(s.sources, { stacks: 'computenode', images: 'cloudapi' });
    assert.equal(s.partial, true);
    assert.equal(s.stacks.length, 3);
    assert.deepEqual(
      s.images.map((i) => i.id),
      [1, 2],
    ); // CREATED only
    assert.equal(
      error(await c.listImages().then(() => c.call('GET', '/restextmachine/cloudbroker/image', {}))).code,
      'not-admin-or-missing',
    );
  });

  it('guest: stacks forbidden become a warning; writes are 403 with the portal text', async () => {
    const c = await client({ username: 'guest' }, 'guest-pw');
    const s = value(await c.fetchState());
    assert.equal(s.sources.stacks, 'none');
    assert.equal(s.warnings[0].code, 'forbidden');
    const e = error(await c.updateNodes(1, [1]));
    assert.equal(e.code, 'forbidden');
    assert.equal(e.status, 403);
    assert.match(e.message, /User guest has no access/);
  });

  it('login failures: wrong password, missing secret, missing username', async () => {
    assert.equal(error(await (await client({}, 'nope')).fetchState()).code, 'not-authenticated');
    const m = error(await (await client({}, undefined)).fetchState());
    assert.equal(m.code, 'missing-secret');
    assert.match(m.message, /user "admin"/);
    assert.equal(error(await (await client({ username: undefined }, 'x')).fetchState()).code, 'invalid-config');
  });

  it('updateNodes sends the complete list as JSON; empty needs allowRemoveEverywhere', async () => {
    const c = await client({}, 'admin-pw');
    value(await c.updateNodes(2, [3, 1, 3]));
    const sent = fx.requests.filter((r) => r.path === '/restmachine/cloudbroker/image/updateNodes').at(-1)!;
    assert.deepEqual(JSON.parse(sent.body), { imageId: 2, enabledStacks: [1, 3] });
    assert.match(String(sent.headers['content-type']), /application\/json/);
    assert.deepEqual(
      fx.stacks.filter((s) => s.images.includes(2)).map((s) => s.id),
      [1, 3],
    );
    const n = count('/restmachine/cloudbroker/image/updateNodes');
    assert.equal(error(await c.updateNodes(2, [])).code, 'confirmation-required');
    assert.equal(count('/restmachine/cloudbroker/image/updateNodes'), n, 'nothing sent');
    value(await c.updateNodes(2, [], { allowRemoveEverywhere: true }));
    assert.deepEqual(
      fx.stacks.filter((s) => s.images.includes(2)),
      [],
    );
    value(await c.updateNodes(2, [1, 2, 9]));
  });

  it('400 keeps the portal text; enable, disable, delete', async () => {
    const c = await client({}, 'admin-pw');
    const e = error(await c.updateNodes(77, [1]));
    assert.deepEqual([e.code, e.status], ['bad-request', 400]);
    assert.match(e.message, /Image with id "77" not found/);
    value(await c.disable(1));
    assert.equal(fx.images[0].status, 'DISABLED');
    value(await c.enable(1));
    assert.equal(fx.images[0].status, 'CREATED');
    assert.equal(error(await c.delete(3, 'old', false)).code, 'bad-request'); // DISABLED: not created
    assert.equal(error(await c.enable(-1)).code, 'bad-request');
  });

  it('503 during an upgrade; malformed JSON', async () => {
    const c = await client({}, 'admin-pw');
    fx.faults.upgrading = true;
    try {
      const e = error(await c.fetchState());
      assert.deepEqual([e.code, e.status], ['upgrading', 503]);
      assert.match(e.message, /Can not call API during upgrade/);
    } finally {
      fx.faults.upgrading = false;
    }
    value(await c.login());
    fx.faults.malformed = true;
    try {
      assert.equal(error(await c.listStacks()).code, 'malformed-response');
    } finally {
      fx.faults.malformed = false;
    }
  });

  it('an expired session is renewed once; if renewal fails: auth-expired', async () => {
    const c = await client({}, 'admin-pw');
    value(await c.listStacks());
    const logins = count('/restmachine/cloudapi/users/authenticate');
    fx.expireSessions();
    value(await c.listStacks());
    assert.equal(count('/restmachine/cloudapi/users/authenticate'), logins + 1);
    fx.expireSessions();
    fx.faults.loginsFail = true;
    try {
      const e = error(await c.listStacks());
      assert.equal(e.code, 'auth-expired');
      assert.match(e.message, /sign in again/);
    } finally {
      fx.faults.loginsFail = false;
    }
    value(await c.listStacks()); // after the caller fixed things, a plain login
  });

  it('GETs are retried on 502 (not POSTs, not 4xx)', async () => {
    const c = await client({}, 'admin-pw');
    value(await c.login());
    fx.faults.status502Count = 1;
    value(await c.listImages());
    fx.faults.status502Count = 1;
    const e = error(await c.updateNodes(1, [1, 2, 3]));
    assert.deepEqual([e.code, e.status], ['server-error', 502]);
    assert.match(e.message, /502 Bad Gateway/);
    fx.faults.status502Count = 0;
    const n = fx.requests.length;
    error(await c.updateNodes(77, [1]));
    assert.equal(fx.requests.length, n + 1);
  });

  it('a hanging portal times out (bounded retries) and a call can be cancelled', async () => {
    const c = await client({}, 'admin-pw', { headersTimeoutMs: 200, retries: 1, retryBaseDelayMs: 10 });
    value(await c.login());
    fx.faults.hang = true;
    try {
      const t0 = Date.now();
      const e = error(await c.listStacks());
      assert.equal(e.code, 'timeout');
      assert.match(e.message, /did not answer within 0\.2 s/);
      assert.ok(Date.now() - t0 < 3000);
      const ac = new AbortController();
      const p = c.listImages({ signal: ac.signal });
      setTimeout(() => ac.abort(), 50);
      assert.equal(error(await p).code, 'cancelled');
      assert.equal(error(await c.listImages({ signal: AbortSignal.abort() })).code, 'cancelled');
    } finally {
      fx.faults.hang = false;
    }
  });

  it('keeps one connection alive for sequential requests', async () => {
    const c = await client({}, 'admin-pw');
    value(await c.login());
    const before = fx.connectionCount();
    for (let i = 0; i < 20; i++) value(await c.listImages());
    // undici may open a second socket when a request is dispatched the moment the previous one ends.
    assert.ok(fx.connectionCount() - before <= 1, `${fx.connectionCount() - before} new connections for 20 requests`);
  });

  it('connection refused', async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const c = await client({ url: `http://127.0.0.1:${port}` }, 'admin-pw', { retries: 0 });
    const e = error(await c.fetchState());
    assert.equal(e.code, 'connection-refused');
    assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
  });

  it('OSIS search answers [count, …objects] are understood', async () => {
    const f2 = await startPortalFixture({ osisCountPrefix: true });
    try {
      const c = value(
        await PortalClient.create(
          { url: f2.url, auth: 'authkey', username: 'admin' },
          { getSecret: async () => 'admin-pw' },
        ),
      );
      const s = value(await c.fetchState());
      assert.equal(s.stacks.length, 4);
      assert.equal(s.images.length, 3);
      await c.close();
    } finally {
      await f2.close();
    }
  });

  it('invalid config is an error value', async () => {
    for (const url of ['ftp://x', 'not a url', 'https://u:p@host']) {
      assert.equal(
        error(await PortalClient.create({ url, auth: 'authkey' }, { getSecret: async () => 'x' })).code,
        'invalid-config',
      );
    }
  });

  it('log lines carry no secret', () => {
    const all = logs.join('\n');
    assert.ok(logs.length > 20);
    for (const secret of ['admin-pw', 'op-pw', 'guest-pw', 'ci-secret']) assert.ok(!all.includes(secret), secret);
    assert.ok(!/authkey=[0-9a-f]/.test(all), 'session ids are redacted');
    assert.ok(!/bearer|eyJ/.test(all), 'no JWT');
    assert.match(all, /GET http:\/\/127\.0\.0\.1:\d+\/restextmachine\/cloudbroker\/stack\?gid=1&authkey=\*\*\* → 200/);
  });
});
