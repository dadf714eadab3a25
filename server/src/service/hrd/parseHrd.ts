/**
 * A port of JumpScale 7 `HRD.process()` (lib/JumpScale/baselib/hrd/HRD.py, branch 7.4.5.1), as specified in
 * shared/docs/domain.md §1: a line state machine `start → look4var → multiline → var` (`var` = a key line
 * being read; `binary` = inside a `b`/`bqp` block) that keeps positions and records every loss.
 */
import { ContinuationLine } from './ContinuationLine';
import type { HrdDocument, HrdItem, LossEvent, Span } from './HrdModel';
import { LineIndex } from './LineIndex';
import { typeBlock, typeSingle } from './fillValue';
import { findReferences, isPyWs, leadingWs, pyStrip, quoteMask } from './js7Typing';

type State = 'start' | 'look4var' | 'multiline' | 'binary';

const BINARY_END = '#BINARYEND#########';
const CONFLICT = /^(<<<<<<<|=======|>>>>>>>)/;
const NONE: never[] = [];

interface Orphan {
  cause: 'tab' | 'comment' | 'blank' | 'lost';
  line: number;
  item: HrdItem;
  commentEvent?: LossEvent;
}

const lineSpan = (start: number, raw: string): Span => ({ start, end: start + raw.length });

