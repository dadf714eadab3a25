/** Issue 10 items 2 and 6: the actions.py line-start regexes are linear; code actions do not compare every pair. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { classFindings } from '../../../server/src/service/python/classRules';
import type { ActionsModel } from '../../../server/src/service/python/actionsModel';
import { findPy3Only } from '../../../server/src/service/python/py3Only';
import { RULES } from '../../../server/src/service/ruleRegistry';
import { diagnosticMaker } from '../../../server/src/service/rules/ruleDiagnostics';
import { quickFixes } from '../../../server/src/service/rules/codeActions';
import { cpuMs } from '../cpuTime';

const makeDiagnostic = diagnosticMaker(RULES);

const time = cpuMs;

/** A model with `class Actions(ActionsBase)` and no binding: classRules then tests its line-start regexes on the text. */
const model = {
  classes: [
    {
      name: 'Actions',
      bases: [{ text: 'ActionsBase', range: { start: { line: 0, character: 14 }, end: { line: 0, character: 25 } } }],
      methods: [],
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 27 } },
      nameRange: { start: { line: 0, character: 6 }, end: { line: 0, character: 13 } },
    },
  ],
  syntax: [],
  actionsBase: [],
  jPackages: [],
  registerCalls: [],
  lineCount: 1,
} as unknown as ActionsModel;

test('item 2: line-start regexes on 10,000 / 40,000 blank lines: well under 50 ms, linear', () => {
  for (const blank of ['\n', '   \n', '\t\n']) {
    const small = 'class Actions(ActionsBase):\n' + blank.repeat(10_000);
    const large = 'class Actions(ActionsBase):\n' + blank.repeat(40_000);
    classFindings(model, small, []); // warm-up
    const ms10 = time(() => {
      classFindings(model, small, []);
      findPy3Only(new Map(), small);
    });
    const ms40 = time(() => {
      classFindings(model, large, []);
      findPy3Only(new Map(), large);
    });
    assert.ok(ms10 < 50, `${JSON.stringify(blank)} x 10,000: ${ms10.toFixed(1)} ms`);
    assert.ok(ms40 < 200, `${JSON.stringify(blank)} x 40,000: ${ms40.toFixed(1)} ms`);
  }
});

test('item 2: the regexes still find what they are for', () => {
  const text = 'from JumpScale import j\n\n  from x import *\n';
  assert.ok(
    !classFindings(model, text, []).some((f) => f.code === 'actions-base'),
    'star import counts as a definition',
  );
  const missing = classFindings(model, 'class Actions(ActionsBase):\n    pass\n', []);
  assert.ok(missing.some((f) => f.code === 'actions-base'));
});

function fixCase(n: number): { sent: Diagnostic[]; current: Diagnostic[] } {
  const current: Diagnostic[] = [];
  const sent: Diagnostic[] = [];
  for (let i = 0; i < n; i++) {
    const r = { start: { line: i, character: 0 }, end: { line: i, character: 3 } };
    current.push(
      makeDiagnostic('hrd-ignored-line', r, 'x', { fixes: [{ title: 'Fix it', edits: [{ range: r, newText: '' }] }] }),
    );
    sent.push({ range: r, message: 'x', code: 'hrd-ignored-line', source: 'ays' }); // a client that drops `data`
  }
  return { sent, current };
}

test('item 6: code actions for n sent diagnostics against n current ones scale linearly (no O(n·m) lookup)', () => {
  const whole = { start: { line: 0, character: 0 }, end: { line: 25_000, character: 0 } };
  const run = (n: number) => {
    const { sent, current } = fixCase(n);
    let found = 0;
    const ms = time(() => {
      found = quickFixes('file:///w/service.hrd', whole, sent, current).length;
    });
    assert.equal(found, n);
    return ms;
  };
  run(2_000); // warm-up
  const ms5 = Math.min(run(5_000), run(5_000));
  const ms25 = Math.min(run(25_000), run(25_000));
  // linear: ~5x; the old pairwise lookup: ~25x (57 s for a 25k-line document)
  assert.ok(ms25 < 12 * ms5 + 50, `5,000: ${ms5.toFixed(0)} ms, 25,000: ${ms25.toFixed(0)} ms`);
});
