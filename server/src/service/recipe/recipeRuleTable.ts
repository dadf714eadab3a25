/** The `recipe-*` rule table and the helpers its checks share (recipeRules.ts, platformDiagnostics.ts, destDiagnostics.ts). */
import type { HrdDocument, HrdEntry, HrdItem } from '../hrd/HrdModel';
import type { RuleInfo } from '../rules/rule';
import { diagnosticMaker } from '../rules/ruleDiagnostics';
import { IMAGE_EXTENSIONS, posixBasename, splitext, TEMPLATE_DIR } from './recipeFiles';

export const RECIPE_RULES: readonly RuleInfo[] = [
  {
    code: 'recipe-platform',
    severity: 'error',
    scope: 'recipe',
    description: '`platform.supported` missing, double-quoted, with a trailing comma, or not a known platform name.',
  },
  {
    code: 'recipe-no-export',
    severity: 'error',
    scope: 'recipe',
    description: 'No `web.export.N` in an `image_*` recipe.',
  },
  {
    code: 'recipe-export-field',
    severity: 'error',
    scope: 'recipe',
    description: 'A `web.export.N` without `url`, `source` or `dest`.',
  },
  {
    code: 'recipe-checkmd5',
    severity: 'warning',
    scope: 'recipe',
    description: '`checkmd5` missing or not `true`/`false`.',
  },
  {
    code: 'recipe-export-unknown',
    severity: 'warning',
    scope: 'recipe',
    description: 'A `web.export` entry other than `url`, `source`, `dest`, `checkmd5`.',
  },
  {
    code: 'recipe-url',
    severity: 'error',
    scope: 'recipe',
    description: 'URL scheme not ftp/http/https/file; a trailing `/` (gives `//`).',
  },
  {
    code: 'recipe-source',
    severity: 'warning',
    scope: 'recipe',
    description: '`source` without a leading `/`, with spaces or `#`.',
  },
  {
    code: 'recipe-dest',
    severity: 'error',
    scope: 'recipe',
    description: '`dest` not absolute; no extension, double extension, unusual extension, dot in the name.',
  },
  {
    code: 'recipe-md5sum',
    severity: 'warning',
    scope: 'recipe',
    description: "`checkmd5:'true'` with an http(s) URL: `<url>/<source>.md5sum` must exist.",
  },
  {
    code: 'recipe-export-index',
    severity: 'warning',
    scope: 'recipe',
    description: '`N` of `web.export.N` not an integer; several exports (only the last `dest` is registered).',
  },
];

export const makeDiagnostic = diagnosticMaker(RECIPE_RULES);

/** Image hosts that publish no `.md5sum` files (cloud-images.ubuntu.com and similar cloud image sites). */
export const NO_MD5SUM_HOSTS =
  /(^|\.)(cloud-images\.[^.]+|cloud\.debian\.org|cloud\.centos\.org|download\.fedoraproject\.org)(\.|$)/i;

export const EXPORT_FIELDS = ['checkmd5', 'dest', 'source', 'url'] as const;
export const GIT_EXPORT_FIELDS = [
  'branch',
  'revision',
  'tag',
  'depth',
  'link',
  'nodirs',
  'overwrite',
  'platform',
  'login',
  'passwd',
  'merge',
];
export const SCHEMES = ['ftp', 'http', 'https', 'file'];

/** `web.export*` keys in the order AYS processes them (sorted: `.10` before `.2`); the last one is registered. */
export function exportItems(doc: HrdDocument): HrdItem[] {
  const out: HrdItem[] = [];
  for (const [k, it] of doc.keys) if (k.startsWith('web.export')) out.push(it);
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function entryOf(item: HrdItem, key: string): HrdEntry | undefined {
  let found: HrdEntry | undefined;
  for (const e of item.entries) if (e.key === key && e.keySpan) found = e;
  return found;
}

/** A dest for a source: `/opt/jumpscale7/var/tmp/templates/<stem>.qcow2`. */
export function destForSource(source: string): string {
  const [stem, ext] = splitext(posixBasename(source));
  return TEMPLATE_DIR + (stem || 'image') + (IMAGE_EXTENSIONS.includes(ext) ? ext : '.qcow2');
}

export function isImageRecipe(doc: HrdDocument, folderName: string): boolean {
  if (folderName.startsWith('image_')) return true;
  for (const k of doc.keys.keys()) if (k.startsWith('web.export')) return true;
  return false;
}
