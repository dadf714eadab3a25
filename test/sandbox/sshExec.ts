/** Test helper: run one command on the sandbox's ovc_git with ssh2, verifying the host key fingerprint. */
import { readFileSync } from 'node:fs';
import { Client, ClientChannel } from 'ssh2';
import { fingerprintOf } from './sshd';

export interface SshTarget {
  host: string;
  port: number;
  privateKeyPath: string;
  fingerprint: string;
  user?: string;
}
export interface ExecResult {
  code: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
  output: string;
  ms: number;
}
export interface ExecOptions {
  agent?: string;
  agentForward?: boolean;
  timeoutMs?: number;
  /** Called with the open channel (e.g. to send a signal or close it to cancel). */
  onChannel?(ch: ClientChannel, client: Client): void;
  onData?(chunk: string, stream: 'stdout' | 'stderr'): void;
}

export function sshConnect(t: SshTarget, o: ExecOptions = {}): Promise<Client> {
  return new Promise((resolve, reject) => {
    const c = new Client();
    c.once('ready', () => resolve(c));
    c.on('error', reject);
    c.connect({
      host: t.host,
      port: t.port,
      username: t.user ?? 'root',
      privateKey: readFileSync(t.privateKeyPath),
      agent: o.agent,
      agentForward: !!(o.agent && o.agentForward),
      readyTimeout: 10000,
      hostVerifier: (key: Buffer) => fingerprintOf(key) === t.fingerprint,
    });
  });
}

export async function sshExec(t: SshTarget, command: string, o: ExecOptions = {}): Promise<ExecResult> {
  const t0 = Date.now();
  const client = await sshConnect(t, o);
  try {
    return await new Promise<ExecResult>((resolve, reject) => {
      let stdout = '',
        stderr = '',
        output = '';
      let code: number | null = null;
      let signal: string | undefined;
      const timer = o.timeoutMs
        ? setTimeout(() => {
            client.end();
            reject(new Error(`timeout after ${o.timeoutMs} ms: ${command}`));
          }, o.timeoutMs)
        : undefined;
      // ssh2 supports agentForward per exec; @types/ssh2 does not declare it
      client.exec(command, { agentForward: o.agentForward ?? false } as Record<string, unknown>, (err, ch) => {
        if (err) {
          if (timer) clearTimeout(timer);
          return reject(err);
        }
        o.onChannel?.(ch, client);
        ch.on('data', (d: Buffer) => {
          const s = d.toString();
          stdout += s;
          output += s;
          o.onData?.(s, 'stdout');
        });
        ch.stderr.on('data', (d: Buffer) => {
          const s = d.toString();
          stderr += s;
          output += s;
          o.onData?.(s, 'stderr');
        });
        ch.on('exit', (c: number | null, sig?: string) => {
          code = c;
          signal = sig ?? undefined;
        });
        ch.on('close', () => {
          if (timer) clearTimeout(timer);
          resolve({ code, signal, stdout, stderr, output, ms: Date.now() - t0 });
        });
      });
    });
  } finally {
    client.end();
  }
}
