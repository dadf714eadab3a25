/**
 * `ays-recipes check`: the documented exit codes (0 clean, 1 errors or too many warnings, 2 usage), --max-warnings,
 * --quiet, the parseArgs errors, and the progress line on a terminal (never in pipes, never with JSON).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { checkCommand, parseCheckArgs } from '../../../server/src/cli/check';
import { terminalProgress } from '../../../server/src/cli/progress';
import { GOOD } from '../recipe/fixtures';
import { runCaptured } from '../../cliIo';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-exit-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
const actions = (name: string) =>
  'from JumpScale import j\n\nActionsBase = j.atyourservice.getActionsBaseClass()\n\n\nclass Actions(ActionsBase):\n\n' +
  `    def configure(self, serviceObj):\n        from CloudscalerLibcloud.imageutil import registerImage\n        registerImage(serviceObj, '${name}', 'Linux', 10)\n`;
function template(rel: string, files: Record<string, string>): void {
  const dir = path.join(root, rel);
  fs.mkdirSync(dir, { recursive: true });
  for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), t);
}
const warned = (n: number) =>
  GOOD.replace("'ftp://pub:pub1234@ftp.example.com'", "'ftp://h/'").replace('x-1.qcow2', `w-${n}.qcow2`);
template('clean/servicetemplates/image_x-1', { 'service.hrd': GOOD, 'instance.hrd': '', 'actions.py': actions('X 1') });
// two warnings (recipe-url), no error
template('warn/servicetemplates/image_w-1', {
  'service.hrd': warned(1),
  'instance.hrd': '',
  'actions.py': actions('W 1'),
});
template('warn/servicetemplates/image_w-2', {
  'service.hrd': warned(2),
  'instance.hrd': '',
  'actions.py': actions('W 2'),
});
// one error (recipe-platform) and one warning
template('mixed/servicetemplates/image_m-1', {
  'service.hrd': warned(3).replace("'generic'", '"generic"'),
  'instance.hrd': '',
  'actions.py': actions('M 1'),
});

const run = (args: string[], opts: { cwd?: string; tty?: boolean } = {}) =>
  runCaptured((a, io) => checkCommand.run(a, io), args, { cwd: opts.cwd ?? root, tty: opts.tty });

test('exit 0: clean, or warnings only without --max-warnings', async () => {
  assert.equal((await run(['clean'])).code, 0);
  const w = await run(['warn']);
  assert.equal(w.code, 0);
  assert.equal(w.out.trim().split('\n').length, 2);
});

test('exit 1: errors; --max-warnings N fails on more than N warnings (as ESLint)', async () => {
  assert.equal((await run(['mixed'])).code, 1);
  assert.equal((await run(['warn', '--max-warnings', '2'])).code, 0);
  const over = await run(['warn', '--max-warnings=1']);
  assert.equal(over.code, 1);
  assert.match(over.err, /too many warnings \(2, --max-warnings 1\)/);
  assert.equal((await run(['warn', '--max-warnings', '0', '--format', 'json'])).code, 1);
  assert.equal((await run(['warn', '--max-warnings=-1'])).code, 0, '-1: no limit');
  assert.equal((await run(['clean', '--max-warnings', '0'])).code, 0);
});

test('--quiet reports errors only; the warnings still count for --max-warnings', async () => {
  const q = await run(['mixed', '-q']);
  assert.equal(q.code, 1);
  assert.deepEqual(
    q.out
      .trim()
      .split('\n')
      .map((l) => l.split(' ')[2]),
    ['recipe-platform'],
  );
  const w = await run(['warn', '--quiet']);
  assert.equal(w.code, 0);
  assert.equal(w.out, '');
  assert.equal((await run(['warn', '--quiet', '--max-warnings', '1'])).code, 1);
  assert.deepEqual(JSON.parse((await run(['warn', '--quiet', '--format', 'json'])).out), []);
});

test('exit 2: bad usage, with a clear message', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--format', 'xml'], /--format must be text, json, sarif, github, not 'xml'/],
    [['--format'], /Option '-f, --format <value>' argument missing/],
    [['--profile', 'old'], /--profile must be current or legacy/],
    [['--max-warnings', 'many'], /--max-warnings must be a whole number/],
    [['--max-warnings', '-1'], /argument is ambiguous/],
    [['--nope'], /Unknown option '--nope'$/m],
    [['--quiet=yes'], /does not take an argument/],
    [['does-not-exist'], /no such file or directory/],
  ];
  for (const [args, message] of cases) {
    const r = await run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message, args.join(' '));
  }
});

test('parseArgs: positionals, -- and -f', () => {
  assert.deepEqual(parseCheckArgs(['-f', 'github', 'a', '--', '-b']), {
    paths: ['a', '-b'],
    format: 'github',
    profile: 'current',
    maxWarnings: -1,
    quiet: false,
  });
  assert.deepEqual(parseCheckArgs([]), {
    paths: ['.'],
    format: 'text',
    profile: 'current',
    maxWarnings: -1,
    quiet: false,
  });
});

test(
  'the bundled dist/cli.js: exit codes 0, 1 and 2 as documented',
  { skip: !fs.existsSync(path.join(__dirname, '../../../../dist/cli.js')) },
  () => {
    const cli = path.join(__dirname, '../../../../dist/cli.js');
    const r = (...args: string[]) =>
      spawnSync(process.execPath, [cli, 'check', ...args], { cwd: root, encoding: 'utf8' }).status;
    assert.equal(r('clean'), 0);
    assert.equal(r('warn'), 0);
    assert.equal(r('warn', '--max-warnings', '0'), 1);
    assert.equal(r('mixed'), 1);
    assert.equal(r('--format', 'xml'), 2);
    assert.equal(r('--bogus'), 2);
  },
);

test('progress: drawn only on a terminal, past the threshold, throttled, erased at the end', () => {
  let t = 0;
  let err = '';
  const p = terminalProgress(
    { write: (s: string) => (err += s), isTTY: true },
    { enabled: true, threshold: 10, intervalMs: 100, now: () => t },
  );
  for (let i = 1; i <= 30; i++) {
    t += 20;
    p.report(i, `${i} folders`);
  }
  p.done();
  const frames = err.split('\r').filter(Boolean);
  // 20 reports past the threshold, 20 ms apart: one frame per 100 ms, then the erase
  assert.deepEqual(
    frames.slice(0, -1).map((f) => /(\d+) folders/.exec(f)?.[1]),
    ['11', '16', '21', '26'],
    JSON.stringify(frames),
  );
  // eslint-disable-next-line no-control-regex -- the terminal's erase-line sequence
  assert.match(frames[0], /^ays-recipes check: 11 folders\x1b\[K$/);
  assert.equal(frames.at(-1), '\x1b[K', 'the line is erased');
  for (const [isTTY, enabled] of [
    [false, true],
    [undefined, true],
    [true, false],
  ] as const) {
    let e = '';
    const q = terminalProgress({ write: (s: string) => (e += s), isTTY }, { enabled, threshold: 1 });
    q.report(5, 'x');
    q.done();
    assert.equal(e, '', `isTTY ${isTTY}, enabled ${enabled}`);
  }
});

/** 1,100 template folders (service.hrd and instance.hrd only: each misses its actions.py). */
function bigWorkspace(): string {
  const big = path.join(root, 'big');
  if (!fs.existsSync(big)) {
    for (let i = 0; i < 1100; i++)
      template(`big/servicetemplates/image_b-${i}`, {
        'service.hrd': GOOD.replace('x-1.qcow2', `b-${i}.qcow2`),
        'instance.hrd': '',
      });
  }
  return big;
}

