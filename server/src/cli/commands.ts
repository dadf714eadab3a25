import { CliCommand } from './CliIo';

/** Every subcommand of `ays-recipes`, in the order --help lists them. Add new ones here. */
export const commands: CliCommand[] = [];
