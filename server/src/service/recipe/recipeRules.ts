/** The `recipe-*` rules of one `service.hrd` in a template folder (domain.md §2.3, §2.4, §8 "image profile"). */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { HrdDocument, HrdEntry, HrdItem } from '../hrd/HrdModel';
import type { Fix, RuleFamily, RuleInfo } from '../rules/rule';
import { diagnosticMaker } from '../rules/ruleDiagnostics';
import { didYouMean, IMAGE_EXTENSIONS, PLATFORMS, posixBasename, splitext, TEMPLATE_DIR } from './recipeFiles';
import { pushAll } from '../arrays';

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

const makeDiagnostic = diagnosticMaker(RECIPE_RULES);

/** Image hosts that publish no `.md5sum` files (cloud-images.ubuntu.com and similar cloud image sites). */
const NO_MD5SUM_HOSTS =
  /(^|\.)(cloud-images\.[^.]+|cloud\.debian\.org|cloud\.centos\.org|download\.fedoraproject\.org)(\.|$)/i;

export const EXPORT_FIELDS = ['checkmd5', 'dest', 'source', 'url'] as const;
const GIT_EXPORT_FIELDS = [
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
const SCHEMES = ['ftp', 'http', 'https', 'file'];

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

function platformDiagnostics(
  doc: HrdDocument,
  image: boolean,
  r: (s: { start: number; end: number }) => Range,
): Diagnostic[] {
  const item = doc.keys.get('platform.supported');
  if (!item) {
    if (!image) return [];
    return [
      makeDiagnostic(
        'recipe-platform',
        doc.index.range(0, doc.index.lineEnd(0)),
        "`platform.supported` is missing: AYS then installs the template on any platform. Every image recipe declares `platform.supported = 'generic'`; add it.",
        {
          severity: 'warning',
          fixes: [
            {
              title: "Add platform.supported = 'generic'",
              edits: [{ range: doc.index.range(0, 0), newText: `${'platform.supported'.padEnd(30)} = 'generic'\n\n` }],
            },
          ],
        },
      ),
    ];
  }
  const span = item.valueSpan.end > item.valueSpan.start ? item.valueSpan : item.keySpan;
  const out: Diagnostic[] = [];
  let names: string[];
  if (item.type === 'string' || item.type === 'text')
    names = String(item.value)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  else if (item.type === 'list') names = item.value as string[];
  else {
    return [
      makeDiagnostic(
        'recipe-platform',
        r(span),
        `AYS reads \`platform.supported\` as a ${item.type}, not as a list of platform names, so the platform check fails ("Cannot install … because unsupported platform"). Write platform.supported = 'generic'.`,
      ),
    ];
  }
  for (const n of names) {
    if (n.startsWith('"')) {
      const inner = n.replace(/"/g, '');
      out.push(
        makeDiagnostic(
          'recipe-platform',
          r(span),
          `AYS keeps double quotes, so the platform name is \`${n}\`, which is no platform: the install fails with "Cannot install … because unsupported platform". Write '${inner}'.`,
          {
            fixes: /^"[^"']*"$/.test(item.raw)
              ? [
                  {
                    title: `Use single quotes: '${inner}'`,
                    preferred: true,
                    edits: [{ range: r(item.valueSpan), newText: `'${inner}'` }],
                  },
                ]
              : undefined,
          },
        ),
      );
    } else if (n.startsWith("'") && item.type === 'list') {
      out.push(
        makeDiagnostic(
          'recipe-platform',
          r(span),
          `The trailing comma makes this a single-line list, and AYS keeps the quotes: the platform name is \`${n}\`, so the install fails with "Cannot install … because unsupported platform". Remove the trailing comma.`,
          {
            fixes:
              item.entries.length === 1
                ? [
                    {
                      title: `Remove the trailing comma: ${n}`,
                      preferred: true,
                      edits: [{ range: r(item.valueSpan), newText: n }],
                    },
                  ]
                : undefined,
          },
        ),
      );
    } else if (!PLATFORMS.includes(n)) {
      const dym = didYouMean(n, PLATFORMS);
      out.push(
        makeDiagnostic(
          'recipe-platform',
          r(span),
          `\`${n}\` is not a JumpScale platform name: AYS refuses to install ("Cannot install … because unsupported platform"). ${dym ? `Did you mean '${dym}'? ` : ''}Image recipes use 'generic'.`,
        ),
      );
    } else if (item.type === 'string' && !item.raw.startsWith("'")) {
      out.push(
        makeDiagnostic(
          'recipe-platform',
          r(span),
          `AYS reads this correctly, but every recipe quotes the platform: write platform.supported = '${n}'.`,
          { severity: 'information' },
        ),
      );
    }
  }
  return out;
}

function addFieldsFix(doc: HrdDocument, item: HrdItem, missing: string[]): Fix | undefined {
  if (item.form !== 'block' || (item.type !== 'dict' && item.blockLines.length > 0)) return undefined;
  const ix = doc.index;
  const src = entryOf(item, 'source')?.ownValue;
  const valueOf = (k: string) =>
    k === 'checkmd5' ? 'false' : k === 'dest' ? (src ? destForSource(src) : TEMPLATE_DIR) : '';
  const edits: Array<{ range: Range; newText: string }> = [];
  for (const k of missing) {
    const after = item.blockLines.find((l) => {
      const e = item.entries.find((en) => en.line === l.line && en.keySpan);
      return e && e.key > k;
    });
    const at = after
      ? ix.lineStart(after.line)
      : ix.lineStart((item.blockLines.length ? item.blockLines[item.blockLines.length - 1].line : item.line) + 1);
    edits.push({ range: ix.range(at, at), newText: `    ${k}:'${valueOf(k)}',\n` });
  }
  const next = (item.blockLines.length ? item.blockLines[item.blockLines.length - 1].line : item.line) + 1;
  if (next >= ix.lineCount) return undefined;
  if (next < ix.lineCount && ix.lineText(next).trim() !== '' && edits.length) {
    const last = edits[edits.length - 1];
    if (last.range.start.line === next) last.newText += '\n';
  }
  return { title: `Add the missing ${missing.join(', ')}`, preferred: true, edits };
}

function exportDiagnostics(
  doc: HrdDocument,
  item: HrdItem,
  r: (s: { start: number; end: number }) => Range,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const key = `\`${item.key}\``;
  const keyRange = r(item.keySpan);
  if (item.type !== 'dict') {
    const missing = EXPORT_FIELDS.filter((f) => f !== 'checkmd5' || item.blockLines.length === 0);
    const fix = addFieldsFix(doc, item, [...EXPORT_FIELDS]);
    out.push(
      makeDiagnostic(
        'recipe-export-field',
        keyRange,
        `${key} is ${item.type === 'string' && item.value === '' ? 'empty' : `a ${item.type}, not a dict`}: AYS raises "could not find dest in hrditem" at install. Write it as a block with ${missing.join(', ')}.`,
        { fixes: fix ? [fix] : undefined },
      ),
    );
    return out;
  }
  const missing = (['dest', 'source', 'url'] as const).filter((f) => !entryOf(item, f));
  if (missing.length) {
    const merged = item.entries.find((e) => e.merged && missing.some((m) => e.value.includes(` ${m}:`)));
    const how = missing.includes('dest') ? 'RuntimeError "could not find dest in hrditem"' : 'a bare KeyError';
    const fix = merged
      ? undefined
      : addFieldsFix(doc, item, [...missing, ...(entryOf(item, 'checkmd5') ? [] : ['checkmd5'])].sort());
    out.push(
      makeDiagnostic(
        'recipe-export-field',
        keyRange,
        `${key} has no ${missing.map((m) => `\`${m}\``).join(', ')}: AYS fails the install with ${how}.${merged ? ` (Line ${merged.line + 1} lacks its comma, so \`${missing.find((m) => merged.value.includes(` ${m}:`))}:\` is part of \`${merged.key}\`.)` : ''} Add ${missing.map((m) => `${m}:'…',`).join(' ')}`,
        { fixes: fix ? [fix] : undefined },
      ),
    );
  }
  const md5 = entryOf(item, 'checkmd5');
  if (!md5) {
    const fix = missing.length ? undefined : addFieldsFix(doc, item, ['checkmd5']);
    out.push(
      makeDiagnostic(
        'recipe-checkmd5',
        keyRange,
        `${key} has no \`checkmd5\`: AYS treats it as false, so an existing dest is deleted and downloaded again on every install. Add checkmd5:'false' (or 'true' when <url>/<source>.md5sum exists).`,
        { fixes: fix ? [fix] : undefined },
      ),
    );
  } else if (!['true', 'false'].includes(md5.ownValue.toLowerCase())) {
    out.push(
      makeDiagnostic(
        'recipe-checkmd5',
        r(md5.ownSpan),
        `AYS only checks the md5 when checkmd5.lower() == 'true', so \`${md5.ownValue}\` means false. Write 'true' or 'false'.`,
      ),
    );
  }
  for (const e of item.entries) {
    if (!e.keySpan || (EXPORT_FIELDS as readonly string[]).includes(e.key)) continue;
    const dym = didYouMean(e.key, EXPORT_FIELDS);
    const git = GIT_EXPORT_FIELDS.includes(e.key);
    out.push(
      makeDiagnostic(
        'recipe-export-unknown',
        r(e.keySpan),
        `AYS reads only url, source, dest and checkmd5 from ${key}: \`${e.key}\` is ignored${git ? ' (it belongs to git.export)' : ''}.${dym ? ` Did you mean \`${dym}\`?` : ' Remove it.'}`,
        { fixes: dym ? [{ title: `Rename to ${dym}`, edits: [{ range: r(e.keySpan), newText: dym }] }] : undefined },
      ),
    );
  }
  const url = entryOf(item, 'url');
  const source = entryOf(item, 'source');
  const dest = entryOf(item, 'dest');
  if (url) {
    const u = url.ownValue;
    const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(u);
    if (!m || !SCHEMES.includes(m[1].toLowerCase())) {
      out.push(
        makeDiagnostic(
          'recipe-url',
          r(url.ownSpan),
          `AYS downloads with Python 2 urllib, which handles ftp://, http://, https:// and file://: \`${u}\` ${m ? `uses the scheme ${m[1]}` : 'has no scheme'}. Write a full URL such as 'ftp://pub:pub1234@ftp.example.com'.`,
        ),
      );
    } else if (u.endsWith('/')) {
      out.push(
        makeDiagnostic(
          'recipe-url',
          r(url.ownSpan),
          `AYS downloads url + '/' + source, so the trailing '/' gives '//' in the URL (\`${u}/${(source?.ownValue ?? '').replace(/^\/+/, '')}\`). Remove the trailing '/'.`,
          {
            severity: 'warning',
            fixes: url.merged
              ? undefined
              : [
                  {
                    title: "Remove the trailing '/'",
                    preferred: true,
                    edits: [{ range: r(url.ownSpan), newText: `'${u.replace(/\/+$/, '')}'` }],
                  },
                ],
          },
        ),
      );
    }
    if (md5 && md5.ownValue.toLowerCase() === 'true' && /^https?:/i.test(u)) {
      // domain.md §8: a warning where the .md5sum is known to be missing (hosts that never publish it);
      // elsewhere nothing was probed, so at most a hint (New Image Recipe writes 'true' only after a probe found it).
      const knownMissing = NO_MD5SUM_HOSTS.test(u.replace(/^https?:\/\/(?:[^@/]*@)?([^/:]+).*$/i, '$1'));
      out.push(
        makeDiagnostic(
          'recipe-md5sum',
          r(md5.ownSpan),
          `With checkmd5 'true' and an existing dest, AYS downloads ${u.replace(/\/$/, '')}/${(source?.ownValue ?? '<source>').replace(/^\/+/, '')}.md5sum (the .md5sum suffix) and skips the download when it matches; http(s) image sites rarely publish that file, and the fresh download is never verified. Use checkmd5:'false' unless the .md5sum file exists.`,
          { severity: knownMissing ? 'warning' : 'hint' },
        ),
      );
    }
  }
  if (source) {
    const s = source.ownValue;
    const problems: string[] = [];
    if (!s.startsWith('/'))
      problems.push(
        "it does not start with '/' (AYS strips leading slashes and joins url + '/' + source, so it works, but every recipe writes the absolute path)",
      );
    if (/\s/.test(s)) problems.push('it contains a space, which AYS puts unescaped into the download URL');
    if (s.includes('#')) problems.push("it contains '#', where AYS cuts the line");
    if (problems.length)
      out.push(
        makeDiagnostic(
          'recipe-source',
          r(source.ownSpan),
          `\`source\`: ${problems.join('; ')}. Write the path on the server as '/dir/file.qcow2'.`,
        ),
      );
  }
  if (dest) pushAll(out, destDiagnostics(dest, source, r));
  return out;
}

