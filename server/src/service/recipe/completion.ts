/** Completion in .hrd files: keys, web.export snippet, dict entries, values, `$(` references. */
import { CompletionItem, CompletionItemKind, InsertTextFormat, Position, Range } from 'vscode-languageserver-types';
import type { HrdDocument } from '../hrd/HrdModel';
import { ENTRY_DOCS, entryFamily, keyDoc } from './keyDocs';
import { PLATFORMS, TEMPLATE_DIR } from './recipeFiles';
import { destForSource } from './recipeRules';

export interface CompletionContext {
  urls: readonly string[];
}

const KEY_LINE_OPEN = /^(\S[^=#]*?)\s*=\s*(#.*)?$/;
const pad = (k: string) => k.padEnd(30);

/** Next free N for `prefix.N` over every key of the file (also overridden/dropped ones). */
export function nextIndex(doc: HrdDocument, prefix: string): number {
  let max = 0;
  for (const it of doc.items) {
    if (!it.key.startsWith(prefix + '.')) continue;
    const n = Number(it.key.slice(prefix.length + 1));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return max + 1;
}

function blockOwner(doc: HrdDocument, line: number): string | undefined {
  const ix = doc.index;
  for (let l = line - 1; l >= 0; l--) {
    const t = ix.lineText(l).replace(/\r$/, '');
    if (t.startsWith(' ') && t.trim() !== '') continue;
    const m = KEY_LINE_OPEN.exec(t);
    return m ? m[1].trim() : undefined;
  }
  return undefined;
}

function entriesIn(doc: HrdDocument, line: number): Set<string> {
  const ix = doc.index;
  const seen = new Set<string>();
  for (const dir of [-1, 1]) {
    for (let l = line + dir; l >= 0 && l < ix.lineCount; l += dir) {
      const t = ix.lineText(l);
      if (!t.startsWith(' ') || t.trim() === '') break;
      const m = /^\s+([\w.]+)\s*:/.exec(t);
      if (m) seen.add(m[1]);
    }
  }
  return seen;
}

function entryValue(doc: HrdDocument, line: number, key: string): string | undefined {
  const ix = doc.index;
  for (const dir of [-1, 1]) {
    for (let l = line + dir; l >= 0 && l < ix.lineCount; l += dir) {
      const t = ix.lineText(l);
      if (!t.startsWith(' ') || t.trim() === '') break;
      const m = new RegExp(`^\\s+${key}\\s*:\\s*'?([^',#]*)`).exec(t);
      if (m) return m[1];
    }
  }
  return undefined;
}

function valueItems(
  values: string[],
  kind: CompletionItemKind,
  range: Range,
  comma: boolean,
  detail?: string,
): CompletionItem[] {
  return values.map((v, i) => ({
    label: v,
    kind,
    detail,
    sortText: String(i).padStart(4, '0'),
    textEdit: { range, newText: v + (comma ? ',' : '') },
    filterText: v,
  }));
}

export function hrdCompletion(doc: HrdDocument, pos: Position, ctx: CompletionContext): CompletionItem[] {
  const ix = doc.index;
  if (pos.line >= ix.lineCount) return [];
  const lineText = ix.lineText(pos.line).replace(/\r$/, '');
  const before = lineText.slice(0, pos.character);
  const after = lineText.slice(pos.character);

  const ref = /\$\(([\w.]*)$/.exec(before);
  if (ref) {
    const range = { start: { line: pos.line, character: pos.character - ref[1].length }, end: pos };
    const close = after.startsWith(')') ? '' : ')';
    return [...doc.keys.keys()]
      .filter((k) => k)
      .map((k) => ({
        label: k,
        kind: CompletionItemKind.Reference,
        detail: 'AYS substitutes the value of this key',
        textEdit: { range, newText: k + close },
      }));
  }

  if (lineText.startsWith(' ')) {
    const owner = blockOwner(doc, pos.line);
    if (!owner) return [];
    const fam = entryFamily(owner);
    const colon = before.indexOf(':');
    if (colon < 0) {
      if (!fam) return [];
      const start = before.length - before.trimStart().length;
      const range = {
        start: { line: pos.line, character: start },
        end: { line: pos.line, character: lineText.length },
      };
      const present = entriesIn(doc, pos.line);
      const src = fam === 'web.export' ? entryValue(doc, pos.line, 'source') : undefined;
      return Object.keys(ENTRY_DOCS[fam])
        .filter((k) => !present.has(k))
        .map((k, i) => {
          let body = `${k}:'$1',`;
          if (fam === 'web.export' && k === 'checkmd5') body = "checkmd5:'${1|false,true|}',";
          if (fam === 'web.export' && k === 'dest')
            body = `dest:'\${1:${src ? destForSource(src) : TEMPLATE_DIR + 'name.qcow2'}}',`;
          return {
            label: k,
            kind: CompletionItemKind.Property,
            detail: `${fam} entry`,
            sortText: String(i).padStart(3, '0'),
            documentation: { kind: 'markdown', value: ENTRY_DOCS[fam][k] },
            insertTextFormat: InsertTextFormat.Snippet,
            textEdit: { range, newText: body },
          };
        });
    }
    const entry = before.slice(0, colon).trim();
    const vStart = colon + 1 + (before.slice(colon + 1).length - before.slice(colon + 1).trimStart().length);
    const hasComma = /,\s*(#.*)?$/.test(after);
    const range = {
      start: { line: pos.line, character: vStart },
      end: { line: pos.line, character: hasComma ? lineText.lastIndexOf(',') : lineText.length },
    };
    if (fam !== 'web.export') return [];
    if (entry === 'checkmd5')
      return valueItems(["'false'", "'true'"], CompletionItemKind.Value, range, true, 'checkmd5');
    if (entry === 'dest') {
      const src = entryValue(doc, pos.line, 'source');
      return valueItems(
        [`'${src ? destForSource(src) : TEMPLATE_DIR}'`],
        CompletionItemKind.Value,
        range,
        true,
        'dest derived from source',
      );
    }
    if (entry === 'url')
      return valueItems(
        ctx.urls.map((u) => `'${u}'`),
        CompletionItemKind.Value,
        range,
        true,
        'used in the workspace',
      );
    return [];
  }

  const eq = before.indexOf('=');
  if (eq >= 0) {
    const key = before.slice(0, eq).trim();
    const vs = eq + 1 + (before.slice(eq + 1).length - before.slice(eq + 1).trimStart().length);
    const range = { start: { line: pos.line, character: vs }, end: { line: pos.line, character: lineText.length } };
    if (key === 'platform.supported') {
      const ordered = ['generic', ...PLATFORMS.filter((p) => p !== 'generic')];
      return valueItems(
        ordered.map((p) => `'${p}'`),
        CompletionItemKind.EnumMember,
        range,
        false,
        'JumpScale platform',
      );
    }
    return [];
  }

  const range = { start: { line: pos.line, character: 0 }, end: { line: pos.line, character: lineText.length } };
  const items: CompletionItem[] = [];
  const n = nextIndex(doc, 'web.export');
  const doc_ = (k: string) => ({ kind: 'markdown' as const, value: keyDoc(k)?.doc ?? '' });
  items.push({
    label: `web.export.${n}`,
    kind: CompletionItemKind.Snippet,
    detail: 'image download (url, source, dest, checkmd5)',
    documentation: doc_('web.export'),
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: '0001',
    textEdit: {
      range,
      newText: [
        `${pad(`web.export.${n}`)} =`,
        "    checkmd5:'${1|false,true|}',",
        `    dest:'${TEMPLATE_DIR}\${2:name}.qcow2',`,
        "    source:'${3:/path/on/server/image.qcow2}',",
        "    url:'${4:ftp://}',",
        '$0',
      ].join('\n'),
    },
  });
  if (!doc.keys.has('platform.supported')) {
    items.push({
      label: 'platform.supported',
      kind: CompletionItemKind.Property,
      detail: "'generic' for image recipes",
      sortText: '0000',
      documentation: doc_('platform.supported'),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: `${pad('platform.supported')} = '\${1:generic}'` },
    });
  }
  const others: Array<[string, string]> = [
    [`git.export.${nextIndex(doc, 'git.export')}`, 'git.export'],
    [`dependencies.${nextIndex(doc, 'dependencies')}`, 'dependencies'],
    [`process.${nextIndex(doc, 'process')}`, 'process'],
    ['category', ''],
    ['description', ''],
    ['ubuntu.packages', ''],
    ['ubuntu.apt.update', ''],
    ['ubuntu.apt.upgrade', ''],
  ];
  others.forEach(([k, fam], i) => {
    if (doc.keys.has(k)) return;
    const body = fam
      ? `${pad(k)} =\n${Object.keys(ENTRY_DOCS[fam])
          .slice(0, fam === 'git.export' ? 3 : 1)
          .sort()
          .map((e, j) => `    ${e}:'\${${j + 1}}',`)
          .join('\n')}\n$0`
      : `${pad(k)} = '\${1}'`;
    items.push({
      label: k,
      kind: CompletionItemKind.Property,
      sortText: String(10 + i).padStart(4, '0'),
      documentation: doc_(k),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: body },
    });
  });
  return items;
}
