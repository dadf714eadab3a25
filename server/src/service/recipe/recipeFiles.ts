/** What a file is to AYS 7: template recipe files, AYS instance folders, platform names, `splitext`. */
import * as path from 'node:path';
import { levenshtein } from '../editDistance';

export type HrdFileKind = 'service' | 'instance' | 'services-typo' | 'other';

export interface RecipeFileInfo {
  kind: HrdFileKind;
  folder: string;
  folderName: string;
  /** False for AYS instance folders (`domain__name__instance`), which AYS writes itself. */
  isTemplateFolder: boolean;
}

/** AYS instance directories are named `<domain>__<name>__<instance>`. */
export function isInstanceFolderName(name: string): boolean {
  return name.split('__').length >= 3;
}

export function classifyHrdPath(filePath: string): RecipeFileInfo {
  const base = path.basename(filePath);
  const folder = path.dirname(filePath);
  const folderName = path.basename(folder);
  const kind: HrdFileKind =
    base === 'service.hrd'
      ? 'service'
      : base === 'instance.hrd'
        ? 'instance'
        : base === 'services.hrd'
          ? 'services-typo'
          : 'other';
  return { kind, folder, folderName, isTemplateFolder: !isInstanceFolderName(folderName) };
}

/** `PlatformTypes.py` names. */
export const PLATFORMS = [
  'unknown',
  'generic',
  'unix',
  'linux',
  'linux32',
  'linux64',
  'ubuntu',
  'ubuntu32',
  'ubuntu64',
  'mint',
  'mint32',
  'mint64',
  'cygwin',
  'win',
  'win32',
  'win64',
  'win7',
  'win8',
  'vista',
  'darwin',
  'win2008_64',
  'win2012_64',
];

export const IMAGE_EXTENSIONS = ['.qcow2', '.img', '.raw'];

export const TEMPLATE_DIR = '/opt/jumpscale7/var/tmp/templates/';

/** Python `os.path.splitext` on a basename: the extension is from the last dot, unless the name starts with it. */
export function splitext(name: string): [string, string] {
  const i = name.lastIndexOf('.');
  let lead = 0;
  while (lead < name.length && name[lead] === '.') lead++;
  if (i <= lead - 1 || i < lead) return [name, ''];
  return [name.slice(0, i), name.slice(i)];
}

export function posixBasename(p: string): string {
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

/** The OVS template name registerImage derives from a `dest`: `splitext(basename(dest))[0]`. */
export function templateName(dest: string): string {
  return splitext(posixBasename(dest))[0];
}

export const BACKUP_FILE = /(~|\.orig|\.swp|\.swo|\.rej|\.bak)$/;

export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}
