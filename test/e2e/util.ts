import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'ays-image-recipes.ays-image-recipes';

/** Polls `probe` until it returns a truthy value or the timeout expires (never a fixed sleep). */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export function workspaceRoot(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f.uri.fsPath;
}

export function recipeUri(...parts: string[]): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), 'servicetemplates', ...parts));
}

export async function openRecipe(...parts: string[]): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(recipeUri(...parts));
  return vscode.window.showTextDocument(doc);
}

/**
 * Puts a document that a test edited back to `text` and saves it, so that the file on disk and the working copy's
 * git state are as before, whatever saved the edit meanwhile (a revert or undo of the active editor is not enough
 * when the workbench saved the edited file first: seen under load, it then left the sandbox working copy dirty and
 * later installs and deploys refused it).
 */
export async function restoreDocument(doc: vscode.TextDocument, text: string): Promise<void> {
  if (doc.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
    assert.ok(await vscode.workspace.applyEdit(edit), `restored ${doc.uri.fsPath}`);
  }
  if (doc.isDirty || fs.readFileSync(doc.uri.fsPath, 'utf8') !== text) {
    await doc.save();
    if (fs.readFileSync(doc.uri.fsPath, 'utf8') !== text) fs.writeFileSync(doc.uri.fsPath, text);
  }
}

export async function activeApi(): Promise<any> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed in development mode`);
  return ext.activate();
}

/** The sandbox portal's state file (stacks with their image ids, images). */
export interface PortalState {
  stacks: { id: number; name: string; images: number[] }[];
  images: { id: number; name: string }[];
}
export const readState = (): PortalState => JSON.parse(fs.readFileSync(process.env.AYS_E2E_STATE!, 'utf8'));

/** Answers the prompts of an install as a user would, and records the notifications. */
export function answerPrompts(nodes: string[], extra: Record<string, string> = {}) {
  const w = vscode.window as any;
  const saved = {
    pick: w.showQuickPick,
    info: w.showInformationMessage,
    warn: w.showWarningMessage,
    err: w.showErrorMessage,
  };
  const messages: string[] = [];
  const answer = (m: string, ...rest: any[]) => {
    messages.push(m);
    const choices = rest.filter((x) => typeof x === 'string');
    for (const [re, c] of Object.entries(extra))
      if (new RegExp(re).test(m) && choices.includes(c)) return Promise.resolve(c);
    return Promise.resolve(choices.includes('Run') ? 'Run' : undefined);
  };
  w.showQuickPick = async (items: any) => (await items).filter((i: any) => nodes.includes(i.label));
  w.showInformationMessage = answer;
  w.showWarningMessage = answer;
  w.showErrorMessage = answer;
  return {
    messages,
    restore() {
      w.showQuickPick = saved.pick;
      w.showInformationMessage = saved.info;
      w.showWarningMessage = saved.warn;
      w.showErrorMessage = saved.err;
    },
  };
}