function destDiagnostics(
  dest: HrdEntry,
  source: HrdEntry | undefined,
  r: (s: { start: number; end: number }) => Range,
): Diagnostic[] {
  const d = dest.ownValue;
  const range = r(dest.ownSpan);
  if (!d.startsWith('/')) {
    return [
      makeDiagnostic(
        'recipe-dest',
        range,
        `\`dest\` must be an absolute path: AYS downloads to it from the install's working directory and registerImage reads the last dest. Write '${TEMPLATE_DIR}${posixBasename(d) || 'name.qcow2'}'.`,
      ),
    ];
  }
  const base = posixBasename(d);
  const [stem, ext] = splitext(base);
  const srcExt = source ? splitext(posixBasename(source.ownValue))[1] : '';
  const addExt = IMAGE_EXTENSIONS.includes(srcExt) ? srcExt : '.qcow2';
  const extFix: Fix | undefined = dest.merged
    ? undefined
    : { title: `Add the extension: ${base}${addExt}`, preferred: true, edits: [{ range, newText: `'${d}${addExt}'` }] };
  if (ext === '') {
    return [
      makeDiagnostic(
        'recipe-dest',
        range,
        `\`dest\` has no extension: registerImage names the OVS template splitext(basename(dest)) = \`${stem}\`, so any dot added later truncates that name, and every recipe ends dest with .qcow2, .img or .raw. Add the extension: '${d}${addExt}'.`,
        { severity: 'warning', fixes: extFix ? [extFix] : undefined },
      ),
    ];
  }
  if (!IMAGE_EXTENSIONS.includes(ext)) {
    const looksVersion = /^\.[0-9][0-9_-]*\w*$/.test(ext) || /^\.\d/.test(ext);
    return [
      makeDiagnostic(
        'recipe-dest',
        range,
        looksVersion
          ? `\`${base}\` has a dot in the name and no image extension: registerImage takes \`${ext}\` as the extension and names the OVS template \`${stem}\`. Add the extension: '${d}${addExt}'.`
          : `\`${ext}\` is not a usual image extension (.qcow2, .img, .raw): registerImage names the template \`${stem}\`; qemu-img still detects the format. Use .qcow2 unless the file really is ${ext}.`,
        { severity: 'warning', fixes: looksVersion && extFix ? [extFix] : undefined },
      ),
    ];
  }
  const inner = splitext(stem)[1];
  if (inner && IMAGE_EXTENSIONS.includes(inner)) {
    return [
      makeDiagnostic(
        'recipe-dest',
        range,
        `\`${base}\` has a double extension: registerImage names the OVS template \`${stem}\`. Write '${d.slice(0, d.length - ext.length)}'.`,
        {
          severity: 'warning',
          fixes: dest.merged
            ? undefined
            : [
                {
                  title: 'Remove the doubled extension',
                  edits: [{ range, newText: `'${d.slice(0, d.length - ext.length)}'` }],
                },
              ],
        },
      ),
    ];
  }
  if (source && posixBasename(source.ownValue) !== base) {
    return [
      makeDiagnostic(
        'recipe-dest',
        range,
        `\`dest\` (${base}) and \`source\` (${posixBasename(source.ownValue)}) have different file names: the OVS template is named \`${stem}\`. Common and legitimate; check it is the image you mean.`,
        { severity: 'hint' },
      ),
    ];
  }
  return [];
}

