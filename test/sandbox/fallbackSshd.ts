/**
 * ovc_git's SSH server when /usr/sbin/sshd is not installed: an ssh2 `Server` on 127.0.0.1 with
 * the same handle as sshd.ts (`SshdHandle`), its own ed25519 host key, public-key auth with the
 * sandbox client key, agent forwarding (a unix socket per session, relayed over
 * `auth-agent@openssh.com` channels), and `exec` run by `/bin/bash -c` (else `/bin/sh -c`) in its own
 * process group with the `setEnv` variables; stdout/stderr stream, the exit code or signal is sent back,
 * and the process group is killed when the channel gets a signal or closes.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, Server as NetServer } from 'node:net';
import { join } from 'node:path';
import { Connection, ParsedKey, Server, utils } from 'ssh2';
import { fingerprintOf, freePort, prepareKeyFiles, SshdHandle, SshdOptions } from './sshd';

function keygen(file: string, comment: string): void {
  if (existsSync(file)) return;
  const k = utils.generateKeyPairSync('ed25519', { comment });
  writeFileSync(file, k.private, { mode: 0o600 });
  writeFileSync(file + '.pub', `${k.public.trim()}\n`);
}

const blobOf = (pubFile: string) => Buffer.from(readFileSync(pubFile, 'utf8').trim().split(/\s+/)[1], 'base64');

/** ssh2 servers cannot open agent channels through the public API; this uses its internals (ssh2 1.17). */
function openAgentChannel(
  client: Connection,
  cb: (err: Error | undefined, stream?: NodeJS.ReadWriteStream) => void,
): void {
  const c = client as unknown as {
    _chanMgr: { add(f: unknown): number };
    _protocol: { openssh_authAgent(id: number, w: number, p: number): void };
  };
  const wrapper = Object.assign((err: Error | undefined, stream: NodeJS.ReadWriteStream) => cb(err, stream), {
    type: 'auth-agent@openssh.com',
  });
  const id = c._chanMgr.add(wrapper);
  if (id === -1) return cb(new Error('No free channels available'));
  c._protocol.openssh_authAgent(id, 2 * 1024 * 1024, 32 * 1024);
}

export async function startFallbackSshd(options: SshdOptions): Promise<SshdHandle> {
  const dir = options.dir;
  mkdirSync(dir, { recursive: true });
  const port = options.port ?? (await freePort());
  const logPath = join(dir, 'sshd.log');
  const { hostKeyPath, clientKeyPath, authorizedKeysPath, knownHostsPath } = prepareKeyFiles(dir, port, keygen);
  const log = (msg: string) => appendFileSync(logPath, `${new Date().toISOString()} ${msg}\n`);
  const shell = existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';
  const children = new Set<ChildProcess>();
  const agentServers = new Set<NetServer>();
  const connections = new Set<Connection>();
  let server: Server | undefined;
  let agentSeq = 0;

  const authorized = () =>
    readFileSync(authorizedKeysPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((l) => utils.parseKey(l))
      .filter((k): k is ParsedKey => !(k instanceof Error));

  const killGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        /* gone */
      }
    }
  };

  const onClient = (client: Connection) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', (e) => log(`client error: ${e.message}`));
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey' || ctx.username !== 'root') return ctx.reject(['publickey']);
      const key = authorized().find((k) => k.type === ctx.key.algo && k.getPublicSSH().equals(ctx.key.data));
      if (!key) {
        log(`refused key for ${ctx.username}`);
        return ctx.reject(['publickey']);
      }
      if (!ctx.signature) return ctx.accept(); // the "would this key be accepted" probe
      if (key.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) === true) {
        log(`accepted publickey for ${ctx.username}`);
        return ctx.accept();
      }
      return ctx.reject(['publickey']);
    });
    client.on('ready', () =>
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        const env: Record<string, string> = {};
        let agentSock: string | undefined;
        session.on('env', (accept, _reject, info) => {
          env[info.key] = info.val;
          accept?.();
        });
        session.on('pty', (accept) => accept?.());
        session.on('auth-agent', (accept) => {
          agentSock = join(dir, `agent.${process.pid}.${++agentSeq}.sock`);
          const srv = createNetServer((sock) =>
            openAgentChannel(client, (err, ch) => {
              if (err || !ch) return sock.destroy();
              sock.pipe(ch as unknown as NodeJS.WritableStream);
              (ch as unknown as NodeJS.ReadableStream).pipe(sock);
              sock.on('close', () => (ch as unknown as { end(): void }).end());
            }),
          );
          srv.listen(agentSock);
          agentServers.add(srv);
          client.on('close', () => {
            srv.close();
            agentServers.delete(srv);
          });
          accept?.();
        });
        session.on('exec', (accept, _reject, info) => {
          const stream = accept();
          log(`exec: ${info.command}`);
          const child = spawn(shell, ['-c', info.command], {
            detached: true,
            cwd: process.env.HOME ?? '/',
            env: {
              HOME: process.env.HOME ?? '/root',
              USER: 'root',
              LOGNAME: 'root',
              SHELL: shell,
              PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
              LANG: 'C.UTF-8',
              SSH_CONNECTION: `127.0.0.1 0 127.0.0.1 ${port}`,
              ...env,
              ...(options.setEnv ?? {}),
              ...(agentSock ? { SSH_AUTH_SOCK: agentSock } : {}),
            },
            stdio: ['pipe', 'pipe', 'pipe'],
          });
          children.add(child);
          child.stdout!.pipe(stream, { end: false });
          child.stderr!.pipe(stream.stderr, { end: false });
          stream.pipe(child.stdin!);
          child.stdin!.on('error', () => undefined);
          session.on('signal', (acc, _rej, sig) => {
            acc?.();
            log(`signal ${sig.name}`);
            killGroup(child, `SIG${sig.name}` as NodeJS.Signals);
          });
          stream.on('close', () => killGroup(child, 'SIGTERM'));
          child.on('error', (e) => {
            stream.stderr.write(`${e.message}\n`);
            stream.exit(127);
            stream.end();
          });
          child.on('close', (code, signal) => {
            children.delete(child);
            if (signal) stream.exit(signal.replace(/^SIG/, ''), false, '');
            else stream.exit(code ?? 0);
            stream.end();
            stream.close(); // like sshd: close the channel once the command is done, without waiting for the client's EOF
          });
        });
      }),
    );
  };

  const launch = async () => {
    server = new Server({ hostKeys: [readFileSync(hostKeyPath)] }, onClient);
    server.on('error', (e: Error) => log(`server error: ${e.message}`));
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(port, '127.0.0.1', () => resolve());
    });
  };
  const shutdown = async () => {
    for (const c of children) killGroup(c, 'SIGKILL');
    for (const c of connections) c.end();
    for (const s of agentServers) s.close();
    agentServers.clear();
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
  };
  await launch();
  log(`listening on 127.0.0.1:${port}`);

  return {
    host: '127.0.0.1',
    port,
    dir,
    pid: process.pid,
    get hostKeyFingerprint() {
      return fingerprintOf(blobOf(hostKeyPath + '.pub'));
    },
    hostKeyPath,
    clientKeyPath,
    knownHostsPath,
    authorizedKeysPath,
    logPath,
    async rotateHostKey() {
      await shutdown();
      rmSync(hostKeyPath, { force: true });
      rmSync(hostKeyPath + '.pub', { force: true });
      keygen(hostKeyPath, 'ays-sandbox-host-rotated');
      await launch();
    },
    async stop() {
      await shutdown();
    },
  };
}
