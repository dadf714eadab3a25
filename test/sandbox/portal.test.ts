/** The simulated Cloud Broker Portal: auth (sessions, JWT, portal secret), groups, errors, updateNodes, faults, HTTPS. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { Sandbox, startSandbox } from './index';
import { MSG_401, MSG_503 } from './portalRoutes';

interface Res {
  status: number;
  body: string;
  json?: unknown;
  headers: Record<string, string | string[] | undefined>;
}

function call(
  url: string,
  o: {
    method?: string;
    body?: string;
    type?: string;
    headers?: Record<string, string>;
    ca?: Buffer;
    timeoutMs?: number;
  } = {},
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = (url.startsWith('https') ? httpsRequest : httpRequest)(
      url,
      {
        method: o.method ?? (o.body !== undefined ? 'POST' : 'GET'),
        ca: o.ca,
        timeout: o.timeoutMs ?? 5000,
        headers: {
          ...(o.body !== undefined ? { 'content-type': o.type ?? 'application/x-www-form-urlencoded' } : {}),
          ...o.headers,
        },
      },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(body);
          } catch {
            /* text */
          }
          resolve({ status: res.statusCode ?? 0, body, json, headers: res.headers });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(o.body);
  });
}

describe('sandbox: Cloud Broker Portal', () => {
  let sb: Sandbox;
  let base: string;
  let key: string; // admin session
  const api = (path: string, o: Parameters<typeof call>[1] = {}) => call(`${base}${path}`, o);
  const login = async (u: string, p: string) =>
    (await api('/restmachine/cloudapi/users/authenticate', { body: `username=${u}&password=${p}` })).json as string;
  const stacksWith = (id: number) =>
    sb
      .readState()
      .stacks.filter((s) => s.images.includes(id))
      .map((s) => s.id);

  before(async () => {
    sb = await startSandbox({ ssh: 'ssh2' });
    base = sb.portal.httpUrl;
    key = await login('admin', 'admin-pass');
  });
  after(async () => {
    await sb?.stop();
  });

  it('authenticates users; wrong passwords and guests get 401', async () => {
    assert.match(key, /^[0-9a-f]{32}$/);
    assert.equal(
      (await api('/restmachine/cloudapi/users/authenticate', { body: 'username=admin&password=x' })).status,
      401,
    );
    const r = await api('/restmachine/cloudbroker/computenode/list');
    assert.deepEqual([r.status, r.body], [401, MSG_401]);
  });

  it('accepts the session as authkey query/form param, beaker cookie; the portal secret via Authorization: authkey', async () => {
    assert.equal((await api(`/restmachine/cloudbroker/computenode/list?authkey=${key}`)).status, 200);
    assert.equal(
      (await api('/restmachine/cloudbroker/computenode/list', { body: `authkey=${key}&gid=1` })).status,
      200,
    );
    assert.equal(
      (await api('/restmachine/cloudbroker/computenode/list', { headers: { cookie: `beaker.session.id=${key}` } }))
        .status,
      200,
    );
    const r = await api('/restextmachine/cloudbroker/stack?gid=1', {
      headers: { authorization: `authkey ${sb.portal.portalSecret}` },
    });
    assert.deepEqual(
      (r.json as Array<{ name: string }>).map((s) => s.name),
      sb.nodes,
    );
  });

  it('issues ES384 JWTs by client credentials; bearer works, tampering and wrong secrets do not', async () => {
    const ca = sb.portal.caFile ? readFileSync(sb.portal.caFile) : undefined;
    const tok = await call(sb.portal.tokenUrl, {
      body: 'grant_type=client_credentials&client_id=ays-sandbox&client_secret=ays-sandbox-secret&response_type=id_token',
      ca,
    });
    assert.equal(tok.status, 200);
    const jwt = tok.body;
    assert.equal(JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString()).alg, 'ES384');
    assert.equal(
      (await api('/restextmachine/cloudbroker/image', { headers: { authorization: `bearer ${jwt}` } })).status,
      200,
    );
    assert.equal(
      (await api('/restextmachine/cloudbroker/image', { headers: { authorization: `bearer ${jwt.slice(0, -3)}abc` } }))
        .status,
      401,
    );
    assert.equal(
      (
        await call(sb.portal.tokenUrl, {
          body: 'grant_type=client_credentials&client_id=ays-sandbox&client_secret=nope&response_type=id_token',
          ca,
        })
      ).status,
      401,
    );
  });

  it('groups: no group → 403 text; level1 may use cloudbroker but restextmachine answers 404', async () => {
    const nobody = await login('nobody', 'nobody-pass');
    const r = await api(`/restmachine/cloudbroker/image/enable?authkey=${nobody}&imageId=11`);
    assert.deepEqual(
      [r.status, r.body],
      [403, 'User nobody has no access. If you would like to gain access please contact your adminstrator'],
    );
    const op = await login('operator', 'operator-pass');
    assert.equal((await api(`/restmachine/cloudbroker/image/enable?authkey=${op}&imageId=11`)).json, true);
    assert.equal((await api(`/restextmachine/cloudbroker/stack?authkey=${op}`)).status, 404);
    const img = await api(`/restextmachine/cloudbroker/image/12?authkey=${key}`);
    assert.equal((img.json as { name: string }).name, 'Windows 2012r2 Standard');
    assert.deepEqual(
      (
        (await api(`/restextmachine/cloudbroker/image?name=Ubuntu%2016.04%20x64&authkey=${key}`)).json as Array<{
          id: number;
        }>
      ).map((i) => i.id),
      [11],
    );
  });

  it('updateNodes: complete-set semantics in every parameter encoding', async () => {
    const u = (o: Parameters<typeof call>[1]) => api('/restmachine/cloudbroker/image/updateNodes', o);
    assert.equal((await u({ body: `authkey=${key}&imageId=11&enabledStacks=1&enabledStacks=3` })).json, true);
    assert.deepEqual(stacksWith(11), [1, 3]);
    await u({
      body: JSON.stringify({ imageId: 11, enabledStacks: [2] }),
      type: 'application/json',
      headers: { cookie: `beaker.session.id=${key}` },
    });
    assert.deepEqual(stacksWith(11), [2]);
    await api(`/restmachine/cloudbroker/image/updateNodes?authkey=${key}&imageId=11&enabledStacks=%5B1%2C2%5D`);
    assert.deepEqual(stacksWith(11), [1, 2]);
    await api(`/restmachine/cloudbroker/image/updateNodes?authkey=${key}&imageId=11&enabledStacks=3`);
    assert.deepEqual(stacksWith(11), [3]);
    await u({ body: `authkey=${key}&imageId=11` });
    assert.deepEqual(stacksWith(11), [], 'a missing list removes the image everywhere');
    await u({
      body: JSON.stringify({ imageId: 11, enabledStacks: [1, 2, 3] }),
      type: 'application/json',
      headers: { authorization: `authkey ${sb.portal.portalSecret}` },
    });
    assert.deepEqual(stacksWith(11), [1, 2, 3]);
  });

  it('400 errors carry the portal texts', async () => {
    const e = async (q: string) => {
      const r = await api(`/restmachine/cloudbroker/image/updateNodes?authkey=${key}${q}`);
      return [r.status, r.body];
    };
    assert.deepEqual(await e(''), [400, 'Param with name:imageId is missing.']);
    assert.deepEqual(await e('&imageId=abc'), [400, 'Value of param imageId not correct needs to be of type int']);
    assert.deepEqual(await e('&imageId=999'), [400, 'Image with id "999" not found']);
  });

  it('enable/disable/delete and cloudapi images/list (CREATED only)', async () => {
    const a = (m: string, q: string) => api(`/restmachine/cloudbroker/image/${m}?authkey=${key}&${q}`);
    assert.equal((await a('disable', 'imageId=12')).json, true);
    let list = (await api(`/restmachine/cloudapi/images/list?authkey=${key}`)).json as Array<{ id: number }>;
    assert.deepEqual(
      list.map((i) => i.id),
      [11],
    );
    assert.equal((await a('delete', 'imageId=12&reason=test')).status, 400, 'not CREATED');
    await a('enable', 'imageId=12');
    assert.equal((await a('delete', 'imageId=12&reason=test&permanently=true')).json, true);
    const img = sb.readState().images.find((i) => i.id === 12)!;
    assert.equal(img.status, 'DESTROYED');
    assert.deepEqual(stacksWith(12), []);
    assert.equal((await a('enable', 'imageId=12')).status, 400);
    list = (await api(`/restmachine/cloudapi/images/list?authkey=${key}`)).json as Array<{ id: number }>;
    assert.deepEqual(
      list.map((i) => i.id),
      [11],
    );
  });

  it('faults: 503 during "upgrade", a hanging portal, an expired session (rejected once)', async () => {
    sb.faults.setPortalUnavailable(true);
    const r = await api(`/restmachine/cloudbroker/computenode/list?authkey=${key}`);
    assert.deepEqual([r.status, r.body], [503, MSG_503]);
    sb.faults.setPortalUnavailable(false);
    sb.faults.setPortalHang(true);
    await assert.rejects(
      api(`/restmachine/cloudbroker/computenode/list?authkey=${key}`, { timeoutMs: 300 }),
      /timeout|socket hang up/,
    );
    sb.faults.setPortalHang(false);
    sb.faults.expireSessionOnce();
    assert.equal((await api(`/restmachine/cloudbroker/computenode/list?authkey=${key}`)).status, 401);
    assert.equal(
      (await api(`/restmachine/cloudbroker/computenode/list?authkey=${key}`)).status,
      401,
      'the session is gone',
    );
    key = await login('admin', 'admin-pass');
    assert.equal((await api(`/restmachine/cloudbroker/computenode/list?authkey=${key}`)).status, 200);
  });

  it('HTTPS with the sandbox CA file; without it the certificate is refused', async () => {
    if (!sb.portal.httpsUrl) return;
    const ca = readFileSync(sb.portal.caFile!);
    const r = await call(`${sb.portal.httpsUrl}/restmachine/cloudbroker/computenode/list?authkey=${key}`, { ca });
    assert.equal(r.status, 200);
    assert.equal(sb.env.portal.url, sb.portal.httpsUrl);
    await assert.rejects(
      call(`${sb.portal.httpsUrl}/restmachine/cloudbroker/computenode/list`, { ca: Buffer.from('') }),
      /certificate|self.signed|issuer/i,
    );
  });
});
