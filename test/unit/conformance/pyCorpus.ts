/**
 * The actions.py document generator of the conformance suite: Python 2 and Python 3-only constructs inside the
 * usual `class Actions(ActionsBase)` skeleton, indentation with spaces and tabs, and mutations of real actions.py
 * files. Fixed seeds; the golden answers of CPython 2.7 `compile()` keep each text (test/conformance/golden/actions.jsonl.gz).
 */
import { randomEdit, rng, type Rng } from './seededRandom';
import type { CorpusDoc } from './hrdCorpus';

const PY2_OK = [
  'print x',
  'print "a", b',
  'print >>sys.stderr, "x"',
  'print',
  'exec "x = 1"',
  'exec code in ns',
  'x = `y`',
  'x = 0777',
  "x = ur'abc'",
  "x = u'abc'",
  "x = b'abc'",
  'x = 10L',
  'x = 0xffL',
  'raise E, "msg"',
  'x = a <> b',
  'x = 1 if a else 2',
  'x = [i for i in y]',
  'x = {k: v for k, v in y}',
  'x = {1, 2}',
  'with open(p) as f: pass',
  'x = lambda (a, b): a',
  'assert x, "m"',
  'del x',
  'global g',
  'x = y[1:2:3]',
  'x = y[...]',
  'x = not a',
  'return',
  'yield x',
  'pass',
  'x += 1',
  'x = "a" "b"',
  'x = r"\\d"',
  'from a import (b, c)',
  'import os.path as p',
  'x = a if b else c',
  'x = 1e10',
  'x = 1j',
  "x = '''multi\nline'''",
  'x = (1,\n    2)',
  'x = 0o17',
  'x = 0b101',
  'x = {"a": 1}',
  'x = a.b(c, *d, **e)',
  'x = f(a, b=1, *c)',
  'x = [\n  1,\n  2,\n]',
  'if a: pass',
  'x = 1; y = 2',
  'x = \\\n    1',
  'try:\n    pass\nexcept E, e:\n    pass',
  'try:\n    pass\nexcept (A, B), e:\n    pass\nfinally:\n    pass',
  'for i in x:\n    continue\nelse:\n    pass',
  'while 1:\n    break',
  'def f(a, (b, c)):\n    pass',
  'class C:\n    pass',
  'class C(object):\n    x = 1',
  '@dec\ndef g(self):\n    pass',
];
const PY3_ONLY = [
  'print(x, end="")',
  'nonlocal x',
  'x = f"{y}"',
  'async def f(): pass',
  'x = await y',
  'def f(a, *, b): pass',
  'def f(a) -> int: pass',
  'x: int = 1',
  'x = 0o',
  'a, *b = c',
  'x = 1_000',
  'raise E from e',
  'exec("x")',
  'def f(a, /, b): pass',
  'x = {**a}',
  'x = [*a]',
  'print(*a)',
  'x := 1',
  'yield from x',
  'except E as e: pass',
  'x = 0777777777777777777777L',
  'x = ...',
  'def f(*, a): pass',
  'class C(metaclass=M): pass',
  'x = True = 1',
  'x = "a" f"b"',
  'lambda: (yield)',
];
const BROKEN = [
  'x = (',
  'x = )',
  'def f(:',
  'if x\n    pass',
  'x = = 1',
  '  x = 1',
  'return return',
  'class',
  'x = "abc',
  "x = '''abc",
  'x = 1 +',
  'for in x: pass',
  'else:',
  'x = [1, 2',
  'import',
  'from x import',
  'lambda',
  'x = 08',
  'x = 1.2.3',
  'x = 09L',
  '\x00',
  '$x',
];

const SKELETON_HEAD =
  'from JumpScale import j\n\nActionsBase = j.atyourservice.getActionsBaseClass()\n\n\nclass Actions(ActionsBase):\n\n    def configure(self, serviceObj):\n';

export const REALISTIC_ACTIONS: readonly string[] = [
  "from JumpScale import j\n\nActionsBase = j.atyourservice.getActionsBaseClass()\n\n\nclass Actions(ActionsBase):\n\n    def configure(self, serviceObj):\n        from CloudscalerLibcloud.imageutil import registerImage\n        name = 'Windows Server 2019 Standard'\n        registerImage(serviceObj, name, 'Windows', 25, username='Cloudscalers', bootType='uefi')\n",
  "from JumpScale import j\n\nActionsBase = j.atyourservice.getActionsBaseClass()\n\n\nclass Actions(ActionsBase):\n    \"\"\"image recipe\"\"\"\n\n    def prepare(self, serviceObj):\n        print 'preparing', serviceObj\n        try:\n            j.system.fs.createDir('/mnt/vmstor/templates')\n        except Exception, e:\n            print e\n\n    def configure(self, serviceObj):\n        from CloudscalerLibcloud.imageutil import registerImage\n        import os\n        os.chmod('/tmp/x', 0777)\n        registerImage(serviceObj, 'Ubuntu 22.04', 'Linux', 10)\n",
];

function indentBlock(code: string, ind: string): string {
  return code
    .split('\n')
    .map((l) => (l ? ind + l : l))
    .join('\n');
}

function generate(r: Rng): string {
  const n = 1 + r.int(4);
  const body: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = r.int(20);
    const snip = k < 13 ? r.pick(PY2_OK) : k < 17 ? r.pick(PY3_ONLY) : r.pick(BROKEN);
    const ind = r.int(12) === 0 ? r.pick(['\t\t', '    \t', '\t    ', '       ', '         ']) : '        ';
    body.push(indentBlock(snip, ind));
  }
  let text = SKELETON_HEAD + body.join('\n') + '\n';
  if (r.chance(0.1)) text = text.replace(/\n/g, '\r\n');
  if (r.chance(0.05)) text = text.slice(0, -1);
  if (r.chance(0.05)) text = '\ufeff' + text;
  if (r.chance(0.05)) text = '# -*- coding: utf-8 -*-\n' + text + "x = 'é'\n";
  return text;
}

const MUT = [
  '',
  ' ',
  '\t',
  '\n',
  ':',
  '(',
  ')',
  ',',
  "'",
  '"',
  '#',
  '\\',
  'print ',
  '`',
  '0',
  'L',
  '    ',
  'e',
  '*',
  '=',
  '\r\n',
];

function mutate(r: Rng, base: string): string {
  let s = base;
  const n = 1 + r.int(2);
  for (let i = 0; i < n; i++) s = randomEdit(r, s, MUT, 2);
  return s;
}

export function actionsCorpus(counts = { gen: 4000, mut: 2000 }, freshSeed?: number, fresh = 0): CorpusDoc[] {
  const out: CorpusDoc[] = [];
  if (freshSeed !== undefined) {
    const f = rng(freshSeed);
    return Array.from({ length: fresh }, (_x, i) => ({ id: `fresh-${i}`, family: 'gen' as const, text: generate(f) }));
  }
  [...PY2_OK, ...PY3_ONLY, ...BROKEN].forEach((snip, i) =>
    out.push({ id: `edge-${i}`, family: 'edge', text: SKELETON_HEAD + indentBlock(snip, '        ') + '\n' }),
  );
  const r = rng(0xac710);
  for (let i = 0; i < counts.gen; i++) out.push({ id: `gen-${i}`, family: 'gen', text: generate(r) });
  const m = rng(0x5eed);
  for (let i = 0; i < counts.mut; i++)
    out.push({ id: `mut-${i}`, family: 'mut', text: mutate(m, REALISTIC_ACTIONS[i % REALISTIC_ACTIONS.length]) });
  return out;
}
