/** `ays-recipes` command-line entry: see server/src/cli/main.ts. */
import { runCli } from './cli/main';

// Ctrl-C cancels the running command (remote installs are stopped on the host, portal calls aborted);
// a second Ctrl-C exits at once.
const abort = new AbortController();
process.on('SIGINT', () => {
  if (abort.signal.aborted) process.exit(130);
  process.stderr.write('\nays-recipes: cancelling… (Ctrl-C again to quit at once)\n');
  abort.abort();
});

runCli(process.argv.slice(2), {
  out: process.stdout,
  err: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  signal: abort.signal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`ays-recipes: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 2;
  },
);
