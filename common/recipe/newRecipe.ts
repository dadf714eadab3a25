/**
 * New Image Recipe (issue 12 §2), shared by the extension and `ays-recipes new`: parse the image URL,
 * propose what can be derived (display name, type, size, boot type, folder), pick a `dest` basename
 * that collides with no recipe of the workspace and no template on the portal, render service.hrd in
 * the canonical robot layout (domain.md §1.4) and actions.py for the profile, and write the folder
 * without ever overwriting anything. Also New Version of This Recipe (a new folder and dest basename).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { lastDest } from '../install/InstallSession';
import { validateName } from '../names';
import { templateNameOf } from '../install/registration';

export type Profile = 'current' | 'legacy';
export const IMAGE_TYPES = ['Linux', 'Windows', 'Other'];
export const DEST_DIR = '/opt/jumpscale7/var/tmp/templates';

export interface ImageUrl {
  /** scheme://[credentials@]host[:port], credentials kept as given. */
  url: string;
  /** The path, starting with `/`. */
  source: string;
  /** The file name of the path. */
  fileName: string;
}

export function parseImageUrl(raw: string): ImageUrl | { error: string } {
  const text = raw.trim();
  const m = /^(https?|ftp|file):\/\/([^/?#]*)(\/[^?#]*)$/i.exec(text);
  if (!m)
    return {
      error: `"${raw}" is not an image URL: expected http://, https://, ftp:// or file:// followed by a host and a path to the image file`,
    };
  const [, scheme, authority, p] = m;
  if (scheme.toLowerCase() !== 'file' && !authority.replace(/^[^@]*@/, '')) return { error: `"${raw}" has no host` };
  if (/[\s'#,]/.test(p) || /['#,\s]/.test(authority))
    return {
      error: `"${raw}" contains a space, quote, comma or '#': AYS cannot read such a value in service.hrd (§1.2, §1.4)`,
    };
  const fileName = p.split('/').pop() ?? '';
  if (!fileName) return { error: `"${raw}" ends with '/': give the URL of the image file itself` };
  return { url: `${scheme.toLowerCase()}://${authority}`, source: p.replace(/\/{2,}/g, '/'), fileName };
}

/** The file name without a known image extension (and without `.gz`, `.xz`). */
function stemOf(fileName: string): { stem: string; ext: string } {
  const m = /^(.*?)((?:\.(?:qcow2|img|raw|vmdk|vhdx?))?)((?:\.(?:gz|xz|bz2))?)$/i.exec(fileName)!;
  const ext = (m[2] || '.qcow2').toLowerCase();
  return { stem: m[1] || fileName, ext: ['.qcow2', '.img', '.raw'].includes(ext) ? ext : '.qcow2' };
}

/** `[a-z0-9-]` words of a name. */
export function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'image'
  );
}

export interface Proposals {
  displayName: string;
  type: string;
  size: number;
  suggestsUefi: boolean;
  folder: string;
}

export function propose(u: ImageUrl, displayName?: string, type?: string): Proposals {
  const { stem } = stemOf(u.fileName);
  const words = stem.split(/[-_.\s]+/).filter(Boolean);
  const name = displayName ?? words.map((w) => (/^\d/.test(w) ? w : w[0].toUpperCase() + w.slice(1))).join(' ');
  const t = type ?? (/win/i.test(`${u.source} ${name}`) ? 'Windows' : 'Linux');
  return {
    displayName: name,
    type: t,
    size: t === 'Windows' ? 25 : 10,
    suggestsUefi: /uefi|efi/i.test(`${u.source} ${name}`),
    folder: `image_${slug(displayName ?? stem)}`,
  };
}

export function validateDisplayName(name: string): string | undefined {
  if (!name.trim()) return 'the display name is empty';
  if (/['"\\\r\n]/.test(name))
    return `the display name "${name}" contains a quote, a backslash or a line break (it goes into a Python string in actions.py)`;
  if (name.length > 120) return 'the display name is longer than 120 characters';
  return undefined;
}

/** A dest stem that is not taken: `stem`, else `stem-v2`, `stem-v3`… */
export function uniqueStem(stem: string, taken: ReadonlySet<string>): string {
  const base = stem.replace(/\./g, '-');
  if (!taken.has(base)) return base;
  const m = /^(.*?)-v(\d+)$/.exec(base);
  const root = m ? m[1] : base;
  for (let n = m ? Number(m[2]) + 1 : 2; ; n++) if (!taken.has(`${root}-v${n}`)) return `${root}-v${n}`;
}

/** Template names (dest stems) of every recipe under the servicetemplates folders. */
export function workspaceTemplateNames(roots: string[]): Set<string> {
  const out = new Set<string>();
  const visit = (dir: string, depth: number) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isFile() && e.name === 'service.hrd') {
        try {
          const d = lastDest(readFileSync(path.join(dir, e.name), 'utf8'));
          if (d) out.add(templateNameOf(d));
        } catch {
          /* unreadable */
        }
      } else if (e.isDirectory() && e.name !== '.git' && depth > 0) visit(path.join(dir, e.name), depth - 1);
    }
  };
  for (const r of roots) visit(r, 4);
  return out;
}

/** Template names registered on the portal: the last segment of each image's UNCPath (§4.2). */
export function portalTemplateNames(images: ReadonlyArray<{ uncPath?: string }>): Set<string> {
  return new Set(
    images
      .map((i) => i.uncPath?.split('/').pop())
      .filter((x): x is string => !!x)
      .map((x) => x.replace(/\.raw$/, '')),
  );
}

export interface RecipeSpec {
  url: ImageUrl;
  displayName: string;
  type: string;
  size: number;
  boot?: 'bios' | 'uefi';
  folder: string;
  destStem: string;
  checkmd5: boolean;
  profile: Profile;
}

export function renderServiceHrd(s: Pick<RecipeSpec, 'url' | 'checkmd5'> & { dest: string }): string {
  const pad = (k: string) => k.padEnd(30);
  return [
    `${pad('platform.supported')} = 'generic'`,
    '',
    `${pad('web.export.1')} =`,
    `    checkmd5:'${s.checkmd5 ? 'true' : 'false'}',`,
    `    dest:'${s.dest}',`,
    `    source:'${s.url.source}',`,
    `    url:'${s.url.url}',`,
    '',
    '',
  ].join('\n');
}

export function renderActions(s: RecipeSpec, destBase: string): string {
  const windows = s.type === 'Windows';
  const args =
    s.profile === 'legacy'
      ? `serviceObj, name, imagename, '${s.type}', ${s.size}${windows ? ", username='Cloudscalers'" : ''}`
      : `serviceObj, name, '${s.type}', ${s.size}${windows ? ", username='Cloudscalers'" : ''}${s.boot === 'uefi' ? ", bootType='uefi'" : ''}`;
  return [
    'from JumpScale import j',
    '',
    'ActionsBase = j.atyourservice.getActionsBaseClass()',
    '',
    '',
    'class Actions(ActionsBase):',
    '',
    '    def configure(self, serviceObj):',
    '        from CloudscalerLibcloud.imageutil import registerImage',
    `        name = '${s.displayName}'`,
    ...(s.profile === 'legacy' ? [`        imagename = '${destBase}'`] : []),
    `        registerImage(${args})`,
    '',
  ].join('\n');
}

export interface NewRecipeFiles {
  folder: string;
  dest: string;
  files: Array<{ name: string; text: string }>;
}

export function recipeFiles(dir: string, s: RecipeSpec): NewRecipeFiles {
  const ext = stemOf(s.url.fileName).ext;
  const destBase = `${s.destStem}${ext}`;
  const dest = `${DEST_DIR}/${destBase}`;
  return {
    folder: path.join(dir, s.folder),
    dest,
    files: [
      { name: 'service.hrd', text: renderServiceHrd({ url: s.url, checkmd5: s.checkmd5, dest }) },
      { name: 'actions.py', text: renderActions(s, destBase) },
      { name: 'instance.hrd', text: '' },
    ],
  };
}

/** Every check before anything is written; undefined when the spec can be written. */
export function checkSpec(dir: string, s: RecipeSpec): string | undefined {
  const bad = validateName('image', s.folder);
  if (bad) return `invalid folder name "${s.folder}": only letters, digits, '.', '_' and '-' are allowed`;
  if (!IMAGE_TYPES.includes(s.type) && !/^[A-Za-z][A-Za-z0-9 ._-]*$/.test(s.type)) return `invalid type "${s.type}"`;
  if (!Number.isInteger(s.size) || s.size < 1 || s.size > 10000)
    return `invalid size ${s.size}: a whole number of GB, at least 1`;
  const dn = validateDisplayName(s.displayName);
  if (dn) return dn;
  if (existsSync(path.join(dir, s.folder))) return `${path.join(dir, s.folder)} already exists: nothing was written`;
  return undefined;
}

/** Writes the folder and its files; refuses (writing nothing) when the folder exists. */
export function writeRecipe(r: NewRecipeFiles): string | undefined {
  if (existsSync(r.folder)) return `${r.folder} already exists: nothing was written`;
  try {
    mkdirSync(path.dirname(r.folder), { recursive: true });
    mkdirSync(r.folder);
  } catch (e) {
    return `cannot create ${r.folder}: ${(e as Error).message}`;
  }
  try {
    for (const f of r.files) writeFileSync(path.join(r.folder, f.name), f.text, { flag: 'wx' });
  } catch (e) {
    rmSync(r.folder, { recursive: true, force: true });
    return `cannot write ${r.folder}: ${(e as Error).message}`;
  }
  return undefined;
}

/** The next folder name: `image_x` → `image_x-v2`, `image_x-v2` → `image_x-v3` (skipping existing ones). */
export function nextVersionName(name: string, exists: (n: string) => boolean): string {
  const m = /^(.*?)-v(\d+)$/.exec(name);
  const root = m ? m[1] : name;
  for (let n = m ? Number(m[2]) + 1 : 2; ; n++) if (!exists(`${root}-v${n}`)) return `${root}-v${n}`;
}

/**
 * New Version of This Recipe: a sibling folder with the same recipe and a new dest basename (so
 * registerImage creates a new template, §4.2); legacy `imagename` follows, and the display name gets
 * the version (`… v2`) so the portal does not list two images under one name. Nothing is overwritten.
 */
export function newVersionFiles(folder: string, taken: ReadonlySet<string>): NewRecipeFiles | { error: string } {
  let svc: string;
  try {
    svc = readFileSync(path.join(folder, 'service.hrd'), 'utf8');
  } catch {
    return { error: `${folder} has no readable service.hrd` };
  }
  const dest = lastDest(svc);
  if (!dest) return { error: `${folder}/service.hrd has no web.export dest` };
  const base = dest.split('/').pop()!;
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.')) : '';
  const newStem = uniqueStem(
    nextVersionName(templateNameOf(dest), (n) => taken.has(n)),
    taken,
  );
  const newBase = `${newStem}${ext}`;
  const newDest = `${dest.slice(0, dest.length - base.length)}${newBase}`;
  const parent = path.dirname(folder);
  const newFolder = path.join(
    parent,
    nextVersionName(path.basename(folder), (n) => existsSync(path.join(parent, n))),
  );
  const read = (f: string) => {
    try {
      return readFileSync(path.join(folder, f), 'utf8');
    } catch {
      return undefined;
    }
  };
  const files = [{ name: 'service.hrd', text: svc.split(dest).join(newDest) }];
  const actions = read('actions.py');
  // The display name gets the version too: two images of one name are what actions-display-name warns about.
  const version = /-v(\d+)$/.exec(newStem)?.[1] ?? '2';
  const renamed = (t: string) =>
    t.replace(
      /^(\s*name\s*=\s*)(['"])([^'"\r\n]*?)(?:\s+v\d+)?\2/m,
      (_m, lead: string, q: string, name: string) => `${lead}${q}${name} v${version}${q}`,
    );
  if (actions !== undefined)
    files.push({
      name: 'actions.py',
      text: renamed(actions.split(`'${base}'`).join(`'${newBase}'`).split(`"${base}"`).join(`"${newBase}"`)),
    });
  files.push({ name: 'instance.hrd', text: read('instance.hrd') ?? '' });
  return { folder: newFolder, dest: newDest, files };
}
