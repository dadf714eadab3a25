/** `ays-recipes check`: text and JSON output, exit codes, unreadable files, on a temp workspace. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { checkCommand } from '../../../server/src/cli/check';
import { runCli } from '../../../server/src/cli/main';
import { GOOD } from '../recipe/fixtures';
import { runCaptured } from '../../cliIo';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-cli-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
function template(rel: string, files: Record<string, string | Buffer>): void {
  const dir = path.join(root, rel);
  fs.mkdirSync(dir, { recursive: true });
  for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), t);
}
/** A clean actions.py (current registerImage profile) with its own display name. */
const actions = (name: string) =>
  'from JumpScale import j\n\nActionsBase = j.atyourservice.getActionsBaseClass()\n\n\nclass Actions(ActionsBase):\n\n' +
  `    def configure(self, serviceObj):\n        from CloudscalerLibcloud.imageutil import registerImage\n        registerImage(serviceObj, '${name}', 'Linux', 10)\n`;
template('clean/servicetemplates/image_x-1', { 'service.hrd': GOOD, 'instance.hrd': '', 'actions.py': actions('X 1') });
template('warn/servicetemplates/image_x-1', {
  'service.hrd': GOOD.replace("'ftp://pub:pub1234@ftp.example.com'", "'ftp://h/'"),
  'instance.hrd': '',
  'actions.py': actions('X 1'),
});
template('bad/servicetemplates/image_x-1', {
  'service.hrd': GOOD.replace("'generic'", '"generic"').replace(/\n+$/, ''),
  'instance.hrd': '',
  'actions.py': actions('X 1'),
});
template('bad/servicetemplates/image_bin', {
  'service.hrd': Buffer.from([0xff, 0xfe, 0x00, 0x41]),
  'instance.hrd': '',
  'actions.py': actions('Bin'),
});

const run = (args: string[], cwd = root) => runCaptured((a, io) => checkCommand.run(a, io), args, { cwd });

test('clean workspace: exit 0, no output lines', async () => {
  const r = await run(['clean']);
  assert.equal(r.code, 0, r.out);
  assert.equal(r.out, '');
  assert.match(r.err, /0 error\(s\), 0 warning\(s\)/);
});

test('warnings only: exit 0', async () => {
  const r = await run(['warn']);
  assert.equal(r.code, 0);
  assert.match(r.out, /^warn\/servicetemplates\/image_x-1\/service\.hrd:7:9: warning recipe-url /m);
});

test('errors: exit 1, text format path:line:col: severity code message', async () => {
  const r = await run(['bad']);
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n');
  for (const l of lines)
    assert.match(
      l,
      /^bad\/servicetemplates\/image_[\w-]+\/service\.hrd:\d+:\d+: (error|warning|information) [a-z-]+ .+/,
    );
  assert.ok(lines.some((l) => l.includes(':1:34: error recipe-platform ')));
  assert.ok(lines.some((l) => l.includes('error hrd-no-final-newline')));
  assert.ok(lines.some((l) => l.includes('image_bin/service.hrd:1:1: error file-unreadable')));
});

test('json format: an array of {file, line, column, endLine, endColumn, severity, code, message}', async () => {
  const r = await run(['bad', '--format', 'json']);
  assert.equal(r.code, 1);
  const arr = JSON.parse(r.out) as Array<Record<string, unknown>>;
  assert.ok(arr.length >= 3);
  for (const f of arr) {
    assert.deepEqual(Object.keys(f), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
    assert.ok((f.line as number) >= 1 && (f.column as number) >= 1);
  }
  const p = arr.find((f) => f.code === 'recipe-platform')!;
  assert.deepEqual([p.line, p.column, p.endLine, p.endColumn], [1, 34, 1, 43]);
});

test('bad usage: exit 2', async () => {
  assert.equal((await run(['--format', 'xml'])).code, 2);
  assert.equal((await run(['--profile', 'old'])).code, 2);
  assert.equal((await run(['--nope'])).code, 2);
  assert.equal((await run(['does-not-exist'])).code, 2);
});

test('default path is the working directory; --profile legacy accepted (and applied to actions.py)', async () => {
  assert.equal((await run([], path.join(root, 'clean'))).code, 0);
  const r = await run(['--profile=legacy'], path.join(root, 'clean'));
  assert.equal(r.code, 1);
  assert.match(r.out, /^servicetemplates\/image_x-1\/actions\.py:\d+:\d+: error actions-register-args /m);
});

test('registered in the CLI: ays-recipes check --help', async () => {
  const { code, out } = await runCaptured(runCli, ['check', '--help'], { cwd: root });
  assert.equal(code, 0);
  assert.match(out, /ays-recipes check \[PATH\.\.\.\]/);
});

test(
  'the bundled dist/cli.js gives the same exit codes',
  { skip: !fs.existsSync(path.join(__dirname, '../../../../dist/cli.js')) },
  () => {
    const cli = path.join(__dirname, '../../../../dist/cli.js');
    const r = (args: string[]) => spawnSync(process.execPath, [cli, 'check', ...args], { cwd: root, encoding: 'utf8' });
    assert.equal(r(['clean']).status, 0);
    assert.equal(r(['bad']).status, 1);
    assert.equal(r(['--format']).status, 2);
  },
);
