/**
 * The Python 2.7 tokenizer as CPython 2.7 `compile()` runs it (Parser/tokenizer.c): indentation with tabs to
 * multiples of 8, string prefixes u/b/r/ur/br, Python 2 numbers (`0777`, `10L`), backticks, `<>`. Errors carry the
 * 1-based line CPython reports. Used by py2Syntax.ts for `actions-syntax`.
 */
export interface Py2Token {
  t: 'NAME' | 'NUMBER' | 'STRING' | 'OP' | 'NEWLINE' | 'INDENT' | 'DEDENT' | 'ENDMARKER' | 'ERRORTOKEN' | 'ERROR';
  v: string;
  line: number;
  /** t === 'ERROR': the tokenizer error met here (CPython tokenizes lazily: an earlier parse error wins). */
  err?: Py2SyntaxError;
}

export class Py2SyntaxError extends Error {
  constructor(
    readonly pyType: 'SyntaxError' | 'IndentationError' | 'ValueError' | 'TypeError',
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const OPS3 = new Set(['**=', '//=', '>>=', '<<=']);
const OPS2 = new Set([
  '!=',
  '<>',
  '==',
  '<=',
  '>=',
  '<<',
  '>>',
  '**',
  '//',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
]);
const OPS1 = '()[]{}:,;+-*/|&<>=.%`~^@';
const PREFIX = /^(?:[uUbB][rR]?|[rR])$/;
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined) => c !== undefined && /[0-9a-fA-F]/.test(c);
const isNameStart = (c: string | undefined) => c !== undefined && /[A-Za-z_]/.test(c);
const isName = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

export function py2Tokenize(source: string): Py2Token[] {
  const toks: Py2Token[] = [];
  try {
    tokenizeInto(source, toks);
  } catch (e) {
    if (!(e instanceof Py2SyntaxError)) throw e;
    toks.push({ t: 'ERROR', v: '', line: e.line, err: e });
  }
  return toks;
}

function tokenizeInto(source: string, toks: Py2Token[]): void {
  if (source.includes('\0')) throw new Py2SyntaxError('TypeError', 'compile() expected string without null bytes', 1);
  let text = source.replace(/\r\n?/g, '\n');
  if (text.startsWith('\ufeff')) text = text.slice(1);
  // the line CPython 2.7 gives errors at the end of the input (a final CRLF counts one more line)
  const lastLine = Math.max(
    1,
    text.split('\n').length - (text.endsWith('\n') ? 1 : 0) + (source.endsWith('\r\n') ? 1 : 0),
  );
  const indents = [0];
  let pos = 0;
  let line = 1;
  let level = 0;
  let bol = true;
  const n = text.length;
  const err = (msg: string, l = line): never => {
    throw new Py2SyntaxError('SyntaxError', msg, l);
  };
  for (;;) {
    if (bol) {
      bol = false;
      let col = 0;
      for (; pos < n; pos++) {
        const c = text[pos];
        if (c === ' ') col++;
        else if (c === '\t') col = (Math.floor(col / 8) + 1) * 8;
        else if (c === '\f') col = 0;
        else break;
      }
      const c = text[pos];
      if (pos >= n) break;
      if (c === '#' || c === '\n') {
        while (pos < n && text[pos] !== '\n') pos++;
        if (pos < n) {
          pos++;
          line++;
          bol = true;
        }
        continue;
      }
      if (level === 0) {
        if (col > indents[indents.length - 1]) {
          indents.push(col);
          toks.push({ t: 'INDENT', v: '', line });
        } else if (col < indents[indents.length - 1]) {
          while (col < indents[indents.length - 1]) {
            indents.pop();
            toks.push({ t: 'DEDENT', v: '', line });
          }
          if (col !== indents[indents.length - 1])
            throw new Py2SyntaxError('IndentationError', 'unindent does not match any outer indentation level', line);
        }
      }
    }
    while (pos < n && (text[pos] === ' ' || text[pos] === '\t' || text[pos] === '\f')) pos++;
    if (pos >= n) break;
    let c = text[pos];
    if (c === '#') {
      while (pos < n && text[pos] !== '\n') pos++;
      continue;
    }
    if (c === '\n') {
      pos++;
      if (level === 0) {
        toks.push({ t: 'NEWLINE', v: '', line });
        bol = true;
      }
      line++;
      continue;
    }
    if (c === '\\') {
      if (pos + 1 >= n) err('unexpected EOF while parsing', lastLine);
      if (text[pos + 1] !== '\n') err('unexpected character after line continuation character');
      pos += 2;
      line++;
      if (pos >= n) err('unexpected EOF while parsing', lastLine);
      continue;
    }
    const start = pos;
    if (isNameStart(c)) {
      while (isName(text[pos])) pos++;
      const word = text.slice(start, pos);
      if (PREFIX.test(word) && (text[pos] === "'" || text[pos] === '"')) {
        c = text[pos];
      } else {
        toks.push({ t: 'NAME', v: word, line });
        continue;
      }
    }
    if (c === "'" || c === '"') {
      const triple = text.startsWith(c.repeat(3), pos);
      pos += triple ? 3 : 1;
      for (;;) {
        if (pos >= n) {
          if (triple) err('EOF while scanning triple-quoted string literal', lastLine);
          err('EOL while scanning string literal');
        }
        const d = text[pos];
        if (d === '\n') {
          if (!triple) err('EOL while scanning string literal');
          line++;
          pos++;
        } else if (d === '\\') {
          if (text[pos + 1] === '\n') line++;
          pos += 2;
        } else if (triple ? text.startsWith(c.repeat(3), pos) : d === c) {
          pos += triple ? 3 : 1;
          break;
        } else pos++;
      }
      toks.push({ t: 'STRING', v: text.slice(start, pos), line });
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(text[pos + 1]))) {
      pos = scanNumber(text, pos, () => err('invalid token'));
      toks.push({ t: 'NUMBER', v: text.slice(start, pos), line });
      continue;
    }
    const three = text.slice(pos, pos + 3);
    const two = text.slice(pos, pos + 2);
    let op: string | undefined;
    if (OPS3.has(three)) op = three;
    else if (OPS2.has(two)) op = two;
    else if (OPS1.includes(c)) op = c;
    if (!op) {
      pos++;
      toks.push({ t: 'ERRORTOKEN', v: c, line });
      continue;
    }
    pos += op.length;
    if (op === '(' || op === '[' || op === '{') level++;
    else if (op === ')' || op === ']' || op === '}') level--;
    toks.push({ t: 'OP', v: op, line });
  }
  const last = toks[toks.length - 1];
  if (last && level === 0 && last.t !== 'NEWLINE' && last.t !== 'DEDENT' && last.t !== 'INDENT')
    toks.push({ t: 'NEWLINE', v: '', line: lastLine });
  while (indents.length > 1) {
    indents.pop();
    toks.push({ t: 'DEDENT', v: '', line: lastLine });
  }
  toks.push({ t: 'ENDMARKER', v: '', line: lastLine });
}

