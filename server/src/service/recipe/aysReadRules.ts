/**
 * The rules that compare the file with what AYS 7 really gets (readAsAys, held against the real parser by the
 * conformance suite): `hrd-load-error` where loading raises (the install stops), and one warning per surprise:
 * `hrd-escape-decoded`, `hrd-quotes`, `hrd-text-block`, `hrd-bracket-list`, `hrd-lowercase-ask`.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { HrdDocument, HrdItem } from '../hrd/HrdModel';
import { PyFloat } from '../hrd/aysText';
import { countQuotes } from '../hrd/js7Typing';
import { aysView, holdsList, showPy } from '../hrd/aysView';
import type { AysItem, AysLoadError } from '../hrd/readAsAys';
import type { RuleFamily, RuleInfo } from '../rules/rule';
import { diagnosticMaker } from '../rules/ruleDiagnostics';

export const AYS_READ_RULES: readonly RuleInfo[] = [
  {
    code: 'hrd-load-error',
    severity: 'error',
    scope: 'hrd',
    description:
      'AYS raises while loading the file (dict item without `:`, `$(…)` cycle, empty first block line, bad `@ASK`): the install stops.',
  },
  {
    code: 'hrd-escape-decoded',
    severity: 'warning',
    scope: 'hrd',
    description: 'A backslash sequence (`\\K \\Q \\S \\D \\N \\n`) that AYS decodes, quoted or not.',
  },
  {
    code: 'hrd-quotes',
    severity: 'warning',
    scope: 'hrd',
    description:
      'Quotes or spaces that AYS keeps or drops unlike the text reads (inner quotes, spaces inside quotes, an unpaired quote).',
  },
  {
    code: 'hrd-text-block',
    severity: 'warning',
    scope: 'hrd',
    description: "A text block whose lines carry quotes: each line keeps only its first '…' part.",
  },
  {
    code: 'hrd-bracket-list',
    severity: 'warning',
    scope: 'hrd',
    description: '`[a]` or `[1,2]` in a value: AYS reads a list, not text.',
  },
  {
    code: 'hrd-lowercase-ask',
    severity: 'warning',
    scope: 'hrd',
    description: '`@ask` not in upper case: taken literally, no prompt.',
  },
];

const makeDiagnostic = diagnosticMaker(AYS_READ_RULES);

const ESCAPE = /\\[KQSDNn]/g;
const HAS_ESCAPE = /\\[KQSDNn]/;
const DECODED: Record<string, string> = { K: "','", Q: "'\"'", S: 'a space', D: "':'", N: 'a newline', n: 'a newline' };

function lineRange(doc: HrdDocument, line: number, from = 0, to?: number): Range {
  const start = doc.index.lineStart(line);
  const text = doc.index.lineText(line).replace(/\r$/, '');
  return doc.index.range(start + from, start + Math.min(to ?? text.length, text.length));
}

/** `t.split('#')[0].trim().endsWith('=')`, without building the strings. */
function endsWithEquals(t: string): boolean {
  const hash = t.indexOf('#');
  let end = hash < 0 ? t.length : hash;
  while (end > 0 && JS_SPACE.test(t[end - 1])) end--;
  return end > 0 && t.charCodeAt(end - 1) === 61;
}
const JS_SPACE = /\s/;

/** The value part of each source line of an item: [line, offset in line, text] (text before '#'; after '=' on the key line). */
function valueParts(doc: HrdDocument, it: AysItem): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  for (let l = it.line; l <= it.endLine && l < doc.index.lineCount; l++) {
    let t = doc.index.lineText(l);
    if (t.endsWith('\r')) t = t.slice(0, -1);
    const hash = it.ttype !== 'binary' ? t.indexOf('#') : -1;
    if (hash >= 0) t = t.slice(0, hash);
    let from = 0;
    if (l === it.line) {
      from = t.indexOf('=') + 1;
      if (from === 0) continue;
    }
    out.push([l, from, t.slice(from)]);
  }
  return out;
}

