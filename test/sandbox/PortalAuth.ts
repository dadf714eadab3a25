/**
 * Identities of the simulated portal (§5.2): portal users with passwords (session keys from
 * users/authenticate), ItsYou.online-style clients (client credentials → ES384 JWT), and the portal
 * secret (`authkey=<secret>` or `Authorization: authkey <secret>` is admin).
 */
import { generateKeyPairSync, KeyObject, randomBytes, sign, verify } from 'node:crypto';

export type PortalGroup = 'admin' | 'level1' | 'level2' | 'level3';

export interface PortalUser {
  username: string;
  password: string;
  groups: PortalGroup[];
}
export interface PortalClient {
  clientId: string;
  clientSecret: string;
  groups: PortalGroup[];
}

/** Who a request is: `guest` (no or invalid credentials), or a user with groups. */
export interface Identity {
  user: string;
  groups: PortalGroup[];
  via: 'guest' | 'session' | 'jwt' | 'secret';
}

export const DEFAULT_USERS: PortalUser[] = [
  { username: 'admin', password: 'admin-pass', groups: ['admin'] },
  { username: 'operator', password: 'operator-pass', groups: ['level1'] },
  { username: 'level2', password: 'level2-pass', groups: ['level2'] },
  { username: 'level3', password: 'level3-pass', groups: ['level3'] },
  { username: 'nobody', password: 'nobody-pass', groups: [] },
];

export const DEFAULT_CLIENTS: PortalClient[] = [
  { clientId: 'ays-sandbox', clientSecret: 'ays-sandbox-secret', groups: ['admin'] },
  { clientId: 'ays-operator', clientSecret: 'ays-operator-secret', groups: ['level1'] },
  { clientId: 'ays-nobody', clientSecret: 'ays-nobody-secret', groups: [] },
];

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export class PortalAuth {
  readonly issuer = 'itsyouonline';
  private readonly sessions = new Map<string, PortalUser>();
  private readonly revokedJwts = new Set<string>();
  private readonly keys: { privateKey: KeyObject; publicKey: KeyObject };
  /** Fault: the next request that uses a session key or a JWT is rejected (401) and that credential is dropped. */
  expireNext = false;

  constructor(
    readonly users: PortalUser[] = DEFAULT_USERS,
    readonly clients: PortalClient[] = DEFAULT_CLIENTS,
    readonly portalSecret = 'sandbox-portal-secret',
  ) {
    this.keys = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
  }

  /** PEM of the JWT signing key (ItsYou.online publishes its ES384 key the same way). */
  get jwtPublicKeyPem(): string {
    return this.keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** users/authenticate: a session id, or undefined for a wrong user or password. */
  authenticate(username: string, password: string): string | undefined {
    const u = this.users.find((x) => x.username === username && x.password === password);
    if (!u) return undefined;
    const id = randomBytes(16).toString('hex');
    this.sessions.set(id, u);
    return id;
  }

  /** Client credentials → a signed JWT (ES384), or undefined for a wrong client. */
  issueJwt(clientId: string, clientSecret: string, validitySeconds = 3600): string | undefined {
    const c = this.clients.find((x) => x.clientId === clientId && x.clientSecret === clientSecret);
    if (!c) return undefined;
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      azp: clientId,
      exp: now + validitySeconds,
      iat: now,
      iss: this.issuer,
      jti: randomBytes(8).toString('hex'),
      scope: c.groups.map((g) => `user:memberof:sandbox.environments.demo.${g}`),
      username: clientId,
    };
    const head = b64url(JSON.stringify({ alg: 'ES384', typ: 'JWT' }));
    const body = b64url(JSON.stringify(claims));
    const sig = sign('sha384', Buffer.from(`${head}.${body}`), {
      key: this.keys.privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    return `${head}.${body}.${b64url(sig)}`;
  }

  private checkJwt(token: string): Identity | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    try {
      const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString());
      if (header.alg !== 'ES384') return undefined;
      const ok = verify(
        'sha384',
        Buffer.from(`${parts[0]}.${parts[1]}`),
        { key: this.keys.publicKey, dsaEncoding: 'ieee-p1363' },
        Buffer.from(parts[2], 'base64url'),
      );
      if (!ok) return undefined;
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
      if (claims.iss !== this.issuer || typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now())
        return undefined;
      if (this.revokedJwts.has(claims.jti)) return undefined;
      if (this.expireNext) {
        this.expireNext = false;
        this.revokedJwts.add(claims.jti);
        return undefined;
      }
      const client = this.clients.find((c) => c.clientId === claims.username);
      return { user: `${claims.username}@${claims.iss}`, groups: client?.groups ?? [], via: 'jwt' };
    } catch {
      return undefined;
    }
  }

  private checkKey(key: string): Identity | undefined {
    if (key === this.portalSecret) return { user: 'admin', groups: ['admin'], via: 'secret' };
    const u = this.sessions.get(key);
    if (!u) return undefined;
    if (this.expireNext) {
      this.expireNext = false;
      this.sessions.delete(key);
      return undefined;
    }
    return { user: u.username, groups: u.groups, via: 'session' };
  }

  /** PortalServer.py order: Authorization header (bearer JWT / authkey secret), `authkey` parameter, beaker cookie. */
  identify(headers: Record<string, string | string[] | undefined>, authkeyParam: string | undefined): Identity {
    const guest: Identity = { user: 'guest', groups: [], via: 'guest' };
    const authz = String(headers.authorization ?? '');
    const m = /^(bearer|authkey)\s+(.+)$/i.exec(authz.trim());
    if (m) return (m[1].toLowerCase() === 'bearer' ? this.checkJwt(m[2]) : this.checkKey(m[2])) ?? guest;
    if (authkeyParam) return this.checkKey(authkeyParam) ?? guest;
    const cookie = /(?:^|;\s*)beaker\.session\.id=([^;]+)/.exec(String(headers.cookie ?? ''));
    if (cookie) return this.checkKey(decodeURIComponent(cookie[1])) ?? guest;
    return guest;
  }
}
