import * as path from 'node:path';
import * as vscode from 'vscode';
import { setting } from '../settings';
import { ResolvedEnvironment } from '../../../common/environments/loadEnvironments';
import { InstallKind } from '../../../common/install/commands';
import { HistoryStore } from '../../../common/install/HistoryStore';
import { CommandExecutor, RunEvent, RunSummary } from '../../../common/install/InstallRunner';
import {
  RecipeFinding,
  RecipeText,
  runInstallSession,
  SessionDecisions,
  SessionResult,
  SessionStage,
} from '../../../common/install/InstallSession';
import { discoverNodes, environmentExecutor } from '../../../common/install/environmentSsh';
import { validateName } from '../../../common/names';
import { describeRegistration } from '../../../common/install/registration';
import { ConnectionPool } from '../../../common/ssh/ConnectionPool';
import { pickEnvironment, readEnvironments } from '../environments';
import { askPassphrase, hostKeyPolicy } from '../ssh/sshPrompts';
import { InstallDiagnostics } from './InstallDiagnostics';
import { dialogDecisions, KIND_TITLE } from './preflight';
import { RegistrationWatcher } from './RegistrationWatcher';
import { RunTerminal } from './RunTerminal';
import { TerminalRegistry } from './TerminalRegistry';

export interface InstallPreset {
  environment?: string;
  nodes?: string[];
  skipConfirm?: boolean;
  decisions?: SessionDecisions;
}

/**
 * Install / Reinstall / Clean Reinstall of a recipe on nodes of an environment, as an adapter of the
 * install session (common/install/InstallSession): pick environment and nodes, answer the session's
 * questions with dialogs (pre-flight, one confirmation every run), output in a terminal, progress with
 * Cancel, failures onto the recipe files, history, and the registration result in the tree.
 */
