/**
 * The `actions-*` rules. Code, default severity and description live in the shared catalog
 * (server/src/service/recipe/ruleCatalog.ts, scope `actions`), documented in docs/rules.md.
 */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { RecipeSettings, RuleSeverity } from '../../../../common/settings';
import { RULES, type RuleInfo } from '../recipe/ruleCatalog';
import type { Finding, Fix } from './actionsTypes';

/** The catalog entries of this engine. */
export const ACTIONS_RULES: readonly RuleInfo[] = RULES.filter((r) => r.scope === 'actions');

const SEVERITY: Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Builds a finding with `source: 'ays'`. The fixes also travel in `diagnostic.data.fixes`
 * (`{ title, edits, preferred }`, the shape the recipe engine's generic quick-fix path reads).
 */
export function finding(code: string, severity: Exclude<RuleSeverity, 'off'>, range: Range, message: string,
  fixes: Fix[] = [], extra: Partial<Diagnostic> = {}): Finding {
  const diagnostic: Diagnostic = { range, severity: SEVERITY[severity], code, source: 'ays', message, ...extra };
  if (fixes.length) diagnostic.data = { fixes: fixes.map((f) => ({ title: f.title, edits: f.edits, preferred: fixes.length === 1 })) };
  return { diagnostic, fixes };
}

/** Applies `settings.rules` (`off` drops a rule, another value replaces its severity). Idempotent. */
export function applyRuleSettings(findings: Finding[], settings: RecipeSettings): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const o = settings.rules[String(f.diagnostic.code)];
    if (o === 'off') continue;
    out.push(o ? { ...f, diagnostic: { ...f.diagnostic, severity: SEVERITY[o] } } : f);
  }
  return out;
}
