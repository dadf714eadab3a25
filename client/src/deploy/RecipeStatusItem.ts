import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../../../common/constants';
import { setting } from '../settings';

/**
 * Status bar item for recipe files: the environment(s) and the profile in use; while an install or a
 * deploy runs, its image and stage. A click shows the output.
 */
export class RecipeStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('aysRecipes.status', vscode.StatusBarAlignment.Left, 50);
  private running: { image: string; stage: string } | undefined;
  private visible = false;
  private readonly subs: vscode.Disposable[] = [];

  constructor() {
    this.item.name = 'AYS Recipes';
    this.item.command = 'aysRecipes.showOutput';
    this.subs.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(CONFIG_SECTION)) this.update();
      }),
    );
    this.update();
  }

  /** What the item shows now (the e2e tests read it: VS Code has no API to read the status bar). */
  snapshot(): { text: string; tooltip: string; command: string; visible: boolean } {
    return {
      text: this.item.text,
      tooltip: String(this.item.tooltip ?? ''),
      command: String(this.item.command ?? ''),
      visible: this.visible,
    };
  }

  /** Shows a running install/deploy stage (undefined: it ended). */
  setStage(image: string, stage: string | undefined): void {
    this.running = stage ? { image, stage } : undefined;
    this.update();
  }

  private update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const isRecipe =
      !!doc &&
      ['service.hrd', 'actions.py', 'instance.hrd'].includes(path.basename(doc.uri.fsPath)) &&
      /servicetemplates|image_/.test(doc.uri.fsPath);
    if (this.running) {
      this.item.text = `$(sync~spin) AYS ${this.running.image}: ${this.running.stage}`;
      this.item.tooltip = 'A recipe install or deploy is running. Click to show the output.';
      this.show(true);
      return;
    }
    if (!isRecipe) {
      this.show(false);
      return;
    }
    // The names as written (the status item is created at activation: no validator in dist/client.js).
    const defined = setting('environments', doc!.uri);
    const envs = (Array.isArray(defined) ? defined : [])
      .map((e) => (e && typeof e === 'object' ? (e as { name?: unknown }).name : undefined))
      .filter((n): n is string => typeof n === 'string' && n !== '');
    const profile = setting('profile', doc!.uri);
    this.item.text = `$(cloud) ${envs.length ? envs.join(', ') : 'no environment'} · ${profile}`;
    this.item.tooltip = `AYS recipes: environment${envs.length === 1 ? '' : 's'} ${envs.join(', ') || '(none: AYS: Add Environment)'}, registerImage profile ${profile}. Click to show the output.`;
    this.show(true);
  }

  private show(on: boolean): void {
    this.visible = on;
    if (on) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.item.dispose();
  }
}
