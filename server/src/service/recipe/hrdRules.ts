/** The `hrd-*` rules (every .hrd file): one diagnostic per loss event of the parser, plus `$(…)` references. */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { HrdDocument, HrdItem, LossEvent, Span } from '../hrd/HrdModel';
import { itemValue } from '../hrd/valueTree';
import { FixData, makeDiagnostic } from './diagnostic';
import { aysFailsOn, aysReadDiagnostics } from './aysReadRules';
import { pushAll } from '../arrays';

/** Names resolved outside the file: instance keys, the service keys of the instance, and system config. */
const EXTERNAL_REF = /^(instance|service|system|whoami|grid|gridmaster|cfg|node)\./;

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s.length > 80 ? s.slice(0, 77) + '…' : s;
}

export function hrdDiagnostics(doc: HrdDocument, uri: string): Diagnostic[] {
  const ix = doc.index;
  const r = (s: Span) => ix.range(s.start, s.end);
  const lineNo = (o: number) => ix.lineAt(o) + 1;
  const out: Diagnostic[] = [];
  const conflictLines = new Set<number>();
  for (const e of doc.events) if (e.kind === 'conflict-marker') conflictLines.add(ix.lineAt(e.span.start));
  const insertAt = (offset: number, text: string, title: string, preferred = true): FixData => ({
    title, preferred, edits: [{ range: ix.range(offset, offset), newText: text }],
  });

  for (const e of doc.events) {
    const item = e.item as HrdItem | undefined;
    const key = item ? `\`${item.key}\`` : '';
    const line = ix.lineAt(e.span.start);
    if (conflictLines.has(line) && (e.kind === 'line-lost' || e.kind === 'ignored-line' || e.kind === 'orphan-line' || e.kind === 'empty-key')) continue;
    switch (e.kind) {
      case 'line-lost':
        out.push(makeDiagnostic('hrd-line-lost', r(e.span),
          `AYS drops this line: it directly follows the multi-line block ${key} (line ${item!.line + 1}), and a non-indented line there only ends the block, so \`${e.detail}\` is never read. Insert a blank line before it.`,
          { fixes: [insertAt(ix.lineStart(line), '\n', `Insert a blank line before line ${line + 1}`)] }));
        break;
      case 'no-final-newline':
        out.push(makeDiagnostic('hrd-no-final-newline', r(item!.keySpan.end > item!.keySpan.start ? item!.keySpan : e.span),
          `The file ends inside the multi-line block ${key} without a final newline: AYS drops the whole block, so ${key} does not exist. Add a newline at the end of the file.`,
          { fixes: [insertAt(doc.text.length, '\n', 'Add the final newline')] }));
        break;
      case 'binary-unterminated':
        out.push(makeDiagnostic('hrd-no-final-newline', r(item!.keySpan),
          `The binary block ${key} has no \`#BINARYEND#########\` line: the file ends inside it and AYS drops it. End the block with that line.`));
        break;
      case 'tab-indent': {
        const text = ix.lineText(line);
        let n = 0;
        while (n < text.length && (text[n] === '\t' || text[n] === ' ')) n++;
        const spaces = text.slice(0, n).replace(/\t/g, '    ');
        out.push(makeDiagnostic('hrd-tab-indent', r(e.span),
          `This line is indented with a TAB: AYS accepts only spaces as continuation indent, so ${key} gets an empty value and \`${e.detail}\` is lost. Indent it with spaces.`,
          { fixes: [{ title: 'Replace the TAB indent with spaces', preferred: true, edits: [{ range: ix.range(ix.lineStart(line), ix.lineStart(line) + n), newText: spaces }] }] }));
        break;
      }
      case 'comment-in-block': {
        const lost = e.related?.length ?? 0;
        out.push(makeDiagnostic('hrd-comment-in-block', r(e.span),
          `This comment line ends the block ${key}: AYS stops reading the block here and ignores the ${lost} indented line(s) below it. Move the comment above ${key} or delete it.`,
          { related: e.related?.map((s) => ({ uri, range: r(s), message: 'lost: not part of any block' })),
            fixes: [{ title: 'Delete the comment line', edits: [{ range: ix.range(ix.lineStart(line), ix.lineStart(line + 1)), newText: '' }] }] }));
        break;
      }
      case 'hash-cut': {
        const kept = ix.lineText(line).slice(0, e.span.start - ix.lineStart(line)).trim();
        out.push(makeDiagnostic('hrd-hash-in-value', r(e.span),
          `AYS cuts the line at this '#' (comments are not quote-aware, even inside '…'), so it reads only \`${kept}\`. An HRD value cannot contain '#': remove it, or host the file at a path without '#'.`));
        break;
      }
      case 'missing-comma': {
        const entry = item?.entries.find((en) => en.merged && en.line === line);
        const what = entry ? `\`${entry.key || entry.ownValue}\` becomes \`${entry.value}\`` : 'the next line merges into this entry';
        out.push(makeDiagnostic('hrd-missing-comma', r({ start: e.span.start - (e.detail?.length ?? 0), end: e.span.end }),
          `Missing ',' at the end of this line: AYS joins the next line into this entry, so ${what} and the next entry does not exist. Add the comma.`,
          { fixes: [insertAt(e.span.start, ',', "Add the missing ','")] }));
        break;
      }
      case 'block-not-dict':
        out.push(makeDiagnostic('hrd-block-not-dict', r({ start: e.span.start - (e.detail?.length ?? 0), end: e.span.end }),
          `The first line of ${key} has no trailing ',': AYS types the block from its first line, so ${key} becomes plain text and none of its entries exist. End the line with ','.`,
          { fixes: [insertAt(e.span.start, ',', "Add the missing ','")] }));
        break;
      case 'conflict-marker':
        out.push(makeDiagnostic('hrd-conflict-marker', r(e.span),
          `Git conflict marker \`${e.detail}\`: AYS does not fail on it, it silently drops or mis-reads these lines (a block is cut short, \`=======\` becomes an empty key). Resolve the conflict and delete the markers.`));
        break;
      case 'empty-key':
        out.push(makeDiagnostic('hrd-empty-key', r(e.span),
          `Empty key: AYS stores \`${e.detail}\` under the key '' where nothing reads it. Write \`name = value\` or delete the line.`));
        break;
      case 'duplicate-key': {
        const winner = doc.keys.get(e.detail!)!;
        out.push(makeDiagnostic('hrd-duplicate-key', r(e.span),
          `${key} is set again on line ${lineNo(e.related![0].start)}: AYS keeps only the last value, so this one is ignored. Remove one of them (or renumber, e.g. web.export.2).`,
          { related: [{ uri, range: r(e.related![0]), message: `the value AYS keeps (${show(itemValue(winner))})` }] }));
        out.push(makeDiagnostic('hrd-duplicate-key', r(e.related![0]),
          `${key} was already set on line ${lineNo(e.span.start)}: AYS silently keeps this last value and drops the earlier one. Remove one of them.`,
          { related: [{ uri, range: r(e.span), message: 'the ignored earlier value' }] }));
        break;
      }
      case 'duplicate-entry':
        out.push(makeDiagnostic('hrd-duplicate-entry', r(e.span),
          `\`${e.detail}\` appears again in ${key} (line ${lineNo(e.related![0].start)}): AYS keeps only the last one. Delete one of them.`,
          { related: [{ uri, range: r(e.related![0]), message: 'the entry AYS keeps' }] }));
        break;
      case 'double-quotes': {
        const v = e.detail ?? '';
        const inner = v.slice(1, v.endsWith('"') && v.length > 1 ? -1 : undefined);
        const fixable = /^"[^"']*"$/.test(v);
        out.push(makeDiagnostic('hrd-double-quotes', r(e.span),
          `Double quotes are not quote characters in HRD: AYS keeps them, so the value is \`${v}\` with the quotes. Use single quotes: '${inner}'.`,
          { fixes: fixable ? [{ title: `Use single quotes: '${inner}'`, preferred: true, edits: [{ range: r(e.span), newText: `'${inner}'` }] }] : undefined }));
        break;
      }
      case 'unquoted-colon':
        out.push(makeDiagnostic('hrd-unquoted-colon', r(e.span),
          `AYS reads an unquoted value containing ':' as a dict: ${key} becomes ${show(itemValue(item!))}, not the text \`${e.detail}\`. Quote it: '${e.detail}'.`,
          { fixes: e.detail!.includes("'") ? undefined : [{ title: 'Quote the value', preferred: true, edits: [{ range: r(e.span), newText: `'${e.detail}'` }] }] }));
        break;
      case 'quoted-item': {
        const v = itemValue(item!);
        const list = item!.type === 'list';
        const single = list && item!.entries.length === 1 ? item!.entries[0].value : undefined;
        out.push(makeDiagnostic('hrd-quoted-list-item', r(e.span),
          `In a single-line ${list ? 'list' : 'dict'} AYS keeps the quotes: ${key} becomes ${show(v)}. ${single ? `Drop the trailing comma (${single}) or write the items unquoted.` : 'Write it as a multi-line block, one `name:\'value\',` line per entry.'}`,
          { fixes: single ? [{ title: `Remove the trailing comma: ${single}`, edits: [{ range: r(e.span), newText: single }] }] : undefined }));
        break;
      }
      case 'eval':
        out.push(makeDiagnostic('hrd-eval', r(e.span),
          `AYS evaluates \`${e.detail}\` as Python code (Text.eval) when it reads ${key || 'this value'}: it runs on the install machine. Write the literal value instead.`));
        break;
      case 'ignored-line':
        out.push(makeDiagnostic('hrd-ignored-line', r(e.span),
          `AYS ignores this line: it has no '=' and is not inside a block. Write \`key = value\`, or indent it with spaces directly under a \`key =\` line.`));
        break;
      case 'orphan-line':
        out.push(makeDiagnostic('hrd-ignored-line', r(e.span),
          `AYS ignores this indented line: the block ${key} already ended at line ${lineNo(e.related![0].start)} (a blank line or a dropped line ends a block), so \`${e.detail}\` is lost. Keep the block's lines together, directly under ${key}.`));
        break;
      case 'dict-item-no-colon':
        if (!aysFailsOn(doc, item!)) break; // AYS reads it otherwise (hrd-load-error covers the rest)
        out.push(makeDiagnostic('hrd-ignored-line', r(e.span),
          `\`${e.detail}\` has no ':' but is an entry of the dict ${key}: AYS raises "cannot parse:'${e.detail}', need to find : to parse dict" when it loads the file, so \`ays install\` stops here. Write \`name:'value',\`.`,
          { severity: 'error' }));
        break;
      default:
        break;
    }
  }

  for (const ref of doc.references) {
    if (doc.keys.has(ref.name) || EXTERNAL_REF.test(ref.name)) continue;
    out.push(makeDiagnostic('hrd-unknown-reference', r(ref.span),
      `No key \`${ref.name}\` in this file: AYS leaves \`$(${ref.name})\` unchanged in the value. Declare \`${ref.name} = …\` or fix the name.`));
  }
  pushAll(out, aysReadDiagnostics(doc));
  return out;
}

export type { LossEvent };
