import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryStore, RunRecord } from '../../../common/install/HistoryStore';
import { CommandExecutor, InstallRunner, RunEvent } from '../../../common/install/InstallRunner';
import { ExecOptions, ExecResult } from '../../../common/ssh/remoteExec';

const REQ = { environment: 'env', repoPath: '/opt/env', domain: 'env', image: 'image_x', kind: 'install' as const };

/** A fake remote: commands run for `ms`, output a line, exit with `code(cmd)`; records concurrency. */
function fakeExec(
  o: { ms?: number | ((cmd: string) => number); code?: (cmd: string) => number; output?: (cmd: string) => string } = {},
) {
  const calls: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const exec: CommandExecutor = (cmd: string, opts: ExecOptions) =>
    new Promise<ExecResult>((resolve) => {
      calls.push(cmd);
      running++;
      maxRunning = Math.max(maxRunning, running);
      opts.onStdout?.(o.output ? o.output(cmd) : `running ${cmd.split(' ').pop()}\n`);
      const ms = typeof o.ms === 'function' ? o.ms(cmd) : (o.ms ?? 20);
      const t = setTimeout(() => {
        running--;
        resolve({ exitCode: o.code ? o.code(cmd) : 0, durationMs: ms });
      }, ms);
      opts.signal?.addEventListener('abort', () => {
        clearTimeout(t);
        running--;
        resolve({ exitCode: null, error: { code: 'cancelled', message: 'cancelled' }, durationMs: 1 });
      });
    });
  return { exec, calls, max: () => maxRunning };
}

describe('InstallRunner', () => {
  it('fans out at the concurrency limit, after one pull', async () => {
    const f = fakeExec({ ms: 30 });
    const events: RunEvent[] = [];
    const r = await new InstallRunner(f.exec, { onEvent: (e) => events.push(e) }).run({
      ...REQ,
      nodes: ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'],
      concurrency: 2,
    });
    assert.equal(r.ok, true);
    assert.equal(f.calls.length, 7);
    assert.match(f.calls[0], /git pull --ff-only'$/);
    assert.equal(f.max(), 2);
    assert.deepEqual(
      r.results.map((x) => x.node),
      ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'],
    );
    assert.equal(events.filter((e) => e.type === 'step-start').length, 7);
    assert.ok(events.some((e) => e.type === 'output' && e.node === 'n3'));
    assert.ok(r.results.every((x) => x.record && x.record.exitCode === 0 && x.record.outcome === 'ok'));
  });

  it('default concurrency is 4', async () => {
    const f = fakeExec({ ms: 30 });
    await new InstallRunner(f.exec).run({ ...REQ, nodes: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] });
    assert.equal(f.max(), 4);
  });

  it('a failing node fails the run and is parsed', async () => {
    const f = fakeExec({
      code: (c) => (c.includes("'bad'") ? 1 : 0),
      output: (c) => (c.includes("'bad'") ? "[1.2.3.4:22] out: KeyError: 'source'\n" : 'ok\n'),
    });
    const r = await new InstallRunner(f.exec).run({ ...REQ, nodes: ['good', 'bad'] });
    assert.equal(r.ok, false);
    const bad = r.results.find((x) => x.node === 'bad')!;
    assert.equal(bad.failures[0].kind, 'missing-export-key');
    assert.equal(bad.record!.outcome, 'missing-export-key');
    assert.equal(r.results.find((x) => x.node === 'good')!.ok, true);
  });

  it('a failed pull skips every node', async () => {
    const f = fakeExec({
      code: (c) => (c.endsWith("git pull --ff-only'") ? 1 : 0),
      output: () => 'fatal: Not possible to fast-forward, aborting.\n',
    });
    const r = await new InstallRunner(f.exec).run({ ...REQ, nodes: ['a', 'b'] });
    assert.equal(r.ok, false);
    assert.equal(f.calls.length, 1);
    assert.ok(r.results.every((x) => x.skipped && x.failures[0].kind === 'git-pull-failed'));
  });

  it('cancel-all stops running nodes and skips queued ones', async () => {
    const f = fakeExec({ ms: (c) => (c.endsWith("--ff-only'") ? 10 : 5000) });
    const ac = new AbortController();
    const runner = new InstallRunner(f.exec, {
      onEvent: (e) => {
        if (e.type === 'step-start' && e.node === 'b') setTimeout(() => ac.abort(), 10);
      },
    });
    const t0 = Date.now();
    const r = await runner.run({ ...REQ, nodes: ['a', 'b', 'c', 'd'], concurrency: 2, signal: ac.signal });
    assert.ok(Date.now() - t0 < 2000);
    assert.equal(r.cancelled, true);
    assert.equal(r.ok, false);
    assert.ok(r.results.every((x) => x.error?.code === 'cancelled'));
    assert.equal(f.calls.length, 3, 'pull + a + b, c and d never ran');
  });

  it('cancelNode cancels one node only', async () => {
    const f = fakeExec({ ms: 200 });
    const runner = new InstallRunner(f.exec, {
      onEvent: (e) => {
        if (e.type === 'step-start' && e.node === 'b') setTimeout(() => runner.cancelNode('b'), 10);
      },
    });
    const r = await runner.run({ ...REQ, nodes: ['a', 'b'] });
    assert.equal(r.results[0].ok, true);
    assert.equal(r.results[1].error?.code, 'cancelled');
  });

  it('hostile names: nothing runs', async () => {
    for (const bad of ['n;reboot', 'n$(id)', 'n`id`', "n'", 'n"', 'a\nb', 'a b']) {
      const f = fakeExec();
      const r = await new InstallRunner(f.exec).run({ ...REQ, nodes: ['ok', bad] });
      assert.equal(r.ok, false);
      assert.equal(f.calls.length, 0, JSON.stringify(bad));
      const g = fakeExec();
      await new InstallRunner(g.exec).run({ ...REQ, image: bad, nodes: ['ok'] });
      assert.equal(g.calls.length, 0);
    }
  });

  it('writes history (capped, newest first) and logs', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'ays-hist-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const history = new HistoryStore(join(dir, 'history.json'), 5);
    const f = fakeExec();
    for (let i = 0; i < 3; i++)
      await new InstallRunner(f.exec, { history, logDir: join(dir, 'logs') }).run({
        ...REQ,
        nodes: ['a', 'b'],
        commit: 'abc123',
      });
    const list = history.list();
    assert.equal(list.length, 5);
    assert.equal(list[0].commit, 'abc123');
    assert.ok(list[0].logPath && readFileSync(list[0].logPath, 'utf8').includes('ays install'));
    assert.equal(history.list({ node: 'a' }).length, 2);
    const rec: RunRecord = {
      id: 'x',
      time: new Date().toISOString(),
      environment: 'e',
      node: 'z',
      image: 'i',
      kind: 'reinstall',
      exitCode: 1,
      durationMs: 5,
    };
    history.add(rec);
    assert.equal(history.list()[0].id, 'x');
  });
});
