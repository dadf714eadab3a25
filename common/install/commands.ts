/**
 * The remote commands run on ovc_git (domain.md §3.3, §3.4, §8). Every value is validated and then
 * single-quoted; a bad value gives an error and no command at all.
 */
import { NameError, shQuote, validateName, validateRepoPath } from '../names';

export type InstallKind = 'install' | 'reinstall' | 'clean-reinstall';

export interface InstallTarget {
  repoPath: string;
  /** AYS domain of the template (default: basename(repoPath), applied by the environment loader). */
  domain: string;
  image: string;
  node: string;
  /** Default `main`. */
  instance?: string;
}

export type Built = { ok: true; command: string } | { ok: false; error: NameError };

function check(t: InstallTarget): NameError | undefined {
  return (
    validateRepoPath(t.repoPath) ??
    validateName('image', t.image) ??
    validateName('node', t.node) ??
    validateName('domain', t.domain) ??
    validateName('instance', t.instance ?? 'main')
  );
}

/**
 * Runs `command` in a login shell, as the operator's interactive session on ovc_git does (domain.md §8),
 * so /etc/profile, /etc/profile.d and ~/.profile put `ays` on PATH: `bash -lc '<command>'`. The inner
 * command has every value validated and single-quoted; the whole is quoted once more as one argument.
 */
export function inLoginShell(command: string): string {
  return `bash -lc ${shQuote(command)}`;
}

/** `bash -lc 'cd <repoPath> && git pull --ff-only'` (run once before a fan-out over several nodes). */
export function buildPullCommand(repoPath: string): Built {
  const e = validateRepoPath(repoPath);
  if (e) return { ok: false, error: e };
  return { ok: true, command: inLoginShell(`cd ${shQuote(repoPath)} && git pull --ff-only`) };
}

/** The instance directory a clean reinstall removes: services/jumpscale__node.ssh__<node>/<domain>__<image>__<instance>. */
export function instanceDir(t: InstallTarget): string {
  return `${t.repoPath}/services/jumpscale__node.ssh__${t.node}/${t.domain}__${t.image}__${t.instance ?? 'main'}`;
}

/**
 * Each in a login shell (`bash -lc '…'`, see inLoginShell):
 * install:          cd R && git pull --ff-only && cd servicetemplates && ays install -n I --targettype node.ssh --targetname N
 * reinstall:        … ays install -r -n I …   (`-r` is not forwarded to the node, §3.4)
 * clean-reinstall:  … && rm -rf -- R/services/jumpscale__node.ssh__N/D__I__main && cd servicetemplates && ays install -r …
 * `pull: false` leaves out the git pull (it already ran once for the whole fan-out).
 */
export function buildInstallCommand(kind: InstallKind, t: InstallTarget, options: { pull?: boolean } = {}): Built {
  const e = check(t);
  if (e) return { ok: false, error: e };
  const parts = [`cd ${shQuote(t.repoPath)}`];
  if (options.pull !== false) parts.push('git pull --ff-only');
  if (kind === 'clean-reinstall') parts.push(`rm -rf -- ${shQuote(instanceDir(t))}`);
  parts.push('cd servicetemplates');
  const r = kind === 'install' ? '' : '-r ';
  const inst = t.instance && t.instance !== 'main' ? ` -i ${shQuote(t.instance)}` : '';
  parts.push(`ays install ${r}-n ${shQuote(t.image)}${inst} --targettype node.ssh --targetname ${shQuote(t.node)}`);
  return { ok: true, command: inLoginShell(parts.join(' && ')) };
}

/** Lists node.ssh instances (`ls -d R/services/<glob>__node.ssh__<glob>`) without side effects (never `ays list --installed`, §8). */
export function buildDiscoverNodesCommand(repoPath: string): Built {
  const e = validateRepoPath(repoPath);
  if (e) return { ok: false, error: e };
  return { ok: true, command: `ls -d ${shQuote(repoPath)}/services/*__node.ssh__*` };
}

/** Node names from the `ls -d` output; anything that is not a valid name is ignored. */
export function parseDiscoveredNodes(stdout: string): string[] {
  const out = new Set<string>();
  for (const line of stdout.split(/\r?\n/)) {
    const m = /(?:^|\/)[A-Za-z0-9._-]*__node\.ssh__([^/\s]+)\/?\s*$/.exec(line.trim());
    if (m && !validateName('node', m[1])) out.add(m[1]);
  }
  return [...out].sort();
}

/** Image instances per node, side-effect free: `ls -d` of the image instance folders under each node.ssh service (for the tree). */
export function buildDiscoverImagesCommand(repoPath: string): Built {
  const e = validateRepoPath(repoPath);
  if (e) return { ok: false, error: e };
  return { ok: true, command: `ls -d ${shQuote(repoPath)}/services/*__node.ssh__*/*__image_*__*` };
}

export interface NodeImageInstance {
  node: string;
  domain: string;
  image: string;
  instance: string;
}

export function parseDiscoveredImages(stdout: string): NodeImageInstance[] {
  const out: NodeImageInstance[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m =
      /__node\.ssh__([A-Za-z0-9._-]+)\/([A-Za-z0-9._-]+?)__(image_[A-Za-z0-9._-]+?)__([A-Za-z0-9._-]+)\/?\s*$/.exec(
        line.trim(),
      );
    if (m) out.push({ node: m[1], domain: m[2], image: m[3], instance: m[4] });
  }
  return out;
}
