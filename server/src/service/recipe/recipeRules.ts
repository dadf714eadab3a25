/** The `recipe-*` rules of one `service.hrd` in a template folder (domain.md §2.3, §2.4, §8 "image profile"). */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { HrdDocument, HrdItem } from '../hrd/HrdModel';
import type { Fix, RuleFamily } from '../rules/rule';
import { didYouMean, TEMPLATE_DIR } from './recipeFiles';
import { pushAll } from '../arrays';
import {
  RECIPE_RULES,
  makeDiagnostic,
  NO_MD5SUM_HOSTS,
  EXPORT_FIELDS,
  GIT_EXPORT_FIELDS,
  SCHEMES,
  exportItems,
  entryOf,
  destForSource,
  isImageRecipe,
} from './recipeRuleTable';
import { platformDiagnostics } from './platformDiagnostics';
import { destDiagnostics } from './destDiagnostics';

export { RECIPE_RULES, EXPORT_FIELDS, exportItems, entryOf, destForSource, isImageRecipe } from './recipeRuleTable';

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

/** The rule family of a template's service.hrd (ruleRegistry.ts runs it after the hrd-* families). */
export const RECIPE_FAMILY: RuleFamily<{ doc: HrdDocument; folderName: string }> = {
  rules: RECIPE_RULES,
  check: ({ doc, folderName }) => recipeDiagnostics(doc, folderName),
};