test('progress on a check of 1,100 folders: on a terminal in text format; never in a pipe or with --format json', async () => {
  const big = bigWorkspace();
  const tty = await run([big], { tty: true });
  // eslint-disable-next-line no-control-regex -- the terminal's erase-line sequence
  assert.match(tty.err, /\rays-recipes check: 1,\d{3} folders scanned…\x1b\[K/);
  // eslint-disable-next-line no-control-regex -- the terminal's erase-line sequence
  assert.match(tty.err, /\r\x1b\[K\d+ error\(s\)/, 'the progress line is erased before the summary');
  assert.ok(!tty.out.includes('\r'), 'stdout has no progress');
  const pipe = await run([big], { tty: false });
  assert.ok(!pipe.err.includes('\r'));
  const json = await run([big, '--format', 'json'], { tty: true });
  assert.ok(!json.err.includes('\r'));
  const small = await run(['clean'], { tty: true });
  assert.ok(!small.err.includes('\r'), 'not under 1,000 folders');
});

test(
  'progress on a real terminal (script(1) gives dist/cli.js a pty)',
  { skip: !fs.existsSync('/usr/bin/script') || !fs.existsSync(path.join(__dirname, '../../../../dist/cli.js')) },
  () => {
    const big = bigWorkspace();
    const cli = path.join(__dirname, '../../../../dist/cli.js');
    const r = spawnSync(
      '/usr/bin/script',
      [
        '-qec',
        `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} check ${JSON.stringify(big)} >/dev/null`,
        '/dev/null',
      ],
      { encoding: 'utf8' },
    );
    assert.match(r.stdout, /ays-recipes check: 1,\d{3} folders scanned…/);
    const piped = spawnSync(process.execPath, [cli, 'check', big], { encoding: 'utf8' });
    assert.ok(!piped.stderr.includes('folders scanned'));
  },
);
