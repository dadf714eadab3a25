import * as vscode from 'vscode';
import { ResolvedEnvironment } from '../../../common/environments/loadEnvironments';
import { PortalClient, PortalResult, GetSecret, INSECURE_WARNING, secretFromEnv } from '../../../common/portal';

/**
 * One PortalClient per environment (keep-alive pool inside), with its secrets in VS Code's
 * SecretStorage: asked once, never written to settings or logs, forgotten on request or when the
 * portal refuses them.
 */
export class PortalSessions implements vscode.Disposable {
  private readonly clients = new Map<string, { key: string; client: PortalClient }>();

  constructor(private readonly secrets: vscode.SecretStorage, private readonly output: vscode.LogOutputChannel) {}

  private secretKey(env: string, kind: string): string {
    return `aysRecipes.portal.${env}.${kind}`;
  }

  private getSecret(env: ResolvedEnvironment): GetSecret {
    return async (kind) => {
      const key = this.secretKey(env.name, kind);
      const stored = await this.secrets.get(key);
      if (stored) return stored;
      // The variables the CLI reads (e.g. set by `npm start` for the sandbox) come next; the user is asked last.
      const fromEnv = secretFromEnv(kind, env.name);
      if (fromEnv) return fromEnv;
      const who = kind === 'password' ? `password of ${env.portal?.username ?? 'the portal user'}` : `client secret of ${env.portal?.clientId ?? 'the client'}`;
      const value = await vscode.window.showInputBox({
        title: `Cloud Broker Portal of ${env.name}`, prompt: `The ${who} (kept in VS Code's secret storage)`,
        password: true, ignoreFocusOut: true,
      });
      if (value) await this.secrets.store(key, value);
      return value || undefined;
    };
  }

  /** The client for an environment with a portal; recreated when its definition changed. */
  async client(env: ResolvedEnvironment): Promise<PortalResult<PortalClient>> {
    if (!env.portal) return { ok: false, error: { code: 'invalid-config', message: `Environment "${env.name}" has no portal.` } };
    const key = JSON.stringify(env.portal);
    const cached = this.clients.get(env.name);
    if (cached?.key === key) return { ok: true, value: cached.client };
    if (cached) void cached.client.close();
    const r = await PortalClient.create(env.portal, {
      getSecret: this.getSecret(env), envName: env.name,
      log: (line: string) => this.output.debug(`[portal ${env.name}] ${line}`),
    });
    if (r.ok) {
      this.clients.set(env.name, { key, client: r.value });
      if (r.value.insecure) void vscode.window.showWarningMessage(`${env.name}: ${INSECURE_WARNING}`);
    }
    return r;
  }

  /** Forgets the stored secret and session of an environment (after `auth-expired`, or on request). */
  async forget(envName: string): Promise<void> {
    await this.secrets.delete(this.secretKey(envName, 'password'));
    await this.secrets.delete(this.secretKey(envName, 'clientSecret'));
    this.clients.get(envName)?.client.forgetSession();
  }

  dispose(): void {
    for (const { client } of this.clients.values()) void client.close();
    this.clients.clear();
  }
}
