/**
 * Credentials of one portal environment (domain.md §5.2): an `authkey` session from
 * `/restmachine/cloudapi/users/authenticate`, or a bearer JWT from a client-credentials token endpoint.
 * Concurrent callers share one login. Secrets come from the caller's `getSecret` and are never kept
 * longer than the login request, nor logged.
 */
import { httpError, malformed } from './errors';
import { encodeParams } from './params';
import { PortalHttp } from './PortalHttp';
import { fail, GetSecret, ok, PortalError, PortalResult } from './types';
import { PortalTarget } from '../environments/types';

export type Credential =
  | { kind: 'authkey'; value: string; obtainedAt: number }
  | { kind: 'jwt'; value: string; obtainedAt: number; expiresAt?: number };

export const AUTHENTICATE_PATH = '/restmachine/cloudapi/users/authenticate';

/** Seconds before a JWT's `exp` at which it is renewed without waiting for a 401. */
const JWT_MARGIN_MS = 60_000;

/** The `exp` claim of a JWT in epoch ms, if it has one (the signature is the portal's business). */
export function jwtExpiry(jwt: string): number | undefined {
  const part = jwt.split('.')[1];
  if (!part) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** A token or session id from a body that is either a JSON string or the bare value. */
function bareValue(text: string): string | undefined {
  let v = text.trim();
  if (v.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(v);
      if (typeof parsed !== 'string') return undefined;
      v = parsed.trim();
    } catch {
      return undefined;
    }
  }
  return v && !/\s/.test(v) ? v : undefined;
}

export class PortalAuth {
  private credential: Credential | undefined;
  private pending: Promise<PortalResult<Credential>> | undefined;

  constructor(
    private readonly http: PortalHttp,
    private readonly target: PortalTarget,
    private readonly baseUrl: string,
    private readonly getSecret: GetSecret,
    private readonly envLabel: string,
  ) {}

  /** The cached credential, unless a JWT is about to expire. */
  current(): Credential | undefined {
    const c = this.credential;
    if (c?.kind === 'jwt' && c.expiresAt !== undefined && c.expiresAt - JWT_MARGIN_MS <= Date.now()) return undefined;
    return c;
  }

  /** The cached credential or a new login (shared by concurrent callers). */
  async ensure(signal?: AbortSignal): Promise<PortalResult<Credential>> {
    const c = this.current();
    return c ? ok(c) : this.login(signal);
  }

  /** Forgets the credential (e.g. after the user changed the secret). */
  forget(): void {
    this.credential = undefined;
  }

  /** Logs in now, replacing the cached credential. Concurrent calls share one request. */
  login(signal?: AbortSignal): Promise<PortalResult<Credential>> {
    if (!this.pending) {
      this.credential = undefined;
      this.pending = (this.target.auth === 'jwt' ? this.loginJwt(signal) : this.loginAuthkey(signal)).then((r) => {
        this.pending = undefined;
        if (r.ok) this.credential = r.value;
        return r;
      });
    }
    return this.pending;
  }

  /** Adds the credential to a request: `authkey` query parameter, or `Authorization: bearer`. */
  apply(c: Credential, url: URL, headers: Record<string, string>): void {
    if (c.kind === 'authkey') url.searchParams.set('authkey', c.value);
    else headers.authorization = `bearer ${c.value}`;
  }

  private async loginAuthkey(signal?: AbortSignal): Promise<PortalResult<Credential>> {
    const username = this.target.username;
    if (!username) return this.config('has auth "authkey" but no "username"');
    const password = await this.secret(
      'password',
      `No portal password is available for user "${username}" of ${this.envLabel}.`,
    );
    if (!password.ok) return password;
    const r = await this.http.request({
      method: 'POST',
      url: this.baseUrl + AUTHENTICATE_PATH,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: encodeParams({ username, password: password.value }),
      signal,
    });
    if (!r.ok) return r;
    if (r.value.status < 200 || r.value.status >= 300)
      return fail(httpError(r.value.status, r.value.text, { path: AUTHENTICATE_PATH, login: true }));
    const session = bareValue(r.value.text);
    if (!session) return fail(malformed(AUTHENTICATE_PATH, 'expected a session id string'));
    return ok({ kind: 'authkey', value: session, obtainedAt: Date.now() });
  }

  private async loginJwt(signal?: AbortSignal): Promise<PortalResult<Credential>> {
    const { clientId, tokenUrl } = this.target;
    if (!clientId) return this.config('has auth "jwt" but no "clientId"');
    if (!tokenUrl) return this.config('has auth "jwt" but no "tokenUrl"');
    let url: URL;
    try {
      url = new URL(tokenUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
    } catch {
      return this.config('has a "tokenUrl" that is not an http(s) URL');
    }
    const secret = await this.secret(
      'clientSecret',
      `No client secret is available for client id "${clientId}" of ${this.envLabel}.`,
    );
    if (!secret.ok) return secret;
    const path = url.pathname;
    const r = await this.http.request({
      method: 'POST',
      url: url.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/jwt, text/plain, */*' },
      body: encodeParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: secret.value,
        response_type: 'id_token',
      }),
      signal,
    });
    if (!r.ok) return r;
    if (r.value.status < 200 || r.value.status >= 300)
      return fail(httpError(r.value.status, r.value.text, { path, login: true }));
    const jwt = bareValue(r.value.text);
    if (!jwt || jwt.split('.').length !== 3) return fail(malformed(path, 'expected a JWT'));
    return ok({ kind: 'jwt', value: jwt, obtainedAt: Date.now(), expiresAt: jwtExpiry(jwt) });
  }

  private async secret(kind: 'password' | 'clientSecret', missing: string): Promise<PortalResult<string>> {
    let value: string | undefined;
    try {
      value = await this.getSecret(kind);
    } catch {
      value = undefined;
    }
    return value ? ok(value) : fail({ code: 'missing-secret', message: missing });
  }

  private config(what: string): PortalResult<never> {
    const error: PortalError = { code: 'invalid-config', message: `The portal settings of ${this.envLabel} ${what}.` };
    return fail(error);
  }
}
