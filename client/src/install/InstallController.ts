import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../../../common/constants';
import { ResolvedEnvironment } from '../../../common/environments/loadEnvironments';
import { InstallKind } from '../../../common/install/commands';
import { HistoryStore } from '../../../common/install/HistoryStore';
import { InstallRunner, RunSummary, planInstall } from '../../../common/install/InstallRunner';
import { discoverNodes, environmentExecutor } from '../../../common/install/environmentSsh';
import { validateName } from '../../../common/install/names';
import { ConnectionPool } from '../../../common/ssh/ConnectionPool';
import { pickEnvironment, readEnvironments } from '../environments';
import { askPassphrase, hostKeyPolicy } from '../ssh/sshPrompts';
import { InstallDiagnostics } from './InstallDiagnostics';
import { RegistrationWatcher } from './RegistrationWatcher';
import { RunTerminal } from './RunTerminal';
import { TerminalRegistry } from './TerminalRegistry';
import { gitState, preflight } from './preflight';

const KIND_TITLE: Record<InstallKind, string> = { install: 'Install', reinstall: 'Reinstall', 'clean-reinstall': 'Clean reinstall' };

export interface InstallPreset { environment?: string; nodes?: string[]; skipConfirm?: boolean }

/**
 * Install / Reinstall / Clean Reinstall of a recipe on nodes of an environment: pick, pre-flight,
 * show the exact remote command before a first run, run over SSH with output in a terminal, progress
 * with Cancel, results onto the recipe files, history, and the registration result in the tree.
 */
