/**
 * What the CLI's install, deploy and new commands share: the SSH executor of an environment, the portal
 * state reader, the recipe validator, Ctrl-C, the `[node]`-prefixed output, and the session result as
 * text or JSON.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedEnvironment } from '../../../common/environments/loadEnvironments';
import { environmentExecutor } from '../../../common/install/environmentSsh';
import type { CommandExecutor, NodeResult, RunEvent } from '../../../common/install/InstallRunner';
import type { SessionResult } from '../../../common/install/InstallSession';
import { describeRegistration, StateReader } from '../../../common/install/registration';
import { ConnectionPool } from '../../../common/ssh/ConnectionPool';
import { SshError } from '../../../common/ssh/errors';
import { defaultKnownHostsFiles } from '../../../common/ssh/hostKeyVerifier';
import type { PortalClient } from '../../../common/portal/PortalClient';
import { loadActionsAnalysis } from '../service/python/analyzeActions';
import type { RecipeFinding, RecipeText } from '../../../common/install/InstallSession';
import { validateRecipeTexts as validateTexts } from '../service/validateRecipeTexts';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { CliIo } from './CliIo';
import { createPortalClient } from './images';

/** The install session's validation of the recipe texts, on the real disk (see service/validateRecipeTexts.ts). */
export function validateRecipeTexts(files: RecipeText[]): Promise<RecipeFinding[]> {
  return validateTexts(files, nodeFileSystem);
}

export interface Remote {
  exec: CommandExecutor;
  /** Undefined when the environment has no portal, or its client could not be created (`portalError`). */
  portal?: PortalClient;
  readState?: StateReader;
  portalError?: string;
  signal: AbortSignal;
  close(): Promise<void>;
}

export async function openRemote(
  env: ResolvedEnvironment,
  io: CliIo,
  o: { knownHosts: string[]; trust: string[]; config?: string },
): Promise<Remote | SshError> {
  // The actions.py parser (tree-sitter wasm) loads while SSH and the portal are set up: validation needs it next.
  void loadActionsAnalysis().catch(() => undefined);
  const home = io.env.HOME || homedir();
  const pool = new ConnectionPool({ idleTimeoutMs: 0 });
  const exec = environmentExecutor(pool, env, {
    hostKeys: { knownHostsFiles: [...defaultKnownHostsFiles(home), ...o.knownHosts], trustedFingerprints: o.trust },
    sshConfig: { home, configPath: join(home, '.ssh', 'config') },
    env: io.env,
  });
  if ('code' in exec) return exec;
  let signal = io.signal;
  let detach = () => undefined as void;
  if (!signal) {
    const ac = new AbortController();
    const onInt = () => ac.abort();
    process.once('SIGINT', onInt);
    detach = () => {
      process.removeListener('SIGINT', onInt);
    };
    signal = ac.signal;
  }
  let portal: PortalClient | undefined;
  let portalError: string | undefined;
  if (env.portal) {
    const c = await createPortalClient(env, io, { config: o.config });
    if (c.ok) portal = c.value;
    else portalError = c.error.message;
  }
  return {
    exec,
    portal,
    portalError,
    signal,
    readState: portal ? (s) => portal!.fetchState({ signal: s }) : undefined,
    close: async () => {
      detach();
      await portal?.close();
      await pool.closeAll();
    },
  };
}

/** Writes remote output line by line, each line prefixed with `[node] `. */
export class PrefixedWriter {
  private partial = new Map<string, string>();
  constructor(
    private readonly io: CliIo,
    private readonly toErr = false,
  ) {}
  write(node: string, stream: 'stdout' | 'stderr', text: string): void {
    const key = `${stream}\0${node}`;
    const lines = ((this.partial.get(key) ?? '') + text).split('\n');
    this.partial.set(key, lines.pop() ?? '');
    const out = stream === 'stdout' && !this.toErr ? this.io.out : this.io.err;
    if (lines.length) out.write(lines.map((l) => `[${node}] ${l.replace(/\r$/, '')}\n`).join(''));
  }
  flush(node: string): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const key = `${stream}\0${node}`;
      const rest = this.partial.get(key);
      if (rest) (stream === 'stdout' && !this.toErr ? this.io.out : this.io.err).write(`[${node}] ${rest}\n`);
      this.partial.delete(key);
    }
  }
}

export function describeResult(r: NodeResult): string {
  const secs = (r.durationMs / 1000).toFixed(1);
  if (r.ok) return `[${r.node}] ok (${secs} s)`;
  if (r.error) return `[${r.node}] FAILED: ${r.error.message}`;
  const f = r.failures[0];
  const where = f ? (f.file ? ` (${f.file}${f.key ? ` ${f.key}` : ''}${f.line ? ` line ${f.line}` : ''})` : '') : '';
  return `[${r.node}] FAILED (exit ${r.exitCode ?? '-'}, ${secs} s)${f ? `: ${f.message}${where}` : ''}`;
}

/** The run events as the CLI prints them (remote output on stdout, or all of it on stderr with --format json). */
export function eventPrinter(io: CliIo, json: boolean): (e: RunEvent) => void {
  const writer = new PrefixedWriter(io, json);
  return (e) => {
    const node = e.node ?? 'git pull';
    if (e.type === 'step-start') io.err.write(`[${node}] $ ${e.command}\n`);
    else if (e.type === 'output') writer.write(node, e.stream, e.text);
    else {
      writer.flush(node);
      if (e.node !== null) io.err.write(`${describeResult(e.result)}\n`);
    }
  };
}

/** The JSON form of a session result (stable field names; no secrets, no output text). */
export function sessionJson(r: SessionResult): Record<string, unknown> {
  return {
    ok: r.ok,
    stage: r.stage,
    stopped: !!r.stopped,
    cancelled: r.cancelled,
    message: r.message,
    image: r.image,
    environment: r.environment,
    nodes: r.nodes,
    source: r.source,
    committed: r.committed ?? null,
    commit: r.git?.commit ?? null,
    errors: r.findings.filter((f) => f.severity === 'error'),
    results: (r.summary?.results ?? []).map((n) => ({
      node: n.node,
      ok: n.ok,
      exitCode: n.exitCode,
      durationMs: n.durationMs,
      error: n.error ? { code: n.error.code, message: n.error.message } : null,
      failures: n.failures.map((f) => ({ kind: f.kind, message: f.message, file: f.file ?? null, key: f.key ?? null })),
    })),
    registration: r.registration ?? null,
    timings: r.timings,
  };
}

export function registrationLine(r: SessionResult): string | undefined {
  return r.registration ? `registration: ${describeRegistration(r.registration)}` : undefined;
}
