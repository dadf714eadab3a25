/**
 * Runs install / reinstall / clean reinstall over one or more nodes of an environment: validates
 * and plans the remote commands, runs the `git pull` once before a fan-out, then the per-node
 * `ays install` at a concurrency limit (default 4), with progress events, per-node and global cancel,
 * result parsing, run records and optional log files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SshError, sshError } from '../ssh/errors';
import { ExecOptions, ExecResult } from '../ssh/remoteExec';
import { buildInstallCommand, buildPullCommand, InstallKind } from './commands';
import { HistoryStore, RunRecord } from './HistoryStore';
import { NameError } from '../names';
import { InstallFailure, InstallResult, parseInstallOutput } from './parseOutput';

/** Runs one remote command (e.g. a ConnectionPool bound to an environment). */
export type CommandExecutor = (command: string, options: ExecOptions) => Promise<ExecResult>;

export interface InstallRequest {
  environment: string;
  repoPath: string;
  domain: string;
  image: string;
  nodes: string[];
  kind: InstallKind;
  /** Default 4. */
  concurrency?: number;
  /** Per command. Default none. */
  timeoutMs?: number;
  /** Forward the agent on the channel (the ovc_git side pulls with it). */
  agentForward?: boolean;
  /** Aborting cancels every node. */
  signal?: AbortSignal;
  /** Git commit of the recipe, stored in the run records. */
  commit?: string;
}

export interface PlannedStep {
  /** null for the shared `git pull` step. */
  node: string | null;
  command: string;
}

export type RunEvent =
  | { type: 'step-start'; node: string | null; command: string }
  | { type: 'output'; node: string | null; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'step-end'; node: string | null; result: NodeResult };

export interface NodeResult extends InstallResult {
  node: string;
  durationMs: number;
  /** SSH-level failure (connect, host key, auth, cancel, dropped connection). */
  error?: SshError;
  /** True when the node's install never started (the pull failed, or cancelled before its turn). */
  skipped?: boolean;
  record?: RunRecord;
}

export interface RunSummary {
  ok: boolean;
  cancelled: boolean;
  results: NodeResult[];
  /** The shared pull step (fan-out only). */
  pull?: NodeResult;
  /** The first SSH error seen (e.g. a host-key refusal, for the CLI exit code). */
  sshError?: SshError;
  /** Set when the history could not be written. */
  historyError?: string;
}

export type Plan = { ok: true; steps: PlannedStep[] } | { ok: false; errors: NameError[] };

/** The exact commands a request runs: one combined command for one node; a pull then one per node otherwise. */
export function planInstall(req: Pick<InstallRequest, 'repoPath' | 'domain' | 'image' | 'nodes' | 'kind'>): Plan {
  const errors: NameError[] = [];
  if (!req.nodes.length) errors.push({ code: 'invalid-name', kind: 'node', value: '', message: 'no node given' });
  const steps: PlannedStep[] = [];
  const fanOut = req.nodes.length > 1;
  if (fanOut) {
    const p = buildPullCommand(req.repoPath);
    if (p.ok) steps.push({ node: null, command: p.command });
    else errors.push(p.error);
  }
  const seen = new Set<string>();
  for (const node of req.nodes) {
    if (seen.has(node)) continue;
    seen.add(node);
    const b = buildInstallCommand(
      req.kind,
      { repoPath: req.repoPath, domain: req.domain, image: req.image, node },
      { pull: !fanOut },
    );
    if (b.ok) steps.push({ node, command: b.command });
    else if (!errors.some((e) => e.message === b.error.message)) errors.push(b.error);
  }
  return errors.length ? { ok: false, errors } : { ok: true, steps };
}

const MAX_KEPT_OUTPUT = 4 * 1024 * 1024;

export interface RunnerOptions {
  onEvent?: (e: RunEvent) => void;
  history?: HistoryStore;
  /** When set, each node's output is written to `<logDir>/<run id>.log`. */
  logDir?: string;
}

export class InstallRunner {
  private readonly perNode = new Map<string, AbortController>();

  constructor(
    private readonly exec: CommandExecutor,
    private readonly options: RunnerOptions = {},
  ) {}

  /** Cancels one node's run (its remote process group is killed). */
  cancelNode(node: string): void {
    this.perNode.get(node)?.abort();
  }

