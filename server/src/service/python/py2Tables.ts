/** The token tables and shared types of the Python 2.7 parser (py2Expr.ts, Py2ExprBase.ts, py2Syntax.ts). */

export interface Ex {
  k: string;
  line: number;
  name?: string;
  items?: Ex[];
}

export const KW = new Set([
  'and',
  'as',
  'assert',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'exec',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'not',
  'or',
  'pass',
  'print',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);
export const AUG = new Set(['+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=', '**=', '//=']);
export const COMP = new Set(['<', '>', '==', '>=', '<=', '<>', '!=']);
export const FUTURES = new Set([
  'nested_scopes',
  'generators',
  'division',
  'absolute_import',
  'with_statement',
  'print_function',
  'unicode_literals',
]);
export const TARGET_NAMES: Record<string, string> = {
  literal: 'literal',
  call: 'function call',
  op: 'operator',
  lambda: 'lambda',
  ifexp: 'conditional expression',
  compare: 'comparison',
  repr: 'repr',
  yield: 'yield expression',
  genexp: 'generator expression',
  listcomp: 'list comprehension',
  dictcomp: 'dict comprehension',
  setcomp: 'set comprehension',
};

export interface Scope {
  kind: 'module' | 'function' | 'class';
  blocks: Array<'loop' | 'finally'>;
  yieldLine?: number;
  returnLine?: number;
}

/** Tokens, scopes and the collected post-parse errors (by CPython stage), plus the expression grammar. */
