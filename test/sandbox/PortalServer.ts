/**
 * The simulated Cloud Broker Portal (§5) on 127.0.0.1, over HTTP and (with a certificate) HTTPS,
 * plus an ItsYou.online-style token endpoint `POST /v1/oauth/access_token` on the same servers.
 * Parameters come from the query string, an urlencoded body (repeated keys = list) or a JSON body.
 * Errors answer text/plain with the portal's message.
 */
import { createServer as createHttp, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { Socket } from 'node:net';
import { PortalAuth } from './PortalAuth';
import { MSG_503, Params, PortalError, restext, restmachine } from './portalRoutes';

export interface PortalServerOptions {
  statePath: string;
  auth: PortalAuth;
  tls?: { cert: Buffer; key: Buffer };
}

function addParam(p: Params, k: string, v: string): void {
  const cur = p[k];
  p[k] = cur === undefined ? v : Array.isArray(cur) ? [...cur, v] : [cur, v];
}

async function readBody(req: IncomingMessage): Promise<Params> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  const p: Params = {};
  if (!raw.trim()) return p;
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('json') || /^\s*[{[]/.test(raw)) {
    try {
      const j = JSON.parse(raw);
      if (j && typeof j === 'object' && !Array.isArray(j)) Object.assign(p, j);
      return p;
    } catch {
      throw new PortalError(400, 'Could not parse the JSON body');
    }
  }
  for (const [k, v] of new URLSearchParams(raw)) addParam(p, k, v);
  return p;
}

export class PortalServer {
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  httpUrl = '';
  httpsUrl?: string;
  /** Fault: every portal call answers 503 "Can not call API during upgrade". */
  unavailable = false;
  /** Fault: portal calls are accepted and never answered (until the fault is cleared or the sandbox stops). */
  hang = false;
  private readonly hanging = new Set<ServerResponse>();
  /** Every portal call (method, path, status), for tests. */
  readonly log: Array<{ method: string; path: string; status: number; user: string }> = [];

  constructor(private readonly o: PortalServerOptions) {}

  async start(): Promise<void> {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    const listen = async (srv: Server) => {
      srv.on('connection', (s: Socket) => {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
      });
      srv.on('secureConnection', (s: Socket) => {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
      });
      await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
      this.servers.push(srv);
      const a = srv.address();
      return typeof a === 'object' && a ? a.port : 0;
    };
    this.httpUrl = `http://127.0.0.1:${await listen(createHttp(handler))}`;
    if (this.o.tls)
      this.httpsUrl = `https://127.0.0.1:${await listen(createHttps({ cert: this.o.tls.cert, key: this.o.tls.key }, handler))}`;
  }

  /** Clears the hang fault and answers the requests held so far with 503. */
  release(): void {
    this.hang = false;
    for (const res of this.hanging)
      if (!res.destroyed) {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end(MSG_503);
      }
    this.hanging.clear();
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/\/+$/, '');
    let user = 'guest';
    const reply = (status: number, body: unknown, text = false) => {
      this.log.push({ method: req.method ?? 'GET', path, status, user });
      const payload = text ? String(body) : JSON.stringify(body);
      res.writeHead(status, {
        'content-type': text ? 'text/plain; charset=utf-8' : 'application/json',
        'content-length': Buffer.byteLength(payload),
      });
      res.end(payload);
    };
    try {
      const p: Params = {};
      for (const [k, v] of url.searchParams) addParam(p, k, v);
      Object.assign(p, await readBody(req));
      if (path === '/v1/oauth/access_token') return this.token(p, reply);
      const isApi = path.startsWith('/restmachine/') || path.startsWith('/restextmachine/');
      if (!isApi) return reply(404, 'Not Found', true);
      if (this.hang) {
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return;
      }
      if (this.unavailable) return reply(503, MSG_503, true);
      if (
        path === '/restmachine/cloudapi/users/authenticate' ||
        path === '/restmachine/system/usermanager/authenticate'
      ) {
        const [u, pw] = path.includes('cloudapi') ? [p.username, p.password] : [p.name, p.secret];
        const first = (v: unknown) => String(Array.isArray(v) ? v[0] : (v ?? ''));
        if (!first(u))
          throw new PortalError(400, `Param with name:${path.includes('cloudapi') ? 'username' : 'name'} is missing.`);
        const session = this.o.auth.authenticate(first(u), first(pw));
        if (!session) throw new PortalError(401, 'Unauthorized');
        res.setHeader('set-cookie', `beaker.session.id=${session}; Path=/; HttpOnly`);
        return reply(200, session);
      }
      const authkey = p.authkey === undefined ? undefined : String(Array.isArray(p.authkey) ? p.authkey[0] : p.authkey);
      delete p.authkey;
      const id = this.o.auth.identify(req.headers, authkey);
      user = id.user;
      const ext = /^\/restextmachine\/cloudbroker\/(\w+)(?:\/([^/]+))?$/.exec(path);
      if (ext) {
        if (req.method !== 'GET') throw new PortalError(405, 'Only GET is simulated on restextmachine');
        const r = restext(this.o.statePath, id, ext[1], ext[2], url.searchParams);
        return reply(r.status, r.body);
      }
      const r = await restmachine(this.o.statePath, id, path.replace(/^\/restmachine\//, ''), p);
      return reply(r.status, r.body);
    } catch (e) {
      if (e instanceof PortalError) return reply(e.status, e.message, true);
      return reply(500, `Internal server error: ${(e as Error).message}`, true);
    }
  }

  private token(p: Params, reply: (s: number, b: unknown, t?: boolean) => void): void {
    const v = (k: string) => (p[k] === undefined ? '' : String(Array.isArray(p[k]) ? (p[k] as unknown[])[0] : p[k]));
    if (v('grant_type') !== 'client_credentials') return reply(400, 'unsupported grant_type', true);
    const validity = /^\d+$/.test(v('validity')) ? Number(v('validity')) : 86400;
    const jwt = this.o.auth.issueJwt(v('client_id'), v('client_secret'), validity);
    if (!jwt) return reply(401, 'invalid client_id or client_secret', true);
    if (v('response_type') === 'id_token') return reply(200, jwt, true);
    return reply(200, {
      access_token: `opaque-${jwt.slice(-16)}`,
      token_type: 'bearer',
      scope: '',
      expires_in: validity,
      info: { username: v('client_id') },
    });
  }
}
