/** `ays-recipes check` with actions.py: env-demo under both profiles, JSON output, cross-file display names. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { checkCommand } from '../../../server/src/cli/check';
import { runCaptured } from '../../cliIo';

const EXAMPLE = path.join(__dirname, '../../../../examples/env-demo');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-cli-actions-'));
fs.cpSync(EXAMPLE, path.join(root, 'env-demo'), { recursive: true });
after(() => fs.rmSync(root, { recursive: true, force: true }));

const run = (args: string[]) => runCaptured((a, io) => checkCommand.run(a, io), args, { cwd: root });

const CENTOS_PY = 'env-demo/servicetemplates/image_centos-7/actions.py';

test('current profile (default): the legacy call of the centos recipe is actions-register-legacy', async () => {
  const r = await run(['env-demo']);
  assert.equal(r.code, 1);
  const lines = r.out
    .trim()
    .split('\n')
    .filter((l) => l.includes('/actions.py:'));
  assert.deepEqual(
    lines.map((l) => l.split(' ').slice(0, 3).join(' ')),
    [`${CENTOS_PY}:13:41: error actions-register-legacy`],
  );
  assert.match(r.err, /in 12 recipe file\(s\)/);
});

test('--profile legacy changes the result: actions-imagename for centos, actions-register-args for the current-form calls', async () => {
  const r = await run(['env-demo', '--profile', 'legacy']);
  assert.equal(r.code, 1);
  const lines = r.out
    .trim()
    .split('\n')
    .filter((l) => l.includes('/actions.py:'))
    .map((l) => l.split(' ').slice(0, 3).join(' '));
  assert.deepEqual(lines, [
    `${CENTOS_PY}:13:41: error actions-imagename`,
    'env-demo/servicetemplates/image_ubuntu-2204/actions.py:11:22: error actions-register-args',
    'env-demo/servicetemplates/image_windows-2019/actions.py:11:22: error actions-register-args',
  ]);
  const eq = await run(['env-demo', '--profile=legacy']);
  assert.equal(eq.out, r.out);
});

test('--format json lists the actions.py findings with 1-based positions', async () => {
  const r = await run(['env-demo', '--format', 'json']);
  const arr = JSON.parse(r.out) as Array<Record<string, unknown>>;
  const f = arr.find((x) => x.code === 'actions-register-legacy');
  assert.deepEqual(f && { ...f, message: undefined }, {
    file: CENTOS_PY,
    line: 13,
    column: 41,
    endLine: 13,
    endColumn: 63,
    severity: 'error',
    code: 'actions-register-legacy',
    message: undefined,
  });
  assert.match(String(f!.message), /type='centos-7-x86_64\.qcow2'/);
});

test('bad --profile value: exit 2', async () => {
  const r = await run(['env-demo', '--profile', 'old']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--profile must be current or legacy/);
});

test('display names shared by two recipes are reported on both actions.py (workspace rule)', async () => {
  const ws = path.join(root, 'dup');
  fs.cpSync(path.join(EXAMPLE, 'servicetemplates'), path.join(ws, 'servicetemplates'), { recursive: true });
  const ubuntu = path.join(ws, 'servicetemplates/image_ubuntu-2204/actions.py');
  fs.writeFileSync(
    ubuntu,
    fs.readFileSync(ubuntu, 'utf8').replace("'Ubuntu 22.04 Server x64'", "'Windows Server 2019 Standard'"),
  );
  const r = await run(['dup', '--format', 'json']);
  const dup = (JSON.parse(r.out) as Array<{ file: string; code: string; line: number }>).filter(
    (x) => x.code === 'actions-display-name',
  );
  assert.deepEqual(
    dup.map((x) => `${x.file}:${x.line}`),
    ['dup/servicetemplates/image_ubuntu-2204/actions.py:10', 'dup/servicetemplates/image_windows-2019/actions.py:10'],
  );
});

test('an actions.py outside a template folder is not checked', async () => {
  const ws = path.join(root, 'loose');
  fs.mkdirSync(path.join(ws, 'scripts'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'scripts/actions.py'), 'def f(:\n');
  const r = await run(['loose']);
  assert.equal(r.code, 0, r.out);
  assert.equal(r.out, '');
});
