/**
 * Every diagnostic code, in one place: default severity, scope and a one-line description.
 * docs/rules.md has one `### \`code\`` section per entry; test/unit/recipe/ruleDocs.test.ts checks both ways.
 * (The actions.py engine adds its `actions-*` codes here.)
 */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** hrd: every .hrd file; recipe: service.hrd of a template folder; workspace: computed by the WorkspaceIndex. */
export type RuleScope = 'hrd' | 'recipe' | 'workspace' | 'actions';

export interface RuleInfo { code: string; severity: Severity; scope: RuleScope; description: string }

export const RULES: readonly RuleInfo[] = [
  { code: 'hrd-line-lost', severity: 'error', scope: 'hrd', description: 'A non-indented line directly after a multi-line block: the parser drops that line.' },
  { code: 'hrd-no-final-newline', severity: 'error', scope: 'hrd', description: 'The file ends inside a multi-line block without a final newline: the block is dropped.' },
  { code: 'hrd-tab-indent', severity: 'error', scope: 'hrd', description: 'A continuation line indented with a TAB: the block gets an empty value, the entries are lost.' },
  { code: 'hrd-comment-in-block', severity: 'error', scope: 'hrd', description: 'A comment-only line inside a block ends the block; the lines after it are lost.' },
  { code: 'hrd-hash-in-value', severity: 'error', scope: 'hrd', description: '`#` inside a value or quotes: the value is cut there.' },
  { code: 'hrd-missing-comma', severity: 'error', scope: 'hrd', description: 'A dict entry without its comma: two entries merge into one value.' },
  { code: 'hrd-block-not-dict', severity: 'error', scope: 'hrd', description: 'The first continuation line lacks its trailing comma: the block becomes text.' },
  { code: 'hrd-conflict-marker', severity: 'error', scope: 'hrd', description: 'Git conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`).' },
  { code: 'hrd-empty-key', severity: 'error', scope: 'hrd', description: '`= value`: a value stored under the empty key.' },
  { code: 'hrd-duplicate-key', severity: 'error', scope: 'hrd', description: 'The same top-level key twice: the last value wins.' },
  { code: 'hrd-duplicate-entry', severity: 'warning', scope: 'hrd', description: 'The same key twice inside one dict: the last one wins.' },
  { code: 'hrd-double-quotes', severity: 'warning', scope: 'hrd', description: 'A value in `"..."`: the double quotes stay in the value.' },
  { code: 'hrd-unquoted-colon', severity: 'warning', scope: 'hrd', description: 'An unquoted single-line value with `:` becomes a dict (e.g. a URL).' },
  { code: 'hrd-quoted-list-item', severity: 'warning', scope: 'hrd', description: "Single-line list or dict forms (`'x',`) keep the quotes in the value." },
  { code: 'hrd-eval', severity: 'warning', scope: 'hrd', description: '`{{ ... }}` is evaluated as Python by AYS.' },
  { code: 'hrd-unknown-reference', severity: 'warning', scope: 'hrd', description: '`$(key)` that no key of the file declares: left unchanged.' },
  { code: 'hrd-bom', severity: 'error', scope: 'hrd', description: 'A UTF-8 byte order mark before the first key: it becomes part of that key, so the key does not exist.' },
  { code: 'hrd-ignored-line', severity: 'warning', scope: 'hrd', description: 'A non-blank line without `=` outside a block (or a dict entry without `:`): ignored.' },
  { code: 'hrd-load-error', severity: 'error', scope: 'hrd', description: 'AYS raises while loading the file (dict item without `:`, `$(…)` cycle, empty first block line, bad `@ASK`): the install stops.' },
  { code: 'hrd-escape-decoded', severity: 'warning', scope: 'hrd', description: 'A backslash sequence (`\\K \\Q \\S \\D \\N \\n`) that AYS decodes, quoted or not.' },
  { code: 'hrd-quotes', severity: 'warning', scope: 'hrd', description: 'Quotes or spaces that AYS keeps or drops unlike the text reads (inner quotes, spaces inside quotes, an unpaired quote).' },
  { code: 'hrd-text-block', severity: 'warning', scope: 'hrd', description: "A text block whose lines carry quotes: each line keeps only its first '…' part." },
  { code: 'hrd-bracket-list', severity: 'warning', scope: 'hrd', description: '`[a]` or `[1,2]` in a value: AYS reads a list, not text.' },
  { code: 'hrd-lowercase-ask', severity: 'warning', scope: 'hrd', description: '`@ask` not in upper case: taken literally, no prompt.' },
  { code: 'recipe-file-name', severity: 'error', scope: 'workspace', description: 'A template folder has `services.hrd` (the manual\'s typo) and no `service.hrd`.' },
  { code: 'recipe-platform', severity: 'error', scope: 'recipe', description: '`platform.supported` missing, double-quoted, with a trailing comma, or not a known platform name.' },
  { code: 'recipe-no-export', severity: 'error', scope: 'recipe', description: 'No `web.export.N` in an `image_*` recipe.' },
  { code: 'recipe-export-field', severity: 'error', scope: 'recipe', description: 'A `web.export.N` without `url`, `source` or `dest`.' },
  { code: 'recipe-checkmd5', severity: 'warning', scope: 'recipe', description: '`checkmd5` missing or not `true`/`false`.' },
  { code: 'recipe-export-unknown', severity: 'warning', scope: 'recipe', description: 'A `web.export` entry other than `url`, `source`, `dest`, `checkmd5`.' },
  { code: 'recipe-url', severity: 'error', scope: 'recipe', description: 'URL scheme not ftp/http/https/file; a trailing `/` (gives `//`).' },
  { code: 'recipe-source', severity: 'warning', scope: 'recipe', description: '`source` without a leading `/`, with spaces or `#`.' },
  { code: 'recipe-dest', severity: 'error', scope: 'recipe', description: '`dest` not absolute; no extension, double extension, unusual extension, dot in the name.' },
  { code: 'recipe-md5sum', severity: 'warning', scope: 'recipe', description: "`checkmd5:'true'` with an http(s) URL: `<url>/<source>.md5sum` must exist." },
  { code: 'recipe-export-index', severity: 'warning', scope: 'recipe', description: '`N` of `web.export.N` not an integer; several exports (only the last `dest` is registered).' },
  { code: 'recipe-dest-collision', severity: 'error', scope: 'workspace', description: 'Two recipes whose `dest` gives the same template name: the second install registers nothing.' },
  { code: 'recipe-duplicate-template', severity: 'error', scope: 'workspace', description: 'Two template folders with the same name, or a template nested in another.' },
  { code: 'recipe-backup-file', severity: 'warning', scope: 'workspace', description: '`~`, `.orig`, `.swp` files in a template folder change the template checksum.' },
  { code: 'recipe-missing-file', severity: 'error', scope: 'workspace', description: 'No `actions.py` (error) or no `instance.hrd` (warning) beside a `service.hrd`.' },
  { code: 'file-unreadable', severity: 'error', scope: 'workspace', description: 'A recipe file that is unreadable, not a regular file, not UTF-8 text, or over the size limits (.hrd: 256 KB or 20,000 lines; actions.py: 1 MB or 50,000 lines) is not checked.' },
  { code: 'file-findings-limit', severity: 'information', scope: 'hrd', description: 'More than 200 findings in one file: only the first 200 are listed, plus this summary with the count of the rest.' },
  { code: 'actions-syntax', severity: 'error', scope: 'actions', description: 'The file does not parse as Python 2 (Python 2 statements such as `print x` are accepted).' },
  { code: 'actions-class', severity: 'error', scope: 'actions', description: 'No `class Actions(ActionsBase)`: AYS instantiates `Actions()` from actions.py.' },
  { code: 'actions-base', severity: 'error', scope: 'actions', description: '`ActionsBase` undefined or from `j.packages` (JumpScale 6; error), or not from `j.atyourservice.getActionsBaseClass()` (warning).' },
  { code: 'actions-signature', severity: 'error', scope: 'actions', description: 'An ActionsBase override that cannot be called as AYS calls it, `(self, serviceObj)` (e.g. `**kwargs` only).' },
  { code: 'actions-unknown-method', severity: 'warning', scope: 'actions', description: 'A method of `Actions` that is no ActionsBase method but looks like a typo of one (did-you-mean).' },
  { code: 'actions-never-called', severity: 'information', scope: 'actions', description: '`check_requirements`, `monitor_*`, `cleanup`, `test`, `init`, `prepareLocal`, `configureLocal`: never called by `ays install`.' },
  { code: 'actions-no-register', severity: 'warning', scope: 'actions', description: 'An `image_*` recipe whose `Actions` never calls `registerImage` (or has no `configure`).' },
  { code: 'actions-register-args', severity: 'error', scope: 'actions', description: 'The `registerImage` call does not fit the selected profile (argument count, unknown or repeated keyword).' },
  { code: 'actions-register-legacy', severity: 'error', scope: 'actions', description: 'Under `current`, a legacy call with the image file as 3rd argument: every argument shifts (type becomes the file name).' },
  { code: 'actions-type', severity: 'warning', scope: 'actions', description: '`type` `windows` in the wrong case or not a string (warning); not `Linux`/`Windows`/`Other` (information).' },
  { code: 'actions-disk-size', severity: 'error', scope: 'actions', description: '`disksize` not an integer >= 1 (error); below 20 for a Windows image (warning).' },
  { code: 'actions-boot-type', severity: 'error', scope: 'actions', description: '`bootType` other than `bios` / `uefi`.' },
  { code: 'actions-imagename', severity: 'error', scope: 'actions', description: 'Under `legacy`: the image file argument is not the file name of the last `web.export` `dest`.' },
  { code: 'actions-display-name', severity: 'warning', scope: 'actions', description: 'The same display name is registered by another recipe of the workspace.' },
];

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));

export function ruleInfo(code: string): RuleInfo | undefined { return BY_CODE.get(code); }
