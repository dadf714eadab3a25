/**
 * Starts the language server (dist/server.js) for the language client, without the library: dist/client.js starts
 * it while VS Code loads the extension (see extension.ts), so that it boots while VS Code prepares the activation
 * and while dist/lsclient.js is evaluated (issue 13). lsclient hands the started server to the LanguageClient (see
 * languageClient.ts) and starts a fresh one on each restart.
 *
 * The server runs in a worker thread of the extension host: no node process to start (≈ 140 ms of a ≈ 370 ms
 * start on a loaded machine), its own V8 heap with limits (running out of memory ends the worker, not the host),
 * and it ends with the host, so it is never orphaned. With `aysRecipes.server.runtime: "process"`, or when the
 * extension host runs under a debugger (an inspector port for the server), it is a forked node process, as
 * `TransportKind.ipc` starts one.
 */
import { ChildProcess, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { MessageChannel, MessagePort, Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { SERVER_PROCESS_FLAGS, SERVER_WORKER_LIMITS } from '../../common/serverRuntime';
import { setting } from './settings';

/** The inspector port of the server when the extension host itself runs under a debugger. */
export const SERVER_DEBUG_PORT = 6029;

/** A started server, with what happened to it before the language client took it. */
export type StartedServer = (
  | {
      readonly runsIn: 'worker';
      readonly worker: Worker;
      /** The client's end of the message channel; it closes when the worker ends. */
      readonly port: MessagePort;
    }
  | { readonly runsIn: 'process'; readonly process: ChildProcess }
) & {
  /** Epoch milliseconds of the start. */
  readonly startedAt: number;
  /** The worker's thread id, or the process id. */
  readonly id: number;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  /** Set when the server failed to start or ended before the client took it. */
  ended?: string;
  /** Ends the server at once (a worker is terminated, a process killed). */
  kill(): void;
  /** Whether it has ended. */
  exited(): boolean;
};

/** Whether the extension host runs under a debugger (vscode-languageclient's own test, for its debug options). */
export function isDebugMode(): boolean {
  return process.execArgv.some((a) => /^--(debug|debug-brk|inspect|inspect-brk)(=|$)/.test(a));
}

/** The working directory the library gives a server process: the first workspace folder on disk, if any. */
function serverCwd(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder?.uri.scheme !== 'file') return undefined;
  try {
    return fs.statSync(folder.uri.fsPath).isDirectory() ? folder.uri.fsPath : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the server starts in a worker thread: `aysRecipes.server.runtime` is "thread" and no debugger runs. */
export function runsInWorker(): boolean {
  return setting('server.runtime') === 'thread' && !isDebugMode();
}

/** Starts dist/server.js where `aysRecipes.server.runtime` says: a worker thread (not under a debugger) or a process. */
export function startServer(extensionPath: string): StartedServer {
  const script = path.join(extensionPath, 'dist', 'server.js');
  if (runsInWorker()) {
    try {
      return startWorker(script);
    } catch {
      // worker_threads unavailable in this host: a process, as before
    }
  }
  return forkServer(script);
}

function startWorker(script: string): StartedServer {
  const startedAt = Date.now();
  // The messages go over a channel of their own (dist/server.js finds its end in workerData): unlike the worker
  // object, a port tells its reader when the other side ended.
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(script, {
    stdout: true,
    stderr: true,
    resourceLimits: { ...SERVER_WORKER_LIMITS },
    workerData: { lspPort: port2 },
    transferList: [port2],
  });
  let done = false;
  const server: StartedServer = {
    runsIn: 'worker',
    worker,
    port: port1,
    startedAt,
    id: worker.threadId,
    stdout: worker.stdout,
    stderr: worker.stderr,
    kill: () => void worker.terminate(),
    exited: () => done,
  };
  // Until the client listens: an error must not throw in the extension host, and an early end is noted.
  worker.once('error', (e) => (server.ended ??= `the server failed: ${e.message}`));
  worker.once('exit', (code) => {
    done = true;
    server.ended ??= `the server ended (code ${code})`;
  });
  return server;
}

/** Forks dist/server.js with the options of `TransportKind.ipc` (`--node-ipc`, piped stdio, the parent's pid). */
function forkServer(script: string): StartedServer {
  const execArgv = [...SERVER_PROCESS_FLAGS];
  if (isDebugMode()) execArgv.push('--nolazy', `--inspect=${SERVER_DEBUG_PORT}`);
  const startedAt = Date.now();
  const child = fork(script, ['--node-ipc', `--clientProcessId=${process.pid}`], {
    execArgv,
    cwd: serverCwd(),
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1' },
    silent: true,
  });
  const server: StartedServer = {
    runsIn: 'process',
    process: child,
    startedAt,
    id: child.pid ?? 0,
    stdout: child.stdout,
    stderr: child.stderr,
    kill: () => void child.kill('SIGKILL'),
    exited: () => child.exitCode !== null || child.signalCode !== null,
  };
  child.once('error', (e) => (server.ended ??= `the server process failed to start: ${e.message}`));
  child.once('exit', (code, signal) => (server.ended ??= `the server process exited (${signal ?? `code ${code}`})`));
  return server;
}
