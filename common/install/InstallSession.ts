/**
 * One install session, shared by the extension and the CLI (issue 12 §1):
 * validate → pre-flight (git state + diagnostics of the exact content that will be installed) → plan
 * (once) → confirm → run → registration diff → one result. The adapters only answer the decisions
 * (dialogs in the extension, flags in the CLI) and show the result.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ResolvedEnvironment } from '../environments/loadEnvironments';
import { InstallKind } from './commands';
import { commitAndPush, gitState, GitState, hasLocalChanges, pushedContent } from './git';
import { CommandExecutor, InstallRunner, PlannedStep, planInstall, RunnerOptions, RunSummary } from './InstallRunner';
import { validateName } from '../names';
import { Registration, registrationDiff, snapshotImages, StateReader, templateNameOf } from './registration';

export const RECIPE_FILES = ['service.hrd', 'actions.py', 'instance.hrd'] as const;

export type SessionStage = 'validate' | 'preflight' | 'plan' | 'confirm' | 'run' | 'registration' | 'done';
export type ContentSource = 'working' | 'pushed';

export interface RecipeText {
  path: string;
  text: string | undefined;
}
export interface RecipeFinding {
  file: string;
  line: number;
  severity: string;
  code: string;
  message: string;
}

export type LocalChangesDecision = { action: 'pushed' } | { action: 'commit'; message: string } | { action: 'stop' };

/** The questions a session asks its adapter. */
export interface SessionDecisions {
  /** The recipe folder has uncommitted or unpushed changes (ovc_git pulls from origin). */
  localChanges(git: GitState): Promise<LocalChangesDecision>;
  /** The content that will be installed has errors; true installs anyway. */
  errors(errors: RecipeFinding[], source: ContentSource): Promise<boolean>;
  /** The one confirmation of every run: the exact remote commands. */
  confirm(plan: PlannedStep[]): Promise<boolean>;
}

export interface SessionRequest {
  folder: string;
  kind: InstallKind;
  env: ResolvedEnvironment;
  nodes: string[];
  concurrency?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface SessionDeps extends RunnerOptions {
  exec: CommandExecutor;
  /** Validates recipe texts (the language service's per-file rules). */
  validate(files: RecipeText[]): Promise<RecipeFinding[]>;
  decisions: SessionDecisions;
  /** The environment's portal, for the registration result; absent: no registration result. */
  readState?: StateReader;
  /** `snapshot`: only read the image ids before the run (`imagesBefore`); the caller waits for the registration itself. */
  registration?: 'diff' | 'snapshot';
  /** Called right before Commit & Push runs (the deploy's step 2). */
  onCommit?(): void | Promise<void>;
  /** Called when the session enters a stage (status items, progress). */
  onStage?(stage: SessionStage): void;
}

export interface SessionResult {
  ok: boolean;
  /** Where it stopped, or `done`. */
  stage: SessionStage;
  /** The user (or a missing flag) stopped it before anything ran remotely. */
  stopped?: boolean;
  cancelled: boolean;
  message: string;
  image: string;
  environment: string;
  nodes: string[];
  source: ContentSource;
  /** The content that was validated and installed (for diagnostics of a failed run). */
  contents: RecipeText[];
  findings: RecipeFinding[];
  git?: GitState;
  /** Why Commit & Push was refused (nothing committed or pushed). */
  commitRefused?: string;
  /** Set when the session committed and pushed the folder. */
  committed?: string;
  plan?: PlannedStep[];
  summary?: RunSummary;
  registration?: Registration;
  /** Image ids on the portal before the run (undefined: no portal, or it could not be read). */
  imagesBefore?: Set<number>;
  /** Milliseconds per stage. */
  timings: Partial<Record<SessionStage, number>>;
}

/** The service.hrd `dest` of the last web.export (for the template name), read loosely. */
export function lastDest(serviceHrd: string | undefined): string | undefined {
  const all = [...(serviceHrd ?? '').matchAll(/\bdest\s*:\s*'?([^',\s]+)'?/g)];
  return all.length ? all[all.length - 1][1] : undefined;
}

export async function readContents(
  folder: string,
  source: ContentSource,
  git: GitState | undefined,
): Promise<RecipeText[]> {
  return Promise.all(
    RECIPE_FILES.map(async (f) => {
      const p = path.join(folder, f);
      if (source === 'pushed' && git?.upstream) return { path: p, text: await pushedContent(p, git.upstream) };
      try {
        return { path: p, text: readFileSync(p, 'utf8') };
      } catch {
        return { path: p, text: undefined };
      }
    }),
  );
}

export async function runInstallSession(req: SessionRequest, deps: SessionDeps): Promise<SessionResult> {
  const image = path.basename(req.folder);
  const timings: SessionResult['timings'] = {};
  const result: SessionResult = {
    ok: false,
    stage: 'validate',
    cancelled: false,
    message: '',
    image,
    environment: req.env.name,
    nodes: req.nodes,
    source: 'working',
    contents: [],
    findings: [],
    timings,
  };
  let t = Date.now();
  const enter = (stage: SessionStage) => {
    timings[result.stage] = (timings[result.stage] ?? 0) + Date.now() - t;
    t = Date.now();
    result.stage = stage;
    try {
      deps.onStage?.(stage);
    } catch {
      /* a listener must not break the session */
    }
  };
  const stop = (message: string, stopped = false): SessionResult => {
    enter(result.stage);
    return { ...result, message, stopped };
  };
  deps.onStage?.('validate');

  const bad = validateName('image', image);
  if (bad) return stop(`Cannot install "${image}": ${bad.message}`);

  // The portal snapshot (image ids before the run) is read while the pre-flight runs: it is remote work.
  const snapshot = deps.readState ? snapshotImages(deps.readState, req.signal) : Promise.resolve(undefined);
  // The working copy is validated while git answers (it is what gets installed unless "install what is pushed").
  const working = readContents(req.folder, 'working', undefined).then(async (contents) => ({
    contents,
    findings: await deps.validate(contents),
  }));
  working.catch(() => undefined);
  enter('preflight');
  let git = await gitState(req.folder);
  let commitMessage: string | undefined;
  if (hasLocalChanges(git)) {
    const d = await deps.decisions.localChanges(git!);
    if (d.action === 'stop') return stop(`${image} has changes that are not on origin: nothing ran`, true);
    if (d.action === 'commit') commitMessage = d.message;
    else result.source = 'pushed';
  }
  result.git = git;
  // Validation comes before Commit & Push: what is committed is the working copy that was validated.
  if (result.source === 'working') Object.assign(result, await working);
  else {
    result.contents = await readContents(req.folder, 'pushed', git);
    result.findings = await deps.validate(result.contents);
  }
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length && !(await deps.decisions.errors(errors, result.source))) {
    return stop(
      `${image}${result.source === 'pushed' ? ' (pushed version)' : ''} has ${errors.length} error(s): nothing ran${commitMessage ? ', nothing was committed' : ''}`,
      true,
    );
  }
  if (commitMessage) {
    await deps.onCommit?.();
    const c = await commitAndPush(req.folder, commitMessage);
    if (!c.ok) {
      result.commitRefused = c.message;
      return stop(`Commit & Push refused: ${c.message}`);
    }
    result.committed = c.commit;
    result.git = git = await gitState(req.folder);
  }

