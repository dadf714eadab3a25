/** Decoding of Python (2 and 3) literal nodes from the tree-sitter tree into plain values. */
import type { Node } from 'web-tree-sitter';
import type { Range } from 'vscode-languageserver-types';

export type PyLiteral =
  | { kind: 'string'; value: string }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' };

export function nodeRange(n: Node): Range {
  return {
    start: { line: n.startPosition.row, character: n.startPosition.column },
    end: { line: n.endPosition.row, character: n.endPosition.column },
  };
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/** Value of one string literal's source text (`u'x'`, `r"x"`, `'''x'''`); undefined for f-strings and backticks. */
export function decodeStringLiteral(src: string): string | undefined {
  const m = /^([a-zA-Z]*)('''|"""|'|")([\s\S]*)\2$/.exec(src);
  if (!m) return undefined;
  const prefix = m[1].toLowerCase();
  if (prefix.includes('f')) return undefined;
  const body = m[3];
  if (prefix.includes('r')) return body;
  return body.replace(/\\(\r?\n|.)/g, (_all, c: string) =>
    c === '\n' || c === '\r\n' ? '' : (SIMPLE_ESCAPES[c] ?? '\\' + c),
  );
}

/** Value of a Python integer literal, Python 2 style included (`0777` octal, `10L`). */
export function decodeIntLiteral(src: string): number | undefined {
  const t = src.replace(/_/g, '').replace(/[lL]$/, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t.slice(2), 16);
  if (/^0[oO][0-7]+$/.test(t)) return parseInt(t.slice(2), 8);
  if (/^0[bB][01]+$/.test(t)) return parseInt(t.slice(2), 2);
  if (/^0[0-7]+$/.test(t)) return parseInt(t.slice(1), 8);
  if (/^\d+$/.test(t)) return parseInt(t, 10);
  return undefined;
}

/** The literal value of an expression node, or undefined when it is not a plain literal. */
export function literalOf(n: Node | null | undefined): PyLiteral | undefined {
  if (!n) return undefined;
  switch (n.type) {
    case 'string': {
      const v = decodeStringLiteral(n.text);
      return v === undefined ? undefined : { kind: 'string', value: v };
    }
    case 'concatenated_string': {
      let out = '';
      for (const c of n.namedChildren) {
        const v = c && c.type === 'string' ? decodeStringLiteral(c.text) : undefined;
        if (v === undefined) return undefined;
        out += v;
      }
      return { kind: 'string', value: out };
    }
    case 'integer': {
      const v = decodeIntLiteral(n.text);
      return v === undefined ? undefined : { kind: 'int', value: v };
    }
    case 'float':
      return /j$/i.test(n.text) ? undefined : { kind: 'float', value: parseFloat(n.text.replace(/_/g, '')) };
    case 'true':
      return { kind: 'bool', value: true };
    case 'false':
      return { kind: 'bool', value: false };
    case 'none':
      return { kind: 'none' };
    case 'parenthesized_expression':
      return n.namedChildCount === 1 ? literalOf(n.namedChild(0)) : undefined;
    case 'unary_operator': {
      const op = n.child(0)?.text;
      const v = literalOf(n.childForFieldName('argument'));
      if (!v || (v.kind !== 'int' && v.kind !== 'float')) return undefined;
      if (op === '-') return { ...v, value: -v.value };
      return op === '+' ? v : undefined;
    }
    default:
      return undefined;
  }
}

/** Python-style rendering of a literal, for messages (`'Linux'`, `10`, `True`). */
export function showLiteral(v: PyLiteral): string {
  switch (v.kind) {
    case 'string':
      return `'${v.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'int':
    case 'float':
      return String(v.value);
    case 'bool':
      return v.value ? 'True' : 'False';
    case 'none':
      return 'None';
  }
}
