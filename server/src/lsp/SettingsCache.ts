import { Connection } from 'vscode-languageserver/node';
import { CONFIG_SECTION } from '../../../common/constants';
import { RecipeSettings, resolveSettings } from '../../../common/settings';

/**
 * Settings per resource: the workspace/folder value of `aysRecipes.*` (so a folder may choose its own
 * registerImage profile), pulled with workspace/configuration when the client supports it and cached
 * until the client says the configuration changed.
 */
export class SettingsCache {
  private readonly perResource = new Map<string, Promise<RecipeSettings>>();
  private global: RecipeSettings;
  canPull = false;

  constructor(private readonly connection: Connection, initial: unknown) {
    this.global = resolveSettings(initial);
  }

  get defaults(): RecipeSettings {
    return this.global;
  }

  /** After didChangeConfiguration: forget cached values; `pushed` is the new global value (push model). */
  reset(pushed?: unknown): void {
    this.perResource.clear();
    if (pushed !== undefined && pushed !== null) this.global = resolveSettings(pushed);
  }

  forResource(uri: string): Promise<RecipeSettings> {
    if (!this.canPull) return Promise.resolve(this.global);
    let p = this.perResource.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: CONFIG_SECTION })
        .then((v) => resolveSettings(v), () => this.global);
      this.perResource.set(uri, p);
    }
    return p;
  }
}
