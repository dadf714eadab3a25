/** The run terminal (client/src/install/RunTerminal.ts) and its reuse (TerminalRegistry.ts): the output as shown. */
import './vscodeStub'; // first: require('vscode') gets the stub
import { fake } from './vscodeStub';
import { strict as assert } from 'node:assert';
import { beforeEach, test } from 'node:test';
import { RunTerminal, runTerminalName } from '../../../client/src/install/RunTerminal';
import { TerminalRegistry } from '../../../client/src/install/TerminalRegistry';

/** What the terminal shows once opened (everything it wrote, in order). */
function screen(t: RunTerminal): string[] {
  const out: string[] = [];
  t.onDidWrite((s) => out.push(s));
  t.open();
  return out;
}

beforeEach(() => fake.reset());

test('terminal names: recipe without image_, the node or the number of nodes, the result', () => {
  const cases: Array<[string, string[], Parameters<typeof runTerminalName>[2], string]> = [
    ['image_ubuntu-2204', ['demo-cpu-01'], 'running', 'ubuntu-2204 · demo-cpu-01 · running…'],
    ['image_ubuntu-2204', ['a', 'b', 'c'], 'ok', 'ubuntu-2204 · 3 nodes · ✓ done'],
    ['windows', ['n1'], 'failed', 'windows · n1 · ✗ failed'],
    ['image_x', ['n1'], 'cancelled', 'x · n1 · ✗ cancelled'],
  ];
  for (const [image, nodes, result, name] of cases) assert.equal(runTerminalName(image, nodes, result), name);
});

test('output written before the terminal opens is shown once it opens, in order', () => {
  const t = new RunTerminal('image_x', ['n1'], () => {}, false);
  assert.equal(fake.terminals[0].name, 'x · n1 · running…');
  t.info('$ ays install -n image_x');
  t.output('n1', 'line 1\n', 'stdout');
  assert.deepEqual(screen(t), ['\x1b[1m$ ays install -n image_x\x1b[0m\r\n', 'line 1\r\n']);
});

test('remote output: lines split across chunks are joined, CRLF becomes one line end, stderr is yellow', () => {
  const t = new RunTerminal('image_x', ['n1'], () => {}, false);
  const out = screen(t);
  t.output('n1', 'first part', 'stdout');
  assert.deepEqual(out, [], 'a partial line waits for its end');
  t.output('n1', ' and the rest\r\nsecond\n', 'stdout');
  t.output('n1', 'warning\n', 'stderr');
  t.output('n1', 'no newline', 'stdout');
  t.flush('n1');
  assert.deepEqual(out, ['first part and the rest\r\n', 'second\r\n', '\x1b[33mwarning\x1b[0m\r\n', 'no newline\r\n']);
});

test('several nodes: each line is prefixed with its node in a color of its own; git pull has its own label', () => {
  const t = new RunTerminal('image_x', ['a', 'b'], () => {}, true);
  const out = screen(t);
  t.output('a', 'from a\n', 'stdout');
  t.output('b', 'from b\n', 'stdout');
  t.output(null, 'Already up to date.\n', 'stdout');
  t.output('a', 'again a\n', 'stdout');
  assert.deepEqual(out, [
    '\x1b[36m[a]\x1b[0m from a\r\n',
    '\x1b[35m[b]\x1b[0m from b\r\n',
    '\x1b[33m[git pull]\x1b[0m Already up to date.\r\n',
    '\x1b[36m[a]\x1b[0m again a\r\n',
  ]);
});

test('closing the terminal during a run cancels it; after the run it only marks the terminal closed', () => {
  let cancels = 0;
  const running = new RunTerminal('image_x', ['n1'], () => cancels++, false);
  running.close();
  assert.equal(cancels, 1);
  assert.equal(running.closed, true);
  const done = new RunTerminal('image_x', ['n1'], () => cancels++, false);
  done.finish(0);
  done.close();
  assert.equal(cancels, 1);
});

test('finish renames the terminal with the result', () => {
  const names: string[] = [];
  const t = new RunTerminal('image_x', ['n1'], () => {}, false);
  t.onDidChangeName((n) => names.push(n));
  t.finish(0);
  t.reuse('image_y', ['n1'], () => {}, false);
  t.finish(1);
  t.reuse('image_y', ['n1'], () => {}, false);
  t.finish(130, true);
  assert.deepEqual(names, [
    'x · n1 · ✓ done',
    'y · n1 · running…',
    'y · n1 · ✗ failed',
    'y · n1 · running…',
    'y · n1 · ✗ cancelled',
  ]);
});

test('TerminalRegistry reuses the finished terminal of the same environment and nodes, never a running or closed one', () => {
  const reg = new TerminalRegistry();
  const first = reg.acquire('env', 'image_x', ['b', 'a'], () => {});
  assert.equal(reg.acquire('env', 'image_x', ['a', 'b'], () => {}) === first, false, 'still running: a new one');
  const second = reg.acquire('env', 'image_x', ['a', 'b'], () => {});
  second.finish(0);
  assert.equal(
    reg.acquire('env', 'image_y', ['b', 'a'], () => {}),
    second,
    'same nodes in any order: reused',
  );
  second.finish(0);
  assert.notEqual(
    reg.acquire('other', 'image_y', ['a', 'b'], () => {}),
    second,
    'another environment',
  );
  second.close();
  assert.notEqual(
    reg.acquire('env', 'image_y', ['a', 'b'], () => {}),
    second,
    'closed by the user',
  );
  reg.dispose();
});
