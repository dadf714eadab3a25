/** Building LSP diagnostics with a stable code, quick-fix data, and the per-rule severity settings. */
import { Diagnostic, DiagnosticSeverity, DiagnosticTag, Range } from 'vscode-languageserver-types';
import type { RuleSeverity } from '../../../../common/settings';
import { ruleInfo, Severity } from './ruleCatalog';

/** A mechanical fix carried in `Diagnostic.data.fixes`: text edits in the diagnostic's file, or a file rename. */
export interface FixData {
  title: string;
  edits?: Array<{ range: Range; newText: string }>;
  /** Absolute file paths. */
  rename?: { from: string; to: string };
  preferred?: boolean;
}

export interface DiagnosticData { fixes?: FixData[] }

export const SOURCE = 'ays';

export function toLspSeverity(s: Severity | RuleSeverity): DiagnosticSeverity {
  switch (s) {
    case 'error': return DiagnosticSeverity.Error;
    case 'warning': return DiagnosticSeverity.Warning;
    case 'information': return DiagnosticSeverity.Information;
    default: return DiagnosticSeverity.Hint;
  }
}

export function severityName(s: DiagnosticSeverity | undefined): Severity {
  return s === DiagnosticSeverity.Error ? 'error' : s === DiagnosticSeverity.Warning ? 'warning'
    : s === DiagnosticSeverity.Information ? 'information' : 'hint';
}

export interface DiagOptions {
  /** Overrides the catalog default for this one diagnostic (e.g. the warning case of an error/warning rule). */
  severity?: Severity;
  related?: Array<{ uri: string; range: Range; message: string }>;
  fixes?: FixData[];
  unnecessary?: boolean;
}

export function makeDiagnostic(code: string, range: Range, message: string, o: DiagOptions = {}): Diagnostic {
  const d: Diagnostic = {
    range, message, code, source: SOURCE,
    severity: toLspSeverity(o.severity ?? ruleInfo(code)?.severity ?? 'warning'),
  };
  if (o.related?.length) d.relatedInformation = o.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
  if (o.fixes?.length) d.data = { fixes: o.fixes } satisfies DiagnosticData;
  if (o.unnecessary) d.tags = [DiagnosticTag.Unnecessary];
  return d;
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
  return diags.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
    || String(a.code).localeCompare(String(b.code)));
}
