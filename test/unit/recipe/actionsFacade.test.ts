/** The facade with actions.py plugged in: dispatch, sibling service.hrd context, display names, recipes(). */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, type RecipeSettings } from '../../../common/settings';
import { actionsDisplayNames, loadActionsAnalysis } from '../../../server/src/service/python/analyzeActions';
import { scanDisplayNames } from '../../../server/src/service/python/scanDisplayNames';
import { createLanguageService } from '../../../server/src/service/LanguageService';
import { nodeFileSystem } from '../../../server/src/node/nodeFileSystem';
import { pathToUri } from '../../../server/src/service/uriPath';

const EXAMPLE = path.join(__dirname, '../../../../examples/env-demo');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-facade-'));
fs.cpSync(EXAMPLE, root, { recursive: true });
after(() => fs.rmSync(root, { recursive: true, force: true }));

const ST = path.join(root, 'servicetemplates');
const CENTOS = path.join(ST, 'image_centos-7');
const UBUNTU = path.join(ST, 'image_ubuntu-2204');
const current: RecipeSettings = { ...DEFAULT_SETTINGS, profile: 'current' };
const legacy: RecipeSettings = { ...DEFAULT_SETTINGS, profile: 'legacy' };

let version = 1;
function open(file: string, text = fs.readFileSync(file, 'utf8')): TextDocument {
  return TextDocument.create(pathToUri(file), file.endsWith('.py') ? 'python' : 'hrd', version++, text);
}
const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();
/** Position just after the first occurrence of `needle` in the document. */
function after_(doc: TextDocument, needle: string): Position {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, needle);
  return doc.positionAt(i + needle.length);
}

const svc = createLanguageService({ fs: nodeFileSystem });
before(() => {
  svc.workspace.scanFolder(root);
});

test('validate: the centos recipe under `current` gets actions-register-legacy (first call awaits the parser)', async () => {
  const fresh = createLanguageService({ fs: nodeFileSystem });
  fresh.workspace.scanFolder(root);
  const doc = open(path.join(CENTOS, 'actions.py'));
  const ds = await fresh.documentDiagnostics(doc, current);
  assert.deepEqual(codes(ds), ['actions-register-legacy']);
  // once loaded, validation is synchronous
  await loadActionsAnalysis();
  const again = fresh.documentDiagnostics(open(path.join(CENTOS, 'actions.py')), current);
  assert.ok(Array.isArray(again));
});

test('validate: `legacy` checks imagename against the sibling dest (related information points at it)', async () => {
  const ds = await svc.documentDiagnostics(open(path.join(CENTOS, 'actions.py')), legacy);
  assert.deepEqual(codes(ds), ['actions-imagename']);
  const rel = ds[0].relatedInformation?.[0];
  assert.equal(rel?.location.uri, pathToUri(path.join(CENTOS, 'service.hrd')));
  assert.equal(rel?.location.range.start.line, 3);
  assert.match(String(ds[0].message), /'centos-7-x86_64'/);
});

test('validate: the sibling service.hrd open with unsaved text is what counts', async () => {
  const svcFile = path.join(CENTOS, 'service.hrd');
  const disk = fs.readFileSync(svcFile, 'utf8');
  const s = createLanguageService({ fs: nodeFileSystem });
  s.workspace.scanFolder(root);
  s.workspace.upsertFile(svcFile, disk.replace("centos-7-x86_64'", "centos-7-x86_64.qcow2',"));
  assert.deepEqual(codes(await s.documentDiagnostics(open(path.join(CENTOS, 'actions.py')), legacy)), []);
});

test('validate: without the index (file outside the workspace folders) the sibling is read from disk', async () => {
  const s = createLanguageService({ fs: nodeFileSystem });
  assert.deepEqual(codes(await s.documentDiagnostics(open(path.join(CENTOS, 'actions.py')), legacy)), [
    'actions-imagename',
  ]);
  assert.deepEqual(
    codes(
      s.fileDiagnostics(
        path.join(CENTOS, 'actions.py'),
        fs.readFileSync(path.join(CENTOS, 'actions.py'), 'utf8'),
        current,
      ),
    ),
    ['actions-register-legacy'],
  );
});

