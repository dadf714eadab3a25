/** The lazily loaded command table: its static names match the command modules, in --help order. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { checkCommand } from '../../../server/src/cli/check';
import { commands } from '../../../server/src/cli/commands';
import { availabilityCommand, imagesCommand } from '../../../server/src/cli/images';
import { installCommands } from '../../../server/src/cli/install';
import { newCommand } from '../../../server/src/cli/newRecipe';
import { deployCommand } from '../../../server/src/cli/deploy';
import { runCli } from '../../../server/src/cli/main';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('every command module export is listed once, under its own name, with its summary and usage', () => {
  const real = [checkCommand, imagesCommand, availabilityCommand, ...installCommands, newCommand, deployCommand];
  assert.deepEqual(
    commands.map((c) => c.name),
    real.map((c) => c.name),
  );
  for (const [i, c] of commands.entries()) {
    assert.equal(c.summary, real[i].summary);
    assert.equal(c.usage, real[i].usage);
  }
});

test('deploy: --yes is accepted silently (deploy never prompts) and is not in the help', async () => {
  assert.doesNotMatch(deployCommand.usage, /--yes/);
  assert.match(deployCommand.usage, /never prompts/);
  const dir = mkdtempSync(join(tmpdir(), 'ays-deploy-yes-'));
  try {
    for (const extra of [[], ['--yes']]) {
      let err = '';
      const io = {
        out: { write: () => {} },
        err: {
          write: (s: string) => {
            err += s;
          },
        },
        cwd: dir,
        env: {},
      };
      assert.equal(await runCli(['deploy', 'image_x', '--env', 'nowhere', '--node', 'n1', ...extra], io), 2);
      assert.doesNotMatch(err, /Unknown option|--yes/, err);
      assert.match(err, /nowhere/, err);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
