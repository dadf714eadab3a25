/** Formatting, completion, hover, outline, folding, definition/references and the parse cache. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { RecipeLanguageService } from '../../../server/src/service/RecipeLanguageService';
import { GOOD } from './fixtures';
import { cpuMs } from '../cpuTime';
import { nodeFileSystem } from '../../../server/src/node/nodeFileSystem';

const URI = 'file:///ws/servicetemplates/image_x-1/service.hrd';
const svc = new RecipeLanguageService(DEFAULT_SETTINGS, nodeFileSystem);
let v = 1;
const doc = (text: string, uri = URI) => TextDocument.create(uri, 'hrd', v++, text);
const DEMO = join(__dirname, '../../../../examples/env-demo/servicetemplates');

// ---- formatting ---------------------------------------------------------------------------------------------

for (const name of ['image_ubuntu-2204', 'image_windows-2019']) {
  test(`canonical ${name} formats to itself`, () => {
    assert.deepEqual(svc.format(doc(readFileSync(join(DEMO, name, 'service.hrd'), 'utf8'))), []);
  });
}

test('the fixture recipe is canonical', () => assert.deepEqual(svc.format(doc(GOOD)), []));

test('formatting sorts keys and entries, pads to 30, quotes, and is idempotent', () => {
  const messy =
    "web.export.1 =\n  url:'ftp://h',\n  source:'/s.qcow2',\n  dest:/opt/x.qcow2,\n  checkmd5:'false',\n\nplatform.supported = generic\ndescription = 'Foo'\n";
  const [edit] = svc.format(doc(messy));
  assert.equal(
    edit.newText,
    [
      "description                    = 'Foo'",
      '',
      "platform.supported             = 'generic'",
      '',
      'web.export.1                   =',
      "    checkmd5:'false',",
      "    dest:'/opt/x.qcow2',",
      "    source:'/s.qcow2',",
      "    url:'ftp://h',",
      '',
      '',
    ].join('\n'),
  );
  assert.deepEqual(svc.format(doc(edit.newText)), []);
});

test('formatting keeps comment lines above a key and CRLF line ends', () => {
  const [edit] = svc.format(doc("# recipe\n\nb = 'x'\n# about a\na = 'y'\r\n"));
  assert.equal(
    edit.newText,
    "# recipe\r\n\r\n# about a\r\na                              = 'y'\r\n\r\nb                              = 'x'\r\n",
  );
});

for (const [what, text] of [
  ['a lost line', "w =\n    a:'1',\nx = 'y'\n"],
  ['no final newline after a block', "w =\n    a:'1',"],
  ['a duplicate key', "a = '1'\na = '2'\n"],
  ['a single-line list that keeps quotes', "a = 'x',\n"],
  ['a trailing comment', "a = 'x' # keep me\n"],
  ['double quotes', 'a = "x"\n'],
] as const) {
  test(`no formatting when the parse loses data: ${what}`, () => assert.deepEqual(svc.format(doc(text)), []));
}

// ---- completion ---------------------------------------------------------------------------------------------

const complete = (text: string, line: number, character: number, uri = URI) =>
  svc.complete(doc(text, uri), { line, character });

test('completion offers web.export.2 after web.export.1, as the canonical snippet', () => {
  const text = GOOD + 'we';
  const items = complete(text, text.split('\n').length - 1, 2);
  const w = items.find((i) => i.label === 'web.export.2')!;
  assert.ok(w, JSON.stringify(items.map((i) => i.label)));
  assert.equal(w.insertTextFormat, 2);
  const body = (w.textEdit as { newText: string }).newText;
  assert.match(body, /^web\.export\.2 {19}=\n {4}checkmd5:.*\n {4}dest:.*\n {4}source:.*\n {4}url:.*\n\$0$/);
  assert.ok(!items.some((i) => i.label === 'platform.supported'), 'platform.supported is already there');
});

test('completion offers the missing dict keys inside a block', () => {
  const text = "web.export.1 =\n    checkmd5:'false',\n    \n\n";
  const labels = complete(text, 2, 4).map((i) => i.label);
  assert.deepEqual(labels.sort(), ['dest', 'source', 'url']);
});

test('completion: checkmd5 values, dest derived from source, URLs of the workspace', () => {
  const text = "web.export.1 =\n    source:'/img/ubuntu-22.04.img',\n    checkmd5:\n    dest:\n    url:\n\n";
  assert.deepEqual(
    complete(text, 2, 13).map((i) => i.label),
    ["'false'", "'true'"],
  );
  assert.deepEqual(
    complete(text, 3, 9).map((i) => i.label),
    ["'/opt/jumpscale7/var/tmp/templates/ubuntu-22.04.img'"],
  );
  const s = new RecipeLanguageService(DEFAULT_SETTINGS, nodeFileSystem);
  s.workspace.upsertFile('/ws2/servicetemplates/image_a/service.hrd', GOOD);
  assert.deepEqual(
    s.complete(doc(text), { line: 4, character: 8 }).map((i) => i.label),
    ["'ftp://pub:pub1234@ftp.example.com'"],
  );
});

test('completion: platform names after platform.supported =', () => {
  const labels = complete('platform.supported = \n', 0, 21).map((i) => i.label);
  assert.equal(labels[0], "'generic'");
  assert.ok(labels.includes("'ubuntu64'"));
});

test('completion: $( references', () => {
  const text = "base = '/opt'\nx = '$(\n";
  const items = complete(text, 1, 7);
  assert.deepEqual(
    items.map((i) => i.label),
    ['base', 'x'],
  );
  assert.equal((items[0].textEdit as { newText: string }).newText, 'base)');
});

test('completion is fast on a recipe (p50 ≤ 1 ms, p99 ≤ 5 ms)', () => {
  const d = doc(GOOD + 'we');
  const times: number[] = [];
  for (let i = 0; i < 1000; i++) {
    times.push(cpuMs(() => svc.complete(d, { line: 9, character: 2 })));
  }
  times.sort((a, b) => a - b);
  assert.ok(times[500] <= 1, `p50 ${times[500]}`);
  assert.ok(times[990] <= 5, `p99 ${times[990]}`);
});

// ---- hover, outline, folding, navigation, cache --------------------------------------------------------------

test('hover on keys, entries and platform names', () => {
  const d = doc(GOOD);
  const h = (line: number, character: number) =>
    (svc.hover(d, { line, character })?.contents as { value: string } | undefined)?.value ?? '';
  assert.match(h(0, 3), /platform\.supported/);
  assert.match(h(2, 3), /registerImage/);
  assert.match(h(3, 6), /\.md5sum/);
  assert.match(h(4, 6), /OVS template/);
  assert.match(h(0, 35), /valid/);
});

test('document symbols and folding ranges', () => {
  const d = doc(GOOD);
  const syms = svc.documentSymbols(d);
  assert.deepEqual(
    syms.map((s) => s.name),
    ['platform.supported', 'web.export.1'],
  );
  assert.deepEqual(
    syms[1].children!.map((c) => c.name),
    ['checkmd5', 'dest', 'source', 'url'],
  );
  assert.deepEqual(svc.foldingRanges(d), [{ startLine: 2, endLine: 6 }]);
});

test('definition and references of $(key)', () => {
  const text = "base = '/opt'\nx = '$(base)/a'\ny =\n    d:'$(base)',\n\n";
  const d = doc(text);
  const def = svc.definition(d, { line: 1, character: 8 })!;
  assert.deepEqual(def[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
  const refs = svc.references(d, { line: 0, character: 1 });
  assert.deepEqual(
    refs.map((r) => r.range.start.line),
    [0, 1, 3],
  );
});

test('the parse is cached per uri + version', () => {
  const s = new RecipeLanguageService(DEFAULT_SETTINGS, nodeFileSystem);
  const d = doc(GOOD);
  const a = s.parse(d);
  s.documentDiagnostics(d);
  s.complete(d, { line: 0, character: 0 });
  assert.equal(s.parse(d), a);
  const d2 = TextDocument.update(d, [{ text: GOOD + '\n' }], d.version + 1);
  assert.notEqual(s.parse(d2), a);
});
