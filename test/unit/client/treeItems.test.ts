/** The rows of the AYS Images view (client/src/tree/treeItems.ts): label, description, icon, context value. */
import './vscodeStub'; // first: require('vscode') gets the stub
import type { ThemeIcon, TreeItemCollapsibleState } from './vscodeStub';
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { toTreeItem } from '../../../client/src/tree/treeItems';
import type { TreeNode } from '../../../client/src/tree/treeNodes';

const env = {
  name: 'sandbox',
  ovcGit: { host: '127.0.0.1', port: 2222, user: 'root' },
  repoPath: '/opt/code/env',
  portal: { url: 'https://portal.example:8443/', auth: 'password' },
} as never;
const run = (exitCode: number | null, extra: object = {}) =>
  ({
    kind: 'run',
    env,
    run: {
      id: 'r1',
      time: new Date(Date.now() - 90_000).toISOString(),
      environment: 'sandbox',
      node: 'n1',
      image: 'image_x',
      kind: 'install',
      exitCode,
      durationMs: 4321,
      ...extra,
    },
  }) as TreeNode;

/** [what, node, label, description, icon, context value, collapsible] */
const CASES: Array<[string, TreeNode, string, string | undefined, string, string, TreeItemCollapsibleState]> = [
  ['environment', { kind: 'env', env } as TreeNode, 'sandbox', 'portal.example:8443', 'cloud', 'aysEnv', 2],
  ['run ok', run(0), 'install image_x', 'ok · 2m ago · 4.3 s', 'pass', 'aysRun', 0],
  [
    'run failed',
    run(1, { outcome: 'key-error' }),
    'install image_x',
    'key-error · 2m ago · 4.3 s',
    'error',
    'aysRun',
    0,
  ],
  ['run without exit status', run(null), 'install image_x', 'exit – · 2m ago · 4.3 s', 'error', 'aysRun', 0],
  ['run with a log', run(0, { logPath: '/l' }), 'install image_x', 'ok · 2m ago · 4.3 s', 'pass', 'aysRun-log', 0],
  [
    'available on a node',
    {
      kind: 'nodeRef',
      env,
      ref: { stackId: 3, stackName: 's3', node: 'n3', status: 'ENABLED' },
      available: true,
      imageId: 1,
    },
    'n3',
    'available · ENABLED',
    'check',
    'aysNodeRefAvailable',
    0,
  ],
  [
    'not available on a stack without a node',
    { kind: 'nodeRef', env, ref: { stackId: 4, stackName: 's4', status: 'ENABLED' }, available: false, imageId: 1 },
    's4',
    'not available',
    'circle-slash',
    'aysNodeRefMissing',
    0,
  ],
  [
    'message',
    { kind: 'message', id: 'm', text: 'The portal cannot be reached', detail: 'ECONNREFUSED', severity: 'error' },
    'The portal cannot be reached',
    'ECONNREFUSED',
    'error',
    'aysMessage',
    0,
  ],
  ['history', { kind: 'history', env, node: 'n1' } as TreeNode, 'History', undefined, 'history', 'aysHistory', 1],
];

for (const [what, node, label, description, icon, context, collapsible] of CASES) {
  test(`tree row: ${what}`, () => {
    const item = toTreeItem(node);
    assert.equal(item.label, label);
    assert.equal(item.description, description);
    assert.equal((item.iconPath as ThemeIcon).id, icon);
    assert.equal(item.contextValue, context);
    assert.equal(item.collapsibleState, collapsible);
    assert.ok(item.id, 'every row has a stable id');
  });
}

test('a run with a log opens it on click', () => {
  const item = toTreeItem(run(0, { logPath: '/l' }));
  assert.equal(item.command?.command, 'aysRecipes.history.openLog');
});
