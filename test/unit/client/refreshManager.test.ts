/** The images view refreshes only while visible (client/src/tree/RefreshManager.ts), with fake timers. */
import './vscodeStub'; // first: require('vscode') gets the stub
import { EventEmitter } from './vscodeStub';
import { strict as assert } from 'node:assert';
import { afterEach, beforeEach, mock, test } from 'node:test';
import type * as vscode from 'vscode';
import { RefreshManager } from '../../../client/src/tree/RefreshManager';

function view(visible: boolean) {
  const changed = new EventEmitter<{ visible: boolean }>();
  const v = { visible, onDidChangeVisibility: changed.event };
  return {
    view: v as unknown as vscode.TreeView<unknown>,
    show(on: boolean) {
      v.visible = on;
      changed.fire({ visible: on });
    },
  };
}

beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'setInterval'] }));
afterEach(() => mock.timers.reset());

test('requests are debounced: three quick requests make one refresh', () => {
  const v = view(true);
  let n = 0;
  const m = new RefreshManager(
    v.view,
    () => n++,
    () => 0,
    500,
  );
  m.request();
  mock.timers.tick(200);
  m.request();
  m.request();
  mock.timers.tick(499);
  assert.equal(n, 0);
  mock.timers.tick(1);
  assert.equal(n, 1);
  m.dispose();
});

test('a request while hidden refreshes once when the view is shown again, not before', () => {
  const v = view(false);
  let n = 0;
  const m = new RefreshManager(
    v.view,
    () => n++,
    () => 0,
  );
  m.request();
  m.request();
  mock.timers.tick(5000);
  assert.equal(n, 0);
  v.show(true);
  assert.equal(n, 1);
  v.show(false);
  v.show(true);
  assert.equal(n, 1, 'nothing happened while hidden the second time');
  m.dispose();
});

test('the interval runs only while visible, and follows the setting (0 = never)', () => {
  const v = view(true);
  let n = 0;
  let seconds = 60;
  const m = new RefreshManager(
    v.view,
    () => n++,
    () => seconds,
  );
  mock.timers.tick(180_000);
  assert.equal(n, 3);
  v.show(false);
  mock.timers.tick(180_000);
  assert.equal(n, 3, 'hidden: no refresh');
  seconds = 0;
  v.show(true);
  mock.timers.tick(180_000);
  assert.equal(n, 3, '0 = never');
  seconds = 10;
  m.schedule();
  mock.timers.tick(30_000);
  assert.equal(n, 6);
  m.dispose();
  mock.timers.tick(30_000);
  assert.equal(n, 6, 'disposed: no timer left');
});
