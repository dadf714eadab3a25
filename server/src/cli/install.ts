/**
 * `ays-recipes install|reinstall|clean-reinstall IMAGE --env NAME --node NODE [--node NODE...]`:
 * the install engine of common/install over SSH to the environment's ovc_git, output streamed with a
 * `[node]` prefix. Exit 0 when every node succeeded, 1 when any failed, 2 usage, 3 host key refused.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { EnvironmentsResult, findEnvironment, loadEnvironmentsFile, loadWorkspaceEnvironments } from '../../../common/environments/loadEnvironments';
import { InstallKind } from '../../../common/install/commands';
import { environmentExecutor } from '../../../common/install/environmentSsh';
import { InstallRunner, NodeResult, planInstall } from '../../../common/install/InstallRunner';
import { validateName } from '../../../common/install/names';
import { ConnectionPool } from '../../../common/ssh/ConnectionPool';
import { isHostKeyError, SshError } from '../../../common/ssh/errors';
import { defaultKnownHostsFiles } from '../../../common/ssh/hostKeyVerifier';
import { CliCommand, CliIo, EXIT } from './CliIo';

interface InstallArgs {
  image: string;
  env: string;
  nodes: string[];
  config?: string;
  concurrency: number;
  knownHosts: string[];
  trust: string[];
  dryRun: boolean;
  timeoutMs?: number;
}

const usage = (kind: InstallKind) => `Usage: ays-recipes ${kind} IMAGE --env NAME --node NODE [--node NODE...] [options]

${kind === 'install' ? 'Installs' : kind === 'reinstall' ? 'Reinstalls (ays install -r)' : 'Removes the node\'s instance of the image on ovc_git, then reinstalls'} an image recipe on nodes,
over SSH to the environment's ovc_git, in a login shell: bash -lc 'cd <repoPath> && git pull --ff-only &&
cd servicetemplates && ays install${kind === 'install' ? '' : ' -r'} -n IMAGE --targettype node.ssh --targetname NODE'

Options:
  --env NAME            environment (from --config, else .vscode/settings.json "aysRecipes.environments")
  --node NODE           target node (node.ssh instance); repeat for several nodes
  --config FILE         JSON file with the environments array
  --concurrency N       nodes at a time (default 4)
  --known-hosts FILE    extra known_hosts file (read-only; ~/.ssh/known_hosts is always read)
  --trust SHA256:...    accept this host key fingerprint when the key is unknown (never a changed key)
  --timeout SECONDS     stop a node's command after this long
  --dry-run             print the exact remote commands and exit

Exit codes: 0 every node succeeded, 1 a node failed, 2 bad usage, 3 SSH host key refused.
`;

function parseArgs(args: string[], cwd: string): InstallArgs | string {
  const a: InstallArgs = { image: '', env: '', nodes: [], concurrency: 4, knownHosts: [], trust: [], dryRun: false };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    let arg = args[i];
    let value: string | undefined;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) { value = arg.slice(eq + 1); arg = arg.slice(0, eq); }
    const take = (): string | undefined => value ?? (i + 1 < args.length ? args[++i] : undefined);
    switch (arg) {
      case '--dry-run': a.dryRun = true; break;
      case '--env': case '--node': case '--config': case '--concurrency': case '--known-hosts': case '--trust': case '--timeout': {
        const v = take();
        if (v === undefined) return `${arg} needs a value`;
        if (arg === '--env') a.env = v;
        else if (arg === '--node') a.nodes.push(v);
        else if (arg === '--config') a.config = isAbsolute(v) ? v : resolve(cwd, v);
        else if (arg === '--known-hosts') a.knownHosts.push(isAbsolute(v) ? v : resolve(cwd, v));
        else if (arg === '--trust') {
          if (!/^SHA256:[A-Za-z0-9+/]{43}$/.test(v)) return `--trust expects a SHA256:… fingerprint as ssh-keygen -lf prints it, got '${v}'`;
          a.trust.push(v);
        } else if (arg === '--concurrency') {
          if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 64) return `--concurrency must be an integer 1-64, got '${v}'`;
          a.concurrency = Number(v);
        } else {
          if (!/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0) return `--timeout must be a positive number of seconds, got '${v}'`;
          a.timeoutMs = Math.round(Number(v) * 1000);
        }
        break;
      }
      default:
        if (arg.startsWith('-')) return `unknown option ${arg}`;
        positional.push(arg);
    }
  }
  if (positional.length !== 1) return positional.length ? `one IMAGE expected, got: ${positional.join(' ')}` : 'IMAGE is required';
  a.image = positional[0];
  if (!a.env) return '--env NAME is required';
  if (!a.nodes.length) return 'at least one --node NODE is required';
  return a;
}

/** Writes remote output line by line, each line prefixed with `[node] `. */
class PrefixedWriter {
  private partial = new Map<string, string>();
  constructor(private readonly io: CliIo) {}
  write(node: string, stream: 'stdout' | 'stderr', text: string): void {
    const key = `${stream}\0${node}`;
    const lines = ((this.partial.get(key) ?? '') + text).split('\n');
    this.partial.set(key, lines.pop() ?? '');
    const out = stream === 'stdout' ? this.io.out : this.io.err;
    if (lines.length) out.write(lines.map((l) => `[${node}] ${l.replace(/\r$/, '')}\n`).join(''));
  }
  flush(node: string): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const key = `${stream}\0${node}`;
      const rest = this.partial.get(key);
      if (rest) (stream === 'stdout' ? this.io.out : this.io.err).write(`[${node}] ${rest}\n`);
      this.partial.delete(key);
    }
  }
}

