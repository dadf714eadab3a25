/** Hover and completion documentation of service.hrd keys and dict entries (domain.md §2.3, §2.4). */
import { PLATFORMS, TEMPLATE_DIR } from './recipeFiles';

export interface KeyDoc {
  label: string;
  doc: string;
}

const MD5 =
  "MD5: only when `checkmd5` is 'true' (any case) **and `dest` already exists**, AYS downloads `<url>/<source>.md5sum` " +
  '(the `.md5sum` suffix, not `.md5`), compares its first token with the md5 of the local `dest` and skips the download when they match; ' +
  'otherwise `dest` is deleted and downloaded again. The fresh download is never verified.';

export const TOP_KEYS: Array<{ pattern: RegExp; label: string; doc: string }> = [
  {
    pattern: /^platform\.supported$/,
    label: 'platform.supported',
    doc:
      "Comma list of platform names. `ServiceTemplate.install` refuses to install (\"Cannot install … because unsupported platform\") unless one entry is the machine's platform or an ancestor; empty means everywhere. Every image recipe uses `'generic'`. Valid names: " +
      PLATFORMS.join(', ') +
      '.',
  },
  {
    pattern: /^web\.export/,
    label: 'web.export.N',
    doc:
      'A download, run at install before `configure()`: AYS fetches `url + "/" + source.lstrip("/")` to `dest` (after `mkdir -p dirname(dest)`). ' +
      'Entries read: `url`, `source`, `dest`, `checkmd5` (nothing else). Every key starting with `web.export` is used, in sorted key order (`.10` before `.2`); ' +
      '`registerImage` registers the **last** one\'s `dest`, as OVS template `splitext(basename(dest))`. A missing `dest` raises "could not find dest in hrditem"; a missing `url`/`source` a KeyError. ' +
      'Editing an existing instance does not pick up new values: delete the instance folder on ovc_git before reinstalling.',
  },
  {
    pattern: /^git\.export/,
    label: 'git.export.N',
    doc: 'Pull a repo to `/opt/code/...`, then copy or symlink `source` to `dest`. Entries: `url`*, `source`*, `dest`*, `branch`, `revision`, `tag`, `depth`, `link`, `nodirs`, `overwrite` (default true), `platform`, `login`, `passwd`.',
  },
  {
    pattern: /^git\.build/,
    label: 'git.build.N',
    doc: 'Cloned to `/opt/build/<host/path>` for `ays build`. Entries: `url`, `branch`, `revision`.',
  },
  {
    pattern: /^dependencies/,
    label: 'dependencies.N',
    doc: 'A dependency: `name`*, `domain`, `instance` (default main), `args` (a key holding a dict, or an inline dict), `type` (runtime / build). Also a plain name.',
  },
  {
    pattern: /^process/,
    label: 'process.N',
    doc: 'A process started by the default start/stop: `cmd`, `args`, `prio`, `env`, `cwd`, `timeout_start`, `timeout_stop`, `ports`, `startupmanager`, `filterstr`, `name`, `user`. Image recipes have none.',
  },
  {
    pattern: /^ubuntu\./,
    label: 'ubuntu.*',
    doc: '`ubuntu.apt.source.N`, `ubuntu.apt.key.pub.N`, `ubuntu.apt.update`, `ubuntu.apt.upgrade`, `ubuntu.packages`: applied in `prepare()` on Ubuntu only.',
  },
  {
    pattern: /^category$/,
    label: 'category',
    doc: "Becomes `service.category`. Services with category `'node'` are producers that make their children remote.",
  },
  { pattern: /^description$/, label: 'description', doc: 'Descriptive only: AYS 7.4 does not read it.' },
  {
    pattern: /^(service|producer)\./,
    label: 'service.*',
    doc: 'Written by AYS itself in the instance (`service.name`, `service.domain`, `service.instance`, `service.installed.checksum`, `producer.<category>`): never author these in a template.',
  },
];

export const ENTRY_DOCS: Record<string, Record<string, string>> = {
  'web.export': {
    url: "Server part of the download: scheme ftp/http/https/file (Python 2 urllib). FTP credentials go in the URL (`ftp://pub:pub1234@ftp.example.com`). AYS downloads `url + '/' + source`, so a trailing '/' gives '//'. An HTTP 404 does not fail: the error page is saved as the image.",
    source:
      "Path of the image on the server, e.g. `/images/windows/windows-2019.qcow2`; AYS strips its leading '/' and appends it to `url`.",
    dest: `Local path of the download on the node, conventionally \`${TEMPLATE_DIR}<name>.qcow2\`. registerImage registers the last export's dest as OVS template \`splitext(basename(dest))\`; if a template with that name exists, the new image is ignored, so a new image needs a new dest name.`,
    checkmd5: `'true' or 'false' (default false: an existing dest is deleted and downloaded again on every install). ${MD5}`,
  },
  'git.export': {
    url: 'Repository URL (required).',
    source: 'Path inside the repo (required; `*` at the end with nodirs).',
    dest: 'Target path (required).',
    branch: 'Branch to pull.',
    revision: 'Revision to check out.',
    tag: 'Tag to check out.',
    depth: 'Clone depth (int or `all`, default 1).',
    link: "'True' to symlink instead of copy.",
    nodirs: 'With `source` ending in `*`: copy files only.',
    overwrite: "Default 'true'.",
    platform: 'Platform filter.',
    login: 'Overridden by whoami.git.* config.',
    passwd: 'Overridden by whoami.git.* config.',
  },
  dependencies: {
    name: 'Template name (required).',
    domain: 'Template domain.',
    instance: "Instance name (default 'main').",
    args: 'Name of another key holding a dict, or an inline dict.',
    type: "'runtime' (default) or 'build'.",
  },
  process: {
    cmd: 'Command.',
    args: 'Arguments.',
    prio: 'Start priority (int, default 10).',
    env: 'Environment (dict).',
    cwd: 'Working directory.',
    timeout_start: 'Seconds.',
    timeout_stop: 'Seconds.',
    ports: 'Ports checked by check_up (list).',
    startupmanager: "'tmux' (default) or 'upstart'.",
    filterstr: 'Process filter for checks.',
    name: 'Process name.',
    user: 'User.',
  },
};

export function keyDoc(key: string): KeyDoc | undefined {
  for (const k of TOP_KEYS) if (k.pattern.test(key)) return { label: k.label, doc: k.doc };
  return undefined;
}

/** The entry family of a top-level key (`web.export.1` → `web.export`). */
export function entryFamily(key: string): string | undefined {
  if (key.startsWith('web.export')) return 'web.export';
  if (key.startsWith('git.export')) return 'git.export';
  if (/^dependencies(\.|$)/.test(key)) return 'dependencies';
  if (/^process(\.|$)/.test(key)) return 'process';
  return undefined;
}

export function entryDoc(parentKey: string, entry: string): string | undefined {
  const fam = entryFamily(parentKey);
  return fam ? ENTRY_DOCS[fam][entry] : undefined;
}
