/**
 * One SSH connection (ssh2 Client) opened the careful way: the host key verified before auth,
 * the agent and identity files tried in order, ProxyJump through a forwarded channel, keepalive,
 * and a connect timeout. Failures are SshError values; nothing throws.
 */
import { Client, ConnectConfig } from 'ssh2';
import { discoverAgent, createAuthPlan, KeyCache, PassphraseProvider } from './auth';
import { fromSocketError, SshError, sshError } from './errors';
import { HostKeyOutcome, HostKeyPolicy, preferredHostKeyTypes, verifyHostKey, withSshConfig } from './hostKeyVerifier';
import { ExecOptions, ExecResult, remoteExec } from './remoteExec';
import { ResolvedSshTarget } from './sshConfig';

/**
 * The SSH handshake limit when neither the caller nor ssh_config's ConnectTimeout sets one: the default of
 * the `aysRecipes.ssh.connectTimeoutSeconds` setting (package.json; a unit test keeps the two equal).
 */
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 20;

export interface ConnectOptions {
  target: ResolvedSshTarget;
  hostKeys: HostKeyPolicy;
  passphrase?: PassphraseProvider;
  /** Decrypted keys, shared across connections (memory only). */
  keyCache?: KeyCache;
  /** Open the connection with the agent so exec channels can forward it. */
  agentForward?: boolean;
  /** Default: ConnectTimeout from ssh_config, else DEFAULT_CONNECT_TIMEOUT_SECONDS. */
  connectTimeoutMs?: number;
  /** Default 15000 ms; 0 disables. Three unanswered keepalives close the connection. */
  keepaliveIntervalMs?: number;
  /** For agent discovery (SSH_AUTH_SOCK). Default process.env. */
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export type OpenResult = { ok: true; connection: SshConnection } | { ok: false; error: SshError };

const DEFAULT_HOST_KEY_ALGS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];
function hostKeyAlgorithms(knownTypes: string[]): string[] {
  const first = knownTypes
    .flatMap((t) => (t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t]))
    .filter((a) => DEFAULT_HOST_KEY_ALGS.includes(a));
  return [...new Set([...first, ...DEFAULT_HOST_KEY_ALGS])];
}

export class SshConnection {
  private closedFlag = false;
  private intentional = false;
  private closeError: SshError | undefined;
  private readonly closedPromise: Promise<SshError | undefined>;
  private active = 0;
  private readonly closeListeners: Array<(e?: SshError) => void> = [];
  /** Non-fatal notes, e.g. agent forwarding requested without an agent. */
  readonly warnings: string[] = [];

  private constructor(
    readonly client: Client,
    readonly target: ResolvedSshTarget,
    readonly hostKey: HostKeyOutcome & { ok: true },
    readonly agent: string | undefined,
    private readonly jump?: SshConnection,
  ) {
    this.closedPromise = new Promise((resolve) => {
      const finish = (e?: SshError) => {
        if (this.closedFlag) return;
        this.closedFlag = true;
        this.closeError = this.closeError ?? e;
        resolve(this.closeError);
        for (const l of this.closeListeners) l(this.closeError);
        this.jump?.close();
      };
      client.on('error', (err: Error & { code?: string }) => {
        if (!this.intentional)
          this.closeError =
            this.closeError ??
            sshError('connection-lost', `connection to ${this.describe} failed: ${err.message}`, {
              host: target.hostName,
              port: target.port,
            });
      });
      client.on('close', () =>
        finish(
          this.intentional
            ? undefined
            : (this.closeError ?? sshError('connection-lost', `connection to ${this.describe} closed`)),
        ),
      );
    });
  }

  get describe(): string {
    return `${this.target.user}@${this.target.hostName}:${this.target.port}`;
  }
  get isClosed(): boolean {
    return this.closedFlag;
  }
  /** Commands currently running on this connection. */
  get activeCommands(): number {
    return this.active;
  }
  /** Resolves (with the reason, if any) when the connection is closed. */
  get closed(): Promise<SshError | undefined> {
    return this.closedPromise;
  }
  onClose(listener: (e?: SshError) => void): void {
    this.closeListeners.push(listener);
  }

