/**
 * Python 2 tolerance for `actions-syntax`. tree-sitter-python parses most Python 2 statements itself
 * (print/exec statements, `except E, e`, `raise E, v`, `<>`, `0777`, `10L`, `ur''`, backticks, tuple
 * parameters). For the rest, each construct has a length-preserving rewrite into a form tree-sitter
 * accepts; an ERROR/MISSING node is reported only when the rewritten text still has an error on its lines.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { Range } from 'vscode-languageserver-types';

export interface Py2Construct {
  id: string;
  description: string;
  /** Python 2 sources that must not give `actions-syntax` (used by the tests). */
  examples: string[];
  /** Length-preserving rewrite (same offsets) into syntax tree-sitter accepts; absent when parsed natively. */
  rewrite?: (text: string, code: boolean[]) => string;
}

/** Marks which characters are code (not inside a string literal or a comment). */
export function codeMask(text: string): boolean[] {
  const mask = new Array<boolean>(text.length).fill(true);
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') mask[i++] = false;
    } else if (c === "'" || c === '"') {
      const triple = text.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      const start = i;
      i += close.length;
      while (i < text.length) {
        if (text[i] === '\\') {
          i += 2;
          continue;
        }
        if (!triple && text[i] === '\n') break;
        if (text.startsWith(close, i)) {
          i += close.length;
          break;
        }
        i++;
      }
      for (let k = start; k < Math.min(i, text.length); k++) mask[k] = false;
    } else i++;
  }
  return mask;
}

function replaceWords(text: string, code: boolean[], re: RegExp, map: (w: string) => string): string {
  return text.replace(re, (w: string, ...rest: unknown[]) => {
    const offset = rest[rest.length - 2] as number;
    return code[offset] ? map(w) : w;
  });
}

/** `` `expr` `` (repr) → `(expr)`, nesting-aware: a backtick after an operand closes, otherwise opens. */
function rewriteBackticks(text: string, code: boolean[]): string {
  const out = text.split('');
  let depth = 0;
  let prev = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (!code[i]) {
      if (c === "'" || c === '"') prev = c;
      continue;
    }
    if (c === '`') {
      const closes = depth > 0 && /[\w)\]}'"]/.test(prev);
      out[i] = closes ? ')' : '(';
      depth += closes ? -1 : 1;
      prev = closes ? ')' : '(';
    } else if (!/\s/.test(c)) prev = c;
  }
  return out.join('');
}

export const PY2_CONSTRUCTS: Py2Construct[] = [
  {
    id: 'print-statement',
    description: "print statement (`print 'x'`, `print >>f, x`, `print x,`)",
    examples: ["print 'registering', name\n", 'print >>sys.stderr, "x",\n', 'print\n', "print 'a %s' % b, c\n"],
  },
  {
    id: 'exec-statement',
    description: 'exec statement (`exec "code" in ns`)',
    examples: ['exec "x = 1"\n', 'exec code in globals(), locals()\n'],
  },
  {
    id: 'except-comma',
    description: 'old except syntax (`except E, e:`)',
    examples: ['try:\n    pass\nexcept Exception, e:\n    pass\n', 'try:\n    pass\nexcept (A, B), e:\n    pass\n'],
  },
  {
    id: 'raise-comma',
    description: 'old raise syntax (`raise E, "msg"`)',
    examples: ["raise RuntimeError, 'x'\n", 'raise E, v, tb\n'],
  },
  {
    id: 'backticks',
    description: 'backtick repr (`` `x` ``)',
    examples: ['x = `y`\n', "print 'a %s' % `self`\n", 'x = `f(`g`)`\n'],
    rewrite: rewriteBackticks,
  },
  {
    id: 'old-octal',
    description: 'old octal and long literals (`0777`, `10L`)',
    examples: ['x = 0777\n', 'x = 10L + 0xffL\n'],
  },
  { id: 'ur-prefix', description: "`ur''` string prefix", examples: ["x = ur'a\\d'\n", 'x = UR"a"\n'] },
  { id: 'not-equal', description: '`<>` operator', examples: ['if a <> b:\n    pass\n'] },
  {
    id: 'tuple-parameters',
    description: 'tuple parameters (`def f(a, (b, c))`, `lambda (a, b): a`)',
    examples: ['def f(a, (b, c)):\n    pass\n', 'f = lambda (a, b): a\n'],
  },
  {
    id: 'nonlocal-name',
    description: '`nonlocal` used as a name (not a keyword in Python 2)',
    examples: ['nonlocal = 3\n', 'x.nonlocal = 1\n', 'def nonlocal():\n    pass\n'],
    rewrite: (t, code) => replaceWords(t, code, /\bnonlocal\b/g, () => 'n0nlocal'),
  },
  {
    id: 'true-false-names',
    description: '`True`/`False` assigned as names (`True, False = 1, 0`)',
    examples: ['True = 1\n', 'True, False = 1, 0\n'],
    rewrite: (t, code) => replaceWords(t, code, /\b(True|False)\b/g, (w) => w.toUpperCase()),
  },
];

