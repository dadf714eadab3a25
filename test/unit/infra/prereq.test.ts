/**
 * The prerequisite step of `npm start` / `npm test` (scripts/prereq.mjs) on a machine that lacks a
 * Debian package: a clear message with the exact apt-get command, exit code 1, no stack trace and
 * nothing left in the temp folder; as root it installs the package with apt-get, showing progress.
 */
import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ays-prereq-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A PATH with the real commands the step probes, minus `without`, plus optional shims. */
function fakePath(name: string, without: string[], shims: Record<string, string> = {}): string {
  const bin = join(dir, name);
  mkdirSync(bin, { recursive: true });
  const tools = [
    'node',
    'sh',
    'bash',
    'ssh',
    'ssh-keygen',
    'rg',
    'git',
    'python3',
    'openssl',
    'unzip',
    'chromium',
    'strace',
    'tail',
    'cat',
  ];
  for (const t of tools.filter((x) => !without.includes(x))) {
    const real = process.env
      .PATH!.split(delimiter)
      .map((d) => join(d, t))
      .find((p) => existsSync(p));
    if (real) symlinkSync(real, join(bin, t));
  }
  for (const [n, body] of Object.entries(shims)) {
    writeFileSync(join(bin, n), body);
    chmodSync(join(bin, n), 0o755);
  }
  return bin;
}

function run(script: string[], env: Record<string, string>) {
  const tmp = mkdtempSync(join(dir, 'tmp-'));
  const r = spawnSync(process.execPath, script, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: tmp, ...env },
    timeout: 60000,
  });
  const left = readdirSync(tmp);
  return { ...r, out: r.stdout + r.stderr, left };
}

describe('prerequisite step', () => {
  it('without ripgrep and sshd (no install allowed): the exact apt-get command, exit 1, no stack, nothing left', () => {
    const r = run(['scripts/prereq.mjs'], {
      PATH: fakePath('no-rg', ['rg']),
      AYS_PREREQ_ROOT: join(dir, 'empty-root'),
      AYS_PREREQ_NO_INSTALL: '1',
    });
    assert.equal(r.status, 1, r.out);
    assert.match(r.stderr, /missing Debian packages/);
    assert.match(r.stderr, /apt-get install -y openssh-server ripgrep libkrb5-dev\n/);
    assert.doesNotMatch(r.out, /\n\s+at .+:\d+:\d+/, 'no stack trace');
    assert.deepEqual(r.left, []);
  });

  for (const [cmd, args] of [
    ['npm start', ['scripts/start.mjs']],
    ['npm test', ['scripts/test.mjs', '--only=grammar']],
  ] as const) {
    it(`${cmd} stops at the step before building or starting anything`, () => {
      const r = run([...args], {
        PATH: fakePath(`no-rg-${args[0].length}`, ['rg']),
        AYS_PREREQ_NO_INSTALL: '1',
        AYS_FORCE_CODE_SERVER: '1',
      });
      assert.equal(r.status, 1, r.out);
      assert.match(r.stderr, /prereq: missing Debian packages:\n\s+ripgrep\s+for rg/);
      assert.doesNotMatch(r.out, /\n\s+at .+:\d+:\d+/, 'no stack trace');
      assert.doesNotMatch(r.out, /built dist|sandbox/i);
      assert.deepEqual(r.left, []);
    });
  }

  it(
    'as root with apt-get: installs the missing package, showing the apt-get commands',
    { skip: process.getuid?.() !== 0 && 'needs root' },
    () => {
      const log = join(dir, 'apt.log');
      const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
      const bin = fakePath('apt', ['rg'], {
        // a stand-in apt-get: records its arguments and "installs" rg into this PATH
        'apt-get': `#!/bin/sh\necho "apt-get $*" >> ${log}\necho "Setting up fake package"\ncase "$1" in install) /bin/ln -s ${rg} ${join(dir, 'apt', 'rg')};; esac\n`,
      });
      const r = run(['scripts/prereq.mjs', '--packages-only'], { PATH: bin });
      assert.equal(r.status, 0, r.out);
      assert.match(r.stdout, /installing Debian packages[^\n]*\n\s+ripgrep\s+for rg/);
      assert.match(r.stdout, /Setting up fake package/);
      assert.equal(readFileSync(log, 'utf8'), 'apt-get update -q\napt-get install -y -q ripgrep\n');
      assert.match(r.stdout, /prereq: ok/);
      assert.deepEqual(r.left, []);
    },
  );
});
