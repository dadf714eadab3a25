/**
 * `ays-recipes images` and `ays-recipes availability`: the Cloud Broker Portal side of an environment
 * (domain.md §5, §8) from the command line. Secrets come from environment variables only:
 * AYS_PORTAL_PASSWORD[_<ENV>] (auth "authkey") and AYS_PORTAL_CLIENT_SECRET[_<ENV>] (auth "jwt"),
 * where <ENV> is the environment name upper-cased with other characters than A-Z0-9 turned into `_`.
 */
import { isAbsolute, resolve } from 'node:path';
import {
  findEnvironment,
  loadEnvironmentsFile,
  loadWorkspaceEnvironments,
  ResolvedEnvironment,
} from '../../../common/environments/loadEnvironments';
import { availabilityChange, completeStackList, stacksWithImage } from '../../../common/portal/availability';
import { joinNodes, JoinResult } from '../../../common/portal/joinNodes';
import { INSECURE_WARNING, PortalClient } from '../../../common/portal/PortalClient';
import { PortalError, SecretKind, Stack } from '../../../common/portal/types';
import { secretFromEnv, secretVariable } from '../../../common/portal/secretVariables';
import { CliArgs, parseCliArgs } from './cliArgs';
import { CliCommand, CliIo, EXIT } from './CliIo';

/** The options both commands share: the environment, its portal client's limits and logging. */
const PORTAL_OPTIONS = {
  env: { type: 'string' },
  config: { type: 'string' },
  timeout: { type: 'string' },
  'max-response-mb': { type: 'string' },
  insecure: { type: 'boolean' },
  verbose: { type: 'boolean' },
} as const;
type Parsed = CliArgs<typeof PORTAL_OPTIONS>;

interface Setup {
  env: ResolvedEnvironment;
  client: PortalClient;
}

/** `--timeout SECONDS` (the operation deadline) and `--max-response-mb MB`; a message when one is not a positive number. */
function portalLimits(p: Parsed): { timeoutMs?: number; maxResponseBytes?: number } | string {
  const out: { timeoutMs?: number; maxResponseBytes?: number } = {};
  for (const [flag, key, scale] of [
    ['timeout', 'timeoutMs', 1000],
    ['max-response-mb', 'maxResponseBytes', 1024 * 1024],
  ] as const) {
    const v = p.values[flag];
    if (v === undefined) continue;
    if (!/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0) return `--${flag} must be a positive number, got '${v}'`;
    out[key] = Math.round(Number(v) * scale);
  }
  return out;
}

/** Loads the environment and builds its portal client; prints the problem and returns an exit code otherwise. */
async function setup(p: Parsed, io: CliIo): Promise<Setup | number> {
  const name = p.values.env;
  if (!name) {
    io.err.write('ays-recipes: --env NAME is required\n');
    return EXIT.usage;
  }
  const config = p.values.config;
  const loaded =
    config !== undefined
      ? loadEnvironmentsFile(isAbsolute(config) ? config : resolve(io.cwd, config))
      : loadWorkspaceEnvironments(io.cwd);
  const env = findEnvironment(loaded, name);
  if (!('repoPath' in env)) {
    const fileErrors = loaded.errors
      .filter((e) => e.code === 'env-file' || e.code === 'env-missing')
      .map((e) => e.message);
    io.err.write(`ays-recipes: ${[...fileErrors, env.message].join('; ')}\n`);
    return EXIT.failed;
  }
  if (!env.portal) {
    io.err.write(`ays-recipes: environment '${name}' has no "portal" settings\n`);
    return EXIT.failed;
  }
  const limits = portalLimits(p);
  if (typeof limits === 'string') {
    io.err.write(`ays-recipes: ${limits}\n`);
    return EXIT.usage;
  }
  const created = await createPortalClient(env, io, {
    config,
    insecure: p.values.insecure === true,
    verbose: p.values.verbose === true,
    ...limits,
  });
  if (!created.ok) {
    io.err.write(`ays-recipes: ${created.error.message}\n`);
    return EXIT.failed;
  }
  return { env, client: created.value };
}

