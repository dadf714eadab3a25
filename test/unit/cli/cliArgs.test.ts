/**
 * The options of install/reinstall/clean-reinstall, images and availability (server/src/cli/cliArgs.ts over
 * node:util parseArgs): what a good command line sets (seen through --dry-run), and the message and exit
 * code 2 of each kind of bad input. No SSH and no portal: every case stops before either.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { parseCliArgs } from '../../../server/src/cli/cliArgs';
import { runCli } from '../../../server/src/cli/main';
import { runCaptured } from '../../cliIo';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-cliargs-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const config = path.join(dir, 'envs.json');
fs.writeFileSync(
  config,
  JSON.stringify([
    { name: 'e', repoPath: '/opt/code/env', nodes: ['n1', 'n2'], ovcGit: { host: '127.0.0.1' } },
    {
      name: 'p',
      repoPath: '/opt/code/env',
      nodes: ['n1'],
      ovcGit: { host: '127.0.0.1' },
      portal: { url: 'http://127.0.0.1:9', auth: 'authkey', username: 'a' },
    },
  ]),
);
const fp = `SHA256:${'A'.repeat(43)}`;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runCaptured(runCli, args, { cwd: dir });
  return { ...r, err: r.err.split('\nUsage:')[0] };
}

test('parseCliArgs: both value forms, repeats, the word after a string option even when it starts with -', () => {
  const options = {
    env: { type: 'string' },
    node: { type: 'string', multiple: true },
    yes: { type: 'boolean' },
  } as const;
  const cases: Array<[string[], unknown]> = [
    [
      ['img', '--env', 'e', '--node=a', '--node', 'b', '--yes'],
      { values: { env: 'e', node: ['a', 'b'], yes: true }, positionals: ['img'] },
    ],
    [['--env', '-x', '--env=', 'img'], { values: { env: '' }, positionals: ['img'] }],
    [['--node', '--yes'], { values: { node: ['--yes'] }, positionals: [] }],
    [['-'], { values: {}, positionals: ['-'] }],
    [['--env'], '--env needs a value'],
    [['a', '--node'], '--node needs a value'],
    [['--nope'], 'unknown option --nope'],
    [['--nope=1'], 'unknown option --nope=1'],
    [['--yes=no'], 'unknown option --yes=no'],
    [['-abc'], 'unknown option -abc'],
    [['-e', 'x'], 'unknown option -e'],
    [['a', '--', 'b'], 'unknown option --'],
  ];
  for (const [args, want] of cases) {
    const got = parseCliArgs(args, options);
    assert.deepEqual(
      typeof got === 'string' ? got : { values: { ...got.values }, positionals: got.positionals },
      want,
      args.join(' '),
    );
  }
});

test('install: a good command line, seen through --dry-run', async () => {
  for (const kind of ['install', 'reinstall', 'clean-reinstall']) {
    const r = await run([
      kind,
      'img',
      '--env=e',
      '--node',
      'n1',
      '--node=n2',
      '--dry-run',
      '--config',
      config,
      '--concurrency',
      '8',
      '--timeout',
      '1.5',
      '--trust',
      fp,
      '--format=json',
    ]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^# environment e: root@127\.0\.0\.1:22/);
    assert.match(r.out, /# node n1\n.*# node n2\n/s);
    assert.ok(
      r.out.includes(
        `ays install${kind === 'install' ? '' : ' -r'} -n '\\''img'\\'' --targettype node.ssh --targetname '\\''n2'\\''`,
      ),
      r.out,
    );
  }
});

test('install: bad input is exit 2 with one message', async () => {
  const base = ['img', '--env', 'e', '--node', 'n1'];
  const cases: Array<[string[], string]> = [
    [[], 'IMAGE is required'],
    [['img'], '--env NAME is required'],
    [['img', '--env', 'e'], 'at least one --node NODE is required'],
    [['img', 'img2', '--env', 'e', '--node', 'n1'], 'one IMAGE expected, got: img img2'],
    [['img', '--env'], '--env needs a value'],
    [[...base, '--node'], '--node needs a value'],
    [['img', '--nope'], 'unknown option --nope'],
    [['img', '-x'], 'unknown option -x'],
    [['img', '-'], 'unknown option -'],
    [['img', '--'], 'unknown option --'],
    [[...base, '--dry-run=false'], 'unknown option --dry-run=false'],
    [[...base, '--format', 'xml'], "--format must be text or json, got 'xml'"],
    [[...base, '--concurrency', '0'], "--concurrency must be an integer 1-64, got '0'"],
    [[...base, '--concurrency', '65'], "--concurrency must be an integer 1-64, got '65'"],
    [[...base, '--timeout', 'x'], "--timeout must be a positive number of seconds, got 'x'"],
    [[...base, '--timeout', '-1'], "--timeout must be a positive number of seconds, got '-1'"],
    [[...base, '--trust', 'nope'], "--trust expects a SHA256:… fingerprint as ssh-keygen -lf prints it, got 'nope'"],
    [['img', '--env=', '--node', 'n1'], '--env NAME is required'],
    [['img', '--env', 'e', '--node', 'n 1', '--config', config], 'invalid node'],
    [['img', '--env', 'zz', '--node', 'n1', '--config', config], "'zz'"],
    [[...base, '--recipe', 'nowhere', '--config', config], 'no recipe folder'],
  ];
  for (const [args, message] of cases) {
    const r = await run(['install', ...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.ok(r.err.startsWith('ays-recipes install: ') && r.err.includes(message), `${args.join(' ')}: ${r.err}`);
  }
});

test('images and availability: bad input is exit 2 with one message, before any portal call', async () => {
  const cases: Array<[string[], string]> = [
    [['images', 'x'], 'images: unexpected argument x'],
    [['images', '--env'], 'images: --env needs a value'],
    [['images', '--nope=2'], 'images: unknown option --nope=2'],
    [['images', '--insecure=1'], 'images: unknown option --insecure=1'],
    [['images', '--env', 'p', '--config', config, '--format', 'xml'], 'images: --format must be text or json'],
    [
      ['images', '--env', 'p', '--config', config, '--timeout', 'soon'],
      "--timeout must be a positive number, got 'soon'",
    ],
    [
      ['images', '--env', 'p', '--config', config, '--max-response-mb', '0'],
      "--max-response-mb must be a positive number, got '0'",
    ],
    [['images', '--env=', '--config', config], '--env NAME is required'],
    [['images', '--env', 'p', '--yes'], 'images: unknown option --yes'],
    [['availability'], 'availability: give one numeric IMAGE_ID'],
    [['availability', 'x', '--nodes', 'a'], 'availability: give one numeric IMAGE_ID'],
    [['availability', '12'], 'availability: --nodes a,b,c is required'],
    [['availability', '12', '--nodes'], 'availability: --nodes needs a value'],
    [['availability', '12', '--nodes', 'a', '--format', 'json'], 'availability: unknown option --format'],
  ];
  for (const [args, message] of cases) {
    const r = await run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.ok(r.err.includes(message), `${args.join(' ')}: ${r.err}`);
  }
  // a valid command line gets past the options: the environment without a portal is exit 1
  const r = await run(['availability', '12', '--nodes=', '--yes', '--env', 'e', '--config', config]);
  assert.equal(r.code, 1);
  assert.match(r.err, /environment 'e' has no "portal" settings/);
});