function loadErrorDiagnostic(doc: HrdDocument, e: AysLoadError): Diagnostic {
  const stop = '`ays install` stops here: AYS raises';
  let msg: string;
  let range = lineRange(doc, e.line);
  if (e.type === 'IndexError') {
    msg = `${stop} IndexError while loading this file: the first line of the block \`${e.key}\` is empty once its quoted parts are decoded (\`''\`), and the parser reads past its end. Write a value on the first line, or delete it.`;
  } else if (e.type === 'RuntimeError') {
    const path = e.cycle ?? [e.key ?? ''];
    const self = path.length <= 2;
    const at = doc.index.lineText(e.line).indexOf(`$(${path[1] ?? path[0]})`);
    if (at >= 0) range = lineRange(doc, e.line, at, at + (path[1] ?? path[0]).length + 3);
    msg = `${stop} "maximum recursion depth exceeded" while loading this file: ${self ? `\`${path[0]}\` refers to itself` : `the references form a cycle (${path.map((k) => `\`${k}\``).join(' → ')})`}, and AYS substitutes \`$(…)\` by following them for ever. Write the value itself instead of \`$(${path[1] ?? path[0]})\`.`;
  } else if (/cannot parse:/.test(e.message)) {
    const item = /cannot parse:'([\s\S]*)', need/.exec(e.message)?.[1] ?? '';
    msg = `${stop} InputError while loading this file: \`${e.key}\` is read as a dict, and its item \`${item}\` has no ':' ("cannot parse … need to find : to parse dict"). A single-line dict is split on every ',' even inside quotes: write the dict as a block, one \`name:'value',\` per line, or quote the whole value.`;
  } else {
    msg = `${stop} ${e.type} while loading this file, at the @ASK prompt of \`${e.key}\` (processed at load because another value refers to it): ${e.message}.`;
  }
  return makeDiagnostic('hrd-load-error', range, msg);
}

interface Guards {
  ask: boolean;
  esc: boolean;
}

function surprises(doc: HrdDocument, it: AysItem, value: unknown, g: Guards, out: Diagnostic[]): void {
  // (no closures here: this runs for every item of the file, and most items yield nothing)
  let cached: Array<[number, number, string]> | undefined;
  const flagged =
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Map) &&
    !(value instanceof PyFloat);
  if (g.ask && /@ask/i.test(it.raw)) {
    for (const [l, from, t] of (cached ??= valueParts(doc, it))) {
      for (const m of t.matchAll(/@ask/gi)) {
        if (m[0] === '@ASK') continue;
        const a = from + m.index!;
        out.push(
          makeDiagnostic(
            'hrd-lowercase-ask',
            lineRange(doc, l, a, a + 4),
            `AYS prompts only for \`@ASK\` in upper case: \`${m[0]}\` is taken literally, so \`${it.key}\` is the text ${showPy(value as never)} and nobody is asked. Write @ASK.`,
            {
              fixes: [
                {
                  title: 'Write @ASK',
                  preferred: true,
                  edits: [{ range: lineRange(doc, l, a, a + 4), newText: '@ASK' }],
                },
              ],
            },
          ),
        );
      }
    }
  }
  if (flagged || it.ttype === 'binary') return;
  if (g.esc && it.raw.includes('\\')) {
    for (const [l, from, t] of (cached ??= valueParts(doc, it))) {
      const seqs = [...t.matchAll(ESCAPE)];
      if (!seqs.length) continue;
      const a = from + seqs[0].index!;
      out.push(
        makeDiagnostic(
          'hrd-escape-decoded',
          lineRange(doc, l, a, from + seqs[seqs.length - 1].index! + 2),
          `AYS decodes backslash sequences in every value, quoted or not: ${seqs.map((x) => `\`${x[0]}\` becomes ${DECODED[x[0][1]]}`).join(', ')}, so \`${it.key}\` is ${showPy(value as never)}.`,
        ),
      );
    }
  }
  const bracket = it.ttype === 'list' ? Array.isArray(value) && value.some(holdsList) : holdsList(value as never);
  if (bracket && (cached ??= valueParts(doc, it)).some(([, , t]) => t.includes('['))) {
    const [l, from, t] = (cached ??= valueParts(doc, it)).find(([, , x]) => x.includes('['))!;
    const a = from + t.indexOf('[');
    out.push(
      makeDiagnostic(
        'hrd-bracket-list',
        lineRange(doc, l, a, from + Math.max(t.lastIndexOf(']') + 1, t.indexOf('[') + 1)),
        `AYS reads \`[…]\` as a list (numbers converted, quotes and spaces kept): \`${it.key}\` is ${showPy(value as never)}, not text. Avoid square brackets in values that should stay text.`,
      ),
    );
  }
  if (typeof value !== 'string') {
    if ((it.ttype === 'dict' || it.ttype === 'list') && it.endLine > it.line && it.raw.includes("'")) {
      for (const [l, from, t] of (cached ??= valueParts(doc, it))) {
        if (l === it.line || countQuotes(t) % 2 === 0) continue;
        const q = from + t.lastIndexOf("'");
        out.push(
          makeDiagnostic(
            'hrd-quotes',
            lineRange(doc, l, q, q + 1),
            `This line has an unpaired quote: AYS pairs quotes within one line only, so this quote stays in the value and nothing after it is protected. \`${it.key}\` is ${showPy(value as never)}. Close the quote on this line.`,
          ),
        );
      }
    }
    return;
  }
  const quotedRaw = it.raw.length >= 2 && it.raw.startsWith("'") && it.raw.indexOf("'", 1) === it.raw.length - 1;
  if (value === (quotedRaw ? it.raw.slice(1, -1) : it.raw) && it.endLine === it.line) return;
  const isBlock = it.endLine > it.line || endsWithEquals(doc.index.lineText(it.line));
  if (isBlock) {
    const lines = (cached ??= valueParts(doc, it)).filter(([l]) => l !== it.line).map(([, , t]) => t.trim());
    const notDict = doc.events.some((ev) => ev.kind === 'block-not-dict' && ev.item?.line === it.line);
    if (!notDict && lines.some((t) => t.includes("'")) && value !== lines.join('\n')) {
      out.push(
        makeDiagnostic(
          'hrd-text-block',
          lineRange(doc, it.line),
          `AYS reads \`${it.key}\` as a text block (its first line does not end with ','), and in a text block a line keeps only its first '…' part: \`${it.key}\` is ${showPy(value as never)}. End every line with ',' for a dict or list, or drop the quotes for text.`,
        ),
      );
    }
    return;
  }
  const raw = (cached ??= valueParts(doc, it))[0]?.[2].trim() ?? '';
  const keyLine = doc.index.lineText(it.line);
  if (raw.startsWith('"') || HAS_ESCAPE.test(raw) || raw.includes('$(') || keyLine.indexOf('#') > keyLine.indexOf('='))
    return;
  const naive =
    raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'") && !raw.slice(1, -1).includes("'")
      ? raw.slice(1, -1)
      : raw;
  if (value !== naive) {
    const [l, from, t] = (cached ??= valueParts(doc, it))[0];
    const a = from + t.length - t.trimStart().length;
    out.push(
      makeDiagnostic(
        'hrd-quotes',
        lineRange(doc, l, a, from + t.trimEnd().length),
        `AYS reads \`${it.key}\` as ${showPy(value as never)}, not ${JSON.stringify(naive)}: it strips spaces, then quotes, then spaces again from both ends, and keeps the quotes inside. ${naive.includes("'") ? 'Avoid quotes inside the value.' : 'Spaces at the ends of a quoted value are lost.'}`,
      ),
    );
  }
}

