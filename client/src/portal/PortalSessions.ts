import * as vscode from 'vscode';
import { ResolvedEnvironment } from '../../../common/environments/loadEnvironments';
import {
  PortalClient,
  PortalResult,
  GetSecret,
  INSECURE_WARNING,
  secretFromEnv,
  portalSecretKey,
  legacySecretKey,
  storedSecret,
} from '../../../common/portal';
import { setting } from '../settings';

/**
 * One PortalClient per environment (keep-alive pool inside), with its secrets in VS Code's
 * SecretStorage, keyed by the environment name, the portal URL (and token URL) and the user: asked
 * once per portal and user, never written to settings or logs, forgotten on request or when the
 * portal refuses them. Secrets stored by older versions (keyed by name only) are used again only
 * after the user confirms the portal they would be sent to.
 */
export class PortalSessions implements vscode.Disposable {
  private readonly clients = new Map<string, { key: string; client: PortalClient; env: ResolvedEnvironment }>();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  private getSecret(env: ResolvedEnvironment): GetSecret {
    return async (kind) => {
      const portal = env.portal!;
      const stored = await storedSecret(this.secrets, env.name, portal, kind, async (id) => {
        const use = 'Use It';
        const pick = await vscode.window.showWarningMessage(
          `A ${kind === 'password' ? 'portal password' : 'client secret'} for environment "${env.name}" was saved by an older version, without the portal it belongs to. Send it to ${id.url}${id.tokenUrl ? ` (token URL ${id.tokenUrl})` : ''} as ${id.user || 'this user'}?`,
          { modal: true },
          use,
          'Enter It Again',
        );
        return pick === use;
      });
      if (stored) return stored;
      // The variables the CLI reads (e.g. set by `npm start` for the sandbox) come next; the user is asked last.
      const fromEnv = secretFromEnv(kind, env.name);
      if (fromEnv) return fromEnv;
      const who =
        kind === 'password'
          ? `password of ${portal.username ?? 'the portal user'}`
          : `client secret of ${portal.clientId ?? 'the client'}`;
      const value = await vscode.window.showInputBox({
        title: `Cloud Broker Portal of ${env.name}`,
        prompt: `The ${who} at ${portal.url} (kept in VS Code's secret storage)`,
        password: true,
        ignoreFocusOut: true,
      });
      if (value) await this.secrets.store(portalSecretKey(env.name, portal, kind), value);
      return value || undefined;
    };
  }

  /** The client for an environment with a portal; recreated when its definition or the portal settings changed. */
  async client(env: ResolvedEnvironment): Promise<PortalResult<PortalClient>> {
    if (!env.portal)
      return { ok: false, error: { code: 'invalid-config', message: `Environment "${env.name}" has no portal.` } };
    const timeoutMs = 1000 * setting('portal.timeoutSeconds');
    const maxResponseBytes = Math.round(setting('portal.maxResponseMB') * 1024 * 1024);
    const key = JSON.stringify([env.portal, timeoutMs, maxResponseBytes]);
    const cached = this.clients.get(env.name);
    if (cached?.key === key) return { ok: true, value: cached.client };
    if (cached) void cached.client.close();
    const r = await PortalClient.create(env.portal, {
      getSecret: this.getSecret(env),
      envName: env.name,
      timeoutMs,
      maxResponseBytes,
      log: (line: string) => this.output.debug(`[portal ${env.name}] ${line}`),
    });
    if (r.ok) {
      this.clients.set(env.name, { key, client: r.value, env });
      if (r.value.insecure) void vscode.window.showWarningMessage(`${env.name}: ${INSECURE_WARNING}`);
    }
    return r;
  }

  /** Forgets the stored secret and session of an environment (after `auth-expired`, or on request). */
  async forget(envName: string): Promise<void> {
    const known = this.clients.get(envName);
    for (const kind of ['password', 'clientSecret'] as const) {
      await this.secrets.delete(legacySecretKey(envName, kind));
      if (known?.env.portal) await this.secrets.delete(portalSecretKey(envName, known.env.portal, kind));
    }
    known?.client.forgetSession();
  }

  dispose(): void {
    for (const { client } of this.clients.values()) void client.close();
    this.clients.clear();
  }
}
