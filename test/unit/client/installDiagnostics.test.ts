/** Install failures on the recipe files (client/src/install/InstallDiagnostics.ts): placed, kept, dropped. */
import './vscodeStub'; // first: require('vscode') gets the stub
import { fake, Uri } from './vscodeStub';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, beforeEach, test } from 'node:test';
import { InstallDiagnostics } from '../../../client/src/install/InstallDiagnostics';
import { parseInstallOutput } from '../../../common/install/parseOutput';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-client-diags-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
const folder = path.join(root, 'servicetemplates', 'image_x');
fs.mkdirSync(folder, { recursive: true });
const SERVICE = "platform.supported = 'generic'\n\nweb.export.1 =\n    checkmd5:'false',\n    url:'ftp://h',\n\n";
const hrd = path.join(folder, 'service.hrd');

beforeEach(() => {
  fake.reset();
  fs.writeFileSync(hrd, SERVICE);
});

/** What ays prints when web.export.1 has no source (the KeyError of the real run). */
const failures = () => parseInstallOutput("Traceback (most recent call last):\nKeyError: 'source'\n", 1).failures;

test('a KeyError: source is put on the export block of service.hrd, as an error of "ays install"', () => {
  const f = failures();
  assert.ok(f.length >= 1, 'the parser recognises the failure');
  const d = new InstallDiagnostics();
  d.set(folder, 'demo-cpu-01', f);
  const list = fake.diagnostics.get(hrd);
  assert.ok(list?.length, `diagnostics: ${JSON.stringify([...fake.diagnostics.keys()])}`);
  assert.equal(list[0].source, 'ays install');
  assert.equal(list[0].severity, 0);
  assert.match(list[0].message, /^ays install on demo-cpu-01 failed: /);
  assert.deepEqual(
    [list[0].range.start.line, list[0].range.end.character],
    [2, 'web.export.1 ='.length],
    'on the whole web.export.1 line',
  );
  d.dispose();
});

test('an edit of the file drops its install diagnostics; a change on disk only when the text differs', () => {
  const d = new InstallDiagnostics();
  d.set(folder, 'n1', failures());
  fake.fileChanged.fire(Uri.file(hrd));
  assert.ok(fake.diagnostics.has(hrd), 'same text on disk: kept');
  fs.writeFileSync(hrd, SERVICE + "description = 'x'\n");
  fake.fileChanged.fire(Uri.file(hrd));
  assert.ok(!fake.diagnostics.has(hrd), 'changed on disk: dropped');
  d.set(folder, 'n1', failures());
  fake.textChanged.fire({ document: { uri: Uri.file(hrd) }, contentChanges: [] });
  assert.ok(fake.diagnostics.has(hrd), 'no content change: kept');
  fake.textChanged.fire({ document: { uri: Uri.file(hrd) }, contentChanges: [{}] });
  assert.ok(!fake.diagnostics.has(hrd), 'edited: dropped');
  d.set(folder, 'n1', failures());
  fake.fileDeleted.fire(Uri.file(hrd));
  assert.ok(!fake.diagnostics.has(hrd), 'deleted: dropped');
  d.dispose();
});

test('a successful run clears the folder (set with no failures), and "pushed" says the pushed version ran', () => {
  const d = new InstallDiagnostics();
  d.set(folder, 'n1', failures(), [], true);
  assert.match(fake.diagnostics.get(hrd)![0].message, /failed \(in the pushed version that ran\): /);
  d.set(folder, 'n1', []);
  assert.equal(fake.diagnostics.size, 0);
  d.dispose();
});