export class InstallController implements vscode.Disposable {
  readonly pool = new ConnectionPool({ idleTimeoutMs: 5 * 60 * 1000 });
  private readonly terminals = new TerminalRegistry();
  private readonly onDidFinishEmitter = new vscode.EventEmitter<{ env: ResolvedEnvironment; summary: RunSummary }>();
  readonly onDidFinish = this.onDidFinishEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly history: HistoryStore,
    private readonly diagnostics: InstallDiagnostics,
    private readonly registration: RegistrationWatcher,
    private readonly logDir: string,
  ) {}

  private sshOptions() {
    return { hostKeys: hostKeyPolicy(path.join(this.context.globalStorageUri.fsPath, 'trusted_hosts.json')), passphrase: askPassphrase,
      connectTimeoutMs: 1000 * (vscode.workspace.getConfiguration(CONFIG_SECTION).get<number>('ssh.connectTimeoutSeconds', 20) ?? 20) };
  }

  private async pickNodes(env: ResolvedEnvironment, kind: InstallKind, image: string): Promise<string[] | undefined> {
    let nodes: string[];
    if (Array.isArray(env.nodes)) nodes = env.nodes;
    else {
      const exec = environmentExecutor(this.pool, env, this.sshOptions());
      if ('code' in exec) { void vscode.window.showErrorMessage(`${env.name}: ${exec.message}`); return undefined; }
      const found = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Listing the nodes of ${env.name}…` },
        () => discoverNodes(exec, env.repoPath));
      if (!found.ok) { void vscode.window.showErrorMessage(`${env.name}: ${found.error.message}`); return undefined; }
      nodes = found.nodes;
    }
    if (!nodes.length) { void vscode.window.showErrorMessage(`${env.name} has no node.ssh node.`); return undefined; }
    const lastKey = `aysRecipes.lastNodes.${env.name}`;
    const last = this.context.workspaceState.get<string[]>(lastKey, []);
    const picked = await vscode.window.showQuickPick(nodes.map((n) => ({ label: n, picked: last.includes(n) })), {
      canPickMany: true, ignoreFocusOut: true, title: `${KIND_TITLE[kind]} ${image}: nodes of ${env.name}`,
      placeHolder: 'One node is enough for a new image: registerImage makes it available on every node of the grid',
    });
    if (!picked?.length) return undefined;
    const chosen = picked.map((p) => p.label);
    await this.context.workspaceState.update(lastKey, chosen);
    return chosen;
  }

  /** The whole flow for one recipe folder. Resolves with the summary, or undefined when the user stopped. */
  async run(kind: InstallKind, folder: string, preset: InstallPreset = {}): Promise<RunSummary | undefined> {
    const image = path.basename(folder);
    const bad = validateName('image', image);
    if (bad) { void vscode.window.showErrorMessage(`Cannot install "${image}": ${bad.message}`); return undefined; }
    const env = preset.environment ? readEnvironments().environments.find((e) => e.name === preset.environment) : await pickEnvironment(`${KIND_TITLE[kind]} ${image} in…`);
    if (!env) { if (preset.environment) void vscode.window.showErrorMessage(`No environment "${preset.environment}".`); return undefined; }
    const nodes = preset.nodes ?? await this.pickNodes(env, kind, image);
    if (!nodes) return undefined;
    const plan = planInstall({ repoPath: env.repoPath, domain: env.domain, image, nodes, kind });
    if (!plan.ok) { void vscode.window.showErrorMessage(`Nothing runs: ${plan.errors.map((e) => e.message).join('; ')}`); return undefined; }
    const git = await gitState(folder);
    if (!preset.skipConfirm && !(await preflight(folder, image, git))) return undefined;

    const seenKey = `aysRecipes.commandShown.${env.name}.${kind}`;
    if (!preset.skipConfirm && !this.context.globalState.get<boolean>(seenKey)) {
      const go = await vscode.window.showInformationMessage(`${KIND_TITLE[kind]} ${image} on ${nodes.join(', ')} runs on ${env.ovcGit.user}@${env.ovcGit.host}:${env.ovcGit.port}:`,
        { modal: true, detail: plan.steps.map((s) => s.command).join('\n\n') }, 'Run');
      if (go !== 'Run') return undefined;
      await this.context.globalState.update(seenKey, true);
    }
    return this.execute(kind, folder, image, env, nodes, git?.commit);
  }

  private async execute(kind: InstallKind, folder: string, image: string, env: ResolvedEnvironment, nodes: string[], commit?: string): Promise<RunSummary | undefined> {
    const exec = environmentExecutor(this.pool, env, this.sshOptions());
    if ('code' in exec) { void vscode.window.showErrorMessage(`${env.name}: ${exec.message}`); return undefined; }
    const cfg = vscode.workspace.getConfiguration(CONFIG_SECTION);
    const abort = new AbortController();
    const title = `${KIND_TITLE[kind]} ${image} on ${nodes.length === 1 ? nodes[0] : `${nodes.length} nodes`}`;
    const term = this.terminals.acquire(env.name, image, nodes, () => abort.abort());
    term.terminal.show(true);
    const before = await this.registration.snapshot(env);
    let progressHook: ((e: { type: string; node: string | null }) => void) | undefined;
    const runner = new InstallRunner(exec, {
      history: this.history, logDir: this.logDir,
      onEvent: (e) => {
        if (e.type === 'step-start') { term.info(`$ ${e.command}`, 'dim'); this.output.info(`[${env.name}${e.node ? `/${e.node}` : ''}] $ ${e.command}`); }
        if (e.type === 'output') { term.output(e.node, e.text, e.stream); this.output.info(`[${e.node ?? 'git'}] ${e.text.trimEnd()}`); }
        if (e.type === 'step-end') {
          term.flush(e.node);
          const r = e.result;
          term.info(`${e.node ?? 'git pull'}: ${r.ok ? 'done' : `failed${r.error ? ` (${r.error.message})` : r.exitCode !== null ? ` (exit ${r.exitCode})` : ''}`} in ${(r.durationMs / 1000).toFixed(1)} s`, r.ok ? 'ok' : 'error');
        }
        progressHook?.(e);
      },
    });
    const summary = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      token.onCancellationRequested(() => abort.abort());
      let done = 0;
      progressHook = (e) => {
        if (e.type === 'step-end' && e.node) progress.report({ increment: 100 / nodes.length, message: `${++done}/${nodes.length} (${e.node})` });
      };
      return runner.run({
        environment: env.name, repoPath: env.repoPath, domain: env.domain, image, nodes, kind, commit, signal: abort.signal,
        concurrency: cfg.get<number>('install.concurrency', 4), agentForward: env.ovcGit.agentForward,
        timeoutMs: (cfg.get<number>('install.timeoutMinutes', 30) ?? 30) * 60000 || undefined,
      });
    });
    term.finish(summary.ok ? 0 : 1, summary.cancelled);
    await this.report(summary, env, folder, image, term, before);
    this.onDidFinishEmitter.fire({ env, summary });
    return summary;
  }

  private async report(summary: RunSummary, env: ResolvedEnvironment, folder: string, image: string, term: RunTerminal, before: Set<number> | undefined): Promise<void> {
    const failed = summary.results.filter((r) => !r.ok);
    if (failed.length) {
      const first = failed[0];
      this.diagnostics.set(folder, first.node, failed.flatMap((r) => r.failures));
    } else this.diagnostics.clear(folder);
    if (summary.historyError) this.output.warn(summary.historyError);
    const result = summary.ok ? await this.registration.after(env, image, before) : undefined;
    const cancelled = summary.cancelled ? ' (cancelled)' : '';
    let text: string;
    if (summary.ok) text = `${image} installed on ${summary.results.map((r) => r.node).join(', ')}${result ? `: ${result}` : ''}.`;
    else if (summary.results.length === 1) text = `${image} failed on ${failed[0].node}${cancelled}: ${failed[0].error?.message ?? failed[0].failures[0]?.message ?? `exit ${failed[0].exitCode}`}`;
    else text = `${image}: ${summary.results.length - failed.length} of ${summary.results.length} nodes succeeded, failed on ${failed.map((r) => r.node).join(', ')}${cancelled}.`;
    term.info(text, summary.ok ? 'ok' : 'error');
    this.output[summary.ok ? 'info' : 'error'](text);
    const show = summary.ok ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
    // Not awaited: the notification stays until the user closes it, the run is over already.
    void show(text, 'Show Output', 'Open Recipe').then((choice) => {
      if (choice === 'Show Output') term.terminal.show();
      if (choice === 'Open Recipe') void vscode.window.showTextDocument(vscode.Uri.file(path.join(folder, 'service.hrd')));
    });
  }

  dispose(): void {
    void this.pool.closeAll();
    this.terminals.dispose();
    this.onDidFinishEmitter.dispose();
  }
}
