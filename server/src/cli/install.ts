/**
 * `ays-recipes install|reinstall|clean-reinstall IMAGE --env NAME --node NODE [--node NODE...]`:
 * the install engine of common/install over SSH to the environment's ovc_git, output streamed with a
 * `[node]` prefix. Exit 0 when every node succeeded, 1 when any failed, 2 usage, 3 host key refused.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import {
  EnvironmentsResult,
  findEnvironment,
  loadEnvironmentsFile,
  loadWorkspaceEnvironments,
} from '../../../common/environments/loadEnvironments';
import { InstallKind } from '../../../common/install/commands';
import { planInstall } from '../../../common/install/InstallRunner';
import { runInstallSession, SessionDecisions } from '../../../common/install/InstallSession';
import { validateName } from '../../../common/names';
import { findRecipeFolder } from '../../../common/install/recipeFolder';
import { isHostKeyError, SshError } from '../../../common/ssh/errors';
import { parseCliArgs } from './cliArgs';
import { CliCommand, CliIo, EXIT } from './CliIo';
import {
  describeResult,
  eventPrinter,
  openRemote,
  registrationLine,
  sessionJson,
  validateRecipeTexts,
} from './sessionIo';

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
  allowErrors: boolean;
  allowUnpushed: boolean;
  format: 'text' | 'json';
  recipe?: string;
}

const usage = (kind: InstallKind) => `Usage: ays-recipes ${kind} IMAGE --env NAME --node NODE [--node NODE...] [options]

${kind === 'install' ? 'Installs' : kind === 'reinstall' ? 'Reinstalls (ays install -r)' : "Removes the node's instance of the image on ovc_git, then reinstalls"} an image recipe on nodes,
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
  --recipe DIR          the recipe folder in the working copy (default: servicetemplates/**/IMAGE seen from here)
  --allow-errors        install even when the recipe has errors (they block by default)
  --allow-unpushed      install what origin has when the recipe folder has uncommitted or unpushed changes
                        (blocked by default); the pushed version is then the one validated
  --format json         print the session result as JSON on stdout (remote output goes to stderr)

Before the run: the recipe (the exact content that will be installed) is validated and the git state of its
folder is checked. After it: the registration result from the portal (when the environment has one):
the image id, name and nodes, or "nothing registered: template name already exists".

