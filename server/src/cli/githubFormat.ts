/**
 * `ays-recipes check --format github`: one GitHub Actions workflow command per finding,
 * `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=CODE::message`, escaped as @actions/core escapes them.
 */
import type { CheckFinding } from './check';

/** The message part: `%`, CR and LF are percent-encoded. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` and `,`, which separate the properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND: Record<string, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** One workflow command for a finding whose `file` is already relative to the workspace (or absolute). */
export function githubCommand(f: CheckFinding): string {
  const props: Array<[string, string | number]> = [
    ['file', f.file],
    ['line', f.line],
    ['endLine', f.endLine],
    ['col', f.column],
    ['endColumn', f.endColumn],
    ['title', f.code],
  ];
  const p = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${COMMAND[f.severity] ?? 'notice'} ${p}::${escapeData(f.message)}`;
}
