/**
 * ~/.ssh/config resolution with the `ssh-config` package: a `Host` alias gives HostName, Port, User,
 * IdentityFile, IdentitiesOnly, IdentityAgent, ForwardAgent, ConnectTimeout, UserKnownHostsFile,
 * StrictHostKeyChecking and ProxyJump (one hop).
 * `Include` is expanded here (the library does not): files are inlined in place, globs in the last path
 * segment, relative paths from ~/.ssh. `Match exec` is never evaluated.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { parse } from 'ssh-config';
import { SshError, sshError } from './errors';

export interface SshTargetInput {
  /** Host name, IP, or ssh_config alias. */
  host: string;
  /** Explicit values win over ssh_config (as on the ssh command line); then ssh_config; then 22 / root. */
  port?: number;
  user?: string;
  identityFile?: string;
}

export interface ResolvedSshTarget {
  /** What the user wrote (the alias, if any). */
  alias: string;
  hostName: string;
  port: number;
  user: string;
  /** Candidate identity files, `~` and %-tokens expanded (existence is checked at auth time). */
  identityFiles: string[];
  /** True when the identity files came from the environment or ssh_config (not the defaults). */
  identityFilesConfigured: boolean;
  identitiesOnly: boolean;
  /** IdentityAgent from ssh_config: a socket path, 'none', or 'SSH_AUTH_SOCK'. */
  identityAgent?: string;
  forwardAgent?: boolean;
  connectTimeoutMs?: number;
  /**
   * UserKnownHostsFile from ssh_config (`~` and %-tokens expanded, several files allowed): read instead
   * of `replaces` (~/.ssh/known_hosts and known_hosts2). Never written.
   */
  userKnownHostsFiles?: { files: string[]; replaces: string[] };
  /** StrictHostKeyChecking from ssh_config, lower-cased (`yes` never prompts; other values never weaken verification). */
  strictHostKeyChecking?: string;
  /** One ProxyJump hop, resolved through ssh_config too. */
  proxyJump?: ResolvedSshTarget;
}

export interface SshConfigOptions {
  /** Default ~/.ssh/config; `null` to ignore ssh_config entirely. */
  configPath?: string | null;
  home?: string;
  localUser?: string;
}

const MAX_INCLUDE_DEPTH = 16;

function expandTilde(p: string, home: string): string {
  return p === '~' ? home : p.startsWith('~/') ? join(home, p.slice(2)) : p;
}

function globFiles(pattern: string): string[] {
  if (!/[*?]/.test(pattern)) return [pattern];
  const dir = dirname(pattern);
  const re = new RegExp(
    '^' +
      basename(pattern)
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$',
  );
  try {
    return readdirSync(dir)
      .filter((n) => re.test(n))
      .sort()
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}

/** Reads a config file with every `Include` inlined (textually, in place). */
export function readSshConfigText(file: string, home: string, depth = 0): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return '';
  }
  if (depth >= MAX_INCLUDE_DEPTH) return '';
  return text
    .split(/\r?\n/)
    .map((line) => {
      const m = /^\s*include\s*(?:=\s*|\s)\s*(.+?)\s*$/i.exec(line);
      if (!m) return line;
      const parts = m[1].match(/"[^"]*"|\S+/g) ?? [];
      return parts
        .flatMap((p) => {
          const unq = expandTilde(p.replace(/^"|"$/g, ''), home);
          const abs = isAbsolute(unq) ? unq : join(home, '.ssh', unq);
          return globFiles(abs).map((f) => readSshConfigText(f, home, depth + 1));
        })
        .join('\n');
    })
    .join('\n');
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function tokens(
  s: string,
  t: { home: string; localUser: string; host: string; user: string; port: number; alias: string },
): string {
  return s.replace(
    /%([%dhupnr])/g,
    (_, c: string) =>
      (
        ({ '%': '%', d: t.home, h: t.host, u: t.localUser, p: String(t.port), n: t.alias, r: t.user }) as Record<
          string,
          string
        >
      )[c],
  );
}

/** Parses `[user@]host[:port]` (a ProxyJump item). */
export function parseJumpSpec(spec: string): SshTargetInput | undefined {
  const m = /^(?:([^@\s]+)@)?(\[[^\]]+\]|[^:@\s]+)(?::(\d+))?$/.exec(spec.trim());
  if (!m) return undefined;
  return { host: m[2].replace(/^\[|\]$/g, ''), user: m[1], port: m[3] ? Number(m[3]) : undefined };
}