Exit codes: 0 every node succeeded, 1 a node failed or the session was blocked, 2 bad usage, 3 SSH host key refused.
`;

const OPTIONS = {
  env: { type: 'string' },
  node: { type: 'string', multiple: true },
  config: { type: 'string' },
  concurrency: { type: 'string' },
  'known-hosts': { type: 'string', multiple: true },
  trust: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  format: { type: 'string' },
  recipe: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'allow-errors': { type: 'boolean' },
  'allow-unpushed': { type: 'boolean' },
} as const;

function parseInstallArgs(args: string[], cwd: string): InstallArgs | string {
  const p = parseCliArgs(args, OPTIONS);
  if (typeof p === 'string') return p;
  const v = p.values;
  const abs = (f: string) => (isAbsolute(f) ? f : resolve(cwd, f));
  if (v.format !== undefined && v.format !== 'text' && v.format !== 'json')
    return `--format must be text or json, got '${v.format}'`;
  const badTrust = v.trust?.find((t) => !/^SHA256:[A-Za-z0-9+/]{43}$/.test(t));
  if (badTrust !== undefined)
    return `--trust expects a SHA256:… fingerprint as ssh-keygen -lf prints it, got '${badTrust}'`;
  const c = v.concurrency;
  if (c !== undefined && (!/^\d+$/.test(c) || Number(c) < 1 || Number(c) > 64))
    return `--concurrency must be an integer 1-64, got '${c}'`;
  const t = v.timeout;
  if (t !== undefined && (!/^\d+(\.\d+)?$/.test(t) || Number(t) <= 0))
    return `--timeout must be a positive number of seconds, got '${t}'`;
  if (p.positionals.includes('-')) return 'unknown option -';
  if (p.positionals.length !== 1)
    return p.positionals.length ? `one IMAGE expected, got: ${p.positionals.join(' ')}` : 'IMAGE is required';
  if (!v.env) return '--env NAME is required';
  if (!v.node?.length) return 'at least one --node NODE is required';
  return {
    image: p.positionals[0],
    env: v.env,
    nodes: v.node,
    config: v.config === undefined ? undefined : abs(v.config),
    concurrency: c === undefined ? 4 : Number(c),
    knownHosts: (v['known-hosts'] ?? []).map(abs),
    trust: v.trust ?? [],
    dryRun: !!v['dry-run'],
    timeoutMs: t === undefined ? undefined : Math.round(Number(t) * 1000),
    allowErrors: !!v['allow-errors'],
    allowUnpushed: !!v['allow-unpushed'],
    format: v.format ?? 'text',
    recipe: v.recipe === undefined ? undefined : abs(v.recipe),
  };
}

function hostKeyHelp(e: SshError): string {
  if (e.code === 'host-key-unknown') {
    return `ays-recipes: ${e.message}\n  Check the fingerprint with the ovc_git administrator, then rerun with --trust ${e.fingerprint ?? 'SHA256:…'} or --known-hosts FILE.\n`;
  }
  return `ays-recipes: ${e.message}\n`;
}

async function runInstall(kind: InstallKind, args: string[], io: CliIo): Promise<number> {
  const parsed = parseInstallArgs(args, io.cwd);
  if (typeof parsed === 'string') {
    io.err.write(`ays-recipes ${kind}: ${parsed}\n${usage(kind)}`);
    return EXIT.usage;
  }
  const a = parsed;
  const bad = [validateName('image', a.image), ...a.nodes.map((n) => validateName('node', n))].filter((e) => !!e);
  if (bad.length) {
    io.err.write(bad.map((e) => `ays-recipes ${kind}: ${e!.message}\n`).join(''));
    return EXIT.usage;
  }

  const loaded: EnvironmentsResult = a.config ? loadEnvironmentsFile(a.config) : loadWorkspaceEnvironments(io.cwd);
  const env = findEnvironment(loaded, a.env);
  if ('code' in env) {
    for (const e of loaded.errors) io.err.write(`ays-recipes ${kind}: ${e.message}\n`);
    io.err.write(`ays-recipes ${kind}: ${env.message}\n`);
    return EXIT.usage;
  }
  const req = {
    environment: env.name,
    repoPath: env.repoPath,
    domain: env.domain,
    image: a.image,
    nodes: a.nodes,
    kind,
  };
  const plan = planInstall(req);
  if (!plan.ok) {
    io.err.write(plan.errors.map((e) => `ays-recipes ${kind}: ${e.message}\n`).join(''));
    return EXIT.usage;
  }
  if (a.dryRun) {
    io.out.write(
      `# environment ${env.name}: ${env.ovcGit.user}@${env.ovcGit.host}:${env.ovcGit.port}${env.ovcGit.agentForward ? ' (agent forwarded)' : ''}\n`,
    );
    for (const s of plan.steps)
      io.out.write(`# ${s.node === null ? 'once, before the nodes' : `node ${s.node}`}\n${s.command}\n`);
    return EXIT.ok;
  }

  const folder = a.recipe ?? findRecipeFolder(a.image, io.cwd);
  if (!folder || !existsSync(join(folder, 'service.hrd'))) {
    io.err.write(
      `ays-recipes ${kind}: no recipe folder ${a.recipe ?? `named ${a.image} under servicetemplates/`} in the working copy (give --recipe DIR)\n`,
    );
    return EXIT.usage;
  }
  const remote = await openRemote(env, io, { knownHosts: a.knownHosts, trust: a.trust, config: a.config });
  if ('code' in remote) {
    io.err.write(`ays-recipes ${kind}: ${remote.message}\n`);
    return EXIT.usage;
  }
  const json = a.format === 'json';
  try {
    const result = await runInstallSession(
      { folder, kind, env, nodes: a.nodes, concurrency: a.concurrency, timeoutMs: a.timeoutMs, signal: remote.signal },
      {
        exec: remote.exec,
        readState: remote.readState,
        validate: (files) => validateRecipeTexts(files),
        onEvent: eventPrinter(io, json),
        decisions: cliDecisions(io, {
          allowErrors: a.allowErrors,
          allowUnpushed: a.allowUnpushed,
          prefix: `ays-recipes ${kind}`,
        }),
      },
    );
    if (remote.portalError) io.err.write(`ays-recipes ${kind}: no registration result: ${remote.portalError}\n`);
    const summary = result.summary;
    if (summary?.pull && !summary.pull.ok)
      io.err.write(
        `[git pull] FAILED: ${summary.pull.error?.message ?? summary.pull.failures[0]?.message ?? `exit ${summary.pull.exitCode}`}\n`,
      );
    if (json) io.out.write(JSON.stringify(sessionJson(result), null, 2) + '\n');
    else if (summary) {
      const okCount = summary.results.filter((r) => r.ok).length;
      io.out.write(
        `\n${kind} ${a.image} on ${env.name}: ${okCount}/${summary.results.length} node(s) succeeded${summary.cancelled ? ' (cancelled)' : ''}\n`,
      );
      for (const r of summary.results) io.out.write(`${describeResult(r)}\n`);
      const reg = registrationLine(result);
      if (reg) io.out.write(`${reg}\n`);
    } else io.err.write(`ays-recipes ${kind}: ${result.message}\n`);
    if (summary?.sshError && isHostKeyError(summary.sshError)) {
      io.err.write(hostKeyHelp(summary.sshError));
      return EXIT.hostKey;
    }
    return result.ok ? EXIT.ok : EXIT.failed;
  } finally {
    await remote.close();
  }
}

