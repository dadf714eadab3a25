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
  /** Workspace folder URIs (with a trailing slash): settings are asked once per folder, not per file. */
  private folders: string[] = [];
  canPull = false;

  constructor(
    private readonly connection: Connection,
    initial: unknown,
  ) {
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

  setFolders(uris: string[]): void {
    this.folders = uris.map((u) => (u.endsWith('/') ? u : u + '/')).sort((a, b) => b.length - a.length);
  }

  /** Asks the folders' settings ahead of the first document (after `initialized`). */
  prefetch(): void {
    for (const f of this.folders) void this.forResource(f);
  }

  forResource(uri: string): Promise<RecipeSettings> {
    if (!this.canPull) return Promise.resolve(this.global);
    const scope = this.folders.find((f) => uri.startsWith(f)) ?? uri;
    let p = this.perResource.get(scope);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: scope, section: CONFIG_SECTION }).then(
        (v: unknown) => resolveSettings(v),
        () => this.global,
      );
      this.perResource.set(scope, p);
    }
    return p;
  }
}