/** CPython 2.7 tok_get number branch; returns the end position. */
function scanNumber(text: string, pos: number, bad: () => never): number {
  let c = text[pos];
  let i = pos;
  const next = () => text[++i];
  const fraction = (): number => {
    do c = next();
    while (isDigit(c));
    return exponent();
  };
  const exponent = (): number => {
    if (c === 'e' || c === 'E') {
      const at = i;
      c = next();
      if (c === '+' || c === '-') c = next();
      if (!isDigit(c)) return at;
      do c = next();
      while (isDigit(c));
    }
    if (c === 'j' || c === 'J') next();
    return i;
  };
  if (c === '.') return fraction();
  if (c === '0') {
    c = next();
    if (c === '.') return fraction();
    if (c === 'j' || c === 'J') return i + 1;
    if (c === 'x' || c === 'X') {
      c = next();
      if (!isHex(c)) bad();
      do c = next();
      while (isHex(c));
    } else if (c === 'o' || c === 'O') {
      c = next();
      if (!(c >= '0' && c < '8')) bad();
      do c = next();
      while (c >= '0' && c < '8');
    } else if (c === 'b' || c === 'B') {
      c = next();
      if (c !== '0' && c !== '1') bad();
      do c = next();
      while (c === '0' || c === '1');
    } else {
      let decimal = false;
      while (c >= '0' && c < '8') c = next();
      if (isDigit(c)) {
        decimal = true;
        do c = next();
        while (isDigit(c));
      }
      if (c === '.') return fraction();
      if (c === 'e' || c === 'E') return exponent();
      if (c === 'j' || c === 'J') return i + 1;
      if (decimal) bad();
    }
    if (c === 'l' || c === 'L') next();
    return i;
  }
  do c = next();
  while (isDigit(c));
  if (c === 'l' || c === 'L') return i + 1;
  if (c === '.') return fraction();
  return exponent();
}
