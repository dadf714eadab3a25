/**
 * The canonical layout of `HRDBase.__repr__` (domain.md §1.4), as every "JumpScale Robot" commit has it:
 * keys sorted, `%-30s = %s`, dicts and lists as `key =` + one 4-space `k:'v',` / `'v',` line per entry
 * (dict entries sorted), single-quoted strings, a blank line after a block, and a blank line between
 * top-level key groups whose first dotted segment differs.
 * Refuses (returns undefined) whenever the parse lost or altered data, when a trailing comment would be lost,
 * or when the formatted text would not parse to the very same value tree.
 */
import type { HrdDocument, HrdItem } from '../hrd/HrdModel';
import { BENIGN_EVENTS } from '../hrd/HrdModel';
import { parseHrd } from '../hrd/parseHrd';
import { valueTree } from '../hrd/plainValues';
import { pushAll } from '../arrays';

const pad = (k: string) => k.padEnd(30);

function itemLines(item: HrdItem): string[] | undefined {
  const head = pad(item.key);
  switch (item.type) {
    case 'string': {
      const v = item.value as string;
      if (v.includes('\n')) return undefined;
      return [`${head} = '${v}'`];
    }
    case 'ask':
      return item.form === 'single' ? [`${head} = ${item.raw}`] : undefined;
    case 'dict': {
      const entries = [...(item.value as Map<string, string>)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      return [`${head} =`, ...entries.map(([k, v]) => `    ${k}:'${v}',`), ''];
    }
    case 'list':
      return [`${head} =`, ...(item.value as string[]).map((v) => `    '${v}',`), ''];
    case 'text':
      return [`${head} =`, ...item.blockLines.map((l) => `    ${l.text}`), ''];
    default:
      return undefined; // binary blocks are left alone
  }
}

/** The canonical text, or undefined when formatting would lose or change anything. */
export function formatHrdText(doc: HrdDocument): string | undefined {
  if (doc.events.some((e) => !BENIGN_EVENTS.has(e.kind) || e.kind === 'inline-comment')) return undefined;
  if (doc.items.some((it) => it.status !== 'kept')) return undefined;
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  const strip = (c: string) => c.replace(/\r$/, '');
  const out: string[] = [];
  if (doc.headerComments.length) pushAll(out, doc.headerComments.map(strip)).push('');
  const keys = [...doc.keys.keys()].sort();
  let prevGroup: string | undefined;
  let prevBlock = false;
  for (const key of keys) {
    const item = doc.keys.get(key)!;
    const lines = itemLines(item);
    if (!lines) return undefined;
    const group = key.split('.')[0];
    if (prevGroup !== undefined && !prevBlock && group !== prevGroup) out.push('');
    pushAll(pushAll(out, item.comments.map(strip)), lines);
    prevBlock = lines.length > 1;
    prevGroup = group;
  }
  const text = out.length ? out.join(eol) + eol : '';
  const comments = doc.lineKinds.filter((k) => k === 'comment').length;
  const again = parseHrd(text);
  if (again.lineKinds.filter((k) => k === 'comment').length !== comments) return undefined; // a comment would be lost
  if (again.events.some((e) => !BENIGN_EVENTS.has(e.kind))) return undefined;
  if (canonicalJson(valueTree(again)) !== canonicalJson(valueTree(doc))) return undefined;
  return text;
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
