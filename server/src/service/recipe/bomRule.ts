/**
 * `hrd-bom`: a UTF-8 byte order mark before the first key. AYS (Python 2) reads the file as bytes, so the BOM
 * becomes part of the first key and that key does not exist for AYS. The other rules are run on the text without
 * the BOM (what the author meant) and their line-0 positions shifted back, so the file is not reported as
 * "missing" its first key; hrd-bom says why, with a quick fix that removes the BOM.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { parseHrd } from '../hrd/parseHrd';
import type { DiagnosticData, RuleInfo } from '../rules/rule';
import { diagnosticMaker } from '../rules/ruleDiagnostics';

export const BOM_RULES: readonly RuleInfo[] = [
  {
    code: 'hrd-bom',
    severity: 'error',
    scope: 'hrd',
    description:
      'A UTF-8 byte order mark before the first key: it becomes part of that key, so the key does not exist.',
  },
];

const makeDiagnostic = diagnosticMaker(BOM_RULES);

export function hasBom(text: string): boolean {
  return text.charCodeAt(0) === 0xfeff;
}

function shift(r: Range): Range {
  const s = r.start.line === 0 ? { line: 0, character: r.start.character + 1 } : r.start;
  const e = r.end.line === 0 ? { line: 0, character: r.end.character + 1 } : r.end;
  return { start: s, end: e };
}

/** hrd-bom plus the diagnostics of the text without the BOM (`diagnose`), with positions in the text with the BOM. */
export function bomDiagnostics(
  text: string,
  uri: string,
  diagnose: (withoutBom: string) => Diagnostic[],
): Diagnostic[] {
  const rest = text.slice(1);
  const first = parseHrd(rest.slice(0, (rest.indexOf('\n') + 1 || rest.length + 1) - 1) + '\n').items[0];
  const at: Range = {
    start: { line: 0, character: 0 },
    end: { line: 0, character: 1 + (first ? first.keySpan.end : 0) },
  };
  const fix = {
    title: 'Remove the byte order mark (BOM)',
    preferred: true,
    edits: [{ range: { start: at.start, end: { line: 0, character: 1 } }, newText: '' }],
  };
  const bom = first
    ? makeDiagnostic(
        'hrd-bom',
        at,
        `The file starts with a byte order mark (BOM, U+FEFF): AYS reads the file as bytes, so the BOM becomes part of the first key and \`${first.key}\` does not exist for AYS. Save the file as UTF-8 without BOM (the other findings assume the BOM is removed).`,
        { fixes: [fix] },
      )
    : makeDiagnostic(
        'hrd-bom',
        at,
        'The file starts with a byte order mark (BOM, U+FEFF): AYS reads the file as bytes and would make it part of a key written on the first line. Save the file as UTF-8 without BOM.',
        { fixes: [fix], severity: 'warning' },
      );
  const out = [bom];
  for (const d of diagnose(rest)) {
    const moved: Diagnostic = { ...d, range: shift(d.range) };
    if (d.relatedInformation)
      moved.relatedInformation = d.relatedInformation.map((ri) =>
        ri.location.uri === uri ? { ...ri, location: { uri, range: shift(ri.location.range) } } : ri,
      );
    const data = d.data as DiagnosticData | undefined;
    if (data?.fixes)
      moved.data = {
        fixes: data.fixes.map((f) =>
          f.edits ? { ...f, edits: f.edits.map((e) => ({ ...e, range: shift(e.range) })) } : f,
        ),
      } satisfies DiagnosticData;
    out.push(moved);
  }
  return out;
}
