/**
 * A small loopback Cloud Broker Portal for the client tests and the benchmark, following
 * domain.md §5 (paths, parameter encodings, authkey sessions, bearer JWTs from a client-credentials
 * endpoint, groups, the 400/401/403/404/503 answers) with faults on demand. HTTP, or HTTPS with a
 * self-signed certificate made by `openssl req -x509` on 127.0.0.1. Not the sandbox: a stand-in
 * until test/sandbox provides `startSandbox()`. (Lives here, not in fixtures/: the build skips those.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

import {
  defaultState,
  type FixtureClient,
  type FixtureImage,
  type FixtureOptions,
  type FixtureStack,
  type FixtureUser,
  type PortalFixture,
  type RecordedRequest,
} from './portalFixtureState';

export {
  defaultState,
  type FixtureClient,
  type FixtureImage,
  type FixtureOptions,
  type FixtureStack,
  type FixtureUser,
  type PortalFixture,
  type RecordedRequest,
};

function makeCert(dir: string): { key: string; cert: string; certFile: string } {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}

const b64url = (s: string) => Buffer.from(s).toString('base64url');

/** Parameters from the query, a form body (repeated keys → list) or a JSON body (§5.1). */
function paramsOf(query: URLSearchParams, body: string, type: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const addPairs = (p: URLSearchParams) => {
    for (const key of new Set(p.keys())) {
      const all = p.getAll(key);
      out[key] = all.length > 1 ? all : all[0];
    }
  };
  addPairs(query);
  if (body && /json/.test(type ?? '')) Object.assign(out, JSON.parse(body));
  else if (body) addPairs(new URLSearchParams(body));
  return out;
}

function intList(v: unknown): number[] | undefined {
  if (v === undefined || v === '') return [];
  if (typeof v === 'string' && v.trim().startsWith('[')) return intList(JSON.parse(v));
  const arr = Array.isArray(v) ? v : [v];
  const out = arr.map((x) => Number(x));
  return out.every(Number.isInteger) ? out : undefined;
}

