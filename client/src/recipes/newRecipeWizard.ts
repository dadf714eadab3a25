import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findServicetemplates } from '../../../common/install/recipeFolder';
import {
  checkSpec,
  IMAGE_TYPES,
  newVersionFiles,
  NewRecipeFiles,
  parseImageUrl,
  portalTemplateNames,
  propose,
  recipeFiles,
  RecipeSpec,
  uniqueStem,
  workspaceTemplateNames,
  writeRecipe,
} from '../../../common/recipe/newRecipe';
import { probeMd5 } from '../../../common/recipe/probeMd5';
import { readEnvironments } from '../environments';
import { PortalSessions } from '../portal/PortalSessions';
import { setting } from '../settings';

/** The servicetemplates folder for a command argument (a folder in or under servicetemplates/), else the workspace's. */
function targetDir(arg: unknown): string | undefined {
  const p = arg instanceof vscode.Uri ? arg.fsPath : undefined;
  if (p) {
    const parts = p.split(path.sep);
    const i = parts.lastIndexOf('servicetemplates');
    if (i >= 0) {
      // A folder inside servicetemplates that is not a recipe itself (a category folder) is kept; a recipe folder gives its parent.
      const dir = fs.existsSync(path.join(p, 'service.hrd')) ? path.dirname(p) : p;
      return dir;
    }
  }
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    const found = findServicetemplates(f.uri.fsPath)[0];
    if (found) return found;
  }
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return root ? path.join(root, 'servicetemplates') : undefined;
}

async function takenNames(
  dir: string,
  sessions: PortalSessions,
  signal: AbortSignal,
): Promise<{ taken: Set<string>; note?: string }> {
  const taken = workspaceTemplateNames([dir]);
  const envs = readEnvironments(vscode.Uri.file(dir)).environments.filter((e) => e.portal);
  const notes: string[] = [];
  for (const env of envs) {
    const c = await sessions.client(env);
    if (!c.ok) {
      notes.push(`${env.name}: ${c.error.message}`);
      continue;
    }
    const imgs = await c.value.listImages({ signal });
    if (imgs.ok) for (const t of portalTemplateNames(imgs.value.images)) taken.add(t);
    else notes.push(`${env.name}: ${imgs.error.message}`);
  }
  return { taken, note: notes.length ? `the portal's templates were not checked (${notes.join('; ')})` : undefined };
}

async function writeAndOpen(files: NewRecipeFiles, notes: string[]): Promise<string | undefined> {
  const err = writeRecipe(files);
  if (err) {
    void vscode.window.showErrorMessage(err);
    return undefined;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(path.join(files.folder, 'service.hrd')));
  void vscode.window.showInformationMessage(
    `Created ${path.basename(files.folder)} (dest ${files.dest.split('/').pop()})${notes.length ? `. Note: ${notes.join('; ')}` : ''}.`,
  );
  return files.folder;
}

/**
 * New Image Recipe…: asks the image URL, the display name and the type with its size (one pick), and
 * the boot type only when the name suggests UEFI; derives everything else (common/recipe/newRecipe).
 * Resolves with the new folder.
 */
export async function newImageRecipe(sessions: PortalSessions, arg?: unknown): Promise<string | undefined> {
  const dir = targetDir(arg);
  if (!dir) {
    void vscode.window.showErrorMessage('Open the environment repository (the folder with servicetemplates/) first.');
    return undefined;
  }
  const raw = await vscode.window.showInputBox({
    title: 'New Image Recipe (1/3): image URL',
    ignoreFocusOut: true,
    placeHolder: 'https://cloud-images.example.com/noble/current/noble-server-cloudimg-amd64.img',
    prompt: 'http, https, ftp (credentials in the URL) or file URL of the image file',
    validateInput: (v) => {
      const u = parseImageUrl(v);
      return 'error' in u ? u.error : undefined;
    },
  });
  if (!raw) return undefined;
  const url = parseImageUrl(raw);
  if ('error' in url) return undefined;
  const first = propose(url);
  const name = await vscode.window.showInputBox({
    title: 'New Image Recipe (2/3): display name in the portal',
    value: first.displayName,
    ignoreFocusOut: true,
    validateInput: (v) =>
      !v.trim()
        ? 'A name is needed'
        : /['"\\]/.test(v)
          ? 'No quotes or backslashes (the name goes into a Python string)'
          : undefined,
  });
  if (!name) return undefined;
  const pr = propose(url, name);
  const profile = setting('profile', vscode.Uri.file(dir));
  const items = IMAGE_TYPES.map((t) => ({
    label: t,
    description: `${t === 'Windows' ? 25 : 10} GB minimal disk`,
    type: t,
    size: t === 'Windows' ? 25 : 10,
  }));
  items.sort((a, b) => (a.type === pr.type ? -1 : b.type === pr.type ? 1 : 0));
  const typed = await vscode.window.showQuickPick(items, {
    title: 'New Image Recipe (3/3): type and minimal disk size',
    ignoreFocusOut: true,
    placeHolder: `Proposed from the name: ${pr.type}, ${pr.size} GB`,
  });
  if (!typed) return undefined;
  let boot: 'bios' | 'uefi' | undefined;
  if (pr.suggestsUefi && profile === 'current') {
    const b = await vscode.window.showQuickPick(
      [{ label: 'uefi', description: 'the name suggests UEFI' }, { label: 'bios' }],
      { title: 'Boot type', ignoreFocusOut: true },
    );
    if (!b) return undefined;
    boot = b.label as 'bios' | 'uefi';
  }
  const stem = url.fileName.replace(/(\.(qcow2|img|raw|vmdk|vhdx?))?(\.(gz|xz|bz2))?$/i, '');
  const derived = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: "New Image Recipe: checking the .md5sum and the portal's templates…",
      cancellable: true,
    },
    async (_p, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      const [probe, names] = await Promise.all([
        probeMd5(`${url.url}/${url.source.replace(/^\/+/, '')}`, { signal: ac.signal }),
        takenNames(dir, sessions, ac.signal),
      ]);
      return { probe, names };
    },
  );
  const spec: RecipeSpec = {
    url,
    displayName: name,
    type: typed.type,
    size: typed.size,
    boot,
    folder: pr.folder,
    destStem: uniqueStem(stem, derived.names.taken),
    checkmd5: derived.probe.exists,
    profile,
  };
  const bad = checkSpec(dir, spec);
  if (bad) {
    void vscode.window.showErrorMessage(`New Image Recipe: ${bad}`);
    return undefined;
  }
  const notes = [
    derived.probe.note,
    derived.names.note,
    spec.destStem !== stem.replace(/\./g, '-') ? `"${stem}" is already used, so dest is ${spec.destStem}` : undefined,
  ].filter((x): x is string => !!x);
  return writeAndOpen(recipeFiles(dir, spec), notes);
}

/** New Version of This Recipe…: the same recipe in a new folder with a new dest basename (a reinstall with the same template name registers nothing, §4.2). */
export async function newVersionOfRecipe(sessions: PortalSessions, folder: string): Promise<string | undefined> {
  const dir = path.dirname(folder);
  const names = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: "New Version: reading the portal's templates…",
      cancellable: true,
    },
    (_p, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      return takenNames(dir, sessions, ac.signal);
    },
  );
  const files = newVersionFiles(folder, names.taken);
  if ('error' in files) {
    void vscode.window.showErrorMessage(`New Version: ${files.error}`);
    return undefined;
  }
  return writeAndOpen(files, names.note ? [names.note] : []);
}
