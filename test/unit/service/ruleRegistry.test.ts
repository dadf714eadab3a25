/** The rule registry: every family's rules are registered, with the scope of the file kind whose checks run them. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ACTIONS_CHECKS, HRD_CHECKS, RECIPE_CHECKS, RULES, ruleInfo } from '../../../server/src/service/ruleRegistry';
import { HRD_EVENT_RULES } from '../../../server/src/service/recipe/hrdRules';

const CASES: Array<[string, ReadonlyArray<{ rules: ReadonlyArray<{ code: string; scope: string }> }>, string]> = [
  ['HRD_CHECKS', HRD_CHECKS, 'hrd'],
  ['RECIPE_CHECKS', RECIPE_CHECKS, 'recipe'],
  ['ACTIONS_CHECKS', ACTIONS_CHECKS, 'actions'],
];

for (const [name, families, scope] of CASES) {
  test(`${name}: every rule is registered, with scope ${scope}`, () => {
    for (const f of families) {
      assert.ok(f.rules.length > 0, name);
      for (const r of f.rules) {
        assert.equal(ruleInfo(r.code), r, `${r.code} is in RULES`);
        assert.equal(r.scope, scope, r.code);
      }
    }
  });
}

test('a code belongs to one family of checks', () => {
  const seen = new Map<string, number>();
  for (const f of [...HRD_CHECKS, ...RECIPE_CHECKS, ...ACTIONS_CHECKS])
    for (const r of f.rules) seen.set(r.code, (seen.get(r.code) ?? 0) + 1);
  for (const [code, n] of seen) assert.equal(n, 1, code);
});

test('a loss-event kind is reported by one hrd rule at most', () => {
  const kinds = new Map<string, string>();
  for (const r of HRD_EVENT_RULES) {
    for (const k of Object.keys(r.on ?? {})) {
      assert.ok(!kinds.has(k), `${k}: ${kinds.get(k)} and ${r.code}`);
      kinds.set(k, r.code);
    }
  }
});

test('every rule has a description and a known severity', () => {
  for (const r of RULES) {
    assert.ok(r.description.length > 10, r.code);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(r.severity), r.code);
  }
});