  enter('plan');
  const plan = planInstall({
    repoPath: req.env.repoPath,
    domain: req.env.domain,
    image,
    nodes: req.nodes,
    kind: req.kind,
  });
  if (!plan.ok) return stop(`Nothing runs: ${plan.errors.map((e) => e.message).join('; ')}`);
  result.plan = plan.steps;

  enter('confirm');
  if (!(await deps.decisions.confirm(plan.steps))) return stop('Not confirmed: nothing ran', true);

  enter('run');
  const before = await snapshot;
  result.imagesBefore = before;
  const runner = new InstallRunner(deps.exec, { history: deps.history, logDir: deps.logDir, onEvent: deps.onEvent });
  const summary = await runner.run(
    {
      environment: req.env.name,
      repoPath: req.env.repoPath,
      domain: req.env.domain,
      image,
      nodes: req.nodes,
      kind: req.kind,
      commit: git?.commit,
      signal: req.signal,
      concurrency: req.concurrency,
      timeoutMs: req.timeoutMs,
      agentForward: req.env.ovcGit.agentForward,
    },
    plan,
  );
  result.summary = summary;
  result.cancelled = summary.cancelled;
  if (!summary.ok) {
    const failed = summary.results.filter((r) => !r.ok);
    const first = failed[0];
    const why =
      first?.error?.message ?? first?.failures[0]?.message ?? (first ? `exit ${first.exitCode}` : 'no node ran');
    return stop(
      summary.cancelled ? `${image}: cancelled` : `${image} failed on ${failed.map((r) => r.node).join(', ')}: ${why}`,
    );
  }

  enter('registration');
  if (deps.registration === 'snapshot') {
    /* the caller waits for it */
  } else if (deps.readState && before) {
    const after = await deps.readState(req.signal);
    const svc = result.contents.find((c) => path.basename(c.path) === 'service.hrd')?.text;
    const dest = lastDest(svc);
    result.registration = after.ok
      ? registrationDiff(before, after.value, dest ? templateNameOf(dest) : undefined)
      : { kind: 'unknown', message: `the portal could not be read: ${after.error.message}` };
  } else if (deps.readState)
    result.registration = { kind: 'unknown', message: 'the portal could not be read before the run' };
  enter('done');
  result.ok = true;
  result.message = `${image} installed on ${summary.results.map((r) => r.node).join(', ')}`;
  return result;
}
