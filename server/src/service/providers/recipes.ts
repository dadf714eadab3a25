/** The recipes of the workspace (the images view's `aysRecipes/recipes` request), from the index. */
import * as path from 'node:path';
import type { RecipeInfo } from '../../../../common/protocol';
import type { WorkspaceIndex } from '../recipe/WorkspaceIndex';

/** Every template folder of the index, sorted by path: name, display name, export URL, template name, dest. */
export function recipesOf(index: WorkspaceIndex): RecipeInfo[] {
  return index
    .templateFolders()
    .sort()
    .map((folder) => {
      const r: RecipeInfo = { folder, name: path.basename(folder) };
      const names = index.displayNamesOf(folder);
      if (names.length) r.displayName = names[0].name;
      const s = index.summaryOf(folder);
      if (s?.lastUrl && s.lastSource) r.exportUrl = `${s.lastUrl}/${s.lastSource.replace(/^\/+/, '')}`;
      if (s?.templateName) r.templateName = s.templateName;
      if (s?.dest) r.dest = s.dest;
      return r;
    });
}