export interface SyntaxIssue {
  range: Range;
  /** `unexpected` (ERROR node), `missing` (MISSING node), `empty-block`, or `py3-only` (text = `construct|instead`). */
  kind: 'unexpected' | 'missing' | 'empty-block' | 'py3-only';
  text: string;
}

const MAX_ISSUES = 10;

function errorNodes(root: Node): Node[] {
  const out: Node[] = [];
  const visit = (n: Node): void => {
    if (n.isError || n.isMissing) {
      out.push(n);
      return;
    }
    if (!n.hasError) return;
    for (const c of n.children) if (c) visit(c);
  };
  visit(root);
  return out;
}

/**
 * Syntax problems that Python 2.7 would also reject. `reparse` parses a rewritten text (trees made
 * here are deleted here); `blocks` are the tree's `block` nodes (empty ones are missing indented blocks).
 */
export function findSyntaxIssues(
  tree: Tree,
  text: string,
  reparse: (t: string) => Tree | undefined,
  blocks: Node[],
): SyntaxIssue[] {
  const root = tree.rootNode;
  const issues: SyntaxIssue[] = [];
  for (const b of blocks.filter((x) => x.childCount === 0)) {
    const owner = b.parent;
    if (!owner || owner.hasError) continue;
    const at = { line: owner.startPosition.row, character: owner.startPosition.column };
    const eol = text.split('\n')[at.line]?.replace(/\r$/, '').length ?? at.character;
    issues.push({ kind: 'empty-block', text: '', range: { start: at, end: { line: at.line, character: eol } } });
  }
  if (!root.hasError) return issues.slice(0, MAX_ISSUES);
  let errs = errorNodes(root);
  const code = codeMask(text);
  let rewritten = text;
  for (const c of PY2_CONSTRUCTS) if (c.rewrite) rewritten = c.rewrite(rewritten, code);
  if (rewritten !== text) {
    const t2 = reparse(rewritten);
    if (t2) {
      const rows = errorNodes(t2.rootNode).map((n) => [n.startPosition.row, n.endPosition.row]);
      t2.delete();
      errs = errs.filter((n) => rows.some(([a, b]) => a <= n.endPosition.row && b >= n.startPosition.row));
    }
  }
  const lines = text.split('\n');
  for (const n of errs.slice(0, MAX_ISSUES)) {
    const start = { line: n.startPosition.row, character: n.startPosition.column };
    const lineLen = (lines[start.line] ?? '').replace(/\r$/, '').length;
    const end =
      n.endPosition.row === start.line
        ? { line: start.line, character: n.endPosition.column }
        : { line: start.line, character: Math.max(lineLen, start.character) };
    const snippet = n.isMissing ? n.type : n.text.split('\n')[0].trim().slice(0, 40);
    issues.push({ kind: n.isMissing ? 'missing' : 'unexpected', text: snippet, range: { start, end } });
  }
  return issues
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .slice(0, MAX_ISSUES);
}
