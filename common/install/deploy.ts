/**
 * Deploy (issue 12 §5): the operators' whole procedure in one run, shared by the extension and the CLI.
 * 1 validate, 2 commit and push (when asked), 3 install on one node, 4 wait until the portal shows the
 * registered image (bounded, cancellable), 5 set its availability to exactly the chosen nodes (complete
 * list, as `availability`), 6 summary with the time of each step. A failed step stops the deploy and
 * says which step failed and what state it leaves.
 */
import type { PortalClient } from '../portal/PortalClient';
import { completeStackList, stacksWithImage } from '../portal/availability';
import { runInstallSession, SessionDeps, SessionRequest, SessionResult } from './InstallSession';
import { templateNameOf, waitForRegistration } from './registration';
import { lastDest } from './InstallSession';

export type DeployStep = 'validate' | 'commit' | 'install' | 'registration' | 'availability';
export const DEPLOY_STEPS: DeployStep[] = ['validate', 'commit', 'install', 'registration', 'availability'];
const STEP_NUMBER: Record<DeployStep, number> = {
  validate: 1,
  commit: 2,
  install: 3,
  registration: 4,
  availability: 5,
};

export interface DeployRequest extends Omit<SessionRequest, 'nodes' | 'kind'> {
  /** The node the install runs on. */
  node: string;
  /** Node (stack) names the image must be available on, or every stack of the grid. */
  availableOn: string[] | 'everywhere';
  /** Bound of step 4. Default 60 s. */
  registrationTimeoutMs?: number;
  registrationIntervalMs?: number;
}

export interface DeployDeps extends Omit<SessionDeps, 'registration' | 'readState'> {
  portal: PortalClient;
  /** Called when a step starts (status item, progress, tests). */
  onStep?(step: DeployStep): void | Promise<void>;
}

export interface DeployStepResult {
  step: DeployStep;
  ok: boolean;
  ms: number;
  skipped?: boolean;
}

export interface DeployResult {
  ok: boolean;
  cancelled: boolean;
  stopped?: boolean;
  /** The step that failed (or where the user stopped). */
  failedStep?: DeployStep;
  message: string;
  /** What the failure leaves behind, and the fix when there is one. */
  state?: string;
  image?: { id: number; name: string };
  /** Nodes the image is available on at the end (read back from the portal). */
  availableOn?: string[];
  steps: DeployStepResult[];
  session?: SessionResult;
  totalMs: number;
}

