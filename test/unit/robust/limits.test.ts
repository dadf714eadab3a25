/**
 * Issue 10 items 1, 3, 4, 9 (service level): size and findings caps, no stack overflow on large arrays, non-regular
 * files never read, a BOM reported as a BOM.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkCommand } from '../../../server/src/cli/check';
import { parseHrd } from '../../../server/src/service/hrd/parseHrd';
import { formatHrdText } from '../../../server/src/service/recipe/format';
import { MAX_FINDINGS_PER_FILE } from '../../../server/src/service/recipe/limits';
import { readRecipeFile } from '../../../server/src/service/recipe/readRecipeFile';
import { hrdDiagnostics } from '../../../server/src/service/recipe/hrdDiagnostics';
import { WorkspaceIndex } from '../../../server/src/service/recipe/WorkspaceIndex';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { RecipeLanguageService } from '../../../server/src/service/RecipeLanguageService';
import { GOOD } from '../recipe/fixtures';
import { nodeFileSystem } from '../../../server/src/node/nodeFileSystem';
import { runCaptured } from '../../cliIo';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-robust-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
const SERVICE = '/ws/servicetemplates/image_x-1/service.hrd';
const doc = (text: string, p = SERVICE, version = 1) => TextDocument.create(`file://${p}`, 'hrd', version, text);

const check = (args: string[]) => runCaptured((a, io) => checkCommand.run(a, io), args, { cwd: root });

test('item 1: 5 MB of `a=` lines in an open document: one file-unreadable finding, fast, no other features', () => {
  const s = new RecipeLanguageService(DEFAULT_SETTINGS, nodeFileSystem);
  const d = doc('a=\n'.repeat(1_700_000));
  const t0 = Date.now();
  const diags = s.documentDiagnostics(d) as ReturnType<RecipeLanguageService['fileDiagnostics']>;
  assert.ok(Date.now() - t0 < 1000, `took ${Date.now() - t0} ms`);
  assert.deepEqual(
    diags.map((x) => x.code),
    ['file-unreadable'],
  );
  assert.match(String(diags[0].message), /over the 256 KB limit/);
  assert.deepEqual(s.format(d), [], 'never replace an oversized document');
  assert.deepEqual(s.documentSymbols(d), []);
  assert.deepEqual(s.complete(d, { line: 0, character: 0 }), []);
});

test('item 1: a file just under the caps with a finding per line: capped findings plus one summary, under 2 s', () => {
  const s = new RecipeLanguageService(DEFAULT_SETTINGS, nodeFileSystem);
  const text = 'a=\n'.repeat(19_999); // every line a duplicate key: ~40,000 findings uncapped
  const t0 = Date.now();
  const diags = s.fileDiagnostics(SERVICE, text);
  const ms = Date.now() - t0;
  assert.ok(ms < 2000, `took ${ms} ms`);
  assert.equal(diags.length, MAX_FINDINGS_PER_FILE + 1);
  const summary = diags.find((x) => x.code === 'file-findings-limit')!;
  assert.match(String(summary.message), /^[\d,]+ more problem\(s\) in this file are not listed/);
  const more = Number(/^([\d,]+)/.exec(String(summary.message))![1].replace(/,/g, ''));
  assert.ok(more > 39_000, String(more));
});

test('item 1: over the line cap on disk (workspace index): file-unreadable, not parsed', () => {
  const dir = path.join(root, 'lines/image_l');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'service.hrd'), 'a=\n'.repeat(30_000));
  const r = readRecipeFile(nodeFileSystem, path.join(dir, 'service.hrd'));
  assert.ok('problem' in r && /over 20,000 lines/.test(r.problem), JSON.stringify(r).slice(0, 200));
  const ix = new WorkspaceIndex(nodeFileSystem);
  ix.upsertFile(path.join(dir, 'instance.hrd'), 'a=\n'.repeat(30_000));
  assert.match(String(ix.workspaceDiagnostics().get(path.join(dir, 'instance.hrd'))![0].message), /over 20,000 lines/);
});

test('item 3: 130,000 recipe diagnostics do not overflow the stack (hrdDiagnostics)', () => {
  const lines = ["platform.supported = 'generic'"];
  for (let i = 1; i <= 130_000; i++) lines.push(`web.export.${i} = x`);
  const diags = hrdDiagnostics(parseHrd(lines.join('\n') + '\n'), `file://${SERVICE}`, SERVICE);
  assert.ok(diags.length >= 130_000, String(diags.length));
});

test('item 3: format works for a block of 130,000 lines', () => {
  const lines: string[] = [];
  for (let i = 0; i < 130_000; i++) lines.push(`    k${String(i).padStart(6, '0')}:'v',`);
  const text = `k                              =\n${lines.join('\n')}\n\n`;
  const out = formatHrdText(parseHrd('zz = 1\n' + text));
  assert.ok(out && out.split('\n').length > 130_000);
});

test('item 3: check on a file with a finding per line never prints "internal error" (exit 1, capped)', async () => {
  const dir = path.join(root, 'many/servicetemplates/image_m');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'service.hrd'), GOOD + 'k = ' + '$(x)'.repeat(50_000) + '\n');
  fs.writeFileSync(path.join(dir, 'instance.hrd'), '');
  fs.writeFileSync(path.join(dir, 'actions.py'), '');
  const r = await check(['many', '--format', 'json']);
  assert.doesNotMatch(r.err, /internal error/);
  assert.equal(r.code, 1);
  const findings = JSON.parse(r.out) as Array<{ file: string; code: string }>;
  const own = findings.filter((f) => f.file.endsWith('image_m/service.hrd'));
  assert.ok(own.length <= MAX_FINDINGS_PER_FILE + 2, String(own.length));
  assert.ok(own.some((f) => f.code === 'file-findings-limit'));
});

const mkfifo = spawnSync('mkfifo', ['--version']).status === 0;

test(
  'item 4: a FIFO named service.hrd is reported, never read (check returns)',
  { skip: !mkfifo && 'no mkfifo', timeout: 10_000 },
  async () => {
    const dir = path.join(root, 'fifo/servicetemplates/image_f');
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('mkfifo', [path.join(dir, 'service.hrd')]);
    fs.writeFileSync(path.join(dir, 'instance.hrd'), '');
    fs.writeFileSync(path.join(dir, 'actions.py'), '');
    const r0 = readRecipeFile(nodeFileSystem, path.join(dir, 'service.hrd'));
    assert.ok('problem' in r0 && /not a regular file/.test(r0.problem));
    // through a symlink too
    fs.symlinkSync(path.join(dir, 'service.hrd'), path.join(root, 'fifo/link.hrd'));
    assert.ok('problem' in readRecipeFile(nodeFileSystem, path.join(root, 'fifo/link.hrd')));
    // the CLI runs in a child: a hang there must not hang this test runner
    const cli = path.join(__dirname, '../../../../dist/cli.js');
    const r = spawnSync(process.execPath, [cli, 'check', 'fifo'], { cwd: root, timeout: 8000, encoding: 'utf8' });
    assert.equal(r.signal, null, 'check hung on the FIFO');
    assert.match(r.stdout, /service\.hrd:1:1: error file-unreadable service\.hrd is not a regular file/);
    // the language service: the index and an actions.py beside it
    const s = new RecipeLanguageService(DEFAULT_SETTINGS, nodeFileSystem);
    s.workspace.upsertFile(path.join(dir, 'service.hrd'));
    assert.ok(s.actionsContext(path.join(dir, 'actions.py')));
    assert.match(
      String(s.workspace.workspaceDiagnostics().get(path.join(dir, 'service.hrd'))![0].message),
      /not a regular file/,
    );
  },
);

test('item 9: a BOM before the first key is reported as a BOM, with a quick fix; the key is not "missing"', () => {
  const s = new RecipeLanguageService(DEFAULT_SETTINGS, nodeFileSystem);
  const text = '\uFEFF' + GOOD;
  const diags = s.fileDiagnostics(SERVICE, text);
  assert.deepEqual(
    diags.map((d) => d.code),
    ['hrd-bom'],
  );
  assert.match(String(diags[0].message), /byte order mark .*`platform\.supported` does not exist for AYS/);
  const d = doc(text);
  const actions = s.codeActions(d, diags[0].range, diags);
  assert.equal(actions.length, 1);
  assert.deepEqual(actions[0].edit!.changes![d.uri], [
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: '' },
  ]);
  // other findings keep their positions in the text with the BOM (line 0 shifted by one)
  const other = s.fileDiagnostics(SERVICE, '\uFEFF' + GOOD.replace("'generic'", '"generic"'));
  const platform = other.find((x) => x.code === 'recipe-platform')!;
  assert.equal(text.slice(1 + 0, 1 + 40).length, 40);
  assert.equal(
    ('\uFEFF' + GOOD.replace("'generic'", '"generic"')).slice(
      platform.range.start.character,
      platform.range.end.character,
    ),
    '"generic"',
  );
});
