import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { OUTPUT_CHANNEL_NAME } from '../../common/constants';
import type { HistoryStore } from '../../common/install/HistoryStore';
import { InstallCodeLensProvider } from './commands/installCommands';
import { DeployCodeLensProvider } from './deploy/DeployCodeLensProvider';
import type { DeployController } from './deploy/DeployController';
import { CodeCacheUse, requireWithCodeCache } from './codeCache';
import { RecipeStatusItem } from './deploy/RecipeStatusItem';
import { OPEN_RULE_DOCS, registerRuleDocs } from './docs/ruleDocs';
import type { InstallController } from './install/InstallController';
import type * as Ls from './lsclient';
import type * as Remote from './remote';
import { runsInWorker, startServer, StartedServer } from './serverHost';
import { affectsSetting, setting } from './settings';
import type { ImagesTreeProvider } from './tree/ImagesTreeProvider';
import { LazyTreeProvider } from './tree/LazyTreeProvider';
import type { TreeNode } from './tree/treeNodes';

/** What the extension exposes to other extensions and to its own end-to-end tests. */
export interface AysRecipesApi {
  /** The language client, once dist/lsclient.js is loaded (right after activation). */
  readonly client: LanguageClient | undefined;
  readonly output: vscode.LogOutputChannel;
  /** Resolves once the language client is running (or rejects with the start error). */
  readonly ready: Promise<void>;
  isRunning(): boolean;
  /** Where the language server the client talks to runs: a worker thread (its thread id) or a process (its pid). */
  server(): Ls.ServerInfo | undefined;
  /** Whether the SSH / portal / tree part (dist/remote.js) has been loaded yet. */
  isRemoteLoaded(): boolean;
  /** The parts below load dist/remote.js on first access. */
  readonly images: ImagesTreeProvider;
  readonly imagesView: vscode.TreeView<TreeNode>;
  readonly history: HistoryStore;
  readonly installs: InstallController;
  readonly deploys: DeployController;
  /** The recipe status item (created at activation). */
  readonly status: RecipeStatusItem;
  /** Epoch milliseconds of the activation milestones, for the activation benchmark. */
  readonly timings: {
    bundleStart?: number;
    bundleLoaded: number;
    activateStart: number;
    activateEnd: number;
    /** When the language server was started: while the bundle was evaluated (a worker), or after activateEnd;
     * before dist/lsclient.js in both cases (the two overlap). */
    serverStarted?: number;
    /** When dist/lsclient.js began and finished evaluating (after activateEnd). */
    lsClientStart?: number;
    lsClientLoaded?: number;
    /** Whether dist/lsclient.js came from the code cache. */
    lsClientCodeCache?: CodeCacheUse;
    serverRunning?: number;
    remoteLoaded?: number;
  };
}

/** Commands this bundle handles itself; every other contributed command loads dist/remote.js first. */
const SHELL_COMMANDS = new Set(['aysRecipes.showOutput', 'aysRecipes.restartServer', OPEN_RULE_DOCS]);

function isMissingFile(d: vscode.Diagnostic): boolean {
  return (typeof d.code === 'object' ? d.code.value : d.code) === 'recipe-missing-file';
}

/**
 * The language server, started while this bundle is evaluated. Between evaluating it and calling activate(),
 * VS Code prepares the extension's context (storage round trips to the window): the server's worker boots
 * meanwhile, on a thread of its own. Starting a worker takes ~1 ms of this thread; a process (the "process"
 * runtime, or under a debugger) would take ~40 ms, so it waits for activation. The first activate() hands
 * it to the language client.
 */
let early: StartedServer | undefined = runsInWorker() ? startServer(path.dirname(__dirname)) : undefined;
/** Set when the bundle is evaluated: activation time is measured from here (bench/activation). */
const bundleLoadedAt = Date.now();
/** Set by the first line of dist/client.js (a banner of scripts/build.mjs). */
declare const __aysBundleStart: number | undefined;
/** The language client part (dist/lsclient.js) once loaded; `deactivated` stops a load not begun yet. */
let server: Ls.LanguageServer | undefined;
let deactivated = false;

