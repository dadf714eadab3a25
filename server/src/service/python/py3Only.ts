/**
 * Python 3-only syntax: tree-sitter accepts it, but AYS imports actions.py with Python 2.7, where it is a
 * SyntaxError. Table-driven: node type → construct and what to write instead.
 */
import type { Node } from 'web-tree-sitter';
import { nodeRange } from './pyValues';
import type { SyntaxIssue } from './py2Tolerance';

interface Py3Rule {
  /** Node type collected by the model walk. */
  type: string;
  construct: string;
  instead: string;
  /** Extra test on the node; absent = every node of the type. */
  test?: (n: Node, futurePrint: boolean) => boolean;
}

export const PY3_ONLY: Py3Rule[] = [
  {
    type: 'string_start',
    construct: 'f-string',
    instead: "'...{}'.format(x) or '%s' % x",
    test: (n) => /f/i.test(n.text.replace(/['"]+$/, '')),
  },
  { type: 'nonlocal_statement', construct: 'nonlocal', instead: 'a mutable container or an attribute' },
  { type: 'await', construct: 'await', instead: 'a plain call' },
  {
    type: 'function_definition',
    construct: 'async def / return annotation',
    instead: 'a plain def without annotations',
    test: (n) => n.child(0)?.type === 'async' || !!n.childForFieldName('return_type'),
  },
  { type: 'typed_parameter', construct: 'parameter annotation', instead: 'the parameter without `: type`' },
  { type: 'typed_default_parameter', construct: 'parameter annotation', instead: 'the parameter without `: type`' },
  { type: 'keyword_separator', construct: 'keyword-only parameters (`*,`)', instead: 'plain keyword parameters' },
  { type: 'positional_separator', construct: 'positional-only parameters (`/`)', instead: 'plain parameters' },
  { type: 'named_expression', construct: 'assignment expression (`:=`)', instead: 'a separate assignment' },
  {
    type: 'raise_statement',
    construct: '`raise … from …`',
    instead: '`raise …`',
    test: (n) => !!n.childForFieldName('cause'),
  },
  {
    type: 'list_splat_pattern',
    construct: 'starred assignment (`a, *b = …`)',
    instead: 'slicing (`a, b = c[0], c[1:]`)',
    test: (n) => n.parent?.type !== 'parameters' && n.parent?.type !== 'lambda_parameters',
  },
  {
    type: 'yield',
    construct: '`yield from`',
    instead: 'a for loop with yield',
    test: (n) => n.children.some((c) => c?.type === 'from'),
  },
  { type: 'match_statement', construct: 'match statement', instead: 'if/elif' },
  { type: 'type_alias_statement', construct: 'type alias statement', instead: 'a plain assignment' },
  {
    type: 'call',
    construct: 'print() with end=/sep=/file=',
    instead: 'the print statement, or `from __future__ import print_function`',
    test: (n, futurePrint) =>
      !futurePrint &&
      n.childForFieldName('function')?.text === 'print' &&
      !!n.childForFieldName('arguments')?.namedChildren.some((a) => a?.type === 'keyword_argument'),
  },
];

export const PY3_ONLY_TYPES = new Set(PY3_ONLY.map((r) => r.type));

export function findPy3Only(nodes: Map<string, Node[]>, text: string): SyntaxIssue[] {
  const futurePrint = /^[ \t\f]*from[ \t]+__future__[ \t]+import[ \t]+[^#\n]*\bprint_function\b/m.test(text);
  const out: SyntaxIssue[] = [];
  for (const r of PY3_ONLY) {
    for (const n of nodes.get(r.type) ?? []) {
      if (r.test && !r.test(n, futurePrint)) continue;
      const range = nodeRange(n);
      if (range.end.line > range.start.line)
        range.end = { line: range.start.line, character: range.start.character + n.text.split('\n')[0].length };
      out.push({ kind: 'py3-only', text: `${r.construct}|${r.instead}`, range });
    }
  }
  return out;
}