test('an actions.py without a sibling service.hrd, or in an AYS instance folder, gets nothing', async () => {
  const text = fs.readFileSync(path.join(CENTOS, 'actions.py'), 'utf8');
  for (const dir of [
    path.join(root, 'scripts'),
    path.join(root, 'services', 'jumpscale__node.ssh__demo-cpu-01', 'env-demo__image_centos-7__main'),
  ]) {
    fs.mkdirSync(dir, { recursive: true });
    if (dir.includes('__main'))
      fs.writeFileSync(path.join(dir, 'service.hrd'), "service.web.export.1 =\n    dest:'/x/y.qcow2',\n");
    const file = path.join(dir, 'actions.py');
    fs.writeFileSync(file, text);
    const doc = open(file);
    assert.deepEqual(await svc.documentDiagnostics(doc, current), []);
    assert.deepEqual(svc.fileDiagnostics(file, text, current), []);
    assert.deepEqual(svc.complete(doc, after_(doc, 'registerImage('), current), []);
    assert.equal(svc.signatureHelp(doc, after_(doc, 'registerImage('), current), null);
    assert.equal(svc.hover(doc, after_(doc, 'def configure'), current), null);
    assert.equal(svc.definition(doc, after_(doc, 'registerImage('), current), null);
    assert.deepEqual(
      svc.codeActions(doc, { start: { line: 12, character: 0 }, end: { line: 12, character: 80 } }, [], current),
      [],
    );
  }
});