export async function startPortalFixture(options: FixtureOptions = {}): Promise<PortalFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-fixture-'));
  const state = defaultState();
  const stacks = options.stacks ?? state.stacks;
  const images = options.images ?? state.images;
  const users: FixtureUser[] = [
    { name: 'admin', password: 'admin-pw', groups: ['admin'] },
    { name: 'operator', password: 'op-pw', groups: ['level1'] },
    { name: 'guest', password: 'guest-pw', groups: ['user'] },
  ];
  const clients: FixtureClient[] = [
    { id: 'ci-admin', secret: 'ci-secret', user: 'ci', groups: ['admin'] },
    { id: 'ci-user', secret: 'user-secret', user: 'cu', groups: ['user'] },
  ];
  const sessions = new Map<string, FixtureUser>();
  const tokens = new Map<string, { user: string; groups: string[] }>();
  const faults = {
    upgrading: false,
    hang: false,
    restext404: false,
    computenode404: false,
    loginsFail: false,
    malformed: false,
    status502Count: 0,
  };
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;

  const send = (res: http.ServerResponse, status: number, value: unknown) => {
    const text = JSON.stringify(value);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    requests.push({ method: req.method ?? '', path, query: url.searchParams, headers: req.headers, body });
    if (faults.hang) return; // never answer
    if (faults.status502Count > 0) {
      faults.status502Count--;
      res.writeHead(502, { 'content-type': 'text/html' });
      return res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    }
    let params: Record<string, unknown>;
    try {
      params = paramsOf(url.searchParams, body, req.headers['content-type']);
    } catch {
      return send(res, 400, 'Could not parse the request body');
    }
    if (path === '/v1/oauth/access_token') {
      const c = clients.find((x) => x.id === params.client_id && x.secret === params.client_secret);
      if (faults.loginsFail || !c || params.grant_type !== 'client_credentials')
        return send(res, 401, 'invalid client credentials');
      const jwt = `${b64url(JSON.stringify({ alg: 'ES384', typ: 'JWT' }))}.${b64url(JSON.stringify({ azp: c.id, username: c.user, iss: 'itsyouonline', exp: Math.floor(Date.now() / 1000) + 3600 }))}.${randomBytes(16).toString('base64url')}`;
      tokens.set(jwt, { user: c.user, groups: c.groups });
      res.writeHead(200, { 'content-type': 'application/jwt' });
      return res.end(jwt);
    }
    if (faults.upgrading) return send(res, 503, 'Can not call API during upgrade');
    if (path === '/restmachine/cloudapi/users/authenticate') {
      const u = users.find((x) => x.name === params.username && x.password === params.password);
      if (faults.loginsFail || !u) return send(res, 401, 'Unauthorized');
      const id = randomBytes(12).toString('hex');
      sessions.set(id, u);
      return send(res, 200, id);
    }
    // who is calling
    let who: { user: string; groups: string[] } | undefined;
    const authz = req.headers.authorization;
    if (authz && /^bearer /i.test(authz)) who = tokens.get(authz.slice(7).trim());
    else if (typeof params.authkey === 'string') {
      const u = sessions.get(params.authkey);
      if (u) who = { user: u.name, groups: u.groups };
    }
    if (!who) return send(res, 401, 'NO VALID AUTHORIZATION KEY GIVEN, use get param called key (or login first)');
    const admin = who.groups.includes('admin');
    const level = admin || who.groups.some((g) => /^level[123]$/.test(g));
    if (faults.malformed) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"not json');
    }
    if (path.startsWith('/restextmachine/')) {
      if (!admin || faults.restext404) return send(res, 404, 'Not Found');
      const filter = (o: Record<string, unknown>) =>
        [...url.searchParams]
          .filter(([k]) => k !== 'authkey')
          .every(([k, v]) => String(o[k]) === (/^\d+$/.test(v) ? String(Number(v)) : v));
      let list: Record<string, unknown>[] | undefined;
      if (path === '/restextmachine/cloudbroker/stack') list = stacks.filter(filter);
      if (path === '/restextmachine/cloudbroker/image') list = images.filter(filter);
      if (!list) return send(res, 404, 'Not Found');
      return send(res, 200, options.osisCountPrefix ? [list.length, ...list] : list);
    }
    if (path === '/restmachine/cloudapi/images/list') {
      return send(
        res,
        200,
        images
          .filter((i) => i.status === 'CREATED' && i.referenceId && i.accountId === 0)
          .map(({ id, name, type, size, username, accountId, status }) => ({
            id,
            name,
            description: '',
            type,
            size,
            username,
            accountId,
            status,
          })),
      );
    }
    if (path.startsWith('/restmachine/cloudbroker/')) {
      if (!level)
        return send(
          res,
          403,
          `User ${who.user} has no access. If you would like to gain access please contact your adminstrator`,
        );
      if (path === '/restmachine/cloudbroker/computenode/list') {
        if (faults.computenode404) return send(res, 404, 'Not Found');
        const gid = params.gid === undefined ? undefined : Number(params.gid);
        return send(
          res,
          200,
          stacks.filter((s) => gid === undefined || s.gid === gid),
        );
      }
      const m = /^\/restmachine\/cloudbroker\/image\/(updateNodes|enable|disable|delete)$/.exec(path);
      if (!m) return send(res, 404, 'Not Found');
      if (params.imageId === undefined) return send(res, 400, 'Param with name:imageId is missing.');
      const imageId = Number(params.imageId);
      if (!Number.isInteger(imageId))
        return send(res, 400, 'Value of param imageId not correct needs to be of type int');
      const image = images.find((i) => i.id === imageId);
      if (!image) return send(res, 400, `Image with id "${params.imageId}" not found`);
      if (m[1] === 'updateNodes') {
        const enabled = intList(params.enabledStacks);
        if (!enabled) return send(res, 400, 'Value of param enabledStacks not correct needs to be of type list');
        for (const s of stacks) {
          const has = s.images.includes(imageId);
          if (enabled.includes(s.id) && !has) s.images.push(imageId);
          if (!enabled.includes(s.id) && has) s.images = s.images.filter((x) => x !== imageId);
        }
        return send(res, 200, true);
      }
      if (m[1] === 'enable' || m[1] === 'disable') {
        if (image.status === 'DELETED' || image.status === 'DESTROYED')
          return send(res, 400, `Can not ${m[1]} an image which is ${image.status.toLowerCase()}`);
        image.status = m[1] === 'enable' ? 'CREATED' : 'DISABLED';
        return send(res, 200, true);
      }
      if (image.status !== 'CREATED') return send(res, 400, 'Can not delete an image which is not created yet.');
      const permanently = params.permanently === true || params.permanently === 'true' || params.permanently === 'True';
      image.status = permanently ? 'DESTROYED' : 'DELETED';
      for (const s of stacks) s.images = s.images.filter((x) => x !== imageId);
      return send(res, 200, true);
    }
    return send(res, 404, 'Not Found');
  };

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  };
  let caFile: string | undefined;
  let server: http.Server | https.Server;
  if (options.tls) {
    const { key, cert, certFile } = makeCert(dir);
    caFile = certFile;
    server = https.createServer({ key, cert }, listener);
    server.on('secureConnection', (s: Socket) => {
      connections++;
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
  } else {
    server = http.createServer(listener);
    server.on('connection', (s: Socket) => {
      connections++;
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
  }
  // A TLS handshake that fails never reaches secureConnection: track raw sockets too, for close().
  const raw = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    raw.add(s);
    s.on('close', () => raw.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url,
    tokenUrl: `${url}/v1/oauth/access_token`,
    caFile,
    stacks,
    images,
    users,
    clients,
    faults,
    requests,
    expireSessions: () => {
      sessions.clear();
      tokens.clear();
    },
    connectionCount: () => connections,
    close: async () => {
      for (const s of raw) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
