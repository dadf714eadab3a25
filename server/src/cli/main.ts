import { VERSION } from '../version';
import { CliCommand, CliIo, EXIT } from './CliIo';
import { commands } from './commands';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `ays-recipes ${VERSION} — check and install JumpScale 7 AYS image recipes`,
    '',
    'Usage: ays-recipes <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  --help, -h     show help (also: ays-recipes <command> --help)',
    '  --version, -v  print the version',
    '',
    'Exit codes: 0 success, 1 problems found or a run failed, 2 bad usage, 3 SSH host key refused.',
    '',
  ].join('\n');
}

/** Runs the CLI with `args` (without node and the script) and resolves to the exit code. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = args;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out.write(help());
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.out.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command: CliCommand | undefined = commands.find((c) => c.name === first);
  if (!command) {
    io.err.write(`ays-recipes: unknown command '${first}'. Run 'ays-recipes --help' for the list.\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out.write(command.usage.endsWith('\n') ? command.usage : command.usage + '\n');
    return EXIT.ok;
  }
  return command.run(rest, io);
}
