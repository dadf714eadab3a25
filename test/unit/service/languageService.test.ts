/**
 * The pure language service over an in-memory FileSystem: the workspace index API (scan, document changes and
 * closes, the same-recipe-folder query) and the features that read a sibling file, without touching the disk.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { createLanguageService } from '../../../server/src/service/LanguageService';
import { MemoryFileSystem } from '../../../server/src/service/MemoryFileSystem';
import { fileKindOf } from '../../../server/src/service/fileKind';
import { GOOD } from '../recipe/fixtures';

const T = '/mem/servicetemplates';
const files = () =>
  new MemoryFileSystem({
    [`${T}/image_a/service.hrd`]: GOOD,
    [`${T}/image_a/instance.hrd`]: '',
    [`${T}/image_a/actions.py`]: 'class Actions(ActionsBase):\n    pass\n',
    [`${T}/image_a/notes.txt`]: 'x',
    [`${T}/image_b/service.hrd`]: GOOD,
    [`${T}/image_b/instance.hrd`]: '',
    [`${T}/image_b/actions.py`]: 'class Actions(ActionsBase):\n    pass\n',
    '/mem/docs/readme.txt': 'no recipe here',
  });

test('fileKindOf: the per-kind tables dispatch on it', () => {
  const table: Array<[string, string]> = [
    ['/x/service.hrd', 'hrd'],
    ['/x/INSTANCE.HRD', 'hrd'],
    ['/x/actions.py', 'actions'],
    ['/x/my_actions.py', 'other'],
    ['/x/a.txt', 'other'],
  ];
  for (const [p, kind] of table) assert.equal(fileKindOf(p), kind, p);
});

test('scan over memory: folders, workspace diagnostics (dest collision) and recipes', () => {
  const s = createLanguageService({ fs: files() });
  const r = s.workspace.scanFolder('/mem');
  assert.equal(r.folders, 2);
  assert.equal(s.workspace.size, 2);
  const codes = [...s.workspaceDiagnostics().values()].flat().map((d) => d.code);
  assert.ok(codes.includes('recipe-dest-collision'), JSON.stringify(codes));
  assert.deepEqual(
    s.recipes().map((x) => x.name),
    ['image_a', 'image_b'],
  );
});

test('recipeFolderOf / inSameRecipeFolder: the sibling query of the LSP layer', () => {
  const s = createLanguageService({ fs: files() });
  s.workspace.scanFolder('/mem');
  const table: Array<[string, string, boolean]> = [
    [`${T}/image_a/service.hrd`, `${T}/image_a/actions.py`, true],
    [`${T}/image_a/service.hrd`, `${T}/image_a/notes.txt`, true],
    [`${T}/image_a/service.hrd`, `${T}/image_b/actions.py`, false],
    [`${T}/image_a/service.hrd`, `${T}/image_a/sub/actions.py`, false],
    ['/mem/docs/readme.txt', '/mem/docs/other.txt', false],
  ];
  for (const [a, b, same] of table) assert.equal(s.workspace.inSameRecipeFolder(a, b), same, `${a} ~ ${b}`);
  assert.equal(s.workspace.recipeFolderOf(`${T}/image_a/actions.py`), `${T}/image_a`);
  assert.equal(s.workspace.recipeFolderOf('/mem/docs/readme.txt'), undefined);
  // a new recipe file makes its folder a recipe folder
  s.workspace.upsertFile('/mem/docs/service.hrd', GOOD);
  assert.equal(s.workspace.inSameRecipeFolder('/mem/docs/service.hrd', '/mem/docs/readme.txt'), true);
});

test('an editor text overrides the file system; closing it goes back to the file system', () => {
  const fs = files();
  const s = createLanguageService({ fs });
  s.workspace.scanFolder('/mem');
  const other = GOOD.replace(/dest:'[^']*'/, "dest:'/opt/jumpscale7/var/tmp/templates/unique-b.qcow2'");
  assert.notEqual(other, GOOD);
  s.workspace.upsertFile(`${T}/image_b/service.hrd`, other);
  assert.ok(![...s.workspaceDiagnostics().values()].flat().some((d) => d.code === 'recipe-dest-collision'));
  s.workspace.revertToDisk(`${T}/image_b/service.hrd`);
  assert.ok([...s.workspaceDiagnostics().values()].flat().some((d) => d.code === 'recipe-dest-collision'));
  // deleted from the file system and closed: forgotten
  fs.remove(`${T}/image_b`);
  s.workspace.refreshPath(`${T}/image_b/service.hrd`);
  s.workspace.removePath(`${T}/image_b`);
  assert.deepEqual(
    s.recipes().map((x) => x.name),
    ['image_a'],
  );
});

test('actions.py reads its sibling service.hrd through the injected file system (not indexed yet)', async () => {
  const s = createLanguageService({ fs: files(), settings: { ...DEFAULT_SETTINGS, profile: 'legacy' } });
  await s.actionsReady();
  const text =
    "class Actions(ActionsBase):\n    def configure(self, serviceObj):\n        registerImage(serviceObj, 'A', 'wrong.qcow2', 'Linux', 10)\n";
  const diags = s.fileDiagnostics(`${T}/image_a/actions.py`, text);
  assert.ok(
    diags.some((d) => d.code === 'actions-imagename'),
    JSON.stringify(diags.map((d) => d.code)),
  );
  // no service.hrd beside it: not a template folder's actions.py, nothing to say
  assert.deepEqual(s.fileDiagnostics('/mem/docs/actions.py', text), []);
  const doc = TextDocument.create(`file://${T}/image_a/actions.py`, 'python', 1, text);
  const ds = await s.documentDiagnostics(doc);
  assert.ok(ds.some((d) => d.code === 'actions-imagename'));
});
