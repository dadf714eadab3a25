/** The README's CLI section documents every option of `ays-recipes check` (its usage text lists them). */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkCommand } from '../../../server/src/cli/check';

const root = join(__dirname, '..', '..', '..', '..');

test('every option of ays-recipes check is in the README and in docs/ci.md', () => {
  const options = [...new Set(checkCommand.usage.match(/--[a-z][a-z-]+/g))];
  assert.deepEqual(options.sort(), ['--format', '--max-warnings', '--profile', '--quiet']);
  for (const doc of ['README.md', 'docs/ci.md']) {
    const text = readFileSync(join(root, doc), 'utf8');
    for (const o of options) assert.ok(text.includes(`\`${o}`), `${doc} documents ${o}`);
    for (const f of ['text', 'json', 'sarif', 'github'])
      assert.ok(text.includes(`\`${f}\``), `${doc} documents --format ${f}`);
  }
});

test('the exit codes of check are documented where the usage text says', () => {
  assert.match(checkCommand.usage, /Exit codes: 0 .*, 1 errors found or too many warnings,\s+2 bad usage/s);
  assert.match(
    readFileSync(join(root, 'README.md'), 'utf8'),
    /Exit codes of `check`: \*\*0\*\* .* \*\*1\*\* .* \*\*2\*\* bad usage/s,
  );
  assert.match(
    readFileSync(join(root, 'docs/ci.md'), 'utf8'),
    /\| 0 \| no errors.*\n\| 1 \| errors found.*\n\| 2 \| bad usage/,
  );
});