export async function runDeploy(req: DeployRequest, deps: DeployDeps): Promise<DeployResult> {
  const t0 = Date.now();
  const steps: DeployStepResult[] = [];
  let current: DeployStep = 'validate';
  let stepStart = Date.now();
  const begin = async (s: DeployStep) => {
    if (s !== current) {
      steps.push({ step: current, ok: true, ms: Date.now() - stepStart });
    }
    current = s;
    stepStart = Date.now();
    await deps.onStep?.(s);
  };
  const end = (r: Omit<DeployResult, 'steps' | 'totalMs' | 'cancelled'> & { cancelled?: boolean }): DeployResult => {
    steps.push({ step: current, ok: r.ok, ms: Date.now() - stepStart });
    for (const s of DEPLOY_STEPS)
      if (!steps.some((x) => x.step === s) && r.ok) steps.push({ step: s, ok: true, ms: 0, skipped: true });
    steps.sort((a, b) => STEP_NUMBER[a.step] - STEP_NUMBER[b.step]);
    return { cancelled: false, ...r, steps, totalMs: Date.now() - t0 };
  };
  const failAt = (step: DeployStep, message: string, state: string, extra: Partial<DeployResult> = {}) =>
    end({
      ok: false,
      failedStep: step,
      message: `step ${STEP_NUMBER[step]} (${step}) failed: ${message}`,
      state,
      ...extra,
    });

  await deps.onStep?.('validate');
  const readState = (signal?: AbortSignal) => deps.portal.fetchState({ signal });
  const session = await runInstallSession(
    { ...req, kind: 'install', nodes: [req.node] },
    {
      ...deps,
      readState,
      registration: 'snapshot',
      onCommit: () => begin('commit'),
      onStage: (stage) => {
        deps.onStage?.(stage);
        if (stage === 'run') void begin('install');
      },
    },
  );
  if (session.commitRefused)
    return failAt('commit', session.commitRefused, 'nothing was committed or pushed', { session });
  if (!session.summary) {
    const step: DeployStep = current;
    return end({
      ok: false,
      stopped: session.stopped,
      failedStep: step,
      message: session.stopped ? session.message : `step ${STEP_NUMBER[step]} (${step}) failed: ${session.message}`,
      state: session.committed
        ? `the recipe was committed and pushed (${session.committed.slice(0, 8)}); nothing was installed`
        : 'nothing was installed',
      session,
    });
  }
  if (!session.ok) {
    return end({
      ok: false,
      cancelled: session.cancelled,
      failedStep: 'install',
      message: session.cancelled ? 'step 3 (install) cancelled' : `step 3 (install) failed: ${session.message}`,
      state: `${session.committed ? 'the recipe is committed and pushed; ' : ''}the install did not finish on ${req.node}: nothing was registered by this deploy`,
      session,
    });
  }
  if (!session.imagesBefore) {
    return failAt(
      'registration',
      'the portal could not be read before the install, so the registered image cannot be told apart',
      `${session.image} is installed on ${req.node}; set its availability by hand`,
      { session },
    );
  }

  await begin('registration');
  const svc = session.contents.find((c) => c.path.endsWith('service.hrd'))?.text;
  const dest = lastDest(svc);
  const waited = await waitForRegistration(readState, session.imagesBefore, {
    timeoutMs: req.registrationTimeoutMs ?? 60000,
    intervalMs: req.registrationIntervalMs ?? 1000,
    signal: req.signal,
    templateName: dest ? templateNameOf(dest) : undefined,
  });
  if (!waited.ok) {
    return end({
      ok: false,
      cancelled: !!waited.cancelled,
      failedStep: 'registration',
      message: `step 4 (wait for the registered image) ${waited.cancelled ? 'cancelled' : `failed: ${waited.message}`}`,
      state: `${session.image} is installed on ${req.node}; the portal was not read, so its availability was not set (run Deploy again or Set Availability when the portal answers)`,
      session,
    });
  }
  const reg = waited.registration;
  if (reg.kind !== 'registered') {
    return failAt(
      'registration',
      reg.message,
      `${session.image} is installed on ${req.node} but no new image exists; fix: New Version of This Recipe`,
      { session },
    );
  }

  await begin('availability');
  const image = { id: reg.imageId, name: reg.name };
  const stacks = await deps.portal.listStacks({ gid: null, signal: req.signal });
  if (!stacks.ok)
    return failAt(
      'availability',
      `the stacks could not be read: ${stacks.error.message}`,
      `image ${image.id} is registered, on every node of its grid`,
      { image, session },
    );
  const gid = deps.portal.target.gid;
  const grid = stacks.value.stacks.filter((x) => gid === undefined || x.gid === undefined || x.gid === gid);
  let desired: number[];
  if (req.availableOn === 'everywhere') desired = grid.map((x) => x.id);
  else {
    desired = [];
    const unknown: string[] = [];
    for (const n of req.availableOn) {
      const hit = grid.find((x) => x.name === n) ?? grid.find((x) => x.name.toLowerCase() === n.toLowerCase());
      if (hit) desired.push(hit.id);
      else unknown.push(n);
    }
    if (unknown.length)
      return failAt(
        'availability',
        `no stack named ${unknown.join(', ')} (known: ${grid.map((x) => x.name).join(', ')})`,
        `image ${image.id} is registered, on every node of its grid`,
        { image, session },
      );
    if (!desired.length)
      return failAt(
        'availability',
        'no node chosen (the image would be removed everywhere)',
        `image ${image.id} is registered, on every node of its grid`,
        { image, session },
      );
  }
  const complete = completeStackList(stacks.value.stacks, image.id, gid, desired);
  const upd = await deps.portal.updateNodes(image.id, complete, { signal: req.signal });
  if (!upd.ok)
    return failAt('availability', upd.error.message, `image ${image.id} is registered, on every node of its grid`, {
      image,
      session,
    });
  const after = await deps.portal.listStacks({ gid: null, signal: req.signal });
  const on = after.ok
    ? after.value.stacks
        .filter((x) => stacksWithImage(after.value.stacks, image.id).includes(x.id))
        .map((x) => x.name)
        .sort()
    : undefined;
  return end({
    ok: true,
    message: `${image.name} (image ${image.id}) deployed from ${session.image}: available on ${on ? on.join(', ') : '(not re-read)'}`,
    image,
    availableOn: on,
    session,
  });
}
