/**
 * Quick fixes: actions.py from the actions engine's findings; .hrd (and any other file with a workspace-wide
 * finding, e.g. file-unreadable) from rules/codeActions.ts over the document's and the index's diagnostics.
 */
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { quickFixes } from '../rules/codeActions';
import { uriToPath } from '../uriPath';
import { actionsContextFor, tooLarge, type FeatureRequest } from './context';
import { hrdDocumentDiagnostics } from './diagnostics';

type Fixes = (r: FeatureRequest, range: Range, diagnostics: Diagnostic[]) => CodeAction[];

/** The current findings of the document (its own and the workspace-wide ones) back the fixes. */
function recipeFixes(own: (r: FeatureRequest) => Diagnostic[]): Fixes {
  return (r, range, diagnostics) => {
    const current = [...own(r), ...(r.state.index.workspaceDiagnostics().get(uriToPath(r.doc.uri)) ?? [])];
    return quickFixes(r.doc.uri, range, diagnostics, current);
  };
}

const byKind: Record<FeatureRequest['kind'], Fixes> = {
  hrd: recipeFixes(hrdDocumentDiagnostics),
  actions(r, range, diagnostics) {
    const ctx = tooLarge(r) ? undefined : actionsContextFor(r);
    return ctx ? r.state.actions.codeActions(r.doc, range, diagnostics, ctx) : [];
  },
  other: recipeFixes(() => []),
};

export function codeActions(r: FeatureRequest, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  return byKind[r.kind](r, range, diagnostics);
}
