/**
 * Diagnostics: per document (hrd-*, recipe-*, actions-*; never the workspace-wide ones), per file read from disk
 * (the CLI) and workspace-wide (from the index). `actions-display-name` is a workspace rule of the index (see
 * recipe/displayNameRule.ts), not per document.
 */
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { RecipeSettings } from '../../../../common/settings';
import { pushAll } from '../arrays';
import { actionsContextOf } from '../actionsContext';
import type { FileKind, KindTable } from '../fileKind';
import type { HrdDocument } from '../hrd/HrdModel';
import { parseHrd } from '../hrd/parseHrd';
import { analyzeActionsFileSync } from '../python/analyzeActions';
import { stopsAysInstall } from '../recipe/aysReadRules';
import { bomDiagnostics, hasBom } from '../recipe/bomRule';
import { applyRuleSettings } from '../rules/ruleDiagnostics';
import { boundedHrd, capFindings, oversizeDiagnostic } from '../recipe/limits';
import { hrdDiagnostics } from '../recipe/hrdDiagnostics';
import type { WorkspaceIndex } from '../recipe/WorkspaceIndex';
import { pathToUri, uriToPath } from '../uriPath';
import { actionsContextFor, tooLarge, type FeatureRequest, type ServiceState } from './context';

/** hrdDiagnostics with at most MAX_FINDINGS_PER_FILE findings plus one summary (see recipe/limits.ts). */
function cappedHrdDiagnostics(hrd: HrdDocument, uri: string, filePath: string): Diagnostic[] {
  if (hasBom(hrd.text)) {
    // The findings assume the BOM removed (what the author meant), except whether AYS stops at load: that is
    // judged on the file as AYS reads it, BOM included in the first key (it can break or make a `$(…)` cycle).
    const loadErrors = hrdDiagnostics(hrd, uri, filePath).filter(stopsAysInstall);
    const rest = bomDiagnostics(hrd.text, uri, (text) =>
      cappedHrdDiagnostics(parseHrd(text), uri, filePath).filter((d) => !stopsAysInstall(d)),
    );
    return pushAll(rest, loadErrors);
  }
  const { doc, more } = boundedHrd(hrd);
  return capFindings(hrdDiagnostics(doc, uri, filePath), more);
}

/** The diagnostics of an open .hrd document (cached with its parse), rated by the settings. */
export function hrdDocumentDiagnostics(r: FeatureRequest): Diagnostic[] {
  const entry = r.state.documents.entry(r.doc);
  if (!entry.diagnostics) {
    const p = uriToPath(r.doc.uri);
    entry.diagnostics = entry.tooLarge
      ? [oversizeDiagnostic(path.basename(p), entry.tooLarge)]
      : cappedHrdDiagnostics(entry.hrd, r.doc.uri, p);
  }
  return applyRuleSettings(entry.diagnostics, r.settings.rules);
}

type Validate = (r: FeatureRequest) => Diagnostic[] | Promise<Diagnostic[]>;

const byKind: KindTable<Validate> = {
  hrd: hrdDocumentDiagnostics,
  actions(r) {
    const ctx = actionsContextFor(r);
    if (!ctx) return [];
    const over = tooLarge(r);
    if (over) return [oversizeDiagnostic('actions.py', over)];
    const engine = r.state.actions;
    if (engine.isReady) return capFindings(engine.diagnostics(r.doc, ctx));
    // the context is taken again once loaded: the index may have moved on meanwhile
    return engine.ready().then(() => {
      const now = actionsContextFor(r);
      return now ? capFindings(engine.diagnostics(r.doc, now)) : [];
    });
  },
};

/**
 * Per-document diagnostics. A Promise only for an actions.py while the tree-sitter parser is still loading (the
 * first one); otherwise synchronous.
 */
export function documentDiagnostics(r: FeatureRequest): Diagnostic[] | Promise<Diagnostic[]> {
  return byKind[r.kind]?.(r) ?? [];
}

type ValidateFile = (
  state: ServiceState,
  filePath: string,
  text: string,
  settings: RecipeSettings,
  parsed?: HrdDocument,
) => Diagnostic[];

const fileByKind: KindTable<ValidateFile> = {
  hrd: (_state, filePath, text, settings, parsed) =>
    applyRuleSettings(cappedHrdDiagnostics(parsed ?? parseHrd(text), pathToUri(filePath), filePath), settings.rules),
  actions(state, filePath, text, settings) {
    const ctx = actionsContextOf(state.index, state.fs, filePath, settings);
    return ctx ? capFindings(analyzeActionsFileSync(text, ctx) ?? []) : [];
  },
};

/** A file read from disk (the CLI): same engine, no cache. */
export function fileDiagnostics(
  state: ServiceState,
  kind: FileKind,
  filePath: string,
  text: string,
  settings: RecipeSettings,
  parsed?: HrdDocument,
): Diagnostic[] {
  return fileByKind[kind]?.(state, filePath, text, settings, parsed) ?? [];
}

/** Workspace-wide diagnostics by absolute path (from the index), rated by the settings. */
export function workspaceDiagnostics(index: WorkspaceIndex, settings: RecipeSettings): Map<string, Diagnostic[]> {
  const all = index.workspaceDiagnostics();
  if (!Object.keys(settings.rules).length) return all;
  const out = new Map<string, Diagnostic[]>();
  for (const [p, d] of all) {
    const kept = applyRuleSettings(d, settings.rules);
    if (kept.length) out.set(p, kept);
  }
  return out;
}