function describeResult(r: NodeResult): string {
  const secs = (r.durationMs / 1000).toFixed(1);
  if (r.ok) return `[${r.node}] ok (${secs} s)`;
  if (r.error) return `[${r.node}] FAILED: ${r.error.message}`;
  const f = r.failures[0];
  const where = f ? (f.file ? ` (${f.file}${f.key ? ` ${f.key}` : ''}${f.line ? ` line ${f.line}` : ''})` : '') : '';
  return `[${r.node}] FAILED (exit ${r.exitCode ?? '-'}, ${secs} s)${f ? `: ${f.message}${where}` : ''}`;
}

function hostKeyHelp(e: SshError): string {
  if (e.code === 'host-key-unknown') {
    return `ays-recipes: ${e.message}\n  Check the fingerprint with the ovc_git administrator, then rerun with --trust ${e.fingerprint ?? 'SHA256:…'} or --known-hosts FILE.\n`;
  }
  return `ays-recipes: ${e.message}\n`;
}

async function runInstall(kind: InstallKind, args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, io.cwd);
  if (typeof parsed === 'string') { io.err.write(`ays-recipes ${kind}: ${parsed}\n${usage(kind)}`); return EXIT.usage; }
  const a = parsed;
  const bad = [validateName('image', a.image), ...a.nodes.map((n) => validateName('node', n))].filter((e) => !!e);
  if (bad.length) { io.err.write(bad.map((e) => `ays-recipes ${kind}: ${e!.message}\n`).join('')); return EXIT.usage; }

  const loaded: EnvironmentsResult = a.config ? loadEnvironmentsFile(a.config) : loadWorkspaceEnvironments(io.cwd);
  const env = findEnvironment(loaded, a.env);
  if ('code' in env) {
    for (const e of loaded.errors) io.err.write(`ays-recipes ${kind}: ${e.message}\n`);
    io.err.write(`ays-recipes ${kind}: ${env.message}\n`);
    return EXIT.usage;
  }
  const req = { environment: env.name, repoPath: env.repoPath, domain: env.domain, image: a.image, nodes: a.nodes, kind };
  const plan = planInstall(req);
  if (!plan.ok) { io.err.write(plan.errors.map((e) => `ays-recipes ${kind}: ${e.message}\n`).join('')); return EXIT.usage; }
  if (a.dryRun) {
    io.out.write(`# environment ${env.name}: ${env.ovcGit.user}@${env.ovcGit.host}:${env.ovcGit.port}${env.ovcGit.agentForward ? ' (agent forwarded)' : ''}\n`);
    for (const s of plan.steps) io.out.write(`# ${s.node === null ? 'once, before the nodes' : `node ${s.node}`}\n${s.command}\n`);
    return EXIT.ok;
  }

  const home = io.env.HOME || homedir();
  const pool = new ConnectionPool({ idleTimeoutMs: 0 });
  const exec = environmentExecutor(pool, env, {
    hostKeys: { knownHostsFiles: [...defaultKnownHostsFiles(home), ...a.knownHosts], trustedFingerprints: a.trust },
    sshConfig: { home, configPath: join(home, '.ssh', 'config') },
    env: io.env,
  });
  if ('code' in exec) { io.err.write(`ays-recipes ${kind}: ${exec.message}\n`); return EXIT.usage; }

  let signal = io.signal;
  let detach = () => undefined as void;
  if (!signal) {
    const ac = new AbortController();
    const onInt = () => ac.abort();
    process.once('SIGINT', onInt);
    detach = () => { process.removeListener('SIGINT', onInt); };
    signal = ac.signal;
  }
  const writer = new PrefixedWriter(io);
  const runner = new InstallRunner(exec, {
    onEvent: (e) => {
      const node = e.node ?? 'git pull';
      if (e.type === 'step-start') io.err.write(`[${node}] $ ${e.command}\n`);
      else if (e.type === 'output') writer.write(node, e.stream, e.text);
      else { writer.flush(node); if (e.node !== null) io.err.write(`${describeResult(e.result)}\n`); }
    },
  });
  try {
    const summary = await runner.run({ ...req, concurrency: a.concurrency, timeoutMs: a.timeoutMs, agentForward: env.ovcGit.agentForward, signal });
    if (summary.pull && !summary.pull.ok) io.err.write(`[git pull] FAILED: ${summary.pull.error?.message ?? summary.pull.failures[0]?.message ?? `exit ${summary.pull.exitCode}`}\n`);
    const okCount = summary.results.filter((r) => r.ok).length;
    io.out.write(`\n${kind} ${a.image} on ${env.name}: ${okCount}/${summary.results.length} node(s) succeeded${summary.cancelled ? ' (cancelled)' : ''}\n`);
    for (const r of summary.results) io.out.write(`${describeResult(r)}\n`);
    if (summary.sshError && isHostKeyError(summary.sshError)) { io.err.write(hostKeyHelp(summary.sshError)); return EXIT.hostKey; }
    return summary.ok ? EXIT.ok : EXIT.failed;
  } finally {
    detach();
    await pool.closeAll();
  }
}

function command(kind: InstallKind, summary: string): CliCommand {
  return { name: kind, summary, usage: usage(kind), run: (args, io) => runInstall(kind, args, io) };
}

export const installCommand = command('install', 'install an image recipe on nodes over SSH (ays install)');
export const reinstallCommand = command('reinstall', 'reinstall an image recipe on nodes (ays install -r)');
export const cleanReinstallCommand = command('clean-reinstall', "remove the node's image instance on ovc_git, then reinstall");
export const installCommands: CliCommand[] = [installCommand, reinstallCommand, cleanReinstallCommand];
