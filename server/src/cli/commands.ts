import { checkCommand } from './check';
import { CliCommand } from './CliIo';
import { availabilityCommand, imagesCommand } from './images';
import { installCommands } from './install';

/** Every subcommand of `ays-recipes`, in the order --help lists them. Add new ones here. */
export const commands: CliCommand[] = [];
commands.push(checkCommand);
commands.push(imagesCommand, availabilityCommand);
commands.push(...installCommands);