export function parseHrd(text: string): HrdDocument {
  const index = new LineIndex(text);
  const doc: HrdDocument = {
    text,
    index,
    items: [],
    keys: new Map(),
    events: [],
    lineKinds: [],
    references: [],
    finalNewline: text.endsWith('\n'),
    headerComments: [],
  };
  const events = doc.events;
  let state: State = 'start';
  let block: HrdItem | undefined;
  let binaryLines: string[] = [];
  let orphan: Orphan | undefined;
  let comments: string[] = [];

  const store = (item: HrdItem) => {
    const prev = doc.keys.get(item.key);
    if (prev) {
      prev.status = 'overridden';
      events.push({ kind: 'duplicate-key', span: prev.keySpan, item: prev, related: [item.keySpan], detail: item.key });
    }
    doc.keys.set(item.key, item); // Map.set keeps the first insertion position: "last wins, first position kept"
  };
  const closeBlock = (item: HrdItem) => {
    typeBlock(item, events);
    store(item);
    block = undefined;
    state = 'look4var';
  };
  const hashEvent = (lineStart: number, raw: string, hash: number) => {
    const m = quoteMask(raw);
    if (m[hash] === 1 || (hash > 0 && !isPyWs(raw[hash - 1]))) {
      events.push({
        kind: 'hash-cut',
        span: { start: lineStart + hash, end: lineStart + pyStrip(raw).length + leadingWs(raw) },
        detail: raw.slice(hash),
      });
    } else {
      events.push({ kind: 'inline-comment', span: { start: lineStart + hash, end: lineStart + raw.length } });
    }
  };

  for (let ln = 0; ln < index.lineCount; ln++) {
    const start = index.lineStart(ln);
    const raw = text.slice(start, index.lineEnd(ln));
    if (state === 'binary' && block) {
      if (raw.startsWith(BINARY_END)) {
        block.type = 'binary';
        block.blockLines = block.blockLines.slice();
        block.value = binaryLines.join('\n');
        block.raw = block.value;
        block.endLine = ln;
        store(block);
        block = undefined;
        state = 'look4var';
      } else {
        binaryLines.push(raw);
        block.blockLines.push(new ContinuationLine(ln, raw, start, start + raw.length));
      }
      doc.lineKinds.push('binary');
      continue;
    }
    const c0 = raw.charCodeAt(0);
    if ((c0 === 60 || c0 === 61 || c0 === 62) && CONFLICT.test(raw))
      events.push({ kind: 'conflict-marker', span: lineSpan(start, raw), detail: raw.slice(0, 7) });
    const hash = raw.indexOf('#');
    const content = hash >= 0 ? raw.slice(0, hash) : raw;
    const stripped = pyStrip(content);
    if (stripped === '') {
      const isComment = hash >= 0;
      doc.lineKinds.push(isComment ? 'comment' : 'blank');
      if (isComment) comments.push(raw.slice(hash));
      else if (state === 'start' && comments.length) {
        doc.headerComments = comments;
        comments = [];
      } else if (comments.length) comments = [];
      if (state === 'multiline' && block) {
        const item = block;
        closeBlock(item);
        orphan = { cause: isComment ? 'comment' : 'blank', line: ln, item };
      }
      continue;
    }
    if (hash >= 0) hashEvent(start, raw, hash);
    if (stripped[0] === '@') {
      doc.lineKinds.push('directive');
      events.push({ kind: 'directive', span: lineSpan(start, raw) });
      continue;
    }
    const indent = content[0];
    if (state === 'multiline' && block) {
      if (indent === ' ') {
        const lead = leadingWs(content);
        block.blockLines.push(new ContinuationLine(ln, stripped, start + lead, start + lead + stripped.length));
        block.endLine = ln;
        doc.lineKinds.push('continuation');
        continue;
      }
      const item = block;
      const empty = item.blockLines.length === 0;
      closeBlock(item);
      if (indent === '\t') {
        events.push({ kind: 'tab-indent', span: lineSpan(start, raw), item, detail: stripped });
        orphan = { cause: 'tab', line: ln, item };
      }
      if (!empty) {
        if (indent !== '\t') {
          events.push({ kind: 'line-lost', span: lineSpan(start, raw), item, detail: stripped });
          orphan = { cause: 'lost', line: ln, item };
        }
        doc.lineKinds.push('lost');
        if (comments.length) comments = [];
        continue;
      }
      if (indent === '\t' && !content.includes('=')) {
        doc.lineKinds.push('lost');
        continue;
      }
    }
    if (!content.includes('=')) {
      const indented = indent === ' ' || indent === '\t';
      if (orphan && indented) {
        doc.lineKinds.push('lost');
        if (indent === '\t')
          events.push({ kind: 'tab-indent', span: lineSpan(start, raw), item: orphan.item, detail: stripped });
        else if (orphan.cause === 'comment') {
          if (!orphan.commentEvent) {
            const cs = index.lineStart(orphan.line);
            orphan.commentEvent = {
              kind: 'comment-in-block',
              span: { start: cs, end: index.lineEnd(orphan.line) },
              item: orphan.item,
              related: [],
            };
            events.push(orphan.commentEvent);
          }
          orphan.commentEvent.related!.push(lineSpan(start, raw));
        } else
          events.push({
            kind: 'orphan-line',
            span: lineSpan(start, raw),
            item: orphan.item,
            detail: stripped,
            related: [{ start: index.lineStart(orphan.line), end: index.lineStart(orphan.line) }],
          });
      } else {
        doc.lineKinds.push('ignored');
        events.push({ kind: 'ignored-line', span: lineSpan(start, raw), detail: stripped });
        orphan = undefined;
      }
      if (comments.length) comments = [];
      continue;
    }
    // key line ("var")
    orphan = undefined;
    doc.lineKinds.push('key');
    const eq = content.indexOf('=');
    const keyRaw = content.slice(0, eq);
    const key = pyStrip(keyRaw);
    const keyStart = start + leadingWs(keyRaw);
    const restRaw = content.slice(eq + 1);
    const rest = pyStrip(restRaw);
    const restStart = start + eq + 1 + leadingWs(restRaw);
    // (only a 5-character text lower-cases to '@ask,')
    const askBlock = rest.length === 5 && rest.toLowerCase() === '@ask,';
    const single = !(rest === '' || rest === 'b' || rest === 'bqp' || askBlock);
    const item: HrdItem = {
      key,
      keySpan: { start: keyStart, end: keyStart + key.length },
      line: ln,
      form: 'single',
      raw: '',
      // a block's value span is set when the block closes
      valueSpan: { start: restStart, end: single ? restStart + rest.length : restStart },
      blockLines: NONE,
      type: 'string',
      value: '',
      entries: NONE,
      endLine: ln,
      status: 'kept',
      comments: comments.length ? comments : NONE,
    };
    if (comments.length) comments = [];
    doc.items.push(item);
    if (key === '')
      events.push({
        kind: 'empty-key',
        span: { start: start + eq, end: start + eq + 1 + restRaw.length },
        item,
        detail: rest,
      });
    if (!single) item.blockLines = [];
    if (rest === '') {
      item.form = 'block';
      block = item;
      state = 'multiline';
    } else if (rest === 'b' || rest === 'bqp') {
      item.form = 'binary';
      block = item;
      binaryLines = [];
      state = 'binary';
    } else if (askBlock) {
      item.form = 'askBlock';
      block = item;
      state = 'multiline';
    } else {
      typeSingle(item, rest, restStart, events);
      store(item);
      state = 'look4var';
    }
  }

  if (block) {
    // Without a final "\n" the last line is not followed by the empty line that would store the block.
    block.status = 'dropped';
    typeBlock(block, events);
    const kind = state === 'binary' ? 'binary-unterminated' : 'no-final-newline';
    events.push({ kind, span: { start: block.keySpan.start, end: text.length }, item: block });
    block = undefined;
  }

  for (const item of doc.items) {
    if (item.form === 'single') {
      if (!item.raw.includes('$(')) continue;
      const base = item.valueSpan.start;
      for (const [a, b, name] of findReferences(item.raw))
        doc.references.push({ name, span: { start: base + a, end: base + b }, item });
    } else {
      for (const l of item.blockLines) {
        if (!l.text.includes('$(')) continue;
        for (const [a, b, name] of findReferences(l.text))
          doc.references.push({ name, span: { start: l.span.start + a, end: l.span.start + b }, item });
      }
    }
  }
  return doc;
}
