import * as path from 'node:path';
import * as vscode from 'vscode';
import { DeployResult, DeployStep, runDeploy } from '../../../common/install/deploy';
import { validateName } from '../../../common/names';
import { pickEnvironment, readEnvironments } from '../environments';
import { InstallController } from '../install/InstallController';
import { dialogDecisions } from '../install/preflight';
import { PortalSessions } from '../portal/PortalSessions';
import { ImagesTreeProvider } from '../tree/ImagesTreeProvider';

export interface DeployPreset {
  environment?: string;
  node?: string;
  availableOn?: string[] | 'everywhere';
  skipConfirm?: boolean;
}

const STEP_TITLE: Record<DeployStep, string> = {
  validate: '1/5 validate',
  commit: '2/5 commit & push',
  install: '3/5 install',
  registration: '4/5 wait for the portal',
  availability: '5/5 availability',
};

/**
 * AYS: Deploy Image…: the whole procedure (common/install/deploy) with the install UI of
 * InstallController: environment, install node, availability nodes, the pre-flight dialogs (Commit &
 * Push…), one confirmation, then a summary with the time of each step.
 */
export class DeployController implements vscode.Disposable {
  private readonly onDidStepEmitter = new vscode.EventEmitter<{ image: string; step: DeployStep | undefined }>();
  readonly onDidStep = this.onDidStepEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly installs: InstallController,
    private readonly sessions: PortalSessions,
    private readonly tree: ImagesTreeProvider,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  async deploy(folder: string, preset: DeployPreset = {}): Promise<DeployResult | undefined> {
    const image = path.basename(folder);
    const bad = validateName('image', image);
    if (bad) {
      void vscode.window.showErrorMessage(`Cannot deploy "${image}": ${bad.message}`);
      return undefined;
    }
    const env = preset.environment
      ? readEnvironments().environments.find((e) => e.name === preset.environment)
      : await pickEnvironment(`Deploy ${image} to…`);
    if (!env) return undefined;
    if (!env.portal) {
      void vscode.window.showErrorMessage(
        `Deploy needs the portal of ${env.name} (steps 4 and 5): add "portal" to the environment.`,
      );
      return undefined;
    }
    const node =
      preset.node ??
      (
        await this.installs.pickNodes(env, `Deploy ${image}: the node that installs it (any one physical node)`, false)
      )?.[0];
    if (!node) return undefined;
    let availableOn = preset.availableOn;
    if (!availableOn) {
      const all = await this.installs.nodesOf(env);
      if (!all) return undefined;
      const picked = await vscode.window.showQuickPick(
        [node, ...all.filter((n) => n !== node)].map((n) => ({ label: n })),
        { canPickMany: true, ignoreFocusOut: true, title: `Deploy ${image}: make it available on exactly these nodes` },
      );
      if (!picked?.length) return undefined;
      availableOn = picked.map((p) => p.label);
    }
    const client = await this.sessions.client(env);
    if (!client.ok) {
      void vscode.window.showErrorMessage(`${env.name}: ${client.error.message}`);
      return undefined;
    }
    const exec = this.installs.executor(env);
    if (!exec) return undefined;
    const abort = new AbortController();
    const ui = this.installs.runUi(env, image, `Deploy ${image} on ${node}`, [node], abort, exec);
    const { concurrency, timeoutMs, ...deps } = this.installs.sessionOptions();
    const where = availableOn === 'everywhere' ? 'every node' : availableOn.join(', ');
    const decisions = dialogDecisions(this.context, folder, 'install', env, [node], {
      skipConfirm: preset.skipConfirm,
      title: `Deploy ${image}: install on ${node}, then available on ${where} (${env.name})?`,
      extraDetail: `Then: wait for the registered image on the portal, and make it available on exactly ${where}.`,
    });
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Deploy ${image}` },
      (progress) =>
        runDeploy(
          { folder, env, node, availableOn: availableOn!, signal: abort.signal, concurrency, timeoutMs },
          {
            ...deps,
            exec: ui.exec,
            portal: client.value,
            decisions,
            onStage: ui.onStage,
            onEvent: ui.onEvent,
            onStep: (step) => {
              progress.report({ message: STEP_TITLE[step] });
              this.onDidStepEmitter.fire({ image, step });
            },
          },
        ),
    );
    ui.finish();
    this.onDidStepEmitter.fire({ image, step: undefined });
    if (result.session) this.installs.showFailures(folder, result.session);
    this.tree.refresh(env.name);
    if (result.image) this.tree.setHighlight(env.name, result.image.id, `deployed · id ${result.image.id}`);
    const times = result.steps
      .filter((s) => !s.skipped)
      .map((s) => `${s.step} ${(s.ms / 1000).toFixed(1)} s`)
      .join(', ');
    const text = result.ok
      ? `Deployed ${result.message} (${times}).`
      : result.stopped
        ? result.message
        : `Deploy ${image}: ${result.message}${result.state ? `. ${result.state}` : ''}`;
    this.output[result.ok || result.stopped || result.cancelled ? 'info' : 'error'](text);
    ui.term()?.info(text, result.ok ? 'ok' : 'error');
    ui.term()?.finish(result.ok ? 0 : 1, !!result.cancelled);
    const show =
      result.ok || result.stopped || result.cancelled
        ? vscode.window.showInformationMessage
        : vscode.window.showErrorMessage;
    const fix =
      result.failedStep === 'registration' && /New Version/.test(result.state ?? '')
        ? ['New Version of This Recipe…']
        : [];
    void show(text, 'Show Output', ...fix).then((c) => {
      if (c === 'Show Output') this.output.show(true);
      if (c === 'New Version of This Recipe…')
        void vscode.commands.executeCommand('aysRecipes.newVersion', vscode.Uri.file(folder));
    });
    return result;
  }

  dispose(): void {
    this.onDidStepEmitter.dispose();
  }
}
