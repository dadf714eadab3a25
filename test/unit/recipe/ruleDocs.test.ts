/** docs/rules.md and the rule registry list the same codes, with the same default severity. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../../server/src/service/ruleRegistry';

const doc = readFileSync(join(__dirname, '../../../../docs/rules.md'), 'utf8');
const sections = new Map<string, string>();
for (const part of doc.split(/^### /m).slice(1)) {
  const m = /^`([^`]+)`\n([\s\S]*)$/.exec(part);
  if (m) sections.set(m[1], m[2]);
}

test('every catalog code is documented in docs/rules.md', () => {
  for (const r of RULES) assert.ok(sections.has(r.code), `${r.code} is not documented in docs/rules.md`);
});

test('every documented code exists in the catalog', () => {
  const codes = new Set(RULES.map((r) => r.code));
  for (const c of sections.keys())
    assert.ok(
      codes.has(c),
      `docs/rules.md documents ${c}, which is not in the rule registry (server/src/service/ruleRegistry.ts)`,
    );
});

test('each section gives the default severity, an example and the fix', () => {
  for (const r of RULES) {
    const body = sections.get(r.code) ?? '';
    const sev = /\*\*Severity:\*\* (\w+)/.exec(body);
    assert.equal(sev?.[1], r.severity, `${r.code}: severity in the doc`);
    assert.match(body, /\*\*Example:\*\*/, r.code);
    assert.match(body, /\*\*Fix:\*\*/, r.code);
  }
});

test('codes are unique', () => {
  assert.equal(new Set(RULES.map((r) => r.code)).size, RULES.length);
});
