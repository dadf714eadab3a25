import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  buildDiscoverImagesCommand,
  buildDiscoverNodesCommand,
  buildInstallCommand,
  buildPullCommand,
  inLoginShell,
  instanceDir,
  parseDiscoveredImages,
  parseDiscoveredNodes,
} from '../../../common/install/commands';
import { shQuote } from '../../../common/names';
import { planInstall } from '../../../common/install/InstallRunner';

const T = {
  repoPath: '/opt/code/github/gig-projects/env-demo',
  domain: 'env-demo',
  image: 'image_ubuntu-2204',
  node: 'demo-cpu-01',
};
const R = "cd '/opt/code/github/gig-projects/env-demo'";
/** The command as run on ovc_git: in a login shell, quoted once more as one argument. */
const L = (inner: string) => `bash -lc ${shQuote(inner)}`;
/** The words a POSIX shell makes of `command` (no command runs: `set --` only splits and unquotes). */
const words = (command: string) =>
  execFileSync('/bin/sh', ['-c', `set -- ${command}; printf '%s\\0' "$@"`], { encoding: 'utf8' })
    .split('\0')
    .slice(0, -1);

describe('buildInstallCommand', () => {
  it('install', () => {
    const b = buildInstallCommand('install', T);
    assert.deepEqual(b, {
      ok: true,
      command: L(
        `${R} && git pull --ff-only && cd servicetemplates && ays install -n 'image_ubuntu-2204' --targettype node.ssh --targetname 'demo-cpu-01'`,
      ),
    });
  });
  it('reinstall adds -r', () => {
    const b = buildInstallCommand('reinstall', T);
    assert.ok(b.ok);
    assert.equal(
      b.command,
      L(
        `${R} && git pull --ff-only && cd servicetemplates && ays install -r -n 'image_ubuntu-2204' --targettype node.ssh --targetname 'demo-cpu-01'`,
      ),
    );
  });
  it('clean reinstall removes the stale instance first (§3.4)', () => {
    const b = buildInstallCommand('clean-reinstall', T);
    assert.ok(b.ok);
    assert.equal(
      b.command,
      L(
        `${R} && git pull --ff-only && rm -rf -- '/opt/code/github/gig-projects/env-demo/services/jumpscale__node.ssh__demo-cpu-01/env-demo__image_ubuntu-2204__main' && cd servicetemplates && ays install -r -n 'image_ubuntu-2204' --targettype node.ssh --targetname 'demo-cpu-01'`,
      ),
    );
    assert.equal(
      instanceDir(T),
      '/opt/code/github/gig-projects/env-demo/services/jumpscale__node.ssh__demo-cpu-01/env-demo__image_ubuntu-2204__main',
    );
  });
  it('without the pull (fan-out)', () => {
    const b = buildInstallCommand('install', T, { pull: false });
    assert.ok(b.ok);
    assert.ok(!b.command.includes('git pull'));
  });
  it('runs in a login shell: the remote shell sees exactly bash, -lc and the inner command (quoting proof)', () => {
    for (const kind of ['install', 'reinstall', 'clean-reinstall'] as const) {
      const b = buildInstallCommand(kind, T);
      assert.ok(b.ok);
      const w = words(b.command);
      assert.equal(w.length, 3, JSON.stringify(w));
      assert.deepEqual(w.slice(0, 2), ['bash', '-lc']);
      assert.ok(w[2].startsWith(`${R} && git pull --ff-only && `), w[2]);
      // The inner command's own words: every value one single-quoted word.
      assert.ok(words(w[2].replace(/&&/g, ';').replace(/;/g, ' ')).includes('image_ubuntu-2204'));
    }
    assert.equal(inLoginShell("echo 'a b'"), `bash -lc 'echo '\\''a b'\\'''`);
    assert.deepEqual(words(inLoginShell("echo 'a b'; x")), ['bash', '-lc', "echo 'a b'; x"]);
  });
  it('rejects hostile values and builds nothing', () => {
    for (const bad of [
      { node: 'n;reboot' },
      { node: 'n$(id)' },
      { image: 'i`id`' },
      { image: "i'x" },
      { node: 'a b' },
      { node: 'a\nb' },
      { domain: 'd;x' },
      { repoPath: '/opt/x;rm -rf /' },
      { repoPath: 'rel/path' },
    ]) {
      for (const kind of ['install', 'reinstall', 'clean-reinstall'] as const) {
        const b = buildInstallCommand(kind, { ...T, ...bad });
        assert.equal(b.ok, false, JSON.stringify(bad));
        assert.ok(!('command' in b));
      }
    }
  });
});

describe('planInstall', () => {
  it('one node: one combined command', () => {
    const p = planInstall({ ...T, nodes: ['demo-cpu-01'], kind: 'install' });
    assert.ok(p.ok);
    assert.equal(p.steps.length, 1);
    assert.equal(p.steps[0].node, 'demo-cpu-01');
    assert.match(p.steps[0].command, /git pull --ff-only/);
  });
  it('several nodes: one pull, then the nodes (no concurrent git pulls in one checkout)', () => {
    const p = planInstall({ ...T, nodes: ['a', 'b', 'a'], kind: 'reinstall' });
    assert.ok(p.ok);
    assert.deepEqual(
      p.steps.map((s) => s.node),
      [null, 'a', 'b'],
    );
    assert.equal(p.steps[0].command, L(`${R} && git pull --ff-only`));
    assert.ok(p.steps.slice(1).every((s) => !s.command.includes('git pull')));
  });
  it('any invalid node fails the whole plan', () => {
    const p = planInstall({ ...T, nodes: ['ok', 'x;y'], kind: 'install' });
    assert.equal(p.ok, false);
  });
  it('no nodes is an error', () => {
    assert.equal(planInstall({ ...T, nodes: [], kind: 'install' }).ok, false);
  });
});

describe('discovery', () => {
  it('lists node.ssh services without side effects', () => {
    const b = buildDiscoverNodesCommand(T.repoPath);
    assert.deepEqual(b, {
      ok: true,
      command: "ls -d '/opt/code/github/gig-projects/env-demo'/services/*__node.ssh__*",
    });
    assert.ok(!/ays/.test(b.ok ? b.command : ''));
    assert.deepEqual(buildPullCommand('/x;y').ok, false);
  });
  it('parses nodes, ignoring junk', () => {
    const out = [
      '/opt/code/github/gig-projects/env-demo/services/jumpscale__node.ssh__demo-cpu-02',
      '/opt/code/github/gig-projects/env-demo/services/jumpscale__node.ssh__demo-cpu-01/',
      '/opt/code/github/gig-projects/env-demo/services/jumpscale__node.ssh__bad name',
      'ls: cannot access …: No such file or directory',
    ].join('\n');
    assert.deepEqual(parseDiscoveredNodes(out), ['demo-cpu-01', 'demo-cpu-02']);
  });
  it('parses image instances per node', () => {
    assert.ok(buildDiscoverImagesCommand(T.repoPath).ok);
    const out =
      '/r/services/jumpscale__node.ssh__n1/env-demo__image_ubuntu-2204__main\n/r/services/jumpscale__node.ssh__n2/openvcloud__image_windows-2019__main\n';
    assert.deepEqual(parseDiscoveredImages(out), [
      { node: 'n1', domain: 'env-demo', image: 'image_ubuntu-2204', instance: 'main' },
      { node: 'n2', domain: 'openvcloud', image: 'image_windows-2019', instance: 'main' },
    ]);
  });
});
