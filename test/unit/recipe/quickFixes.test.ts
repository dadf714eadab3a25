/** Each quick fix has its title, writes exactly the expected text, and its diagnostic is gone afterwards. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service/LanguageService';
import { nodeFileSystem } from '../../../server/src/node/nodeFileSystem';
import { ALL, ENTRIES, GOOD, recipe, with_, without } from './fixtures';

const URI = 'file:///ws/servicetemplates/image_x-1/service.hrd';
const svc = createLanguageService({ fs: nodeFileSystem });
/** .hrd validation is synchronous (only actions.py may return a Promise). */
const validate = (doc: TextDocument) => svc.documentDiagnostics(doc) as Diagnostic[];
let version = 1;

function fixOnce(
  text: string,
  code: string,
  title?: RegExp,
): { after: string; action: CodeAction; before: Diagnostic[] } {
  const doc = TextDocument.create(URI, 'hrd', version++, text);
  const before = validate(doc);
  const d = before.find((x) => x.code === code);
  assert.ok(d, `${code} not reported in ${JSON.stringify(before.map((x) => x.code))}`);
  const actions = svc.codeActions(doc, d.range, [d]);
  const action = actions.find((a) => !title || title.test(a.title));
  assert.ok(action, `no quick fix for ${code}: ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.equal(action.kind, 'quickfix');
  assert.deepEqual(action.diagnostics, [d]);
  const edits = action.edit!.changes![URI];
  return { after: TextDocument.applyEdits(doc, edits), action, before };
}

const still = (text: string, code: string) =>
  validate(TextDocument.create(URI, 'hrd', version++, text)).some((d) => d.code === code);

/** [code, title of the fix, text with the problem, text after the fix] */
const CASES: Array<[string, string, string, string]> = [
  ['hrd-no-final-newline', 'Add the final newline', recipe(ALL).replace(/\n+$/, ''), recipe(ALL).replace(/\n+$/, '\n')],
  [
    'hrd-line-lost',
    'Insert a blank line before line 8',
    recipe(ALL, undefined, "description = 'x'\n"),
    recipe(ALL, undefined, "\ndescription = 'x'\n"),
  ],
  [
    'hrd-tab-indent',
    'Replace the TAB indent with spaces',
    "platform.supported = 'generic'\n\nweb.export.1 =\n\tcheckmd5:'false',\n\n",
    "platform.supported = 'generic'\n\nweb.export.1 =\n    checkmd5:'false',\n\n",
  ],
  [
    'hrd-missing-comma',
    "Add the missing ','",
    recipe(ALL).replace("x-1.qcow2',\n    source", "x-1.qcow2'\n    source"),
    recipe(ALL),
  ],
  [
    'hrd-block-not-dict',
    "Add the missing ','",
    recipe(ALL).replace("checkmd5:'false',", "checkmd5:'false'"),
    recipe(ALL),
  ],
  ['hrd-double-quotes', "Use single quotes: 'x'", GOOD + 'description = "x"\n', GOOD + "description = 'x'\n"],
  ['recipe-platform', "Use single quotes: 'generic'", GOOD.replace("'generic'", '"generic"'), GOOD],
  ['recipe-platform', "Remove the trailing comma: 'generic'", GOOD.replace("'generic'", "'generic',"), GOOD],
  ['recipe-export-field', 'Add the missing dest', recipe(without('dest')), recipe(ALL)],
  ['recipe-checkmd5', 'Add the missing checkmd5', recipe(without('checkmd5')), recipe(ALL)],
  [
    'recipe-dest',
    'Add the extension: x-1.qcow2',
    recipe(with_('dest', "dest:'/opt/jumpscale7/var/tmp/templates/x-1'")),
    recipe(ALL),
  ],
  [
    'recipe-url',
    "Remove the trailing '/'",
    recipe(with_('url', "url:'ftp://h/'")),
    recipe(with_('url', "url:'ftp://h'")),
  ],
  ['hrd-unquoted-colon', 'Quote the value', GOOD + 'git.url = http://h/x\n', GOOD + "git.url = 'http://h/x'\n"],
];

for (const [code, title, text, expected] of CASES) {
  test(`quick fix ${code}: ${title}`, () => {
    const { after, action } = fixOnce(text, code, new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    assert.equal(action.title, title);
    assert.equal(after, expected, `${code}: the fixed text`);
    assert.ok(!still(after, code), `${code} still reported after the fix:\n${after}`);
  });
}

test('add the missing export fields inserts them in sorted order, dest derived from source', () => {
  const { after } = fixOnce(recipe([ENTRIES.source, ENTRIES.url]), 'recipe-export-field');
  assert.equal(
    after,
    recipe([ENTRIES.checkmd5, "dest:'/opt/jumpscale7/var/tmp/templates/x-1.qcow2'", ENTRIES.source, ENTRIES.url]),
  );
});

test('the line-lost fix restores the lost key', () => {
  const { after } = fixOnce(recipe(ALL, undefined, "description = 'x'\n"), 'hrd-line-lost');
  assert.ok(!validate(TextDocument.create(URI, 'hrd', version++, after)).length);
});

test('without Diagnostic.data the fix is found again by code and range', () => {
  const doc = TextDocument.create(URI, 'hrd', version++, recipe(ALL).replace(/\n+$/, ''));
  const d = validate(doc).find((x) => x.code === 'hrd-no-final-newline')!;
  const { data: _drop, ...bare } = d;
  const actions = svc.codeActions(doc, d.range, [bare]);
  assert.equal(actions.length, 1);
});

test('services.hrd: a RenameFile quick fix from the workspace diagnostics', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-rename-'));
  try {
    const dir = path.join(root, 'servicetemplates', 'image_y');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'services.hrd'), GOOD);
    fs.writeFileSync(path.join(dir, 'actions.py'), '');
    const s = createLanguageService({ fs: nodeFileSystem });
    s.workspace.scanFolder(root);
    const file = path.join(dir, 'services.hrd');
    const d = s
      .workspaceDiagnostics()
      .get(file)!
      .find((x) => x.code === 'recipe-file-name')!;
    assert.ok(d);
    const uri = pathToFileURL(file).href;
    const [a] = s.codeActions(TextDocument.create(uri, 'hrd', 1, GOOD), d.range, [d]);
    assert.deepEqual(a.edit!.documentChanges, [
      {
        kind: 'rename',
        oldUri: uri,
        newUri: pathToFileURL(path.join(dir, 'service.hrd')).href,
        options: { overwrite: false, ignoreIfExists: true },
      },
    ]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
