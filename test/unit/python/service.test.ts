/** Parser loading, behaviour before the load completes, caching, and the env-demo recipes. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ActionsLanguageService } from '../../../server/src/service/python/ActionsLanguageService';
import { locateWasm, pythonParserInfo } from '../../../server/src/service/python/pythonParser';
import { analyzeActionsFile } from '../../../server/src/service/python/analyzeActions';
import { codes, ctxFor, doc } from './helpers';

const ROOT = path.resolve(__dirname, '../../../..');
const DEMO = path.join(ROOT, 'examples/env-demo/servicetemplates');

describe('ActionsLanguageService lifecycle', () => {
  it('is safe before the parser has loaded, complete after', async () => {
    const svc = new ActionsLanguageService();
    const d = doc(
      "class Actions(ActionsBase):\n    def configure(self, serviceObj):\n        registerImage(serviceObj, name, 'windows', 20)\n",
    );
    const c = ctxFor('current');
    if (!svc.isReady) {
      assert.deepEqual(svc.diagnostics(d, c), []);
      assert.equal(svc.hover(d, { line: 1, character: 9 }, c), null);
      assert.deepEqual(svc.definition(d, { line: 2, character: 9 }, c), []);
      assert.deepEqual(
        svc.codeActions(d, { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, [], c),
        [],
      );
    }
    assert.ok(svc.signatureHelp(d, { line: 2, character: 34 }, c));
    await svc.ready();
    assert.ok(svc.isReady);
    assert.deepEqual(codes(svc.diagnostics(d, c)), ['actions-base', 'actions-type']);
    const info = svc.parserInfo!;
    assert.ok(info.loadMs > 0 && info.loadMs < 5000, String(info.loadMs));
    assert.ok(fs.existsSync(info.runtimeWasm) && fs.existsSync(info.pythonWasm));
  });
  it('loads the parser once', async () => {
    const a = await ActionsLanguageService.create();
    const before = pythonParserInfo();
    await ActionsLanguageService.create();
    assert.equal(pythonParserInfo(), before);
    assert.ok(a.isReady);
  });
  it('prefers .wasm files next to the running bundle, else node_modules', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-wasm-'));
    fs.writeFileSync(path.join(dir, 'tree-sitter-python.wasm'), '');
    assert.equal(locateWasm('tree-sitter-python.wasm', [dir]), path.join(dir, 'tree-sitter-python.wasm'));
    assert.match(locateWasm('web-tree-sitter.wasm', [dir]), /node_modules\/web-tree-sitter\/web-tree-sitter\.wasm$/);
    fs.rmSync(dir, { recursive: true });
  });
  it('caches per uri + version', async () => {
    const svc = await ActionsLanguageService.create();
    const c = ctxFor('current');
    const v1 = doc(
      "class Actions(ActionsBase):\n    def configure(self, serviceObj):\n        registerImage(serviceObj, name, 'windows', 20)\n",
      'file:///c/actions.py',
      1,
    );
    const v2 = doc(
      "class Actions(ActionsBase):\n    def configure(self, serviceObj):\n        registerImage(serviceObj, name, 'Windows', 20)\n",
      'file:///c/actions.py',
      2,
    );
    assert.ok(codes(svc.diagnostics(v1, c)).includes('actions-type'));
    assert.ok(!codes(svc.diagnostics(v2, c)).includes('actions-type'));
    svc.forget(v2.uri);
  });
});

describe('env-demo recipes', () => {
  const read = (f: string) => fs.readFileSync(path.join(DEMO, f, 'actions.py'), 'utf8');
  const cases: [string, string, string[], string[]][] = [
    [
      'image_ubuntu-2204',
      '/opt/jumpscale7/var/tmp/templates/ubuntu-22.04-server-cloudimg-amd64.qcow2',
      [],
      ['actions-register-args'],
    ],
    [
      'image_windows-2019',
      '/opt/jumpscale7/var/tmp/templates/windows-2019-standard-v1.qcow2',
      [],
      ['actions-register-args'],
    ],
    ['image_centos-7', '/opt/jumpscale7/var/tmp/templates/centos-7-x86_64.qcow2', ['actions-register-legacy'], []],
  ];
  for (const [folder, dest, current, legacy] of cases) {
    it(`${folder}: current → ${JSON.stringify(current)}, legacy → ${JSON.stringify(legacy)}`, async () => {
      const text = read(folder);
      const ctx = (p: 'current' | 'legacy') =>
        ctxFor(p, { folderName: folder, siblingServiceHrd: { lastExportDest: dest } });
      assert.deepEqual(codes(await analyzeActionsFile(text, ctx('current'))), current);
      assert.deepEqual(codes(await analyzeActionsFile(text, ctx('legacy'))), legacy);
    });
  }
  it('centos under current says what OpenvCloud stores', async () => {
    const [d] = await analyzeActionsFile(read('image_centos-7'), ctxFor('current', { folderName: 'image_centos-7' }));
    assert.match(String(d.message), /type='centos-7-x86_64\.qcow2', size='Linux', username=10/);
    assert.equal(d.range.start.line, 12);
  });
});
