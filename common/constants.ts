/** Identifiers shared by the client, the language server and the CLI. */
export const EXTENSION_ID = 'ays-image-recipes.ays-image-recipes';
export const LANGUAGE_ID = 'hrd';
export const OUTPUT_CHANNEL_NAME = 'AYS Image Recipes';
export const SERVER_NAME = 'AYS Recipe Language Server';
export const CONFIG_SECTION = 'aysRecipes';
