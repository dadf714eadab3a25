import { levenshtein } from '../editDistance';
/** The JumpScale 7.4.5.1 ActionsBase methods (domain.md §2.5): signatures, defaults and who calls them. */

export interface ActionsBaseMethod {
  name: string;
  /** Parameters after `self`, as in ActionsBase.py. */
  params: string[];
  /** How many positional arguments (after self) AYS passes when it calls the method. */
  positionalArgs: number;
  defaultBehaviour: string;
  calledBy: string;
  /** Step of the real `Service.install` order (§2.5), when install calls it. */
  installStep?: string;
  /** Never called by `ays install` (reported by `actions-never-called` when overridden). */
  neverCalled?: boolean;
}

export const ACTIONS_BASE_METHODS: ActionsBaseMethod[] = [
  {
    name: 'prepare',
    params: ['serviceObj'],
    positionalArgs: 1,
    defaultBehaviour: 'returns True',
    calledBy: '`ays install` (step 5, after the apt keys of the HRD; dependencies in reverse order) and `ays prepare`',
    installStep: '5',
  },
  {
    name: 'configure',
    params: ['serviceObj'],
    positionalArgs: 1,
    defaultBehaviour: 'returns True',
    calledBy:
      '`ays install` (step 6, after the `web.export` downloads and the `git.export` copies) and `ays configure` (then `start`). Image recipes call `registerImage` here.',
    installStep: '6',
  },
  {
    name: 'start',
    params: ['serviceObj'],
    positionalArgs: 1,
    defaultBehaviour:
      'starts the `process.N` entries (tmux/upstart/runit); a no-op when there are none (image recipes)',
    calledBy: '`ays install` (step 7, unless `--no-start`), `ays start`/`restart`',
    installStep: '7',
  },
  {
    name: 'stop',
    params: ['serviceObj'],
    positionalArgs: 1,
    defaultBehaviour: 'kills the processes; a no-op when there are none',
    calledBy: '`ays install` (step 4, then `check_down_local`), `ays stop`',
    installStep: '4',
  },
  {
    name: 'halt',
    params: ['serviceObj'],
    positionalArgs: 1,
    defaultBehaviour: 'SIGKILL, then `check_down_local`',
    calledBy: 'only when `check_down_local` is False after `stop` (install step 4)',
    installStep: '4',
  },
  {
    name: 'check_down_local',
    params: ['serviceObj'],
    positionalArgs: 1,
    defaultBehaviour: 'port or `filterstr` check',
    calledBy: '`ays install` (step 4, after `stop`) and `ays stop`',
    installStep: '4',
  },
  {
    name: 'check_up_local',
    params: ['serviceObj', 'wait=True'],
    positionalArgs: 1,
    defaultBehaviour: 'port or `filterstr` check',
    calledBy: '`ays status`, `ays monitor`',
  },
  {
    name: 'get_pids',
    params: ['serviceObj', 'processes=None', '**kwargs'],
    positionalArgs: 1,
    defaultBehaviour: 'utility',
    calledBy: '`stop` / `halt`',
  },
  { name: 'build', params: ['serviceObj'], positionalArgs: 1, defaultBehaviour: 'pass', calledBy: '`ays build`' },
  { name: 'package', params: ['serviceObj'], positionalArgs: 1, defaultBehaviour: 'pass', calledBy: '`ays package`' },
  {
    name: 'check_requirements',
    params: ['serviceObj'],
    positionalArgs: 1,
    defaultBehaviour: 'returns True',
    calledBy: 'nothing during install',
    neverCalled: true,
  },
  {
    name: 'monitor_local',
    params: ['serviceObj'],
    positionalArgs: 1,
    defaultBehaviour: 'returns True',
    calledBy: 'nothing during install',
    neverCalled: true,
  },
  {
    name: 'monitor_remote',
    params: ['serviceObj'],
    positionalArgs: 1,
    defaultBehaviour: 'returns True',
    calledBy: 'nothing: `Service.monitor` calls the misspelled `monitor_remove`',
    neverCalled: true,
  },
  {
    name: 'cleanup',
    params: ['serviceObj'],
    positionalArgs: 1,
    defaultBehaviour: 'pass',
    calledBy: 'nothing during install',
    neverCalled: true,
  },
  {
    name: 'test',
    params: ['serviceObj'],
    positionalArgs: 1,
    defaultBehaviour: 'pass',
    calledBy: 'nothing during install',
    neverCalled: true,
  },
  {
    name: 'data_export',
    params: ['serviceObj'],
    positionalArgs: 1,
    defaultBehaviour: 'returns False',
    calledBy: '`ays export` (a TODO in 7.4)',
  },
  {
    name: 'data_import',
    params: ['id', 'serviceObj'],
    positionalArgs: 2,
    defaultBehaviour: 'returns False',
    calledBy: '`ays import` (a TODO in 7.4)',
  },
  {
    name: 'uninstall',
    params: ['serviceObj'],
    positionalArgs: 1,
    defaultBehaviour: 'pass',
    calledBy: '`ays uninstall` / `reset`',
  },
  {
    name: 'removedata',
    params: ['serviceObj'],
    positionalArgs: 1,
    defaultBehaviour: 'pass',
    calledBy: '`ays removedata`',
  },
  {
    name: 'init',
    params: ['serviceObj'],
    positionalArgs: 1,
    defaultBehaviour: 'returns True',
    calledBy: 'nothing in 7.4 (install step 1 is `Service.init`, not this method)',
    neverCalled: true,
  },
  {
    name: 'prepareLocal',
    params: ['serviceObj'],
    positionalArgs: 1,
    defaultBehaviour: 'returns True',
    calledBy: 'nothing in 7.4',
    neverCalled: true,
  },
  {
    name: 'configureLocal',
    params: ['serviceObj'],
    positionalArgs: 1,
    defaultBehaviour: 'returns True',
    calledBy: 'nothing in 7.4',
    neverCalled: true,
  },
  {
    name: 'execute',
    params: ['serviceObj', 'cmd'],
    positionalArgs: 2,
    defaultBehaviour: 'no-op (ActionsBaseNode: fabric `sudo`)',
    calledBy: 'the remote machinery',
  },
  {
    name: 'upload',
    params: ['serviceObj', 'source', 'dest'],
    positionalArgs: 3,
    defaultBehaviour: 'no-op (ActionsBaseNode: rsync)',
    calledBy: 'the remote machinery',
  },
  {
    name: 'download',
    params: ['serviceObj', 'source', 'dest'],
    positionalArgs: 3,
    defaultBehaviour: 'no-op (ActionsBaseNode: rsync)',
    calledBy: 'the remote machinery',
  },
  {
    name: 'executeaction',
    params: ['serviceObj', 'actionname'],
    positionalArgs: 2,
    defaultBehaviour: 'remote dispatch (§3.4)',
    calledBy: '`RemoteService.*`',
  },
];

