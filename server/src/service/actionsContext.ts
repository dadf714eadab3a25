/**
 * The analysis context of an actions.py: only the `actions.py` of a template folder (a `service.hrd` beside it,
 * in the index or on disk; not an AYS instance folder) is analysed; any other Python file gets nothing (left to
 * the Python extension). The sibling service.hrd comes from the index (unsaved editor text included), else the
 * disk (through the injected FileSystem).
 */
import * as path from 'node:path';
import type { RecipeSettings } from '../../../common/settings';
import type { FileSystem } from './FileSystem';
import { parseHrd } from './hrd/parseHrd';
import type { ActionsContext } from './python/actionsTypes';
import { readRecipeFile } from './recipe/readRecipeFile';
import { isInstanceFolderName } from './recipe/recipeFiles';
import { summarizeRecipe, type RecipeSummary } from './recipe/recipeSummary';
import type { WorkspaceIndex } from './recipe/WorkspaceIndex';
import { pathToUri } from './uriPath';

/** undefined when the file is not analysed (no service.hrd beside it, or an AYS instance folder). */
export function actionsContextOf(
  index: WorkspaceIndex,
  fs: FileSystem,
  filePath: string,
  settings: RecipeSettings,
): ActionsContext | undefined {
  const dir = path.dirname(path.resolve(filePath));
  const folderName = path.basename(dir);
  if (isInstanceFolderName(folderName)) return undefined;
  const svc = path.join(dir, 'service.hrd');
  let summary: RecipeSummary | undefined;
  if (index.hasFile(svc)) {
    summary = index.summaryOf(dir);
    if (!summary) {
      index.upsertFile(svc);
      summary = index.summaryOf(dir);
    }
  } else {
    if (!fs.exists(svc)) return undefined;
    const r = readRecipeFile(fs, svc);
    if ('text' in r) summary = summarizeRecipe(parseHrd(r.text));
  }
  const ctx: ActionsContext = { settings, folderName };
  if (summary?.dest) {
    ctx.siblingServiceHrd = { lastExportDest: summary.dest };
    if (summary.destRange) ctx.siblingServiceHrd.destRange = { uri: pathToUri(svc), range: summary.destRange };
  }
  return ctx;
}
