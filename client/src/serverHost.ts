/**
 * Starts the language server process (dist/server.js over node IPC), as vscode-languageclient's
 * `TransportKind.ipc` does, without the library: activation forks the server here, in dist/client.js, so that
 * the node process starts while dist/lsclient.js is still being evaluated (issue 13). lsclient hands the running
 * child to the LanguageClient (see languageClient.ts) and forks a fresh one on each restart.
 */
import { ChildProcess, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** The inspector port of the server when the extension host itself runs under a debugger. */
export const SERVER_DEBUG_PORT = 6029;

/** A forked server, with what happened to it before the language client took it. */
export interface ServerChild {
  readonly process: ChildProcess;
  /** Epoch milliseconds of the fork. */
  readonly forkedAt: number;
  /** Set when the process failed to start or exited before the client took it. */
  ended?: string;
}

/** Whether the extension host runs under a debugger (vscode-languageclient's own test, for its debug options). */
export function isDebugMode(): boolean {
  return process.execArgv.some((a) => /^--(debug|debug-brk|inspect|inspect-brk)(=|$)/.test(a));
}

/** The working directory the library gives a server: the first workspace folder on disk, if any. */
function serverCwd(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder?.uri.scheme !== 'file') return undefined;
  try {
    return fs.statSync(folder.uri.fsPath).isDirectory() ? folder.uri.fsPath : undefined;
  } catch {
    return undefined;
  }
}

/** Forks dist/server.js with the options of `TransportKind.ipc` (`--node-ipc`, piped stdio, the parent's pid). */
export function forkServer(extensionPath: string): ServerChild {
  // A small young generation, and one full collection after the initial scan (see WorkspaceSync), keep the
  // server's memory low with 10,000 recipes indexed: the scan makes much short-lived garbage.
  const execArgv = ['--max-semi-space-size=2', '--expose-gc'];
  if (isDebugMode()) execArgv.push('--nolazy', `--inspect=${SERVER_DEBUG_PORT}`);
  const forkedAt = Date.now();
  const child = fork(
    path.join(extensionPath, 'dist', 'server.js'),
    ['--node-ipc', `--clientProcessId=${process.pid}`],
    {
      execArgv,
      cwd: serverCwd(),
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1' },
      silent: true,
    },
  );
  const server: ServerChild = { process: child, forkedAt };
  // Until the client listens: a failed spawn must not throw in the extension host, and an early exit is noted.
  child.once('error', (e) => (server.ended ??= `the server process failed to start: ${e.message}`));
  child.once('exit', (code, signal) => (server.ended ??= `the server process exited (${signal ?? `code ${code}`})`));
  return server;
}
