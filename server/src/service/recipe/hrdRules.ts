/**
 * The `hrd-*` rules of the parser's loss events (every .hrd file), plus `$(…)` references. Each rule declares the
 * loss-event kinds it reports (`on`); hrdDiagnostics looks the handler of each event up in that table.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { HrdDocument, HrdItem, LossEvent, LossKind, Span } from '../hrd/HrdModel';
import type { LineIndex } from '../hrd/LineIndex';
import { itemValue } from '../hrd/plainValues';
import type { Fix, RuleFamily, RuleInfo } from '../rules/rule';
import { diagnosticMaker } from '../rules/ruleDiagnostics';
import { aysFailsOn } from './aysReadRules';

/** Names resolved outside the file: instance keys, the service keys of the instance, and system config. */
const EXTERNAL_REF = /^(instance|service|system|whoami|grid|gridmaster|cfg|node)\./;

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s.length > 80 ? s.slice(0, 77) + '…' : s;
}

/** What a loss-event handler gets: the event, its item (`key` quoted for messages), its line, and helpers. */
interface EventContext {
  doc: HrdDocument;
  uri: string;
  ix: LineIndex;
  e: LossEvent;
  item: HrdItem | undefined;
  key: string;
  line: number;
  r(s: Span): Diagnostic['range'];
  lineNo(offset: number): number;
  insertAt(offset: number, text: string, title: string): Fix;
}

interface HrdEventRule extends RuleInfo {
  /** The loss-event kinds this rule reports, and how. */
  on?: Partial<Record<LossKind, (c: EventContext) => Diagnostic[]>>;
}

const rule = (
  code: string,
  severity: RuleInfo['severity'],
  description: string,
  on?: HrdEventRule['on'],
): HrdEventRule => ({ code, severity, scope: 'hrd', description, on });