/** The portal client of an environment for the CLI (secrets from the environment variables, caFile relative to --config). */
export async function createPortalClient(
  env: ResolvedEnvironment,
  io: CliIo,
  o: { config?: string; insecure?: boolean; verbose?: boolean; timeoutMs?: number; maxResponseBytes?: number } = {},
) {
  const portal = { ...env.portal! };
  if (portal.caFile && !isAbsolute(portal.caFile)) {
    portal.caFile = o.config ? resolve(io.cwd, o.config, '..', portal.caFile) : resolve(io.cwd, portal.caFile);
  }
  if (o.insecure) io.err.write(`warning: ${INSECURE_WARNING}\n`);
  return PortalClient.create(portal, {
    envName: env.name,
    insecure: o.insecure,
    timeoutMs: o.timeoutMs,
    maxResponseBytes: o.maxResponseBytes,
    getSecret: async (kind) => secretFromEnv(kind, env.name, io.env),
    log: o.verbose ? (line) => io.err.write(`portal: ${line}\n`) : undefined,
  });
}

function report(io: CliIo, env: ResolvedEnvironment, e: PortalError): number {
  let hint = '';
  if (
    e.code === 'missing-secret' ||
    e.code === 'auth-expired' ||
    (e.code === 'not-authenticated' && e.status === 401)
  ) {
    const kind: SecretKind = env.portal?.auth === 'jwt' ? 'clientSecret' : 'password';
    hint = ` (the CLI reads ${secretVariable(kind, env.name)} or ${secretVariable(kind)})`;
  }
  io.err.write(`ays-recipes: ${e.message}${hint}\n`);
  return EXIT.failed;
}

function textTable(join: JoinResult): string[] {
  const lines: string[] = [];
  for (const n of join.nodes) {
    if (!n.stack) {
      lines.push(`${n.name}  — no portal stack named "${n.name}"`);
      continue;
    }
    const extra = n.match === 'stack-only' ? ' · no node.ssh instance' : '';
    lines.push(
      `${n.name}  stack ${n.stack.id} · ref ${n.stack.referenceId} · ${n.stack.status} · ${n.images.length} image(s)${extra}`,
    );
    const w = Math.max(4, ...n.images.map((r) => r.name.length));
    for (const r of n.images) {
      const recipe = r.recipe ? `  ${r.recipe.folder}` : '';
      lines.push(
        `  ${String(r.id).padStart(5)}  ${r.name.padEnd(w)}  ${r.type.padEnd(8)} ${String(r.size).padStart(4)} GB  ${r.status.padEnd(9)} ${r.bootType ?? ''}${recipe}`.trimEnd(),
      );
    }
    if (n.unknownImageIds.length) lines.push(`  also image ids not in the image list: ${n.unknownImageIds.join(', ')}`);
  }
  return lines;
}

