/**
 * `ays-recipes new URL --name DISPLAY_NAME [...]`: creates an image recipe folder (service.hrd in the
 * canonical layout, actions.py for the profile, an empty instance.hrd) with common/recipe/newRecipe.
 * Exit 0 with the folder printed; 2 on bad input, with nothing written.
 */
import { isAbsolute, join, resolve } from 'node:path';
import {
  findEnvironment,
  loadEnvironmentsFile,
  loadWorkspaceEnvironments,
} from '../../../common/environments/loadEnvironments';
import { findServicetemplates } from '../../../common/install/recipeFolder';
import {
  checkSpec,
  parseImageUrl,
  portalTemplateNames,
  Profile,
  propose,
  recipeFiles,
  RecipeSpec,
  uniqueStem,
  workspaceTemplateNames,
  writeRecipe,
} from '../../../common/recipe/newRecipe';
import { probeMd5 } from '../../../common/recipe/probeMd5';
import { parseStrictArgs } from './cliArgs';
import { CliCommand, CliIo, EXIT } from './CliIo';
import { createPortalClient } from './images';

const USAGE = `Usage: ays-recipes new URL --name DISPLAY_NAME [--type Linux|Windows|Other] [--size GB] [--boot bios|uefi]
                       [--folder image_x] [--dir servicetemplates] [--profile current|legacy] [--env NAME] [--config FILE] [--offline]

Creates servicetemplates/image_<slug>/ with service.hrd (canonical layout), actions.py and an empty instance.hrd,
ready to commit. Derived: url (scheme and host, credentials kept) and source (the path) from URL; the folder;
a dest file name that no recipe of the working copy and no template of the environment's portal (--env) uses;
checkmd5 true only when <url>/<source>.md5sum answers a HEAD request (--offline: not probed, false).

  --type      Linux, Windows, Other or another category (default: Windows when the name says so, else Linux)
  --size      minimal disk in GB (default: 25 Windows, 10 otherwise)
  --boot      uefi adds bootType='uefi' (current profile only)
  --dir       the servicetemplates folder (default: found from the current directory)
  --profile   current: registerImage(serviceObj, name, type, size); legacy: the five-argument form

Exit codes: 0 created (the folder is printed), 1 the portal could not be read, 2 bad input (nothing written).
`;

export const newCommand: CliCommand = {
  name: 'new',
  summary: 'create an image recipe folder from an image URL (service.hrd, actions.py, instance.hrd)',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const p = parseStrictArgs(args, {
      name: { type: 'string' },
      type: { type: 'string' },
      size: { type: 'string' },
      boot: { type: 'string' },
      folder: { type: 'string' },
      dir: { type: 'string' },
      profile: { type: 'string' },
      env: { type: 'string' },
      config: { type: 'string' },
      offline: { type: 'boolean' },
    });
    if (typeof p === 'string') {
      io.err.write(`ays-recipes new: ${p}\n${USAGE}`);
      return EXIT.usage;
    }
    const v = p.values;
    const fail = (m: string) => {
      io.err.write(`ays-recipes new: ${m}\n`);
      return EXIT.usage;
    };
    if (p.positionals.length !== 1)
      return fail(
        p.positionals.length ? `one URL expected, got: ${p.positionals.join(' ')}` : 'the image URL is required',
      );
    if (!v.name) return fail('--name DISPLAY_NAME is required');
    const url = parseImageUrl(p.positionals[0]);
    if ('error' in url) return fail(url.error);
    const profile = (v.profile ?? 'current') as Profile;
    if (profile !== 'current' && profile !== 'legacy')
      return fail(`--profile must be current or legacy, got '${v.profile}'`);
    if (v.boot && v.boot !== 'bios' && v.boot !== 'uefi') return fail(`--boot must be bios or uefi, got '${v.boot}'`);
    if (v.boot === 'uefi' && profile === 'legacy')
      return fail('--boot uefi needs the current profile (the legacy registerImage has no bootType)');
    if (v.size !== undefined && !/^\d+$/.test(v.size))
      return fail(`--size must be a whole number of GB, got '${v.size}'`);
    const dir = v.dir
      ? isAbsolute(v.dir)
        ? v.dir
        : resolve(io.cwd, v.dir)
      : (findServicetemplates(io.cwd)[0] ?? join(io.cwd, 'servicetemplates'));
    const pr = propose(url, v.name, v.type);

    const taken = workspaceTemplateNames([dir]);
    if (v.env) {
      const loaded = v.config
        ? loadEnvironmentsFile(isAbsolute(v.config) ? v.config : resolve(io.cwd, v.config))
        : loadWorkspaceEnvironments(io.cwd);
      const env = findEnvironment(loaded, v.env);
      if ('code' in env) return fail(env.message);
      if (env.portal) {
        const c = await createPortalClient(env, io, { config: v.config });
        if (!c.ok) {
          io.err.write(`ays-recipes new: ${c.error.message}\n`);
          return EXIT.failed;
        }
        try {
          const imgs = await c.value.listImages({ signal: io.signal });
          if (!imgs.ok) {
            io.err.write(`ays-recipes new: the portal's templates could not be read: ${imgs.error.message}\n`);
            return EXIT.failed;
          }
          for (const t of portalTemplateNames(imgs.value.images)) taken.add(t);
        } finally {
          await c.value.close();
        }
      }
    }
    const stem = url.fileName.replace(/(\.(qcow2|img|raw|vmdk|vhdx?))?(\.(gz|xz|bz2))?$/i, '');
    const probe = v.offline
      ? { exists: false, note: 'checkmd5 false: --offline, the .md5sum file was not probed' }
      : await probeMd5(`${url.url}/${url.source.replace(/^\/+/, '')}`, { signal: io.signal });
    const spec: RecipeSpec = {
      url,
      displayName: v.name,
      type: pr.type,
      size: v.size ? Number(v.size) : pr.size,
      boot: v.boot as 'bios' | 'uefi' | undefined,
      folder: v.folder ?? pr.folder,
      destStem: uniqueStem(stem, taken),
      checkmd5: probe.exists,
      profile,
    };
    const bad = checkSpec(dir, spec);
    if (bad) return fail(bad);
    const files = recipeFiles(dir, spec);
    const err = writeRecipe(files);
    if (err) return fail(err);
    if (probe.note) io.err.write(`note: ${probe.note}\n`);
    if (spec.destStem !== stem.replace(/\./g, '-'))
      io.err.write(
        `note: dest file name ${files.dest.split('/').pop()}: "${stem}" is already used by a recipe or a template on the portal\n`,
      );
    io.out.write(`${files.folder}\n`);
    return EXIT.ok;
  },
};