export function activate(context: vscode.ExtensionContext): AysRecipesApi {
  const started = Date.now();
  const timings: AysRecipesApi['timings'] = {
    bundleStart: typeof __aysBundleStart === 'number' ? __aysBundleStart : undefined,
    bundleLoaded: bundleLoadedAt,
    activateStart: started,
    activateEnd: 0,
  };
  deactivated = false;
  const output = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  context.subscriptions.push(output);

  // Language server: it started with the bundle (`early`, above), or starts right after activate() returns (so
  // that activation registers everything else first); then the client library, a bundle of its own
  // (dist/lsclient.js), is evaluated while the server boots; the client then takes the running server.
  /** A separate bundle of the extension (dist/lsclient.js, dist/remote.js), with a code cache (codeCache.ts). */
  const cacheDir = context.globalStorageUri.scheme === 'file' ? context.globalStorageUri.fsPath : undefined;
  const loadPart = (name: 'lsclient' | 'remote', onCache?: (use: CodeCacheUse) => void) =>
    requireWithCodeCache(path.join(__dirname, `${name}.js`), { parent: module, cacheDir, onCache });
  const prestarted = early;
  early = undefined;
  const loaded = new Promise<Ls.LanguageServer>((resolve, reject) =>
    setImmediate(() => {
      if (deactivated) {
        prestarted?.kill();
        reject(new Error('the extension was deactivated before the language client loaded'));
        return;
      }
      const first = prestarted ?? startServer(context.extensionPath);
      timings.serverStarted = first.startedAt;
      try {
        timings.lsClientStart = Date.now();
        const m = loadPart('lsclient', (use) => (timings.lsClientCodeCache = use)) as typeof Ls;
        server = m.startLanguageServer(context, output, first);
        timings.lsClientLoaded = Date.now();
        resolve(server);
      } catch (e) {
        first.kill();
        reject(e);
      }
    }),
  );
  const running = loaded.then(async (s) => {
    await s.started;
    return s;
  });
  const ready = running.then(
    () => {
      timings.serverRunning = Date.now();
      output.info(`language server running (${timings.serverRunning - started} ms after activation)`);
    },
    (e: unknown) => {
      output.error(`language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    },
  );
  // The error is in the output; callers of `ready` still see the rejection.
  ready.catch(() => undefined);
  const recipes: Remote.Recipes = async () => (await running).recipes();
  const validateTexts: Remote.ValidateTexts = async (files) => (await running).validateTexts(files);

  // The recipe status item (environment, profile, the stage of a running install or deploy).
  const status = new RecipeStatusItem();
  context.subscriptions.push(status);

  // SSH, the portal, the tree and their commands: dist/remote.js, loaded on first use. Until then the
  // view has a thin provider and each remote command a stand-in that loads the part and re-runs it.
  let remote: Remote.RemoteParts | undefined;
  const shell = new LazyTreeProvider<TreeNode>(() => load().images);
  const imagesView = vscode.window.createTreeView('aysRecipes.images', {
    treeDataProvider: shell,
    showCollapseAll: true,
  });
  let standIns: vscode.Disposable[] = [];
  function load(): Remote.RemoteParts {
    if (remote) return remote;
    const m = loadPart('remote') as typeof Remote;
    for (const d of standIns) d.dispose();
    standIns = [];
    remote = m.activateRemote(context, output, imagesView, recipes, validateTexts, status);
    shell.attach(remote.images);
    timings.remoteLoaded = Date.now();
    output.debug(`SSH, portal and tree part loaded in ${timings.remoteLoaded - started} ms after activation`);
    return remote;
  }
  context.subscriptions.push(shell, imagesView, {
    dispose: () => {
      for (const d of standIns) d.dispose();
    },
  });

  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(
      { language: 'hrd', pattern: '**/service.hrd' },
      new InstallCodeLensProvider(),
    ),
    vscode.languages.registerCodeLensProvider(
      { language: 'hrd', pattern: '**/service.hrd' },
      new DeployCodeLensProvider(),
    ),
    // "Create the missing file": loads the remote part only when a recipe-missing-file diagnostic is there.
    vscode.languages.registerCodeActionsProvider(
      { language: 'hrd', pattern: '**/service.hrd' },
      {
        provideCodeActions: (doc, range, ctx) =>
          ctx.diagnostics.some(isMissingFile) ? load().missingFileFix.provideCodeActions(doc, range, ctx) : [],
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    registerRuleDocs(context),
    vscode.commands.registerCommand('aysRecipes.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('aysRecipes.restartServer', async () => {
      output.info('restarting the language server');
      await (await loaded).restart();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!affectsSetting(e, 'server.runtime')) return;
      output.info(`aysRecipes.server.runtime is now "${setting('server.runtime')}": restarting the language server`);
      await (await loaded).restart();
    }),
  );

  // Stand-ins last: a command this bundle already registered keeps its own handler.
  const contributed: { command: string }[] = context.extension.packageJSON?.contributes?.commands ?? [];
  for (const c of contributed) {
    if (SHELL_COMMANDS.has(c.command)) continue;
    try {
      standIns.push(
        vscode.commands.registerCommand(c.command, (...args: unknown[]) => {
          load();
          return vscode.commands.executeCommand(c.command, ...args);
        }),
      );
    } catch {
      /* registered above */
    }
  }

  timings.activateEnd = Date.now();
  return {
    output,
    ready,
    imagesView,
    timings,
    status,
    get client() {
      return server?.client;
    },
    isRunning: () => server?.isRunning() ?? false,
    server: () => server?.server(),
    isRemoteLoaded: () => !!remote,
    get images() {
      return load().images;
    },
    get history() {
      return load().history;
    },
    get installs() {
      return load().installs;
    },
    get deploys() {
      return load().deploys;
    },
  };
}

export async function deactivate(): Promise<void> {
  deactivated = true;
  const s = server;
  server = undefined;
  if (s) await s.stop();
}
