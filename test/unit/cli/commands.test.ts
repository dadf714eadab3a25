/** The lazily loaded command table: its static names match the command modules, in --help order. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { checkCommand } from '../../../server/src/cli/check';
import { commands } from '../../../server/src/cli/commands';
import { availabilityCommand, imagesCommand } from '../../../server/src/cli/images';
import { installCommands } from '../../../server/src/cli/install';
import { newCommand } from '../../../server/src/cli/newRecipe';
import { deployCommand } from '../../../server/src/cli/deploy';

test('every command module export is listed once, under its own name, with its summary and usage', () => {
  const real = [checkCommand, imagesCommand, availabilityCommand, ...installCommands, newCommand, deployCommand];
  assert.deepEqual(commands.map((c) => c.name), real.map((c) => c.name));
  for (const [i, c] of commands.entries()) {
    assert.equal(c.summary, real[i].summary);
    assert.equal(c.usage, real[i].usage);
  }
});
