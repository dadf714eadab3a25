/**
 * Runs inside the real extension host (code-server) as an "extensionTestsPath": opens a recipe,
 * waits for activation and for the language server, and writes the timings to AYS_BENCH_OUT.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const t0 = Date.now();
  const doc = await vscode.workspace.openTextDocument(
    path.join(folder, 'servicetemplates/image_ubuntu-2204/service.hrd'),
  );
  await vscode.window.showTextDocument(doc);
  const ext = vscode.extensions.getExtension('ays-image-recipes.ays-image-recipes')!;
  const api: any = await ext.activate();
  await api.ready;
  const t = api.timings;
  // The extension's JavaScript evaluated so far (activation + language client start): dist/*.js in the module cache.
  const evaluated = Object.keys(require.cache).filter(
    (k) => k.startsWith(path.join(ext.extensionPath, 'dist') + path.sep) && k.endsWith('.js'),
  );
  // Of those, what was evaluated before activate() returned: the deferred parts carry their load time.
  const after = (k: string) =>
    (path.basename(k) === 'lsclient.js' && t.lsClientStart >= t.activateEnd) ||
    (path.basename(k) === 'remote.js' && (!t.remoteLoaded || t.remoteLoaded >= t.activateEnd));
  const atActivation = evaluated.filter((k) => !after(k));
  const bytes = (files: string[]) => files.reduce((n, k) => n + fs.statSync(k).size, 0);
  const result = {
    evaluatedJs: evaluated.map((k) => path.basename(k)).join(' + '),
    evaluatedJsBytes: bytes(evaluated),
    activationJs: atActivation.map((k) => path.basename(k)).join(' + '),
    activationJsBytes: bytes(atActivation),
    bundleEvaluationMs: t.bundleStart ? t.bundleLoaded - t.bundleStart : undefined,
    bundleLoadedToActivateCallMs: t.activateStart - t.bundleLoaded,
    activateMs: t.activateEnd - t.activateStart,
    bundleLoadToActivatedMs: t.activateEnd - t.bundleLoaded,
    lsClientEvaluationMs: t.lsClientStart !== undefined ? t.lsClientLoaded - t.lsClientStart : undefined,
    activateToServerRunningMs: t.serverRunning - t.activateStart,
    // Of which: the client's start once lsclient.js is evaluated (initialize round trip), and the server's fork.
    lsClientLoadedToServerRunningMs: t.lsClientLoaded !== undefined ? t.serverRunning - t.lsClientLoaded : undefined,
    serverStartToRunningMs: t.serverStarted !== undefined ? t.serverRunning - t.serverStarted : undefined,
    openToServerRunningMs: t.serverRunning - t0,
    // The whole wait from the bundle evaluated (VS Code's own gap before activate() included) to the server running.
    bundleLoadedToServerRunningMs: t.serverRunning - t.bundleLoaded,
    // Whether dist/lsclient.js came from the code cache (client/src/codeCache.ts).
    lsClientCodeCache: t.lsClientCodeCache,
  };
  fs.writeFileSync(process.env.AYS_BENCH_OUT!, JSON.stringify(result));
  const linger = Number(process.env.AYS_BENCH_LINGER_MS || 0);
  if (linger) await new Promise((r) => setTimeout(r, linger));
}
