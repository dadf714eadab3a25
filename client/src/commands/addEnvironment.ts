import * as vscode from 'vscode';
import { validateEnvironments } from '../../../common/environments/loadEnvironments';
import { Environment } from '../../../common/environments/types';
import { setting, updateSetting } from '../settings';

const NAME = /^[A-Za-z0-9._-]+$/;

async function ask(
  title: string,
  prompt: string,
  value = '',
  validate?: (v: string) => string | undefined,
): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt,
    value,
    ignoreFocusOut: true,
    validateInput: (v) => validate?.(v.trim()),
  });
}

/**
 * Add Environment…: asks the ovc_git host, port, repository path and (optionally) the portal, then
 * appends the definition to `aysRecipes.environments` of the workspace (or the user settings when
 * no folder is open). Secrets are not asked here: the first portal call asks and stores them.
 */
export async function addEnvironment(): Promise<void> {
  const title = 'Add an OpenvCloud environment';
  const existing = setting('environments');
  if (!Array.isArray(existing)) {
    void vscode.window.showErrorMessage('aysRecipes.environments is not a list: fix it in the settings first.');
    return;
  }
  const name = await ask(title, 'Name (letters, digits, . _ -)', '', (v) =>
    !NAME.test(v) ? 'Use letters, digits, ".", "_" or "-"' : undefined,
  );
  if (!name) return;
  const host = await ask(title, 'ovc_git host, address or ~/.ssh/config alias', '', (v) =>
    !v || /\s/.test(v) ? 'A host without spaces' : undefined,
  );
  if (!host) return;
  const port = await ask(title, 'SSH port of ovc_git (22, or 2202 for a dockerised ovc_git)', '22', (v) =>
    /^\d{1,5}$/.test(v) && +v > 0 && +v < 65536 ? undefined : 'A port number',
  );
  if (!port) return;
  const repoPath = await ask(
    title,
    'Environment repository on ovc_git',
    `/opt/code/github/gig-projects/${name}`,
    (v) => (v.startsWith('/') ? undefined : 'An absolute path'),
  );
  if (!repoPath) return;
  const portalUrl = await ask(title, 'Cloud Broker Portal URL (leave empty for none)', '', (v) =>
    !v || /^https?:\/\/\S+$/.test(v) ? undefined : 'An http(s) URL',
  );
  if (portalUrl === undefined) return;
  const env: Environment = {
    name: name.trim(),
    ovcGit: { host: host.trim(), port: Number(port) },
    repoPath: repoPath.trim(),
    nodes: 'discovered',
  };
  if (portalUrl.trim()) {
    const auth = await vscode.window.showQuickPick(
      [
        { label: 'authkey', description: 'portal user name + password' },
        { label: 'jwt', description: 'ItsYou.online client id + secret' },
      ],
      { title, placeHolder: 'How to authenticate to the portal' },
    );
    if (!auth) return;
    const who = await ask(title, auth.label === 'authkey' ? 'Portal user name' : 'Client id');
    if (!who) return;
    env.portal =
      auth.label === 'authkey'
        ? { url: portalUrl.trim(), auth: 'authkey', username: who.trim() }
        : {
            url: portalUrl.trim(),
            auth: 'jwt',
            clientId: who.trim(),
            tokenUrl: 'https://itsyou.online/v1/oauth/access_token',
          };
  }
  const next = [...existing.filter((e) => (e as { name?: string })?.name !== env.name), env];
  const check = validateEnvironments(next);
  const mine = check.errors.filter((e) => e.path?.startsWith(`[${next.length - 1}]`));
  if (mine.length) {
    void vscode.window.showErrorMessage(`Not added: ${mine.map((e) => e.message).join('; ')}`);
    return;
  }
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await updateSetting('environments', next, target);
  void vscode.window.showInformationMessage(
    `Environment "${env.name}" added to the ${target === vscode.ConfigurationTarget.Workspace ? 'workspace' : 'user'} settings.`,
  );
}
