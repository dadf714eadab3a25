// How scripts/test.mjs counts a suite's results: a test that never ran is never silently dropped.

/** node:test's TAP summary: pass, fail, cancelled (a test that never finished), skipped + todo. */
export function countNodeTest(tap, status) {
  const n = (k) => Number(new RegExp(`^# ${k} (\\d+)`, 'm').exec(tap)?.[1] ?? 0);
  const c = { passed: n('pass'), failed: n('fail'), cancelled: n('cancelled'), skipped: n('skipped') + n('todo') };
  if (status !== 0 && !c.failed && !c.cancelled) c.failed = 1;
  return c;
}

/** mocha's spec summary: passing, failing, pending (skipped: it never ran, counted like node:test's cancelled). */
export function countMocha(out, status) {
  const n = (k) => Number(new RegExp(`^\\s*(\\d+) ${k}\\b`, 'm').exec(out)?.[1] ?? 0);
  const c = { passed: n('passing'), failed: n('failing'), cancelled: n('pending') };
  if (status !== 0 && !c.failed && !c.cancelled) c.failed = 1;
  return c;
}

/** The "<suite>: N passed, N failed" line of the scripts/e2e/*.mjs drivers. */
export function countLine(name, out, status) {
  const m = new RegExp(`${name}: (\\d+) passed, (\\d+) failed`).exec(out);
  const c = { passed: Number(m?.[1] ?? 0), failed: Number(m?.[2] ?? 0) };
  if (status !== 0 && !c.failed) c.failed = 1;
  return c;
}