export const HRD_EVENT_RULES: readonly HrdEventRule[] = [
  rule('hrd-line-lost', 'error', 'A non-indented line directly after a multi-line block: the parser drops that line.', {
    'line-lost': ({ e, ix, r, key, item, line, insertAt }) => [
      makeDiagnostic(
        'hrd-line-lost',
        r(e.span),
        `AYS drops this line: it directly follows the multi-line block ${key} (line ${item!.line + 1}), and a non-indented line there only ends the block, so \`${e.detail}\` is never read. Insert a blank line before it.`,
        { fixes: [insertAt(ix.lineStart(line), '\n', `Insert a blank line before line ${line + 1}`)] },
      ),
    ],
  }),
  rule(
    'hrd-no-final-newline',
    'error',
    'The file ends inside a multi-line block without a final newline: the block is dropped.',
    {
      'no-final-newline': ({ e, doc, r, key, item, insertAt }) => [
        makeDiagnostic(
          'hrd-no-final-newline',
          r(item!.keySpan.end > item!.keySpan.start ? item!.keySpan : e.span),
          `The file ends inside the multi-line block ${key} without a final newline: AYS drops the whole block, so ${key} does not exist. Add a newline at the end of the file.`,
          { fixes: [insertAt(doc.text.length, '\n', 'Add the final newline')] },
        ),
      ],
      'binary-unterminated': ({ r, key, item }) => [
        makeDiagnostic(
          'hrd-no-final-newline',
          r(item!.keySpan),
          `The binary block ${key} has no \`#BINARYEND#########\` line: the file ends inside it and AYS drops it. End the block with that line.`,
        ),
      ],
    },
  ),
  rule(
    'hrd-tab-indent',
    'error',
    'A continuation line indented with a TAB: the block gets an empty value, the entries are lost.',
    {
      'tab-indent': ({ e, ix, r, key, line }) => {
        const text = ix.lineText(line);
        let n = 0;
        while (n < text.length && (text[n] === '\t' || text[n] === ' ')) n++;
        const spaces = text.slice(0, n).replace(/\t/g, '    ');
        return [
          makeDiagnostic(
            'hrd-tab-indent',
            r(e.span),
            `This line is indented with a TAB: AYS accepts only spaces as continuation indent, so ${key} gets an empty value and \`${e.detail}\` is lost. Indent it with spaces.`,
            {
              fixes: [
                {
                  title: 'Replace the TAB indent with spaces',
                  preferred: true,
                  edits: [{ range: ix.range(ix.lineStart(line), ix.lineStart(line) + n), newText: spaces }],
                },
              ],
            },
          ),
        ];
      },
    },
  ),
  rule(
    'hrd-comment-in-block',
    'error',
    'A comment-only line inside a block ends the block; the lines after it are lost.',
    {
      'comment-in-block': ({ e, ix, r, key, line, uri }) => {
        const lost = e.related?.length ?? 0;
        return [
          makeDiagnostic(
            'hrd-comment-in-block',
            r(e.span),
            `This comment line ends the block ${key}: AYS stops reading the block here and ignores the ${lost} indented line(s) below it. Move the comment above ${key} or delete it.`,
            {
              related: e.related?.map((s) => ({ uri, range: r(s), message: 'lost: not part of any block' })),
              fixes: [
                {
                  title: 'Delete the comment line',
                  edits: [{ range: ix.range(ix.lineStart(line), ix.lineStart(line + 1)), newText: '' }],
                },
              ],
            },
          ),
        ];
      },
    },
  ),
  rule('hrd-hash-in-value', 'error', '`#` inside a value or quotes: the value is cut there.', {
    'hash-cut': ({ e, ix, r, line }) => {
      const kept = ix
        .lineText(line)
        .slice(0, e.span.start - ix.lineStart(line))
        .trim();
      return [
        makeDiagnostic(
          'hrd-hash-in-value',
          r(e.span),
          `AYS cuts the line at this '#' (comments are not quote-aware, even inside '…'), so it reads only \`${kept}\`. An HRD value cannot contain '#': remove it, or host the file at a path without '#'.`,
        ),
      ];
    },
  }),
  rule('hrd-missing-comma', 'error', 'A dict entry without its comma: two entries merge into one value.', {
    'missing-comma': ({ e, r, item, line, insertAt }) => {
      const entry = item?.entries.find((en) => en.merged && en.line === line);
      const what = entry
        ? `\`${entry.key || entry.ownValue}\` becomes \`${entry.value}\``
        : 'the next line merges into this entry';
      return [
        makeDiagnostic(
          'hrd-missing-comma',
          r({ start: e.span.start - (e.detail?.length ?? 0), end: e.span.end }),
          `Missing ',' at the end of this line: AYS joins the next line into this entry, so ${what} and the next entry does not exist. Add the comma.`,
          { fixes: [insertAt(e.span.start, ',', "Add the missing ','")] },
        ),
      ];
    },
  }),
  rule('hrd-block-not-dict', 'error', 'The first continuation line lacks its trailing comma: the block becomes text.', {
    'block-not-dict': ({ e, r, key, insertAt }) => [
      makeDiagnostic(
        'hrd-block-not-dict',
        r({ start: e.span.start - (e.detail?.length ?? 0), end: e.span.end }),
        `The first line of ${key} has no trailing ',': AYS types the block from its first line, so ${key} becomes plain text and none of its entries exist. End the line with ','.`,
        { fixes: [insertAt(e.span.start, ',', "Add the missing ','")] },
      ),
    ],
  }),
  rule('hrd-conflict-marker', 'error', 'Git conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`).', {
    'conflict-marker': ({ e, r }) => [
      makeDiagnostic(
        'hrd-conflict-marker',
        r(e.span),
        `Git conflict marker \`${e.detail}\`: AYS does not fail on it, it silently drops or mis-reads these lines (a block is cut short, \`=======\` becomes an empty key). Resolve the conflict and delete the markers.`,
      ),
    ],
  }),
  rule('hrd-empty-key', 'error', '`= value`: a value stored under the empty key.', {
    'empty-key': ({ e, r }) => [
      makeDiagnostic(
        'hrd-empty-key',
        r(e.span),
        `Empty key: AYS stores \`${e.detail}\` under the key '' where nothing reads it. Write \`name = value\` or delete the line.`,
      ),
    ],
  }),
  rule('hrd-duplicate-key', 'error', 'The same top-level key twice: the last value wins.', {
    'duplicate-key': ({ e, doc, r, key, lineNo, uri }) => {
      const winner = doc.keys.get(e.detail!)!;
      return [
        makeDiagnostic(
          'hrd-duplicate-key',
          r(e.span),
          `${key} is set again on line ${lineNo(e.related![0].start)}: AYS keeps only the last value, so this one is ignored. Remove one of them (or renumber, e.g. web.export.2).`,
          { related: [{ uri, range: r(e.related![0]), message: `the value AYS keeps (${show(itemValue(winner))})` }] },
        ),
        makeDiagnostic(
          'hrd-duplicate-key',
          r(e.related![0]),
          `${key} was already set on line ${lineNo(e.span.start)}: AYS silently keeps this last value and drops the earlier one. Remove one of them.`,
          { related: [{ uri, range: r(e.span), message: 'the ignored earlier value' }] },
        ),
      ];
    },
  }),
  rule('hrd-duplicate-entry', 'warning', 'The same key twice inside one dict: the last one wins.', {
    'duplicate-entry': ({ e, r, key, lineNo, uri }) => [
      makeDiagnostic(
        'hrd-duplicate-entry',
        r(e.span),
        `\`${e.detail}\` appears again in ${key} (line ${lineNo(e.related![0].start)}): AYS keeps only the last one. Delete one of them.`,
        { related: [{ uri, range: r(e.related![0]), message: 'the entry AYS keeps' }] },
      ),
    ],
  }),
  rule('hrd-double-quotes', 'warning', 'A value in `"..."`: the double quotes stay in the value.', {
    'double-quotes': ({ e, r }) => {
      const v = e.detail ?? '';
      const inner = v.slice(1, v.endsWith('"') && v.length > 1 ? -1 : undefined);
      const fixable = /^"[^"']*"$/.test(v);
      return [
        makeDiagnostic(
          'hrd-double-quotes',
          r(e.span),
          `Double quotes are not quote characters in HRD: AYS keeps them, so the value is \`${v}\` with the quotes. Use single quotes: '${inner}'.`,
          {
            fixes: fixable
              ? [
                  {
                    title: `Use single quotes: '${inner}'`,
                    preferred: true,
                    edits: [{ range: r(e.span), newText: `'${inner}'` }],
                  },
                ]
              : undefined,
          },
        ),
      ];
    },
  }),
  rule('hrd-unquoted-colon', 'warning', 'An unquoted single-line value with `:` becomes a dict (e.g. a URL).', {
    'unquoted-colon': ({ e, r, key, item }) => [
      makeDiagnostic(
        'hrd-unquoted-colon',
        r(e.span),
        `AYS reads an unquoted value containing ':' as a dict: ${key} becomes ${show(itemValue(item!))}, not the text \`${e.detail}\`. Quote it: '${e.detail}'.`,
        {
          fixes: e.detail!.includes("'")
            ? undefined
            : [{ title: 'Quote the value', preferred: true, edits: [{ range: r(e.span), newText: `'${e.detail}'` }] }],
        },
      ),
    ],
  }),
  rule('hrd-quoted-list-item', 'warning', "Single-line list or dict forms (`'x',`) keep the quotes in the value.", {
    'quoted-item': ({ e, r, key, item }) => {
      const v = itemValue(item!);
      const list = item!.type === 'list';
      const single = list && item!.entries.length === 1 ? item!.entries[0].value : undefined;
      return [
        makeDiagnostic(
          'hrd-quoted-list-item',
          r(e.span),
          `In a single-line ${list ? 'list' : 'dict'} AYS keeps the quotes: ${key} becomes ${show(v)}. ${single ? `Drop the trailing comma (${single}) or write the items unquoted.` : "Write it as a multi-line block, one `name:'value',` line per entry."}`,
          {
            fixes: single
              ? [{ title: `Remove the trailing comma: ${single}`, edits: [{ range: r(e.span), newText: single }] }]
              : undefined,
          },
        ),
      ];
    },
  }),
  rule('hrd-eval', 'warning', '`{{ ... }}` is evaluated as Python by AYS.', {
    eval: ({ e, r, key }) => [
      makeDiagnostic(
        'hrd-eval',
        r(e.span),
        `AYS evaluates \`${e.detail}\` as Python code (Text.eval) when it reads ${key || 'this value'}: it runs on the install machine. Write the literal value instead.`,
      ),
    ],
  }),
  rule('hrd-unknown-reference', 'warning', '`$(key)` that no key of the file declares: left unchanged.'),
  rule(
    'hrd-ignored-line',
    'warning',
    'A non-blank line without `=` outside a block (or a dict entry without `:`): ignored.',
    {
      'ignored-line': ({ e, r }) => [
        makeDiagnostic(
          'hrd-ignored-line',
          r(e.span),
          `AYS ignores this line: it has no '=' and is not inside a block. Write \`key = value\`, or indent it with spaces directly under a \`key =\` line.`,
        ),
      ],
      'orphan-line': ({ e, r, key, lineNo }) => [
        makeDiagnostic(
          'hrd-ignored-line',
          r(e.span),
          `AYS ignores this indented line: the block ${key} already ended at line ${lineNo(e.related![0].start)} (a blank line or a dropped line ends a block), so \`${e.detail}\` is lost. Keep the block's lines together, directly under ${key}.`,
        ),
      ],
      'dict-item-no-colon': ({ e, doc, r, key, item }) =>
        !aysFailsOn(doc, item!)
          ? [] // AYS reads it otherwise (hrd-load-error covers the rest)
          : [
              makeDiagnostic(
                'hrd-ignored-line',
                r(e.span),
                `\`${e.detail}\` has no ':' but is an entry of the dict ${key}: AYS raises "cannot parse:'${e.detail}', need to find : to parse dict" when it loads the file, so \`ays install\` stops here. Write \`name:'value',\`.`,
                { severity: 'error' },
              ),
            ],
    },
  ),
];