  /** Opens and authenticates a connection. */
  static async open(o: ConnectOptions): Promise<OpenResult> {
    const t = o.target;
    const keyCache = o.keyCache ?? new Map();
    let jump: SshConnection | undefined;
    let sock: ConnectConfig['sock'];
    if (t.proxyJump) {
      const j = await SshConnection.open({ ...o, target: t.proxyJump, agentForward: false });
      if (!j.ok)
        return { ok: false, error: { ...j.error, message: `ProxyJump ${t.proxyJump.hostName}: ${j.error.message}` } };
      jump = j.connection;
      const s = await new Promise<ConnectConfig['sock'] | Error>((resolve) =>
        jump!.client.forwardOut('127.0.0.1', 0, t.hostName, t.port, (err, stream) => resolve(err ?? stream)),
      );
      if (s instanceof Error) {
        jump.close();
        return {
          ok: false,
          error: sshError(
            'unreachable',
            `ProxyJump ${t.proxyJump.hostName} cannot reach ${t.hostName}:${t.port}: ${s.message}`,
            { host: t.hostName, port: t.port },
          ),
        };
      }
      // The forwarded channel is an emitter too: a late error on it must not be unhandled.
      (s as NodeJS.EventEmitter).on('error', () => undefined);
      sock = s;
    }

    const agent = discoverAgent({ identityAgent: t.identityAgent, env: o.env });
    const plan = createAuthPlan({
      username: t.user,
      agent,
      identitiesOnly: t.identitiesOnly,
      identityFiles: t.identityFiles,
      passphrase: o.passphrase,
      cache: keyCache,
    });
    const aliases = t.alias !== t.hostName ? [t.alias] : [];
    const hostKeys = withSshConfig(o.hostKeys, t);
    let hostKey: HostKeyOutcome | undefined;
    const client = new Client();
    const config: ConnectConfig = {
      host: t.hostName,
      port: t.port,
      username: t.user,
      sock,
      readyTimeout: o.connectTimeoutMs ?? t.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_SECONDS * 1000,
      keepaliveInterval: o.keepaliveIntervalMs ?? 15000,
      keepaliveCountMax: 3,
      agent: o.agentForward && agent ? agent : undefined,
      authHandler: plan.handler,
      algorithms: {
        serverHostKey: hostKeyAlgorithms(preferredHostKeyTypes(hostKeys, t.hostName, t.port, aliases)) as never,
      },
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        verifyHostKey(hostKeys, t.hostName, t.port, key, aliases).then(
          (r) => {
            hostKey = r;
            verify(r.ok);
          },
          () => verify(false),
        );
      },
    };

    const result = await new Promise<OpenResult>((resolve) => {
      let settled = false;
      const settle = (r: OpenResult) => {
        if (!settled) {
          settled = true;
          o.signal?.removeEventListener('abort', onAbort);
          resolve(r);
        }
      };
      const onAbort = () => {
        client.end();
        settle({ ok: false, error: sshError('cancelled', `connecting to ${t.hostName}:${t.port} was cancelled`) });
      };
      if (o.signal?.aborted) return onAbort();
      o.signal?.addEventListener('abort', onAbort, { once: true });
      client.once('ready', () => {
        const conn = new SshConnection(client, t, hostKey as HostKeyOutcome & { ok: true }, agent, jump);
        if (o.agentForward && !agent)
          conn.warnings.push(
            'agent forwarding is configured but no SSH agent was found (SSH_AUTH_SOCK is not set); git pull on ovc_git may fail',
          );
        settle({ ok: true, connection: conn });
      });
      // A persistent handler: ssh2 can emit a second 'error' (e.g. "Connection lost before handshake"
      // after a timeout); a `once` handler would leave it unhandled and kill the process.
      client.on('error', (err: Error & { code?: string; level?: string }) => {
        if (settled) return;
        client.end();
        if (hostKey && !hostKey.ok) return settle({ ok: false, error: hostKey.error });
        if (err.level === 'client-authentication') {
          const tried = plan.tried.length ? plan.tried.join(', ') : 'nothing';
          const skipped = plan.skipped.length ? `; not usable: ${plan.skipped.join('; ')}` : '';
          const code = plan.tried.length ? 'auth-failed' : 'no-identities';
          const hint = agent ? '' : ' (no SSH agent: SSH_AUTH_SOCK is not set)';
          return settle({
            ok: false,
            error: sshError(
              code,
              `authentication as ${t.user} on ${t.hostName}:${t.port} failed; tried: ${tried}${skipped}${hint}`,
              { host: t.hostName, port: t.port, triedIdentities: [...plan.tried] },
            ),
          });
        }
        if (err.level === 'client-timeout')
          return settle({
            ok: false,
            error: sshError(
              'timeout',
              `no SSH handshake with ${t.hostName}:${t.port} within ${config.readyTimeout} ms`,
              { host: t.hostName, port: t.port },
            ),
          });
        if (/verification failed/i.test(err.message))
          return settle({
            ok: false,
            error: sshError('host-key-unknown', `the host key of ${t.hostName}:${t.port} was not accepted`, {
              host: t.hostName,
              port: t.port,
            }),
          });
        settle({ ok: false, error: fromSocketError(err, t.hostName, t.port) });
      });
      client.once('close', () =>
        settle({
          ok: false,
          error: sshError('unreachable', `${t.hostName}:${t.port} closed the connection during the handshake`, {
            host: t.hostName,
            port: t.port,
          }),
        }),
      );
      try {
        client.connect(config);
      } catch (e) {
        settle({ ok: false, error: sshError('config', (e as Error).message, { host: t.hostName, port: t.port }) });
      }
    });
    if (!result.ok) jump?.close();
    return result;
  }

  /** Runs a command (see remoteExec for streaming, cancel and the process-group kill). */
  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    this.active++;
    try {
      const agentForward = !!options.agentForward && !!this.agent;
      return await remoteExec(
        { client: this.client, isClosed: () => this.closedFlag, closed: this.closedPromise, describe: this.describe },
        command,
        { ...options, agentForward },
      );
    } finally {
      this.active--;
    }
  }

  /** Ends the connection (and the ProxyJump hop) cleanly. */
  close(): Promise<void> {
    if (!this.closedFlag) {
      this.intentional = true;
      this.client.end();
      // If the server never answers the disconnect, tear the socket down.
      const t = setTimeout(() => this.client.destroy(), 2000);
      t.unref?.();
    }
    return this.closedPromise.then(() => undefined);
  }
}
