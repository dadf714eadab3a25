/** Workspace-wide rules from the WorkspaceIndex, on a temp workspace. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { isExcluded, matchesGlob } from '../../../server/src/service/recipe/glob';
import { WorkspaceIndex } from '../../../server/src/service/recipe/WorkspaceIndex';
import { ALL, recipe, with_ } from './fixtures';
import { nodeFileSystem } from '../../../server/src/node/nodeFileSystem';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-index-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function template(rel: string, files: Record<string, string | Buffer>): string {
  const dir = path.join(root, rel);
  fs.mkdirSync(dir, { recursive: true });
  for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), t);
  return dir;
}
const full = (hrd: string) => ({ 'service.hrd': hrd, 'instance.hrd': '', 'actions.py': 'x = 1\n' });
const dest = (name: string) => recipe(with_('dest', `dest:'/opt/jumpscale7/var/tmp/templates/${name}'`));

const a = template('st/image_a', full(dest('same.qcow2')));
const b = template('st/image_b', full(dest('same.qcow2')));
const c = template('st/image_c', {
  'service.hrd': recipe(ALL).replace('x-1', 'c-1').replace('x-1', 'c-1'),
  'actions.py~': '',
  'service.hrd.orig': '',
});
const d1 = template('st/image_d', full(dest('d.qcow2')));
const d2 = template('st/old-test/image_d', full(dest('d2.qcow2')));
const e = template('st/image_e', { 'services.hrd': recipe(ALL), 'actions.py': '' });
const latin = template('st/image_f', { ...full(''), 'service.hrd': Buffer.from([0x61, 0x20, 0x3d, 0x20, 0xe9, 0x0a]) });
template('services/jumpscale__image_a__main', { 'service.hrd': dest('same.qcow2') });
template('node_modules/pkg/image_z', full(dest('same.qcow2')));
template('excluded/image_y', full(dest('same.qcow2')));

const index = new WorkspaceIndex(nodeFileSystem);
const scan = index.scanFolder(root, ['excluded/**']);
const wd = index.workspaceDiagnostics();
const codesOf = (dir: string, file = 'service.hrd') =>
  (wd.get(path.join(dir, file)) ?? []).map((x) => String(x.code)).sort();

test('scan skips node_modules, exclude globs and AYS instance folders for template rules', () => {
  assert.ok(
    !index.templateFolders().some((t) => t.includes('node_modules') || t.includes('excluded') || t.includes('__')),
  );
  assert.ok(scan.folders >= 8);
});

test('recipe-dest-collision on both recipes, with related information', () => {
  assert.deepEqual(codesOf(a), ['recipe-dest-collision']);
  assert.deepEqual(codesOf(b), ['recipe-dest-collision']);
  const diag = wd.get(path.join(a, 'service.hrd'))![0];
  assert.equal(diag.range.start.line, 4);
  assert.ok(diag.relatedInformation![0].location.uri.endsWith('image_b/service.hrd'));
});

test('recipe-backup-file and recipe-missing-file', () => {
  assert.deepEqual(codesOf(c), [
    'recipe-backup-file',
    'recipe-backup-file',
    'recipe-missing-file',
    'recipe-missing-file',
  ]);
  const sev = wd
    .get(path.join(c, 'service.hrd'))!
    .filter((x) => x.code === 'recipe-missing-file')
    .map((x) => x.severity)
    .sort();
  assert.deepEqual(sev, [1, 2]);
});

test('recipe-duplicate-template for same-named folders', () => {
  assert.deepEqual(codesOf(d1), ['recipe-duplicate-template']);
  assert.deepEqual(codesOf(d2), ['recipe-duplicate-template']);
});

test('recipe-file-name on services.hrd', () => {
  assert.deepEqual(codesOf(e, 'services.hrd'), ['recipe-file-name']);
});

test('a non-UTF-8 file gets file-unreadable, not a crash', () => {
  assert.deepEqual(codesOf(latin), ['file-unreadable']);
});

test('nested template folders', () => {
  const outer = template('nest/image_o', full(dest('o.qcow2')));
  const inner = template('nest/image_o/sub/image_i', full(dest('i.qcow2')));
  const ix = new WorkspaceIndex(nodeFileSystem);
  ix.scanFolder(path.join(root, 'nest'));
  const w = ix.workspaceDiagnostics();
  assert.equal(w.get(path.join(outer, 'service.hrd')), undefined);
  assert.deepEqual(
    w.get(path.join(inner, 'service.hrd'))!.map((x) => x.code),
    ['recipe-duplicate-template'],
  );
});

test('incremental: upsertFile and removeFile update the workspace rules', () => {
  const ix = new WorkspaceIndex(nodeFileSystem);
  ix.upsertFile('/v/st/image_p/service.hrd', dest('p.qcow2'));
  ix.upsertFile('/v/st/image_p/actions.py');
  ix.upsertFile('/v/st/image_p/instance.hrd');
  ix.upsertFile('/v/st/image_q/service.hrd', dest('q.qcow2'));
  ix.upsertFile('/v/st/image_q/actions.py');
  ix.upsertFile('/v/st/image_q/instance.hrd');
  assert.equal(ix.workspaceDiagnostics().size, 0);
  ix.upsertFile('/v/st/image_q/service.hrd', dest('p.qcow2'));
  assert.equal(ix.workspaceDiagnostics().get('/v/st/image_q/service.hrd')![0].code, 'recipe-dest-collision');
  ix.upsertFile('/v/st/image_q/actions.py~');
  assert.ok(
    ix
      .workspaceDiagnostics()
      .get('/v/st/image_q/service.hrd')!
      .some((x) => x.code === 'recipe-backup-file'),
  );
  ix.removeFile('/v/st/image_q/service.hrd');
  assert.equal(ix.workspaceDiagnostics().size, 0);
});

test('a file over 5 MB gets file-unreadable', () => {
  const big = template('big/image_big', { ...full(''), 'service.hrd': Buffer.alloc(5 * 1024 * 1024 + 10, 0x61) });
  const ix = new WorkspaceIndex(nodeFileSystem);
  ix.scanFolder(path.join(root, 'big'));
  assert.deepEqual(
    ix
      .workspaceDiagnostics()
      .get(path.join(big, 'service.hrd'))!
      .map((x) => x.code),
    ['file-unreadable'],
  );
});

test('glob matcher', () => {
  assert.ok(matchesGlob('a/node_modules/x/y', '**/node_modules/**'));
  assert.ok(matchesGlob('node_modules/x', '**/node_modules/**'));
  assert.ok(isExcluded('a/node_modules', ['**/node_modules/**'], true));
  assert.ok(matchesGlob('st/old/service.hrd', 'st/*/service.hrd'));
  assert.ok(!matchesGlob('st/a/b/service.hrd', 'st/*/service.hrd'));
  assert.ok(matchesGlob('x.swp', '*.{swp,orig}'));
  assert.ok(matchesGlob('image_1', 'image_[0-9]'));
  assert.ok(!matchesGlob('image_a', 'image_[!a-z]'));
  assert.ok(isExcluded('excluded', ['excluded/**'], true));
});
