/**
 * What `ays-recipes check` prints and which exit code it returns: the text, JSON, SARIF and GitHub formats,
 * --quiet (errors only) and --max-warnings (ESLint's: more than N warnings fail the run).
 */
import * as path from 'node:path';
import { VERSION } from '../version';
import type { CheckFinding, CheckOptions, CheckResult } from './check';
import { CliIo, EXIT } from './CliIo';
import { githubCommand } from './githubFormat';
import { toSarif } from './sarif';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** A finding's path relative to the working directory when it is inside it, else absolute. */
function relativeTo(cwd: string, f: CheckFinding): CheckFinding {
  const rel = path.relative(cwd, f.file);
  return { ...f, file: rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : f.file };
}

/** Writes the report of a finished check to `io` and returns the exit code. */
export function writeReport(
  r: CheckResult,
  o: Pick<CheckOptions, 'format' | 'quiet' | 'maxWarnings'>,
  io: CliIo,
): number {
  const { findings, folders, files, actionsError } = r;
  const notChecked = actionsError
    ? `actions.py files were not checked: the Python parser did not load (${actionsError})`
    : undefined;
  if (notChecked) io.err.write(`ays-recipes check: ${notChecked}\n`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const reported = o.quiet ? findings.filter((f) => f.severity === 'error') : findings;
  switch (o.format) {
    case 'json':
      io.out.write(
        JSON.stringify(
          reported.map((f) => relativeTo(io.cwd, f)),
          null,
          2,
        ) + '\n',
      );
      break;
    case 'sarif':
      io.out.write(
        JSON.stringify(toSarif(reported, { cwd: io.cwd, version: VERSION, notification: notChecked }), null, 2) + '\n',
      );
      break;
    default: {
      const lines = reported
        .map((f) => relativeTo(io.cwd, f))
        .map((f) =>
          o.format === 'github'
            ? githubCommand(f)
            : `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code} ${f.message}`,
        );
      if (lines.length) io.out.write(lines.join('\n') + '\n');
      io.err.write(`${errors} error(s), ${warnings} warning(s) in ${files} recipe file(s) of ${folders} folder(s)\n`);
    }
  }
  const tooManyWarnings = o.maxWarnings >= 0 && warnings > o.maxWarnings;
  if (tooManyWarnings)
    io.err.write(`ays-recipes check: too many warnings (${warnings}, --max-warnings ${o.maxWarnings})\n`);
  return errors > 0 || tooManyWarnings ? EXIT.failed : EXIT.ok;
}