export const imagesCommand: CliCommand = {
  name: 'images',
  summary: "list the portal's nodes (stacks) of an environment and the images on each",
  usage: [
    'Usage: ays-recipes images --env NAME [--config FILE] [--format text|json] [--timeout SECONDS] [--max-response-mb MB] [--insecure] [--verbose]',
    '',
    "Reads the stacks of the environment's grid and every image from its Cloud Broker Portal and shows,",
    'per node, the images available on it. Nodes are matched to stacks by name.',
    '',
    '  --env NAME       the environment (from --config FILE, else .vscode/settings.json "aysRecipes.environments")',
    '  --config FILE    JSON file: an array of environments, or { "environments": [...] }',
    '  --format json    machine-readable: { environment, partial, sources, warnings, nodes, images }',
    '  --timeout SECONDS       give up on the portal after this long, retries included (default 60)',
    '  --max-response-mb MB    refuse portal answers larger than this (default 32)',
    "  --insecure       do not verify the portal's TLS certificate (prints a warning; prefer portal.caFile)",
    '  --verbose        log each request (method, path, status; secrets redacted) to stderr',
    '',
    'Secrets (never in files): AYS_PORTAL_PASSWORD_<ENV> or AYS_PORTAL_PASSWORD for auth "authkey",',
    'AYS_PORTAL_CLIENT_SECRET_<ENV> or AYS_PORTAL_CLIENT_SECRET for auth "jwt".',
    'Exit: 0 ok, 1 failure (portal, auth, config), 2 usage.',
  ].join('\n'),
  async run(args, io) {
    const p = parseCliArgs(args, { ...PORTAL_OPTIONS, format: { type: 'string' } } as const);
    const format = typeof p === 'string' ? undefined : (p.values.format ?? 'text');
    if (typeof p === 'string' || p.positionals.length || (format !== 'text' && format !== 'json')) {
      io.err.write(
        `ays-recipes images: ${typeof p === 'string' ? p : p.positionals.length ? `unexpected argument ${p.positionals[0]}` : `--format must be text or json`}\n`,
      );
      return EXIT.usage;
    }
    const s = await setup(p, io);
    if (typeof s === 'number') return s;
    try {
      const state = await s.client.fetchState({ signal: io.signal });
      if (!state.ok) return report(io, s.env, state.error);
      const { stacks, images, partial, sources, warnings } = state.value;
      const join = joinNodes(stacks, images, s.env.nodes === 'discovered' ? [] : s.env.nodes);
      if (format === 'json') {
        io.out.write(
          JSON.stringify(
            {
              environment: s.env.name,
              portal: s.env.portal!.url,
              gid: s.env.portal!.gid,
              partial,
              sources,
              warnings,
              ...join,
            },
            null,
            2,
          ) + '\n',
        );
        return EXIT.ok;
      }
      const grid = s.env.portal!.gid === undefined ? 'all grids' : `grid ${s.env.portal!.gid}`;
      const lines = [
        `${s.env.name} · ${s.env.portal!.url} · ${grid} · ${stacks.length} stack(s), ${images.length} image(s)`,
        ...textTable(join),
      ];
      if (s.env.nodes === 'discovered')
        lines.push('note: nodes are "discovered" (over SSH); this command shows every stack of the portal instead');
      if (partial)
        lines.push(
          `note: partial data (stacks from ${sources.stacks}, images from ${sources.images}): the portal user is not an admin; only CREATED public images are listed`,
        );
      for (const w of warnings) lines.push(`warning: ${w.message}`);
      io.out.write(lines.join('\n') + '\n');
      return EXIT.ok;
    } finally {
      await s.client.close();
    }
  },
};

function stackLabel(s: Stack | undefined, id: number): string {
  return s ? `${s.name} (stack ${id})` : `stack ${id}`;
}