const BY_NAME = new Map(ACTIONS_BASE_METHODS.map((m) => [m.name, m]));

export function actionsBaseMethod(name: string): ActionsBaseMethod | undefined {
  return BY_NAME.get(name);
}

/** The real order of `Service.install` (7.4.5.1), as markdown. */
export const INSTALL_ORDER_MD = [
  '1. `init()` (the Service, not the actions)',
  '2. with `-r`: `resetstate` (deletes `state.json`)',
  '3. skip when `installed.version` equals the template checksum and nothing changed',
  '4. `stop` → `check_down_local` (→ `halt` if still up)',
  '5. `prepare` (apt keys from the HRD first)',
  '6. `web.export` downloads → `git.export` copies → `configure`',
  '7. `start` (unless `--no-start`)',
  '8. write `installed.version`',
].join('\n');

/** The ActionsBase method a name looks like a typo of, if any (`configur` → `configure`, `Configure` → `configure`). */
export function didYouMean(name: string): string | undefined {
  if (BY_NAME.has(name) || name.startsWith('_') || name === 'monitor_remove') return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  for (const m of ACTIONS_BASE_METHODS) {
    if (m.name.toLowerCase() === name.toLowerCase()) return m.name;
    const d = levenshtein(name.toLowerCase(), m.name.toLowerCase());
    const close = d <= 1 || (d === 2 && m.name.length >= 7 && Math.abs(m.name.length - name.length) <= 1);
    if (close && d < bestD) {
      best = m.name;
      bestD = d;
    }
  }
  return best;
}
