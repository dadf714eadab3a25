/**
 * The one rule model of the language service (issue 11 §1). A rule declares its code, default severity, scope and
 * one-line description next to its check (the family files listed in ../ruleRegistry.ts); every check builds its
 * diagnostics through ruleDiagnostics.ts (severity from the declaration, fixes in `data.fixes`), the settings
 * overlay `aysRecipes.rules` is applied once (applyRuleSettings), and every quick fix comes from `data.fixes`
 * through codeActions.ts. docs/rules.md documents each code (test/unit/recipe/ruleDocs.test.ts checks both ways).
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** hrd: every .hrd file; recipe: service.hrd of a template folder; workspace: computed by the WorkspaceIndex; actions: actions.py. */
export type RuleScope = 'hrd' | 'recipe' | 'workspace' | 'actions';

/** A rule's declaration: what SARIF, the docs check and the `codeDescription` link read. */
export interface RuleInfo {
  code: string;
  severity: Severity;
  scope: RuleScope;
  description: string;
}

/** A mechanical fix carried in `Diagnostic.data.fixes`: text edits in the diagnostic's file, or a file rename. */
export interface Fix {
  title: string;
  edits?: Array<{ range: Range; newText: string }>;
  /** Absolute file paths. */
  rename?: { from: string; to: string };
  /** The code action's `isPreferred` (left out when undefined). */
  preferred?: boolean;
}

export interface DiagnosticData {
  fixes?: Fix[];
}

/** What a check reports besides code, range and message. */
export interface FindingOptions {
  /** Overrides the declared default for this one finding (e.g. the warning case of an error/warning rule). */
  severity?: Severity;
  related?: Array<{ uri: string; range: Range; message: string }>;
  fixes?: Fix[];
  unnecessary?: boolean;
}

/**
 * A family of rules with one check: the rules it declares and the function that reports them. A new rule is a new
 * family of one (its own file), added to the list of its scope in ../ruleRegistry.ts.
 */
export interface RuleFamily<C> {
  rules: readonly RuleInfo[];
  check(ctx: C): Diagnostic[];
}
