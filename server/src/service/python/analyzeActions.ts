/** The actions.py analysis as plain functions: text + context → findings / diagnostics. */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Tree } from 'web-tree-sitter';
import { buildActionsModel, type ActionsModel } from './actionsModel';
import type { ActionsContext } from './actionsTypes';
import { ACTIONS_CHECKS } from '../ruleRegistry';
import { applyRuleSettings } from '../rules/ruleDiagnostics';
import { pushAll } from '../arrays';
import { configureBody } from './displayName';
import { DEFAULT_SETTINGS } from '../../../../common/settings';
import { loadPythonParser, loadedPythonParser, parsePython, WARM_UP_SAMPLE } from './pythonParser';

/** Parses and extracts the model; undefined when the parser is not loaded yet. The tree is deleted. */
export function modelOf(text: string): ActionsModel | undefined {
  const tree: Tree | undefined = parsePython(text);
  if (!tree) return undefined;
  try {
    return buildActionsModel(tree, text, parsePython);
  } finally {
    tree.delete();
  }
}

/** All diagnostics of a model (fixes in `data.fixes`), after `settings.rules`. */
export function findingsOf(model: ActionsModel, text: string, ctx: ActionsContext): Diagnostic[] {
  const rc = { model, text, ctx, configureBody: configureBody(ctx) };
  const all: Diagnostic[] = [];
  for (const family of ACTIONS_CHECKS) pushAll(all, family.check(rc));
  return applyRuleSettings(all, ctx.settings.rules);
}

let warm: Promise<number> | undefined;

/**
 * Loads the parser and runs one analysis of a sample recipe, so that the first real file does not pay
 * the lazy wasm/JS compilation (~30-70 ms). Resolves to the warm-up analysis time in ms. Once.
 */
export function loadActionsAnalysis(): Promise<number> {
  warm ??= loadPythonParser().then(() => {
    const t0 = performance.now();
    for (let i = 0; i < 3; i++) {
      const model = modelOf(WARM_UP_SAMPLE);
      if (model) findingsOf(model, WARM_UP_SAMPLE, { settings: DEFAULT_SETTINGS, folderName: 'image_warm-up' });
    }
    return performance.now() - t0;
  });
  return warm;
}

/** Synchronous analysis; undefined when the tree-sitter parser is not loaded yet (await loadActionsAnalysis() first). */
export function analyzeActionsFileSync(text: string, ctx: ActionsContext): Diagnostic[] | undefined {
  if (!loadedPythonParser()) return undefined;
  const model = modelOf(text);
  return model ? findingsOf(model, text, ctx) : undefined;
}

/**
 * CLI entry: the diagnostics of one actions.py. Loads the parser on first use (once); rejects only if
 * the .wasm files are missing.
 */
export async function analyzeActionsFile(text: string, ctx: ActionsContext): Promise<Diagnostic[]> {
  await loadActionsAnalysis();
  return analyzeActionsFileSync(text, ctx) ?? [];
}

/** Display names this file registers (for the workspace-wide `actions-display-name` rule). */
export function displayNamesOf(model: ActionsModel): { name: string; range: Diagnostic['range'] }[] {
  const out: { name: string; range: Diagnostic['range'] }[] = [];
  for (const c of model.registerCalls) {
    const a = c.args.find((x) => x.keyword === 'name') ?? c.args.filter((x) => !x.keyword && !x.splat)[1];
    const v = a?.resolved?.literal;
    if (a && v?.kind === 'string') out.push({ name: v.value, range: a.resolved!.literalRange });
  }
  return out;
}

/** Display names registered by an actions.py read from disk (sync; [] until the parser is loaded). */
export function actionsDisplayNames(text: string): { name: string; range: Diagnostic['range'] }[] {
  const model = loadedPythonParser() ? modelOf(text) : undefined;
  return model ? displayNamesOf(model) : [];
}
