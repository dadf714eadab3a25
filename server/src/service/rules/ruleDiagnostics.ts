/** The one path from a rule's finding to an LSP diagnostic, and the one settings overlay (`aysRecipes.rules`). */
import { Diagnostic, DiagnosticSeverity, DiagnosticTag, Range } from 'vscode-languageserver-types';
import type { RuleSeverity } from '../../../../common/settings';
import type { DiagnosticData, FindingOptions, RuleInfo, Severity } from './rule';

export const SOURCE = 'ays';

export function toLspSeverity(s: Severity | RuleSeverity): DiagnosticSeverity {
  switch (s) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'information':
      return DiagnosticSeverity.Information;
    default:
      return DiagnosticSeverity.Hint;
  }
}

export function severityName(s: DiagnosticSeverity | undefined): Severity {
  return s === DiagnosticSeverity.Error
    ? 'error'
    : s === DiagnosticSeverity.Warning
      ? 'warning'
      : s === DiagnosticSeverity.Information
        ? 'information'
        : 'hint';
}

/** A diagnostic of `rule` (source `ays`): the declared severity unless the finding overrides it, fixes in `data.fixes`. */
export function ruleDiagnostic(
  rule: RuleInfo | undefined,
  code: string,
  range: Range,
  message: string,
  o: FindingOptions = {},
): Diagnostic {
  const d: Diagnostic = {
    range,
    message,
    code,
    source: SOURCE,
    severity: toLspSeverity(o.severity ?? rule?.severity ?? 'warning'),
  };
  if (o.related?.length)
    d.relatedInformation = o.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
  if (o.fixes?.length) d.data = { fixes: o.fixes } satisfies DiagnosticData;
  if (o.unnecessary) d.tags = [DiagnosticTag.Unnecessary];
  return d;
}

export type DiagnosticMaker = (code: string, range: Range, message: string, o?: FindingOptions) => Diagnostic;

/** The diagnostic builder of a rule family: `makeDiagnostic(code, range, message, options)` for the codes it declares. */
export function diagnosticMaker(rules: readonly RuleInfo[]): DiagnosticMaker {
  const byCode = new Map(rules.map((r) => [r.code, r]));
  return (code, range, message, o) => ruleDiagnostic(byCode.get(code), code, range, message, o);
}

/** Applies `RecipeSettings.rules`: `off` drops the diagnostic, another value replaces its severity. */
export function applyRuleSettings(diags: Diagnostic[], rules: Record<string, RuleSeverity>): Diagnostic[] {
  if (!rules || Object.keys(rules).length === 0) return diags;
  const out: Diagnostic[] = [];
  for (const d of diags) {
    const o = Object.prototype.hasOwnProperty.call(rules, String(d.code)) ? rules[String(d.code)] : undefined;
    if (o === 'off') continue;
    out.push(o ? { ...d, severity: toLspSeverity(o) } : d);
  }
  return out;
}

/** Sort by position, then code (stable output for the CLI and tests). */
export function sortDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  return diags.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      String(a.code).localeCompare(String(b.code)),
  );
}