function resolveInner(
  input: SshTargetInput,
  cfgText: string,
  opts: Required<Pick<SshConfigOptions, 'home' | 'localUser'>>,
  allowJump: boolean,
): ResolvedSshTarget | SshError {
  const cfg = parse(cfgText).compute(
    { Host: input.host, User: input.user },
    { ignoreCase: true, matchExec: false },
  ) as Record<string, string | string[]>;
  const hostNameRaw = first(cfg.hostname);
  const hostName = hostNameRaw ? hostNameRaw.replace(/%h/g, input.host) : input.host;
  const portRaw = input.port ?? (first(cfg.port) ? Number(first(cfg.port)) : 22);
  if (!Number.isInteger(portRaw) || portRaw < 1 || portRaw > 65535)
    return sshError('config', `invalid port for ${input.host}: ${first(cfg.port)}`);
  const user = input.user ?? first(cfg.user) ?? 'root';
  const t = { home: opts.home, localUser: opts.localUser, host: hostName, user, port: portRaw, alias: input.host };
  const cfgIds = ([] as string[]).concat(cfg.identityfile ?? []).filter((f) => f.toLowerCase() !== 'none');
  const configured = input.identityFile ? [input.identityFile, ...cfgIds] : cfgIds;
  const identityFiles = (
    configured.length ? configured : ['~/.ssh/id_ed25519', '~/.ssh/id_ecdsa', '~/.ssh/id_rsa']
  ).map((f) => expandTilde(tokens(f.replace(/^"|"$/g, ''), t), opts.home));
  // The library splits a multi-file value into an array (quotes removed); a single file stays a string.
  const knownRaw = ([] as string[]).concat(cfg.userknownhostsfile ?? []);
  const knownFiles = knownRaw.map((f) => expandTilde(tokens(f.replace(/^"|"$/g, ''), t), opts.home));
  const strict = first(cfg.stricthostkeychecking)?.toLowerCase();
  const agentRaw = first(cfg.identityagent);
  const timeout = first(cfg.connecttimeout);
  const out: ResolvedSshTarget = {
    alias: input.host,
    hostName,
    port: portRaw,
    user,
    identityFiles: [...new Set(identityFiles)],
    identityFilesConfigured: configured.length > 0,
    identitiesOnly: first(cfg.identitiesonly)?.toLowerCase() === 'yes',
    identityAgent: agentRaw
      ? ['none', 'SSH_AUTH_SOCK'].includes(agentRaw)
        ? agentRaw
        : expandTilde(tokens(agentRaw.replace(/^"|"$/g, ''), t), opts.home)
      : undefined,
    forwardAgent: first(cfg.forwardagent) ? first(cfg.forwardagent)!.toLowerCase() === 'yes' : undefined,
    connectTimeoutMs: timeout && /^\d+$/.test(timeout) ? Number(timeout) * 1000 : undefined,
    ...(knownRaw.length
      ? {
          userKnownHostsFiles: {
            files: knownRaw[0].toLowerCase() === 'none' ? [] : knownFiles,
            replaces: [join(opts.home, '.ssh', 'known_hosts'), join(opts.home, '.ssh', 'known_hosts2')],
          },
        }
      : {}),
    ...(strict ? { strictHostKeyChecking: strict } : {}),
  };
  const jump = first(cfg.proxyjump);
  if (jump && jump.toLowerCase() !== 'none') {
    if (!allowJump || jump.includes(','))
      return sshError('config', `ProxyJump for ${input.host}: only one hop is supported (${jump})`);
    const spec = parseJumpSpec(jump);
    if (!spec) return sshError('config', `ProxyJump for ${input.host}: cannot parse '${jump}'`);
    const j = resolveInner(spec, cfgText, opts, false);
    if ('code' in j) return j;
    out.proxyJump = j;
  }
  if (first(cfg.proxycommand) && first(cfg.proxycommand)!.toLowerCase() !== 'none' && !out.proxyJump) {
    return sshError('config', `ProxyCommand for ${input.host} is not supported; use ProxyJump`);
  }
  return out;
}

/** Resolves a target through ssh_config. Returns an SshError (code `config`) for unsupported setups. */
export function resolveSshTarget(input: SshTargetInput, options: SshConfigOptions = {}): ResolvedSshTarget | SshError {
  const home = options.home ?? homedir();
  let localUser = options.localUser;
  if (!localUser) {
    try {
      localUser = userInfo().username;
    } catch {
      localUser = 'user';
    }
  }
  const configPath = options.configPath === undefined ? join(home, '.ssh', 'config') : options.configPath;
  const text = configPath ? readSshConfigText(configPath, home) : '';
  return resolveInner(input, text, { home, localUser }, true);
}
