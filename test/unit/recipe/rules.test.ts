/** Table-driven: every per-document rule fires on its bad case and stays silent on the good recipe. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { createLanguageService } from '../../../server/src/service/LanguageService';
import { nodeFileSystem } from '../../../server/src/node/nodeFileSystem';
import { RULES } from '../../../server/src/service/ruleRegistry';
import { ALL, ENTRIES, GOOD, recipe, SERVICE, with_, without } from './fixtures';

const svc = createLanguageService({ settings: DEFAULT_SETTINGS, fs: nodeFileSystem });
const codes = (text: string, file = SERVICE) =>
  svc
    .fileDiagnostics(file, text)
    .filter((d) => d.severity !== 4)
    .map((d) => String(d.code));

const CASES: Array<[code: string, what: string, bad: string, file?: string]> = [
  ['hrd-line-lost', 'key right after a block', recipe(ALL, undefined, "description = 'x'\n")],
  ['hrd-no-final-newline', 'trailing block, no final newline', recipe(ALL).replace(/\n+$/, '')],
  ['hrd-tab-indent', 'TAB continuation', "platform.supported = 'generic'\n\nweb.export.1 =\n\tdest:'/a.qcow2',\n\n"],
  [
    'hrd-comment-in-block',
    'comment inside a dict',
    recipe([ENTRIES.checkmd5, ENTRIES.dest]).replace(
      "qcow2',\n",
      "qcow2',\n# moved\n    source:'/s.qcow2',\n    url:'ftp://h',\n",
    ),
  ],
  ['hrd-hash-in-value', '# in a quoted url', recipe(with_('url', "url:'ftp://pub:p#w@h'"))],
  ['hrd-missing-comma', 'dest without comma', recipe(ALL).replace("x-1.qcow2',\n    source", "x-1.qcow2'\n    source")],
  ['hrd-block-not-dict', 'first line without comma', recipe(ALL).replace("checkmd5:'false',", "checkmd5:'false'")],
  [
    'hrd-conflict-marker',
    'conflict markers',
    GOOD + "<<<<<<< HEAD\ndescription = 'a'\n=======\ndescription = 'b'\n>>>>>>> x\n",
  ],
  ['hrd-empty-key', '= value', GOOD + "= 'x'\n"],
  ['hrd-duplicate-key', 'key twice', GOOD + "platform.supported = 'linux'\n"],
  ['hrd-duplicate-entry', 'entry twice', recipe([...ALL, "checkmd5:'true'"])],
  ['hrd-double-quotes', '"..." value', GOOD + 'description = "x"\n'],
  ['hrd-unquoted-colon', 'unquoted url', GOOD + 'git.url = http://h/x\n'],
  ['hrd-quoted-list-item', "'a', 'b'", GOOD + "description = 'a', 'b'\n"],
  ['hrd-eval', '{{ }}', GOOD + "description = '{{ 1+1 }}'\n"],
  ['hrd-unknown-reference', '$(nope)', GOOD + "description = 'img $(nope)'\n"],
  ['hrd-ignored-line', 'line without =', GOOD + 'justtext\n'],
  ['hrd-load-error', 'single-line dict split inside quotes', GOOD + "x = a:'1,2', b:c\n"],
  ['hrd-escape-decoded', 'backslash sequence', GOOD + 'description = a\\nb\n'],
  ['hrd-quotes', 'spaces inside quotes', GOOD + "description = ' a b '\n"],
  ['hrd-text-block', 'text block with quotes', GOOD + "args =\n    'a' more\n    b\n\n"],
  ['hrd-bracket-list', '[a] becomes a list', GOOD + 'description = [a]\n'],
  ['hrd-lowercase-ask', 'lower-case @ask', GOOD + "ip = @ask descr:'IP'\n"],
  ['hrd-bom', 'a BOM before the first key', '\uFEFF' + GOOD],
  ['file-findings-limit', 'more than 200 findings', GOOD + 'k = ' + '$(x)'.repeat(300) + '\n'],
  ['recipe-platform', 'double-quoted', GOOD.replace("'generic'", '"generic"')],
  ['recipe-platform', 'missing', GOOD.replace("platform.supported             = 'generic'\n\n", '')],
  ['recipe-platform', 'trailing comma', GOOD.replace("'generic'", "'generic',")],
  ['recipe-platform', 'unknown name', GOOD.replace("'generic'", "'ubuntu2204'")],
  ['recipe-no-export', 'no web.export', "platform.supported = 'generic'\n"],
  ['recipe-export-field', 'no dest', recipe(without('dest'))],
  ['recipe-export-field', 'no url', recipe(without('url'))],
  ['recipe-export-field', 'empty export', "platform.supported = 'generic'\n\nweb.export.1 =\n\n"],
  ['recipe-checkmd5', 'missing', recipe(without('checkmd5'))],
  ['recipe-checkmd5', 'not true/false', recipe(with_('checkmd5', "checkmd5:'yes'"))],
  ['recipe-export-unknown', 'overwrite', recipe([...ALL, "overwrite:'true'"])],
  ['recipe-url', 'scheme', recipe(with_('url', "url:'sftp://h'"))],
  ['recipe-url', 'no scheme', recipe(with_('url', "url:'ftp.example.com'"))],
  ['recipe-url', 'trailing /', recipe(with_('url', "url:'ftp://h/'"))],
  ['recipe-source', 'no leading /', recipe(with_('source', "source:'images/x-1.qcow2'"))],
  ['recipe-source', 'space', recipe(with_('source', "source:'/images/x 1.qcow2'"))],
  ['recipe-dest', 'relative', recipe(with_('dest', "dest:'x-1.qcow2'"))],
  ['recipe-dest', 'no extension', recipe(with_('dest', "dest:'/opt/jumpscale7/var/tmp/templates/x-1'"))],
  [
    'recipe-dest',
    'double extension',
    recipe(with_('dest', "dest:'/opt/jumpscale7/var/tmp/templates/x-1.qcow2.qcow2'")),
  ],
  ['recipe-dest', 'dot in the name', recipe(with_('dest', "dest:'/opt/jumpscale7/var/tmp/templates/ubuntu-22.04'"))],
  ['recipe-dest', 'unusual extension', recipe(with_('dest', "dest:'/opt/jumpscale7/var/tmp/templates/x-1.vmdk'"))],
  [
    'recipe-md5sum',
    "checkmd5 'true' over https",
    recipe(["checkmd5:'true'", ENTRIES.dest, ENTRIES.source, "url:'https://cloud-images.example.com'"]),
  ],
  ['recipe-export-index', 'N not an integer', recipe(ALL).replace('web.export.1 ', 'web.export.a ')],
  ['recipe-export-index', 'two exports', GOOD + recipe(ALL, '').replace('web.export.1 ', 'web.export.2 ')],
];

test('the good recipe is clean', () => {
  assert.deepEqual(codes(GOOD), []);
});

for (const [code, what, bad, file] of CASES) {
  test(`${code} fires: ${what}`, () => {
    assert.ok(codes(bad, file).includes(code), `${code} missing in ${JSON.stringify(codes(bad, file))}`);
  });
}

test('every per-document rule of the catalog has a bad case here', () => {
  const covered = new Set(CASES.map((c) => c[0]));
  for (const r of RULES) if (r.scope === 'hrd' || r.scope === 'recipe') assert.ok(covered.has(r.code), r.code);
});

test('recipe-* rules apply only to a template service.hrd', () => {
  const bad = GOOD.replace("'generic'", '"generic"');
  assert.ok(!codes(bad, '/ws/servicetemplates/image_x-1/instance.hrd').includes('recipe-platform'));
  assert.ok(!codes(bad, '/ws/services/jumpscale__image_x__main/service.hrd').includes('recipe-platform'));
  assert.ok(codes(bad, '/ws/servicetemplates/image_x-1/instance.hrd').includes('hrd-double-quotes'));
});

test('every diagnostic has source ays, a catalog code, and a message saying what AYS does', () => {
  for (const [, , bad, file] of CASES) {
    for (const d of svc.fileDiagnostics(file ?? SERVICE, bad)) {
      assert.equal(d.source, 'ays');
      assert.ok(
        RULES.some((r) => r.code === d.code),
        String(d.code),
      );
      const msg = typeof d.message === 'string' ? d.message : d.message.value;
      assert.match(msg, /AYS|registerImage|OVS|urllib/, msg);
    }
  }
});

test('settings: off silences a rule, another value changes its severity', () => {
  const bad = GOOD + 'justtext\n';
  const off = createLanguageService({
    settings: { ...DEFAULT_SETTINGS, rules: { 'hrd-ignored-line': 'off' } },
    fs: nodeFileSystem,
  });
  assert.ok(!off.fileDiagnostics(SERVICE, bad).some((d) => d.code === 'hrd-ignored-line'));
  const err = createLanguageService({
    settings: { ...DEFAULT_SETTINGS, rules: { 'hrd-ignored-line': 'error' } },
    fs: nodeFileSystem,
  });
  assert.equal(err.fileDiagnostics(SERVICE, bad).find((d) => d.code === 'hrd-ignored-line')!.severity, 1);
});

test('the env-demo recipes: good ones clean, the bad one shows its mistakes', async () => {
  const fs = await import('node:fs');
  const root = `${__dirname}/../../../../examples/env-demo/servicetemplates`;
  for (const good of ['image_ubuntu-2204', 'image_windows-2019']) {
    const p = `${root}/${good}/service.hrd`;
    assert.deepEqual(codes(fs.readFileSync(p, 'utf8'), p), [], good);
  }
  const p = `${root}/image_centos-7/service.hrd`;
  const got = new Set(codes(fs.readFileSync(p, 'utf8'), p));
  for (const c of [
    'recipe-platform',
    'hrd-line-lost',
    'hrd-missing-comma',
    'recipe-dest',
    'recipe-url',
    'recipe-export-field',
  ])
    assert.ok(got.has(c), c);
});