export class InstallController implements vscode.Disposable {
  readonly pool = new ConnectionPool({ idleTimeoutMs: 5 * 60 * 1000 });
  private readonly terminals = new TerminalRegistry();
  private readonly onDidFinishEmitter = new vscode.EventEmitter<{
    env: ResolvedEnvironment;
    summary: RunSummary;
    result: SessionResult;
  }>();
  readonly onDidFinish = this.onDidFinishEmitter.event;
  private readonly onDidStageEmitter = new vscode.EventEmitter<{ image: string; stage: SessionStage | undefined }>();
  /** The stage of the running session (undefined when it ended), for the status item. */
  readonly onDidChangeStage = this.onDidStageEmitter.event;
  /** The terminal of the last run (Show Output). */
  lastTerminal: vscode.Terminal | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly history: HistoryStore,
    private readonly diagnostics: InstallDiagnostics,
    private readonly registration: RegistrationWatcher,
    private readonly logDir: string,
    private readonly validate: (files: RecipeText[]) => Promise<RecipeFinding[]>,
  ) {}

  sshOptions() {
    return {
      hostKeys: hostKeyPolicy(path.join(this.context.globalStorageUri.fsPath, 'trusted_hosts.json')),
      passphrase: askPassphrase,
      connectTimeoutMs: 1000 * setting('ssh.connectTimeoutSeconds'),
    };
  }

  /** The node names of an environment (listed, or discovered over SSH). */
  async nodesOf(env: ResolvedEnvironment): Promise<string[] | undefined> {
    if (Array.isArray(env.nodes)) return env.nodes;
    const exec = environmentExecutor(this.pool, env, this.sshOptions());
    if ('code' in exec) {
      void vscode.window.showErrorMessage(`${env.name}: ${exec.message}`);
      return undefined;
    }
    const found = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Listing the nodes of ${env.name}…` },
      () => discoverNodes(exec, env.repoPath),
    );
    if (!found.ok) {
      void vscode.window.showErrorMessage(`${env.name}: ${found.error.message}`);
      return undefined;
    }
    return found.nodes;
  }

  /**
   * Node choice: nothing is pre-ticked (a click on one node runs on one node); the nodes used last are
   * proposed first, marked "last used". The confirmation of the run lists the nodes again.
   */
  async pickNodes(env: ResolvedEnvironment, title: string, canPickMany = true): Promise<string[] | undefined> {
    const nodes = await this.nodesOf(env);
    if (!nodes) return undefined;
    if (!nodes.length) {
      void vscode.window.showErrorMessage(`${env.name} has no node.ssh node.`);
      return undefined;
    }
    const lastKey = `aysRecipes.lastNodes.${env.name}`;
    const last = this.context.workspaceState.get<string[]>(lastKey, []);
    const ordered = [...nodes.filter((n) => last.includes(n)), ...nodes.filter((n) => !last.includes(n))];
    const items = ordered.map((n) => ({ label: n, description: last.includes(n) ? 'last used' : undefined }));
    const placeHolder =
      'One node is enough for a new image: registerImage makes it available on every node of the grid';
    const picked = canPickMany
      ? await vscode.window.showQuickPick(items, { canPickMany: true, ignoreFocusOut: true, title, placeHolder })
      : await vscode.window
          .showQuickPick(items, { ignoreFocusOut: true, title, placeHolder })
          .then((p) => (p ? [p] : undefined));
    if (!picked?.length) return undefined;
    const chosen = picked.map((p) => p.label);
    await this.context.workspaceState.update(lastKey, chosen);
    return chosen;
  }

  /** The whole flow for one recipe folder. Resolves with the run summary, or undefined when nothing ran. */
  async run(kind: InstallKind, folder: string, preset: InstallPreset = {}): Promise<RunSummary | undefined> {
    return (await this.runSession(kind, folder, preset))?.summary;
  }

  /** Like run(), resolving with the whole session result (undefined when the user stopped before the session). */
  async runSession(kind: InstallKind, folder: string, preset: InstallPreset = {}): Promise<SessionResult | undefined> {
    const image = path.basename(folder);
    const bad = validateName('image', image);
    if (bad) {
      void vscode.window.showErrorMessage(`Cannot install "${image}": ${bad.message}`);
      return undefined;
    }
    const env = preset.environment
      ? readEnvironments().environments.find((e) => e.name === preset.environment)
      : await pickEnvironment(`${KIND_TITLE[kind]} ${image} in…`);
    if (!env) {
      if (preset.environment) void vscode.window.showErrorMessage(`No environment "${preset.environment}".`);
      return undefined;
    }
    const nodes = preset.nodes ?? (await this.pickNodes(env, `${KIND_TITLE[kind]} ${image}: nodes of ${env.name}`));
    if (!nodes) return undefined;
    return this.execute(
      kind,
      folder,
      image,
      env,
      nodes,
      preset.decisions ?? dialogDecisions(this.context, folder, kind, env, nodes, { skipConfirm: preset.skipConfirm }),
    );
  }

  /**
   * The run UI of a session (install or deploy): the terminal and the cancellable progress appear when
   * the remote work starts (after the dialogs); output goes to the terminal and the log channel.
   */
  runUi(
    env: ResolvedEnvironment,
    image: string,
    title: string,
    nodes: string[],
    abort: AbortController,
    exec: CommandExecutor,
  ) {
    let term: RunTerminal | undefined;
    let progressHook: ((e: RunEvent) => void) | undefined;
    let startRun: (() => void) | undefined;
    let endProgress: (() => void) | undefined;
    const hooks = {
      term: () => term,
      exec: (async (command, options) => {
        if (startRun) {
          const s = startRun;
          startRun = undefined;
          s();
        }
        return exec(command, options);
      }) as CommandExecutor,
      onStage: (stage: SessionStage) => {
        this.onDidStageEmitter.fire({ image, stage: stage === 'done' ? undefined : stage });
        if (stage !== 'run') {
          endProgress?.();
          endProgress = undefined;
          return;
        }
        startRun = () => {
          term = this.terminals.acquire(env.name, image, nodes, () => abort.abort());
          this.lastTerminal = term.terminal;
          term.terminal.show(true);
          let done = 0;
          void vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title, cancellable: true },
            (progress, token) => {
              token.onCancellationRequested(() => abort.abort());
              progressHook = (e) => {
                if (e.type === 'step-end' && e.node)
                  progress.report({ increment: 100 / nodes.length, message: `${++done}/${nodes.length} (${e.node})` });
              };
              return new Promise<void>((resolve) => {
                endProgress = resolve;
              });
            },
          );
        };
      },
      onEvent: (e: RunEvent) => {
        if (e.type === 'step-start') {
          term?.info(`$ ${e.command}`, 'dim');
          this.output.info(`[${env.name}${e.node ? `/${e.node}` : ''}] $ ${e.command}`);
        }
        if (e.type === 'output') {
          term?.output(e.node, e.text, e.stream);
          this.output.info(`[${e.node ?? 'git'}] ${e.text.trimEnd()}`);
        }
        if (e.type === 'step-end') {
          term?.flush(e.node);
          const r = e.result;
          term?.info(
            `${e.node ?? 'git pull'}: ${r.ok ? 'done' : `failed${r.error ? ` (${r.error.message})` : r.exitCode !== null ? ` (exit ${r.exitCode})` : ''}`} in ${(r.durationMs / 1000).toFixed(1)} s`,
            r.ok ? 'ok' : 'error',
          );
        }
        progressHook?.(e);
      },
      finish: () => {
        endProgress?.();
        this.onDidStageEmitter.fire({ image, stage: undefined });
      },
    };
    return hooks;
  }

  /** The executor of an environment, or undefined (the error was shown). */
  executor(env: ResolvedEnvironment): CommandExecutor | undefined {
    const exec = environmentExecutor(this.pool, env, this.sshOptions());
    if ('code' in exec) {
      void vscode.window.showErrorMessage(`${env.name}: ${exec.message}`);
      return undefined;
    }
    return exec;
  }

  sessionOptions() {
    return {
      concurrency: setting('install.concurrency'),
      timeoutMs: setting('install.timeoutMinutes') * 60000 || undefined,
      history: this.history,
      logDir: this.logDir,
      validate: this.validate,
    };
  }

  /** Failure diagnostics of a finished session onto the recipe files (cleared on success). */
  showFailures(folder: string, result: SessionResult): void {
    const summary = result.summary;
    if (!summary) return;
    const failed = summary.results.filter((r) => !r.ok && r.error?.code !== 'cancelled');
    if (failed.length)
      this.diagnostics.set(
        folder,
        failed[0].node,
        failed.flatMap((r) => r.failures),
        result.contents,
        result.source === 'pushed',
      );
    else if (summary.ok) this.diagnostics.clear(folder);
    if (summary.historyError) this.output.warn(summary.historyError);
  }

  private async execute(
    kind: InstallKind,
    folder: string,
    image: string,
    env: ResolvedEnvironment,
    nodes: string[],
    decisions: SessionDecisions,
  ): Promise<SessionResult | undefined> {
    const exec = this.executor(env);
    if (!exec) return undefined;
    const abort = new AbortController();
    const title = `${KIND_TITLE[kind]} ${image} on ${nodes.length === 1 ? nodes[0] : `${nodes.length} nodes`}`;
    const ui = this.runUi(env, image, title, nodes, abort, exec);
    const { concurrency, timeoutMs, ...deps } = this.sessionOptions();
    const result = await runInstallSession(
      { folder, kind, env, nodes, signal: abort.signal, concurrency, timeoutMs },
      {
        ...deps,
        exec: ui.exec,
        decisions,
        readState: this.registration.reader(env),
        onStage: ui.onStage,
        onEvent: ui.onEvent,
      },
    );
    ui.finish();
    if (!result.summary) {
      if (!result.stopped || result.stage !== 'confirm')
        void (result.stopped ? vscode.window.showInformationMessage : vscode.window.showErrorMessage)(result.message);
      return result;
    }
    const term = ui.term();
    term?.finish(result.ok ? 0 : 1, result.cancelled);
    await this.report(result, env, folder, image, term);
    this.onDidFinishEmitter.fire({ env, summary: result.summary, result });
    return result;
  }

  private async report(
    result: SessionResult,
    env: ResolvedEnvironment,
    folder: string,
    image: string,
    term: RunTerminal | undefined,
  ): Promise<void> {
    const summary = result.summary!;
    const failed = summary.results.filter((r) => !r.ok && r.error?.code !== 'cancelled');
    this.showFailures(folder, result);
    await this.registration.show(env, result.registration);
    const reg = result.registration ? `: ${describeRegistration(result.registration)}` : '';
    let text: string;
    let level: 'info' | 'error' = 'error';
    if (summary.ok) {
      text = `${image} installed on ${summary.results.map((r) => r.node).join(', ')}${reg}.`;
      level = 'info';
    } else if (summary.cancelled && !failed.length) {
      text = `${image}: cancelled on ${summary.results.map((r) => r.node).join(', ')}.`;
      level = 'info';
    } else if (summary.results.length === 1)
      text = `${image} failed on ${failed[0].node}: ${failed[0].error?.message ?? failed[0].failures[0]?.message ?? `exit ${failed[0].exitCode}`}`;
    else
      text = `${image}: ${summary.results.filter((r) => r.ok).length} of ${summary.results.length} nodes succeeded, failed on ${failed.map((r) => r.node).join(', ')}${summary.cancelled ? ' (the others were cancelled)' : ''}.`;
    term?.info(text, level === 'info' ? 'ok' : 'error');
    this.output[level](text);
    const show = level === 'info' ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
    // Not awaited: the notification stays until the user closes it, the run is over already.
    void show(text, 'Show Output', 'Open Recipe').then((choice) => {
      if (choice === 'Show Output') term?.terminal.show();
      if (choice === 'Open Recipe')
        void vscode.window.showTextDocument(vscode.Uri.file(path.join(folder, 'service.hrd')));
    });
  }

  dispose(): void {
    this.terminals.dispose();
    void this.pool.closeAll();
    this.onDidFinishEmitter.dispose();
    this.onDidStageEmitter.dispose();
  }
}
