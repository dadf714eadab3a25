/** `ays-recipes` command-line entry: see server/src/cli/main.ts. */
import { runCli } from './cli/main';

runCli(process.argv.slice(2), { out: process.stdout, err: process.stderr, cwd: process.cwd(), env: process.env }).then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write(`ays-recipes: internal error: ${e instanceof Error ? e.stack : String(e)}\n`); process.exitCode = 2; },
);