  /** Runs `req`; `plan` is the plan already made for it (the session plans once and shows it before the run). */
  async run(req: InstallRequest, plan: Plan = planInstall(req)): Promise<RunSummary> {
    if (!plan.ok) {
      const results = req.nodes.map((node): NodeResult => ({
        node,
        ok: false,
        exitCode: null,
        durationMs: 0,
        skipped: true,
        failures: plan.errors.map((e) => ({ kind: 'exit-code' as const, message: e.message })),
      }));
      return { ok: false, cancelled: false, results };
    }
    const emit = (e: RunEvent) => {
      try {
        this.options.onEvent?.(e);
      } catch {
        /* a listener must not break the run */
      }
    };
    const records: RunRecord[] = [];
    const summary: RunSummary = { ok: false, cancelled: false, results: [] };
    const pullStep = plan.steps.find((s) => s.node === null);
    const nodeSteps = plan.steps.filter((s): s is PlannedStep & { node: string } => s.node !== null);

    const runStep = async (step: PlannedStep, signal: AbortSignal): Promise<NodeResult> => {
      const node = step.node ?? '(git pull)';
      const t0 = Date.now();
      const time = new Date(t0).toISOString();
      const id = `${time.replace(/[:.]/g, '-')}-${node.replace(/[^A-Za-z0-9._-]/g, '_')}-${Math.random().toString(36).slice(2, 8)}`;
      emit({ type: 'step-start', node: step.node, command: step.command });
      let output = '';
      const keep = (s: string) => {
        output += s;
        if (output.length > MAX_KEPT_OUTPUT) output = output.slice(-MAX_KEPT_OUTPUT);
      };
      const r = await this.exec(step.command, {
        signal,
        timeoutMs: req.timeoutMs,
        agentForward: req.agentForward,
        onStdout: (text) => {
          keep(text);
          emit({ type: 'output', node: step.node, stream: 'stdout', text });
        },
        onStderr: (text) => {
          keep(text);
          emit({ type: 'output', node: step.node, stream: 'stderr', text });
        },
      });
      const parsed = parseInstallOutput(output, r.exitCode);
      const result: NodeResult = { ...parsed, node, durationMs: Date.now() - t0 };
      if (r.error) {
        result.ok = false;
        result.error = r.error;
        if (!summary.sshError && r.error.code !== 'cancelled') summary.sshError = r.error;
        result.failures = result.failures.filter((f) => f.kind !== 'exit-code');
      }
      let logPath: string | undefined;
      if (this.options.logDir) {
        try {
          mkdirSync(this.options.logDir, { recursive: true });
          logPath = join(this.options.logDir, `${id}.log`);
          writeFileSync(
            logPath,
            `$ ${step.command}\n${output}${output.endsWith('\n') || !output ? '' : '\n'}[exit ${r.exitCode ?? '-'}${r.error ? `, ${r.error.code}: ${r.error.message}` : ''}]\n`,
          );
        } catch {
          logPath = undefined;
        }
      }
      if (step.node !== null) {
        result.record = {
          id,
          time,
          environment: req.environment,
          node: step.node,
          image: req.image,
          kind: req.kind,
          commit: req.commit,
          exitCode: r.exitCode,
          durationMs: result.durationMs,
          logPath,
          outcome: result.ok ? 'ok' : (r.error?.code ?? result.failures[0]?.kind ?? 'failed'),
        };
        records.push(result.record);
      }
      emit({ type: 'step-end', node: step.node, result });
      return result;
    };

    const skipped = (node: string, failure: InstallFailure, error?: SshError): NodeResult => ({
      node,
      ok: false,
      exitCode: null,
      durationMs: 0,
      failures: [failure],
      skipped: true,
      ...(error ? { error } : {}),
    });

    if (pullStep) {
      const pull = await runStep(pullStep, req.signal ?? new AbortController().signal);
      summary.pull = pull;
      if (!pull.ok) {
        const why: InstallFailure = pull.failures.find((f) => f.kind === 'git-pull-failed') ?? {
          kind: 'git-pull-failed',
          message: pull.error ? pull.error.message : `git pull --ff-only failed (exit ${pull.exitCode})`,
        };
        summary.results = nodeSteps.map((s) => skipped(s.node, why, pull.error));
        summary.cancelled = pull.error?.code === 'cancelled';
        return this.finish(summary, records);
      }
    }

    const limit = Math.max(1, Math.floor(req.concurrency ?? 4));
    const results: NodeResult[] = new Array(nodeSteps.length);
    let next = 0;
    const worker = async () => {
      for (;;) {
        const i = next++;
        if (i >= nodeSteps.length) return;
        const step = nodeSteps[i];
        if (req.signal?.aborted) {
          results[i] = skipped(
            step.node,
            { kind: 'exit-code', message: 'cancelled before it started' },
            sshError('cancelled', 'cancelled before it started'),
          );
          continue;
        }
        const ac = new AbortController();
        const onAbort = () => ac.abort();
        req.signal?.addEventListener('abort', onAbort, { once: true });
        this.perNode.set(step.node, ac);
        try {
          results[i] = await runStep(step, ac.signal);
        } finally {
          req.signal?.removeEventListener('abort', onAbort);
          this.perNode.delete(step.node);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, nodeSteps.length) }, worker));
    summary.results = results;
    summary.cancelled = !!req.signal?.aborted || results.some((r) => r.error?.code === 'cancelled');
    return this.finish(summary, records);
  }

  private finish(summary: RunSummary, records: RunRecord[]): RunSummary {
    summary.ok = summary.results.length > 0 && summary.results.every((r) => r.ok);
    if (this.options.history && records.length) summary.historyError = this.options.history.add(...records);
    return summary;
  }
}