/** The CLI's answers to the session's questions: flags, never a prompt. Blocks are explained on stderr. */
export function cliDecisions(
  io: CliIo,
  o: { allowErrors: boolean; allowUnpushed: boolean; commitMessage?: string; prefix: string },
): SessionDecisions {
  return {
    async localChanges(g) {
      if (o.commitMessage) return { action: 'commit', message: o.commitMessage };
      const what = [
        g.uncommitted.length
          ? `${g.uncommitted.length} uncommitted change(s) (${g.uncommitted.slice(0, 3).join(', ')})`
          : '',
        g.unpushed ? `${g.unpushed} unpushed commit(s)` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      if (o.allowUnpushed) {
        io.err.write(`${o.prefix}: ${what}: installing what origin has (--allow-unpushed)\n`);
        return { action: 'pushed' };
      }
      io.err.write(
        `${o.prefix}: the recipe folder has ${what}; ovc_git pulls from origin, so they would not be installed.\n  Commit and push first, or rerun with --allow-unpushed to install what origin has.\n`,
      );
      return { action: 'stop' };
    },
    async errors(errors, source) {
      const list = errors
        .slice(0, 10)
        .map((e) => `  ${e.file}:${e.line}: ${e.code} ${e.message.split('\n')[0]}\n`)
        .join('');
      io.err.write(
        `${o.prefix}: the ${source === 'pushed' ? 'pushed version of the recipe (what ovc_git installs)' : 'recipe'} has ${errors.length} error(s):\n${list}`,
      );
      if (o.allowErrors) {
        io.err.write(`${o.prefix}: installing anyway (--allow-errors)\n`);
        return true;
      }
      io.err.write(`  Fix them, or rerun with --allow-errors.\n`);
      return false;
    },
    async confirm() {
      return true;
    },
  };
}

function command(kind: InstallKind, summary: string): CliCommand {
  return { name: kind, summary, usage: usage(kind), run: (args, io) => runInstall(kind, args, io) };
}

export const installCommand = command('install', 'install an image recipe on nodes over SSH (ays install)');
export const reinstallCommand = command('reinstall', 'reinstall an image recipe on nodes (ays install -r)');
export const cleanReinstallCommand = command(
  'clean-reinstall',
  "remove the node's image instance on ovc_git, then reinstall",
);
export const installCommands: CliCommand[] = [installCommand, reinstallCommand, cleanReinstallCommand];
