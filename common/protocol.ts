/**
 * The custom LSP requests between the extension and the language server: method names and the one
 * result type of each, shared by both sides. Each side builds its typed `RequestType` from these with
 * its own LSP library (vscode-languageclient and vscode-languageserver ship different vscode-jsonrpc
 * versions; importing one here would bundle a second copy into the other side):
 *   client: `new RequestType0<RecipeInfo[], void>(RECIPES_REQUEST)` from vscode-languageclient;
 *   server: the same from vscode-languageserver.
 */

/** `aysRecipes/recipes` (no params): every template folder of the workspace, sorted by path. */
export const RECIPES_REQUEST = 'aysRecipes/recipes';

/** A template folder of the workspace, for matching portal images to recipes (a superset of portal's RecipeRef). */
export interface RecipeInfo {
  /** Absolute path of the template folder. */
  folder: string;
  /** Folder basename: the AYS service name (`ays install -n <name>`). */
  name: string;
  /** First display name its actions.py passes to registerImage (string literal or a variable holding one). */
  displayName?: string;
  /** url + '/' + source.lstrip('/') of the last web.export (what 2018.09+ portals store as `image.url`). */
  exportUrl?: string;
  /** splitext(basename(dest)) of the last web.export: the OVS template name. */
  templateName?: string;
  dest?: string;
}

/** `aysRecipes/validateTexts` (params: the recipe files' paths and texts, e.g. the pushed content): the findings of every rule. */
export const VALIDATE_TEXTS_REQUEST = 'aysRecipes/validateTexts';
export type { RecipeFinding, RecipeText } from './install/InstallSession';