export const availabilityCommand: CliCommand = {
  name: 'availability',
  summary: 'set on which nodes an image is available (sends the complete list to the portal)',
  usage: [
    'Usage: ays-recipes availability IMAGE_ID --env NAME --nodes a,b,c [--yes] [--config FILE] [--timeout SECONDS] [--max-response-mb MB] [--insecure] [--verbose]',
    '',
    "Makes image IMAGE_ID available on exactly the listed nodes (stack names) of the environment's grid,",
    'and nowhere else in that grid; stacks of other grids that have it keep it. Prints the nodes added,',
    'removed and kept, then sends cloudbroker/image/updateNodes with the complete list of stack ids.',
    '',
    '  --nodes a,b,c   the nodes that must have the image; --nodes "" = no node at all (removes it everywhere)',
    '  --yes           needed whenever the change removes the image from a node (never prompts; without',
    '                  --yes nothing is sent and the exit code is 1). Adding nodes needs no --yes.',
    '',
    '--timeout, --max-response-mb, secrets: see `ays-recipes images --help`. Exit: 0 applied or nothing to do, 1 failure or not confirmed, 2 usage.',
  ].join('\n'),
  async run(args, io) {
    const p = parseCliArgs(args, { ...PORTAL_OPTIONS, nodes: { type: 'string' }, yes: { type: 'boolean' } } as const);
    const idText = typeof p === 'string' ? undefined : p.positionals[0];
    if (
      typeof p === 'string' ||
      p.positionals.length !== 1 ||
      !/^\d+$/.test(idText ?? '') ||
      p.values.nodes === undefined
    ) {
      io.err.write(
        `ays-recipes availability: ${typeof p === 'string' ? p : p.positionals.length !== 1 || !/^\d+$/.test(idText ?? '') ? 'give one numeric IMAGE_ID' : '--nodes a,b,c is required'}\n`,
      );
      return EXIT.usage;
    }
    const imageId = Number(idText);
    const wanted = [
      ...new Set(
        p.values.nodes
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ];
    const s = await setup(p, io);
    if (typeof s === 'number') return s;
    try {
      const gid = s.env.portal!.gid;
      const [st, im] = await Promise.all([
        s.client.listStacks({ gid: null, signal: io.signal }),
        s.client.listImages({ signal: io.signal }),
      ]);
      if (!st.ok) return report(io, s.env, st.error);
      const all = st.value.stacks;
      const grid = gid === undefined ? all : all.filter((x) => x.gid === undefined || x.gid === gid);
      const image = im.ok ? im.value.images.find((i) => i.id === imageId) : undefined;
      if (im.ok && !im.value.partial && !image) {
        io.err.write(`ays-recipes: the portal has no image with id ${imageId}\n`);
        return EXIT.failed;
      }
      const byId = new Map(all.map((x) => [x.id, x]));
      const desired: number[] = [];
      const unknown: string[] = [];
      for (const n of wanted) {
        const hit = grid.find((x) => x.name === n) ?? grid.find((x) => x.name.toLowerCase() === n.toLowerCase());
        if (hit) desired.push(hit.id);
        else unknown.push(n);
      }
      if (unknown.length) {
        io.err.write(
          `ays-recipes: no stack named ${unknown.map((u) => `'${u}'`).join(', ')} in the portal (known: ${grid.map((x) => x.name).join(', ') || 'none'})\n`,
        );
        return EXIT.failed;
      }
      const change = availabilityChange(stacksWithImage(grid, imageId), desired);
      const names = (ids: number[]) => ids.map((id) => stackLabel(byId.get(id), id)).join(', ') || '—';
      io.out.write(
        [
          `Image ${imageId}${image ? ` "${image.name}"` : ''} on ${s.env.name}${gid === undefined ? '' : ` (grid ${gid})`}:`,
          `  added:   ${names(change.added)}`,
          `  removed: ${names(change.removed)}`,
          `  kept:    ${names(change.kept)}`,
          '',
        ].join('\n'),
      );
      if (change.unchanged) {
        io.out.write('No change: nothing sent.\n');
        return EXIT.ok;
      }
      if (change.removed.length && p.values.yes !== true) {
        io.err.write(
          change.removesEverywhere
            ? `Not applied: this removes image ${imageId} from EVERY node, so no new VM can use it. Re-run with --yes to do it.\n`
            : `Not applied: this removes image ${imageId} from ${change.removed.length} node(s). Re-run with --yes to do it.\n`,
        );
        return EXIT.failed;
      }
      const complete = completeStackList(all, imageId, gid, desired);
      const r = await s.client.updateNodes(imageId, complete, {
        allowRemoveEverywhere: complete.length === 0,
        signal: io.signal,
      });
      if (!r.ok) return report(io, s.env, r.error);
      const after = await s.client.listStacks({ gid: null, signal: io.signal });
      const now = after.ok
        ? stacksWithImage(
            after.value.stacks.filter((x) => grid.some((g) => g.id === x.id)),
            imageId,
          )
        : undefined;
      io.out.write(
        `Applied. ${now ? `Image ${imageId} is now on: ${names(now)}` : 'Could not re-read the stacks to confirm.'}\n`,
      );
      return EXIT.ok;
    } finally {
      await s.client.close();
    }
  },
};
