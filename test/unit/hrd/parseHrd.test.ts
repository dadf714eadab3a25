/** Golden tests of the HRD parser: every row of domain.md §1.5, and the §1.1–§1.4 behaviour. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseHrd } from '../../../server/src/service/hrd/parseHrd';
import { valueTree } from '../../../server/src/service/hrd/plainValues';
import { cpuMs } from '../cpuTime';

const tree = (s: string) => valueTree(parseHrd(s));
const kinds = (s: string) =>
  parseHrd(s)
    .events.filter((e) => e.kind !== 'inline-comment' && e.kind !== 'directive')
    .map((e) => e.kind);

const DICT = "    checkmd5:'true',\n    dest:'/d.qcow2',\n    source:'/s.qcow2',\n    url:'ftp://h',\n";
const DICT_V = { checkmd5: 'true', dest: '/d.qcow2', source: '/s.qcow2', url: 'ftp://h' };

// [name, input, expected value tree, expected loss-event kinds]
const GOLDEN: Array<[string, string, Record<string, unknown>, string[]]> = [
  // §1.5 table
  [
    'dict immediately followed by a key: key lost',
    `web.export.1 =\n${DICT}platform.supported = 'generic'\n`,
    { 'web.export.1': DICT_V },
    ['line-lost'],
  ],
  [
    'trailing dict without final newline: dict lost',
    `platform.supported = 'generic'\n\nweb.export.1 =\n${DICT.slice(0, -1)}`,
    { 'platform.supported': 'generic' },
    ['no-final-newline'],
  ],
  [
    'TAB-indented continuation: empty value, entries lost',
    "web.export.1 =\n\tcheckmd5:'true',\n\tdest:'/d',\n\n",
    { 'web.export.1': '' },
    ['tab-indent', 'tab-indent'],
  ],
  [
    'comment inside a dict ends it',
    "web.export.1 =\n    checkmd5:'true',\n# note\n    dest:'/d',\n\n",
    { 'web.export.1': { checkmd5: 'true' } },
    ['comment-in-block'],
  ],
  [
    "url:'ftp://pub:p#w@h' is cut at #",
    "web.export.1 =\n    checkmd5:'true',\n    url:'ftp://pub:p#w@h',\n\n",
    { 'web.export.1': { checkmd5: 'true', url: "'ftp://pub:p" } },
    ['hash-cut'],
  ],
  ['unquoted URL is a dict', 'x = http://h/p\n', { x: { http: '//h/p' } }, ['unquoted-colon']],
  ['double quotes are kept', 'x = "abc"\n', { x: '"abc"' }, ['double-quotes']],
  ["v = 'a', is a list that keeps the quotes", "v = 'a',\n", { v: ["'a'"] }, ['quoted-item']],
  ['=novalue: empty key', '=novalue\n', { '': 'novalue' }, ['empty-key']],
  ['key with space', 'key with space = 1\n', { 'key with space': '1' }, []],
  ['justtext is ignored', 'justtext\n', {}, ['ignored-line']],
  [
    'conflict markers inside a dict',
    "web.export.1 =\n    checkmd5:'true',\n<<<<<<< HEAD\n    url:'a',\n=======\n    url:'b',\n>>>>>>> branch\n\n",
    { 'web.export.1': { checkmd5: 'true' }, '': '======' },
    [
      'conflict-marker',
      'line-lost',
      'orphan-line',
      'conflict-marker',
      'empty-key',
      'ignored-line',
      'conflict-marker',
      'ignored-line',
    ],
  ],
  [
    "checkmd5:'True' keeps its case",
    "web.export.1 =\n    checkmd5:'True',\n\n",
    { 'web.export.1': { checkmd5: 'True' } },
    [],
  ],
  // §1.2 typing
  ['quoted string', "platform.supported = 'generic'\n", { 'platform.supported': 'generic' }, []],
  ['unquoted list', 'platform.supported = generic,\n', { 'platform.supported': ['generic'] }, []],
  [
    "platform 'generic', keeps quotes",
    "platform.supported = 'generic',\n",
    { 'platform.supported': ["'generic'"] },
    ['quoted-item'],
  ],
  ['double-quoted with colon is still a string', 'x = "a:b"\n', { x: '"a:b"' }, ['double-quotes']],
  ['quoted colon is a string', "x = 'http://h/p'\n", { x: 'http://h/p' }, []],
  ['10:30 is a dict', 'x = 10:30\n', { x: { 10: '30' } }, ['unquoted-colon']],
  [
    'single-line dict keeps quotes',
    "x = checkmd5:'false', url:'ftp://u:p@h'\n",
    { x: { checkmd5: "'false'", url: "'ftp://u:p@h'" } },
    ['quoted-item'],
  ],
  [
    'missing comma in the middle merges',
    "web.export.1 =\n    checkmd5:'true',\n    dest:'/a.qcow2'\n    source:'/b.qcow2',\n    url:'ftp://h',\n\n",
    { 'web.export.1': { checkmd5: 'true', dest: '/a.qcow2 source:/b.qcow2', url: 'ftp://h' } },
    ['missing-comma'],
  ],
  [
    'missing comma on the last line is harmless',
    "web.export.1 =\n    checkmd5:'true',\n    dest:'/a.qcow2'\n\n",
    { 'web.export.1': { checkmd5: 'true', dest: '/a.qcow2' } },
    [],
  ],
  [
    'first line without comma: text',
    "web.export.1 =\n    checkmd5:'true'\n    dest:'/a',\n\n",
    { 'web.export.1': "checkmd5:'true'\ndest:'/a'," },
    ['block-not-dict'],
  ],
  [
    'quoted , : space survive in a block',
    "x =\n    url:'ftp://pub:pub1234@ftp.aydo.com',\n    d:'a, b',\n\n",
    { x: { url: 'ftp://pub:pub1234@ftp.aydo.com', d: 'a, b' } },
    [],
  ],
  [
    'unquoted url in a block splits on the first colon',
    'x =\n    url:ftp://u:p@h,\n\n',
    { x: { url: 'ftp://u:p@h' } },
    [],
  ],
  [
    'spaces around : and , tolerated',
    "x =\n    checkmd5 : 'true' ,\n    dest:'/d',\n\n",
    { x: { checkmd5: 'true', dest: '/d' } },
    [],
  ],
  ['duplicate inner key: last wins', "x =\n    a:'1',\n    a:'2',\n\n", { x: { a: '2' } }, ['duplicate-entry']],
  ['multi-line list', "x =\n    'a',\n    b,\n\n", { x: ['a', 'b'] }, []],
  ['dict item without colon', "x =\n    a:'1',\n    foo,\n\n", { x: { a: '1' } }, ['dict-item-no-colon']],
  // §1.3, §1.4
  ['$( ) is kept in the raw tree', 'a = 1\nb = $(a)/x\n', { a: '1', b: '$(a)/x' }, []],
  ['@ASK is an ask value', "ip = @ASK descr:'Machine  IP'\n", { ip: { ask: "@ASK descr:'Machine  IP'" } }, []],
  ['a line starting with @ is ignored', '@ASK foo\nx = 1\n', { x: '1' }, []],
  ['{{ }} is noted', 'x = {{ 1+1 }}\n', { x: '{{ 1+1 }}' }, ['eval']],
  ['# cuts the line, no quote awareness', "x = 'a#b'\n", { x: 'a' }, ['hash-cut']],
  ['trailing comment after a space is a comment', "x = 'a' # note\n", { x: 'a' }, []],
  [
    'duplicate top-level key: last wins, first position',
    'a = 1\nb = 2\na = 3\n',
    { a: '3', b: '2' },
    ['duplicate-key'],
  ],
  [
    'two web.export.1 blocks keep the second',
    `web.export.1 =\n${DICT}\nweb.export.1 =\n    dest:'/x',\n\n`,
    { 'web.export.1': { dest: '/x' } },
    ['duplicate-key'],
  ],
  ['keys keep their case', 'Platform.Supported = x\n', { 'Platform.Supported': 'x' }, []],
  ['CRLF is tolerated', "a = 1\r\nx =\r\n    k:'v',\r\n\r\n", { a: '1', x: { k: 'v' } }, []],
  ['uneven space indents are fine', "x =\n  a:'1',\n        b:'2',\n\n", { x: { a: '1', b: '2' } }, []],
  ['indented key line outside a block is a key', '   a = 1\n', { a: '1' }, []],
  [
    'indented key = value inside a block is a continuation',
    "x =\n    a:'1',\n    b = 2,\n\n",
    { x: { a: '1' } },
    ['dict-item-no-colon'],
  ],
  ['blank line inside a block ends it', "x =\n    a:'1',\n\n    b:'2',\n\n", { x: { a: '1' } }, ['orphan-line']],
  ['empty block followed by a key: key kept, empty value', 'x =\ny = 1\n', { x: '', y: '1' }, []],
  ['final newline stores a trailing block', "x =\n    a:'1',\n", { x: { a: '1' } }, []],
  [
    'binary block',
    'bin = b\nAAAA\n  BBB\n#BINARYEND#########\nx = 1\n',
    { bin: { binary: 'AAAA\n  BBB' }, x: '1' },
    [],
  ],
  ['unterminated binary block is dropped', 'bin = bqp\nAAAA\n', {}, ['binary-unterminated']],
  ['@ask, block', "p = @ask,\n    descr:'x',\n\n", { p: { ask: "descr:'x'," } }, []],
];

for (const [name, input, expected, events] of GOLDEN) {
  test(`golden: ${name}`, () => {
    assert.deepEqual(tree(input), expected);
    assert.deepEqual(kinds(input), events);
  });
}

test('positions: keys, values, dict entries', () => {
  const d = parseHrd(
    "platform.supported             = 'generic'\n\nweb.export.1                   =\n    checkmd5:'false',\n    dest:'/d.qcow2',\n\n",
  );
  const p = d.keys.get('platform.supported')!;
  assert.deepEqual(d.index.range(p.keySpan.start, p.keySpan.end), {
    start: { line: 0, character: 0 },
    end: { line: 0, character: 18 },
  });
  assert.equal(d.text.slice(p.valueSpan.start, p.valueSpan.end), "'generic'");
  const w = d.keys.get('web.export.1')!;
  assert.equal(w.line, 2);
  assert.equal(w.endLine, 4);
  const dest = w.entries.find((e) => e.key === 'dest')!;
  assert.equal(dest.line, 4);
  assert.equal(d.text.slice(dest.keySpan!.start, dest.keySpan!.end), 'dest');
  assert.equal(d.text.slice(dest.valueSpan.start, dest.valueSpan.end), "'/d.qcow2'");
});

test('merged entry keeps its own-line value and span', () => {
  const d = parseHrd("x =\n    a:'1',\n    dest:'/a'\n    source:'/b',\n\n");
  const e = d.keys.get('x')!.entries.find((en) => en.key === 'dest')!;
  assert.equal(e.merged, true);
  assert.equal(e.ownValue, '/a');
  assert.equal(d.text.slice(e.ownSpan.start, e.ownSpan.end), "'/a'");
});

test('$(key) substitution from the same HRD; unknown keys stay', () => {
  const d = parseHrd('a = 1\nb = $(a)/x/$(zz)\n');
  assert.deepEqual(valueTree(d, true), { a: '1', b: '1/x/$(zz)' });
  assert.deepEqual(
    d.references.map((r) => r.name),
    ['a', 'zz'],
  );
});

test('overridden and dropped items are marked', () => {
  const d = parseHrd("a = 1\na = 2\nw =\n    k:'v',");
  assert.deepEqual(
    d.items.map((i) => i.status),
    ['overridden', 'kept', 'dropped'],
  );
});

test('a 1 MB file parses in well under a second', () => {
  const block = `web.export.1 =\n${DICT}\nplatform.supported = 'generic'\nx = http://h/p\n# c\n`;
  const text = block.repeat(Math.ceil(1_000_000 / block.length));
  let ms = Infinity;
  let d = parseHrd('');
  for (let i = 0; i < 2; i++) {
    // best of two: the CI machine is shared
    ms = Math.min(
      ms,
      cpuMs(() => {
        d = parseHrd(text);
      }),
    );
  }
  assert.ok(d.items.length > 1000);
  assert.ok(ms < 2000, `parse took ${ms} ms`);
});
