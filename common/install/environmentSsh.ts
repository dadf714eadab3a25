/**
 * Glue between an environment definition and the SSH engine: resolve ovc_git through ~/.ssh/config,
 * build connect options, run commands on the environment's pooled connection, discover nodes.
 */
import { ResolvedEnvironment, sshTargetInput } from '../environments/loadEnvironments';
import { PassphraseProvider } from '../ssh/auth';
import { ConnectionPool } from '../ssh/ConnectionPool';
import { SshError } from '../ssh/errors';
import { HostKeyPolicy } from '../ssh/hostKeyVerifier';
import { ConnectOptions } from '../ssh/SshConnection';
import { resolveSshTarget, SshConfigOptions } from '../ssh/sshConfig';
import { buildDiscoverNodesCommand, parseDiscoveredNodes } from './commands';
import { CommandExecutor } from './InstallRunner';

export interface EnvironmentSshOptions {
  hostKeys: HostKeyPolicy;
  passphrase?: PassphraseProvider;
  sshConfig?: SshConfigOptions;
  connectTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  /** For SSH_AUTH_SOCK. Default process.env. */
  env?: NodeJS.ProcessEnv;
}

export function environmentConnectOptions(
  env: ResolvedEnvironment,
  o: EnvironmentSshOptions,
): ConnectOptions | SshError {
  const target = resolveSshTarget(sshTargetInput(env), o.sshConfig);
  if ('code' in target) return target;
  return {
    target,
    hostKeys: o.hostKeys,
    passphrase: o.passphrase,
    agentForward: env.ovcGit.agentForward,
    connectTimeoutMs: o.connectTimeoutMs,
    keepaliveIntervalMs: o.keepaliveIntervalMs,
    env: o.env,
  };
}

/** A CommandExecutor on the pool's connection for this environment (key = environment name). */
export function environmentExecutor(
  pool: ConnectionPool,
  env: ResolvedEnvironment,
  o: EnvironmentSshOptions,
): CommandExecutor | SshError {
  const connect = environmentConnectOptions(env, o);
  if ('code' in connect) return connect;
  return (command, exec) =>
    pool.exec(env.name, connect, command, { ...exec, agentForward: exec.agentForward ?? env.ovcGit.agentForward });
}

export type DiscoverResult =
  { ok: true; nodes: string[] } | { ok: false; error: SshError | { code: 'discover-failed'; message: string } };

/** Lists `<repoPath>/services/*__node.ssh__*` over SSH (no side effects). */
export async function discoverNodes(
  exec: CommandExecutor,
  repoPath: string,
  signal?: AbortSignal,
): Promise<DiscoverResult> {
  const b = buildDiscoverNodesCommand(repoPath);
  if (!b.ok) return { ok: false, error: { code: 'discover-failed', message: b.error.message } };
  let out = '';
  let err = '';
  const r = await exec(b.command, {
    signal,
    timeoutMs: 30000,
    agentForward: false,
    onStdout: (s) => {
      out += s;
    },
    onStderr: (s) => {
      err += s;
    },
  });
  if (r.error) return { ok: false, error: r.error };
  const nodes = parseDiscoveredNodes(out);
  if (r.exitCode !== 0 && !nodes.length) {
    return {
      ok: false,
      error: {
        code: 'discover-failed',
        message: `no node.ssh services under ${repoPath}/services${err.trim() ? ': ' + err.trim().split('\n')[0] : ''}`,
      },
    };
  }
  return { ok: true, nodes };
}
