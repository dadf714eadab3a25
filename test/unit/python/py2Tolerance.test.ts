/** actions-syntax: Python 2 constructs are not errors; real errors are, in Python 2 and 3 files. */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeActionsFile } from '../../../server/src/service/python/analyzeActions';
import { PY2_CONSTRUCTS, codeMask } from '../../../server/src/service/python/py2Tolerance';
import { loadPythonParser } from '../../../server/src/service/python/pythonParser';
import { ctxFor } from './helpers';

const ctx = ctxFor('current', { folderName: 'node.ssh' });
const syntax = async (src: string) => (await analyzeActionsFile(src, ctx)).filter((d) => d.code === 'actions-syntax');

/** Python 3 style that Python 2.7 also accepts. */
const PY23_OK = [
  "print('x')\n",
  "from __future__ import print_function\nprint('x', end='')\n",
  'try:\n    pass\nexcept Exception as e:\n    raise\n',
  'nonlocal_x = 1\n',
  'x = {a: b for a in c}\n',
  'x = 0o777\n',
  'with open(p) as f:\n    pass\n',
  'True\n',
  "x = b'a'\n",
  'def f(*args, **kwargs):\n    pass\n',
  'f = lambda *a: a\n',
];

/** Python 3-only syntax: tree-sitter parses it, Python 2.7 does not. */
const PY3_ONLY: [string, RegExp][] = [
  ["x = f'{a}'\n", /f-string/],
  ["print('x', end='')\n", /print\(\) with end=/],
  ['def f(a: int) -> str:\n    return str(a)\n', /annotation/],
  ['async def f():\n    await g()\n', /async def/],
  ['if (n := 10) > 5:\n    pass\n', /:=/],
  ['a, *b = c\n', /starred/],
  ['def f():\n    x = 1\n    def g():\n        nonlocal x\n        x = 2\n', /nonlocal/],
  ["raise E('x') from e\n", /raise … from/],
  ['def f(a, *, b):\n    pass\n', /keyword-only/],
  ['def f():\n    yield from g()\n', /yield from/],
  ['match x:\n    case 1:\n        pass\n', /match statement/],
];

const ERRORS: [string, string, number][] = [
  ['x = = 1\n', 'double =', 0],
  ['def f(:\n    pass\n', 'missing )', 0],
  ['x = (1,\n', 'unclosed paren', 0],
  ["x = 'abc\n", 'unclosed string', 0],
  ['def f():\npass\n', 'no indented block', 1], // CPython 2.7 reports the unindented line (was 0 before issue 14)
  ['class A(object):\n    def f(self):\n        return 1 +\n', 'dangling operator', 2],
  ["print 'ok'\nx = `a`\nif x\n    pass\n", 'missing colon after Python 2 lines', 2],
  ['nonlocal = 1\ny = (\n', 'real error after a Python 2 name', 1],
];

describe('Python 2 tolerance', () => {
  before(async () => {
    await loadPythonParser();
  });
  for (const c of PY2_CONSTRUCTS) {
    for (const ex of c.examples) {
      it(`accepts ${c.id}: ${JSON.stringify(ex)}`, async () => assert.deepEqual(await syntax(ex), []));
    }
  }
  for (const ex of PY23_OK)
    it(`accepts Python 3 style valid in 2.7: ${JSON.stringify(ex)}`, async () =>
      assert.deepEqual(await syntax(ex), []));
  for (const [ex, re] of PY3_ONLY) {
    it(`reports Python 3-only syntax: ${JSON.stringify(ex)}`, async () => {
      const ds = await syntax(ex);
      assert.ok(ds.length >= 1 && ds.every((d) => /^Python 3 only: /.test(String(d.message))), JSON.stringify(ds));
      assert.ok(
        ds.some((d) => re.test(String(d.message))),
        JSON.stringify(ds),
      );
    });
  }
  for (const [src, what, line] of ERRORS) {
    it(`reports ${what}`, async () => {
      const ds = await syntax(src);
      assert.ok(ds.length >= 1, JSON.stringify(ds));
      assert.equal(ds[0].range.start.line, line);
      assert.equal(ds[0].severity, 1);
      assert.match(String(ds[0].message), /Python 2/);
    });
  }
  it('masks strings and comments', () => {
    const t = "a = '`x`' # `y`\nb = `z`";
    const m = codeMask(t);
    assert.equal(m[t.indexOf('`x')], false);
    assert.equal(m[t.indexOf('`y')], false);
    assert.equal(m[t.indexOf('`z')], true);
  });
  it('reports at most 10 syntax errors', async () => {
    assert.ok((await syntax('x = = 1\n'.repeat(30))).length <= 10);
  });
});
