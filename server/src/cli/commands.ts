import type { CliCommand } from './CliIo';

/**
 * Every subcommand of `ays-recipes`, in the order --help lists them. Add new ones here.
 *
 * Each command module is loaded on first use (`require` inside a function: esbuild evaluates a required module
 * lazily), so `ays-recipes check` does not evaluate ssh2/undici (install, deploy and new load what they use: install validates
 * the recipe with the language service before it connects).
 * Only the names are static; `summary` and `usage` load their module (for --help only). A module that exports
 * several commands lists their names here: test/unit/cli/commands.test.ts checks them against the modules.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
type Check = typeof import('./check');
type Images = typeof import('./images');
type Install = typeof import('./install');
type NewRecipe = typeof import('./newRecipe');
type Deploy = typeof import('./deploy');

function lazy(name: string, load: () => CliCommand | undefined): CliCommand {
  const get = (): CliCommand => {
    const c = load();
    if (!c) throw new Error(`ays-recipes: command module does not export '${name}'`);
    return c;
  };
  return {
    name,
    get summary() {
      return get().summary;
    },
    get usage() {
      return get().usage;
    },
    run: (args, io) => get().run(args, io),
  };
}

const installCommand = (name: string) => (require('./install') as Install).installCommands.find((c) => c.name === name);

export const commands: CliCommand[] = [];
commands.push(lazy('check', () => (require('./check') as Check).checkCommand));
commands.push(
  lazy('images', () => (require('./images') as Images).imagesCommand),
  lazy('availability', () => (require('./images') as Images).availabilityCommand),
);
commands.push(...['install', 'reinstall', 'clean-reinstall'].map((n) => lazy(n, () => installCommand(n))));
commands.push(
  lazy('new', () => (require('./newRecipe') as NewRecipe).newCommand),
  lazy('deploy', () => (require('./deploy') as Deploy).deployCommand),
);
