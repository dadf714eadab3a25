/**
 * The rule registry: every diagnostic code of the language service and the CLI, and which checks run on which file
 * kind. Each rule is declared (code, default severity, scope, description) in the file that checks it:
 *
 * | codes | declared and checked in |
 * |---|---|
 * | hrd-* of the parser's loss events, hrd-unknown-reference | recipe/hrdRules.ts (one entry per rule, with its event handlers) |
 * | hrd-load-error, -escape-decoded, -quotes, -text-block, -bracket-list, -lowercase-ask | recipe/aysReadRules.ts |
 * | hrd-bom | recipe/bomRule.ts (run by the facade around the others) |
 * | recipe-* of one service.hrd | recipe/recipeRuleTable.ts (declarations); checks in recipe/recipeRules.ts, platformDiagnostics.ts, destDiagnostics.ts |
 * | recipe-* of the workspace (file name, missing files, backups, duplicates, dest collisions) | recipe/workspaceRules.ts |
 * | file-unreadable, file-findings-limit | recipe/limits.ts |
 * | actions-* | python/actionsRules.ts (declarations); checks in python/classRules.ts, python/registerRules.ts, recipe/displayNameRule.ts |
 *
 * A new rule: declare it (and its check) in a file of its own as a RuleFamily, add it to RULES and to the check
 * list of its file kind below, and document it in docs/rules.md (test/unit/recipe/ruleDocs.test.ts checks both ways).
 */
import type { HrdDocument } from './hrd/HrdModel';
import { ACTIONS_RULES } from './python/actionsRules';
import type { ActionsRuleContext } from './python/actionsTypes';
import { ACTIONS_SHAPE_FAMILY } from './python/classRules';
import { ACTIONS_REGISTER_FAMILY } from './python/registerRules';
import { AYS_READ_FAMILY, AYS_READ_RULES } from './recipe/aysReadRules';
import { BOM_RULES } from './recipe/bomRule';
import { HRD_EVENT_FAMILY, HRD_EVENT_RULES } from './recipe/hrdRules';
import { LIMIT_RULES } from './recipe/limits';
import { RECIPE_FAMILY, RECIPE_RULES } from './recipe/recipeRules';
import { WORKSPACE_RULES } from './recipe/workspaceRules';
import type { RuleFamily, RuleInfo } from './rules/rule';

/** Every rule, in the order of SARIF's rule list. */
export const RULES: readonly RuleInfo[] = [
  ...HRD_EVENT_RULES,
  ...BOM_RULES,
  ...AYS_READ_RULES,
  ...RECIPE_RULES,
  ...WORKSPACE_RULES,
  ...LIMIT_RULES,
  ...ACTIONS_RULES,
];

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));

export function ruleInfo(code: string): RuleInfo | undefined {
  return BY_CODE.get(code);
}

/** Every .hrd file, in this order. */
export const HRD_CHECKS: ReadonlyArray<RuleFamily<{ doc: HrdDocument; uri: string }>> = [
  HRD_EVENT_FAMILY,
  AYS_READ_FAMILY,
];

/** The service.hrd of a template folder, after HRD_CHECKS. */
export const RECIPE_CHECKS: ReadonlyArray<RuleFamily<{ doc: HrdDocument; folderName: string }>> = [RECIPE_FAMILY];

/** The actions.py of a template folder. */
export const ACTIONS_CHECKS: ReadonlyArray<RuleFamily<ActionsRuleContext>> = [
  ACTIONS_SHAPE_FAMILY,
  ACTIONS_REGISTER_FAMILY,
];
