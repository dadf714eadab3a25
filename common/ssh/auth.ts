/**
 * Authentication planning: the agent (IdentityAgent → SSH_AUTH_SOCK → the Windows OpenSSH pipe →
 * Pageant), identity files (configured ones, else ~/.ssh/id_ed25519, id_ecdsa, id_rsa), and encrypted
 * keys decrypted with a passphrase callback (with retries). Decrypted keys are cached in memory only,
 * passphrases are never stored or logged.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type { AnyAuthMethod, AuthenticationType, NextAuthHandler, ParsedKey } from 'ssh2';
import { utils } from 'ssh2';

export const WINDOWS_OPENSSH_AGENT_PIPE = '\\\\.\\pipe\\openssh-ssh-agent';

export interface PassphraseRequest {
  keyPath: string;
  /** 1-based. */
  attempt: number;
  /** Set on a retry: why the previous passphrase did not work. */
  previousError?: string;
}
/** Returns the passphrase, or undefined to skip this key. */
export type PassphraseProvider = (req: PassphraseRequest) => Promise<string | undefined>;

export interface AgentDiscovery {
  /** IdentityAgent from ssh_config ('none' disables the agent; 'SSH_AUTH_SOCK' means the variable). */
  identityAgent?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  exists?: (path: string) => boolean;
}

/** The agent to use: a UNIX socket path, the Windows pipe path, 'pageant', or undefined. */
export function discoverAgent(d: AgentDiscovery = {}): string | undefined {
  const env = d.env ?? process.env;
  const platform = d.platform ?? process.platform;
  const exists = d.exists ?? existsSync;
  if (d.identityAgent === 'none') return undefined;
  if (d.identityAgent && d.identityAgent !== 'SSH_AUTH_SOCK') return d.identityAgent;
  const sock = env.SSH_AUTH_SOCK;
  if (sock && (platform === 'win32' || exists(sock))) return sock;
  if (platform === 'win32') return exists(WINDOWS_OPENSSH_AGENT_PIPE) ? WINDOWS_OPENSSH_AGENT_PIPE : 'pageant';
  return undefined;
}

export function displayPath(p: string, home = homedir()): string {
  return p.startsWith(home + '/') ? '~' + p.slice(home.length) : p;
}

/** In-memory cache of decrypted keys, per path (one per connection pool / extension session). */
export type KeyCache = Map<string, ParsedKey>;

export type LoadedKey =
  | { ok: true; key: ParsedKey }
  | { ok: false; reason: 'missing' | 'unreadable' | 'invalid' | 'skipped'; message: string };

function firstKey(k: ParsedKey | ParsedKey[] | Error): ParsedKey | Error {
  return Array.isArray(k) ? k[0] : k;
}

/** Reads a private key, asking for a passphrase (up to `retries` times) when it is encrypted. */
export async function loadPrivateKey(
  path: string,
  passphrase: PassphraseProvider | undefined,
  cache: KeyCache,
  retries = 3,
): Promise<LoadedKey> {
  const cached = cache.get(path);
  if (cached) return { ok: true, key: cached };
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      reason: code === 'ENOENT' ? 'missing' : 'unreadable',
      message: `${path}: ${code ?? (e as Error).message}`,
    };
  }
  let parsed = firstKey(utils.parseKey(data));
  if (!(parsed instanceof Error)) {
    cache.set(path, parsed);
    return { ok: true, key: parsed };
  }
  if (!/encrypted/i.test(parsed.message) || !/passphrase/i.test(parsed.message)) {
    return { ok: false, reason: 'invalid', message: `${path}: ${parsed.message}` };
  }
  if (!passphrase)
    return { ok: false, reason: 'skipped', message: `${path}: encrypted and no passphrase prompt is available` };
  let previousError: string | undefined;
  for (let attempt = 1; attempt <= retries; attempt++) {
    let pass: string | undefined;
    try {
      pass = await passphrase({ keyPath: path, attempt, previousError });
    } catch {
      pass = undefined;
    }
    if (pass === undefined) return { ok: false, reason: 'skipped', message: `${path}: passphrase not given` };
    parsed = firstKey(utils.parseKey(data, pass));
    if (!(parsed instanceof Error)) {
      cache.set(path, parsed);
      return { ok: true, key: parsed };
    }
    previousError = 'wrong passphrase';
  }
  return { ok: false, reason: 'skipped', message: `${path}: wrong passphrase (${retries} attempts)` };
}

export interface AuthPlanOptions {
  username: string;
  agent?: string;
  /** Skip agent keys for authentication (IdentitiesOnly yes); the agent may still be forwarded. */
  identitiesOnly?: boolean;
  identityFiles: string[];
  passphrase?: PassphraseProvider;
  cache: KeyCache;
}

export interface AuthPlan {
  handler: (methodsLeft: AuthenticationType[], partialSuccess: boolean, next: NextAuthHandler) => void;
  /** What was offered to the server, in order (for the auth-failed message). */
  tried: string[];
  /** Identity files that could not be used, with the reason. */
  skipped: string[];
}

/** An ssh2 authHandler: the agent first, then each identity file (decrypting lazily, when reached). */
export function createAuthPlan(o: AuthPlanOptions): AuthPlan {
  const tried: string[] = [];
  const skipped: string[] = [];
  const steps: Array<() => Promise<AnyAuthMethod | undefined>> = [];
  if (o.agent && !o.identitiesOnly) {
    steps.push(async () => {
      tried.push(`agent ${o.agent}`);
      return { type: 'agent', username: o.username, agent: o.agent! };
    });
  }
  for (const f of o.identityFiles) {
    steps.push(async () => {
      const k = await loadPrivateKey(f, o.passphrase, o.cache);
      if (!k.ok) {
        if (k.reason !== 'missing') skipped.push(k.message);
        return undefined;
      }
      tried.push(displayPath(f));
      return { type: 'publickey', username: o.username, key: k.key };
    });
  }
  let i = 0;
  const handler: AuthPlan['handler'] = (_left, _partial, next) => {
    const advance = async (): Promise<void> => {
      while (i < steps.length) {
        const m = await steps[i++]();
        if (m) {
          next(m);
          return;
        }
      }
      next(false as unknown as AuthenticationType);
    };
    advance().catch(() => next(false as unknown as AuthenticationType));
  };
  return { handler, tried, skipped };
}