const makeDiagnostic = diagnosticMaker(HRD_EVENT_RULES);

/** Loss-event kind → its handler (kinds without one, e.g. inline comments, report nothing). */
const ON_EVENT = new Map<LossKind, (c: EventContext) => Diagnostic[]>();
for (const rl of HRD_EVENT_RULES)
  for (const [kind, fn] of Object.entries(rl.on ?? {})) ON_EVENT.set(kind as LossKind, fn);

/** A line already reported as a conflict marker does not get these (the marker says it). */
const UNDER_CONFLICT = new Set<LossKind>(['line-lost', 'ignored-line', 'orphan-line', 'empty-key']);

export function hrdDiagnostics(doc: HrdDocument, uri: string): Diagnostic[] {
  const ix = doc.index;
  const r = (s: Span) => ix.range(s.start, s.end);
  const lineNo = (o: number) => ix.lineAt(o) + 1;
  const insertAt = (offset: number, text: string, title: string): Fix => ({
    title,
    preferred: true,
    edits: [{ range: ix.range(offset, offset), newText: text }],
  });
  const out: Diagnostic[] = [];
  const conflictLines = new Set<number>();
  for (const e of doc.events) if (e.kind === 'conflict-marker') conflictLines.add(ix.lineAt(e.span.start));

  for (const e of doc.events) {
    const handler = ON_EVENT.get(e.kind);
    if (!handler) continue;
    const line = ix.lineAt(e.span.start);
    if (conflictLines.has(line) && UNDER_CONFLICT.has(e.kind)) continue;
    const item = e.item as HrdItem | undefined;
    for (const d of handler({ doc, uri, ix, e, item, key: item ? `\`${item.key}\`` : '', line, r, lineNo, insertAt }))
      out.push(d);
  }

  for (const ref of doc.references) {
    if (doc.keys.has(ref.name) || EXTERNAL_REF.test(ref.name)) continue;
    out.push(
      makeDiagnostic(
        'hrd-unknown-reference',
        r(ref.span),
        `No key \`${ref.name}\` in this file: AYS leaves \`$(${ref.name})\` unchanged in the value. Declare \`${ref.name} = …\` or fix the name.`,
      ),
    );
  }
  return out;
}

/** The rule family of the loss events and references (ruleRegistry.ts runs it on every .hrd file). */
export const HRD_EVENT_FAMILY: RuleFamily<{ doc: HrdDocument; uri: string }> = {
  rules: HRD_EVENT_RULES,
  check: ({ doc, uri }) => hrdDiagnostics(doc, uri),
};