/** Whether loading stops on `item` because one of its dict items has no ':'. */
export function aysFailsOn(doc: HrdDocument, item: HrdItem): boolean {
  const e = aysView(doc).loadError;
  return !!e && /cannot parse:/.test(e.message) && e.key === item.key && e.line === item.line;
}

export function aysReadDiagnostics(doc: HrdDocument): Diagnostic[] {
  const view = aysView(doc);
  const out: Diagnostic[] = [];
  if (view.loadError) {
    const e = view.loadError;
    // a block dict entry without ':' is already an error of its own (hrd-ignored-line) on that entry
    const covered =
      /cannot parse:/.test(e.message) &&
      doc.events.some((ev) => ev.kind === 'dict-item-no-colon' && ev.item?.line === e.line);
    if (!covered) out.push(loadErrorDiagnostic(doc, e));
    return out;
  }
  const g: Guards = { ask: /@ask/i.test(doc.text), esc: doc.text.includes('\\') };
  // (forEach: for-of with [key, it] allocates an entry per item here)
  view.items.forEach((it, key) => surprises(doc, it, view.values.get(key), g, out));
  return out;
}

/** A finding that says AYS raises while loading the file (so `ays install` stops): hrd-load-error, or a dict entry without ':'. */
export function stopsAysInstall(d: Diagnostic): boolean {
  return d.code === 'hrd-load-error' || (d.code === 'hrd-ignored-line' && d.severity === 1);
}

/** The rule family of readAsAys (ruleRegistry.ts runs it on every .hrd file, after the loss events). */
export const AYS_READ_FAMILY: RuleFamily<{ doc: HrdDocument }> = {
  rules: AYS_READ_RULES,
  check: ({ doc }) => aysReadDiagnostics(doc),
};