/** Every recipe-* rule that needs only this file. */
export function recipeDiagnostics(doc: HrdDocument, folderName: string): Diagnostic[] {
  const r = (s: { start: number; end: number }) => doc.index.range(s.start, s.end);
  const image = isImageRecipe(doc, folderName);
  const out = platformDiagnostics(doc, image, r);
  const exports = exportItems(doc);
  if (exports.length === 0) {
    if (folderName.startsWith('image_')) {
      out.push(
        makeDiagnostic(
          'recipe-no-export',
          doc.index.range(0, doc.index.lineEnd(0)),
          'This image recipe has no `web.export.N`: AYS downloads nothing and registerImage raises "No image export defined in service". Add a web.export.1 block with url, source, dest and checkmd5.',
        ),
      );
    }
    return out;
  }
  const last = exports[exports.length - 1];
  for (const it of exports) {
    if (!/^web\.export\.\d+$/.test(it.key)) {
      out.push(
        makeDiagnostic(
          'recipe-export-index',
          r(it.keySpan),
          `AYS treats every key starting with 'web.export' as a download (a plain prefix match), so \`${it.key}\` is still used, in sorted key order. Number it: web.export.<integer>.`,
        ),
      );
    }
    if (exports.length > 1 && it !== last) {
      out.push(
        makeDiagnostic(
          'recipe-export-index',
          r(it.keySpan),
          `This recipe has ${exports.length} web.export entries: AYS downloads all of them, but registerImage registers only the dest of the last one in sorted key order (\`${last.key}\`; '.10' sorts before '.2'). Keep one export per image recipe.`,
        ),
      );
    }
    pushAll(out, exportDiagnostics(doc, it, r));
  }
  return out;
}

/** The rule family of a template's service.hrd (rules/registry.ts runs it after the hrd-* families). */
export const RECIPE_FAMILY: RuleFamily<{ doc: HrdDocument; folderName: string }> = {
  rules: RECIPE_RULES,
  check: ({ doc, folderName }) => recipeDiagnostics(doc, folderName),
};