test('completion, signature help, hover, definition and quick fix dispatch to the actions engine', async () => {
  await loadActionsAnalysis();
  const doc = open(path.join(CENTOS, 'actions.py'));
  const inCall = after_(doc, 'registerImage(');
  const items = svc.complete(doc, inCall, current).map((i) => i.label);
  assert.ok(items.includes('serviceObj'), JSON.stringify(items));
  const sig = svc.signatureHelp(doc, inCall, current);
  assert.match(sig?.signatures[0].label ?? '', /registerImage\(service, name, type, disksize/);
  assert.match(svc.signatureHelp(doc, inCall, legacy)?.signatures[0].label ?? '', /registerImage\(jp, name, imagepath/);
  const hover = svc.hover(doc, after_(doc, 'def configur'), current);
  assert.ok(hover, 'hover on configure');
  const def = svc.definition(doc, after_(doc, 'registerImage(serviceObj'), current);
  assert.equal(def?.[0].uri, pathToUri(path.join(CENTOS, 'service.hrd')));
  const ds = await svc.documentDiagnostics(doc, current);
  const fixes = svc.codeActions(doc, ds[0].range, ds, current);
  assert.ok(
    fixes.some((f) => /current registerImage form/.test(f.title)),
    JSON.stringify(fixes.map((f) => f.title)),
  );
  const edited = TextDocument.applyEdits(doc, fixes[0].edit!.changes![doc.uri]);
  assert.match(edited, /registerImage\(serviceObj, name, 'Linux', 10\)/);
  assert.deepEqual(codes(await svc.documentDiagnostics(open(path.join(CENTOS, 'actions.py'), edited), current)), []);
  svc.forget(doc.uri);
  // .hrd features are unchanged
  const hrd = open(path.join(UBUNTU, 'service.hrd'));
  assert.ok(svc.complete(hrd, { line: 7, character: 0 }, current).some((i) => i.label === 'web.export.2'));
});

test('actions-display-name is a workspace rule: both recipes get it, it follows edits, settings apply', () => {
  const s = createLanguageService({ fs: nodeFileSystem });
  s.workspace.scanFolder(root);
  const ubuntuPy = path.join(UBUNTU, 'actions.py');
  const centosPy = path.join(CENTOS, 'actions.py');
  const has = (file: string, settings?: RecipeSettings) =>
    (s.workspaceDiagnostics(settings).get(file) ?? []).filter((d) => d.code === 'actions-display-name');
  assert.equal(has(ubuntuPy).length, 0);
  const text = fs.readFileSync(ubuntuPy, 'utf8').replace("'Ubuntu 22.04 Server x64'", "'centos 7 X64'");
  s.workspace.upsertFile(ubuntuPy, text); // the editor's unsaved text
  const [u] = has(ubuntuPy);
  const [c] = has(centosPy);
  assert.ok(u && c, 'reported on both files');
  assert.equal(u.severity, 2);
  assert.deepEqual(u.range, { start: { line: 9, character: 15 }, end: { line: 9, character: 29 } });
  assert.equal(u.relatedInformation?.[0].location.uri, pathToUri(centosPy));
  assert.deepEqual(c.relatedInformation?.[0].location.range, {
    start: { line: 9, character: 15 },
    end: { line: 9, character: 29 },
  });
  assert.equal(has(ubuntuPy, { ...DEFAULT_SETTINGS, rules: { 'actions-display-name': 'off' } }).length, 0);
  s.workspace.upsertFile(ubuntuPy, fs.readFileSync(ubuntuPy, 'utf8'));
  assert.equal(has(centosPy).length, 0);
});

test('recipes(): every template folder with display name, export URL, template name and dest', () => {
  const r = svc.recipes();
  assert.deepEqual(
    r.map((x) => x.name),
    ['image_centos-7', 'image_ubuntu-2204', 'image_windows-2019'],
  );
  const ubuntu = r[1];
  assert.deepEqual(ubuntu, {
    folder: UBUNTU,
    name: 'image_ubuntu-2204',
    displayName: 'Ubuntu 22.04 Server x64',
    exportUrl: 'https://cloud-images.ubuntu.com/jammy/current/jammy-server-cloudimg-amd64.img',
    templateName: 'ubuntu-22.04-server-cloudimg-amd64',
    dest: '/opt/jumpscale7/var/tmp/templates/ubuntu-22.04-server-cloudimg-amd64.qcow2',
  });
  assert.equal(r[2].exportUrl, 'ftp://pub:pub1234@ftp.example.com/images/windows/windows-2019-standard-v1.qcow2');
  assert.equal(r[2].displayName, 'Windows Server 2019 Standard');
  assert.equal(r[0].displayName, 'CentOS 7 x64');
});

test('the index scan finds the same display names as the tree-sitter analysis', async () => {
  await loadActionsAnalysis();
  const texts = [
    ...['image_centos-7', 'image_ubuntu-2204', 'image_windows-2019'].map((d) =>
      fs.readFileSync(path.join(ST, d, 'actions.py'), 'utf8'),
    ),
    "registerImage(serviceObj, 'Lit' ' eral', 'Linux', 10)\n",
    "x.registerImage(s, name=u'Kw', type='Linux', disksize=10)\n",
    "name = 'A'\nname = 'B'  # later wins\nregisterImage(s, name, 'Linux', 10)\nname = 'C'\n",
    "name = compute()\nregisterImage(s, name, 'Linux', 10)\n",
    "registerImage(s, *args)\n# registerImage(s, 'commented', 'Linux', 10)\n",
    "registerImage(s, ('x'), 'Linux', 10)\nregisterImage(s,\n    'multi'  # c\n    , 'Linux', 10)\n",
    "registerImage(s, ( 'a'\n 'b' ), 'Linux', 10)\nregisterImage(s, (('x')), 'Linux', 10)\nregisterImage(s, ('x') + 'y', 'Linux', 10)\n",
    "n = ('p'\n     'q')\nregisterImage(s, n, 'Other', 10)\n",
    'def registerImage(a, b):\n    pass\n',
  ];
  for (const t of texts) assert.deepEqual(scanDisplayNames(t), actionsDisplayNames(t), t);
});
