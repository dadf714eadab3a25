/**
 * The local OpenvCloud sandbox (issue 5): an environment repository with a bare origin and an
 * ovc_git clone, ovc_git over SSH on 127.0.0.1 (OpenSSH sshd, else an ssh2 server), the simulated
 * `ays` (test/sandbox/ays), a download mirror, and a simulated Cloud Broker Portal sharing one
 * state file with the simulated registerImage. Every call gets its own temp folder and ports.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Environment, PortalTarget } from '../../common/environments/types';
import { describeSandbox } from './describeSandbox';
import { startFallbackSshd } from './fallbackSshd';
import { createEnvRepo, repoRoot } from './envRepo';
import { MirrorServer } from './MirrorServer';
import { DEFAULT_CLIENTS, DEFAULT_USERS, PortalAuth, PortalClient, PortalUser } from './PortalAuth';
import { PortalServer } from './PortalServer';
import { initialState, PortalState, readState, writeStateFile } from './portalState';
import { descendants, processesWithEnv, terminate } from './processes';
import { SshdHandle, sshdAvailable, startSshd } from './sshd';
import { generateTls } from './tls';

export type SandboxEnvironment = Environment & {
  ovcGit: Required<Environment['ovcGit']>;
  domain: string;
  nodes: string[];
  portal: PortalTarget;
};

export interface SandboxOptions {
  /** Folder for everything (default: a new mkdtemp folder under the OS temp dir). */
  dir?: string;
  /** `auto` (default): OpenSSH when /usr/sbin/sshd exists, else the ssh2 server. */
  ssh?: 'auto' | 'openssh' | 'ssh2';
  /** Environment name in the definition (default `sandbox`). */
  name?: string;
  /** Grid id of the stacks and of registerImage (default 1). */
  gid?: number;
  /** `env.portal.auth` (default `authkey`, user `admin`). */
  portalAuth?: 'authkey' | 'jwt';
  /** `env.portal.url` over https (default, when openssl exists) or http. */
  https?: boolean;
  /** How long an unreachable node takes to time out in `ays` (Fabric's default is 10 s; default 1000 ms). */
  connectTimeoutMs?: number;
  /** Keep the folder after stop() (default false). */
  keepDir?: boolean;
  users?: PortalUser[];
  clients?: PortalClient[];
  /** registerImage also writes `url` and `lastModified` (the 2018-09 version; default true). */
  imageUrlField?: boolean;
}

export interface SandboxFaults {
  /** The node cannot be reached by Fabric: `timeout` (after connectTimeoutMs) or `refused`; false clears it. */
  setNodeUnreachable(node: string, mode: 'timeout' | 'refused' | false): void;
  /** The source answers HTTP 404 (the page is saved as the image) or FTP 550 (IOError) while `missing`. */
  setSourceMissing(fullUrl: string, missing?: boolean): void;
  /** Image downloads take `ms` in total (0 clears it). */
  setSlowDownload(ms: number): void;
  /** New ovc_git host key, same port; known_hosts keeps the old key. */
  rotateHostKey(): Promise<void>;
  /** The portal answers 503 `Can not call API during upgrade`. */
  setPortalUnavailable(on: boolean): void;
  /** The portal accepts requests and never answers (clearing it answers the held requests with 503). */
  setPortalHang(on: boolean): void;
  /** The next request with a session key or a JWT gets 401 and that credential is invalidated. */
  expireSessionOnce(): void;
  /** Clears every fault (not the host key). */
  reset(): void;
}

export interface Sandbox {
  env: SandboxEnvironment;
  dir: string;
  workingCopy: string;
  originPath: string;
  repoPath: string;
  domain: string;
  nodes: string[];
  ssh: SshdHandle & { kind: 'openssh' | 'ssh2' };
  portal: {
    httpUrl: string;
    httpsUrl?: string;
    url: string;
    tokenUrl: string;
    caFile?: string;
    gid: number;
    users: PortalUser[];
    clients: PortalClient[];
    portalSecret: string;
    server: PortalServer;
    auth: PortalAuth;
  };
  mirror: MirrorServer;
  statePath: string;
  /** The sandbox config read by `ays` (mirror URL, state path, faults). */
  configPath: string;
  /** Folder with the `ays` wrapper (on PATH for SSH login shells only, through `<dir>/ovc_git-home/profile.d/ays.sh`). */
  binDir: string;
  faults: SandboxFaults;
  readState(): PortalState;
  /** PIDs of `ays` processes of this sandbox still running (e.g. after a cancel). */
  aysProcesses(): number[];
  /** Writes `<dir>/environments.json` (`[env]`) and `<workingCopy>/.vscode/settings.json`; returns their paths. */
  writeEnvironmentFiles(): { environmentsJson: string; settingsJson: string };
  /** The files written at start (same as writeEnvironmentFiles()). */
  environmentFiles: { environmentsJson: string; settingsJson: string };
  /** Extra environment for a VS Code started on the working copy (used by scripts/start.mjs). */
  extensionEnv: Record<string, string>;
  /** Human summary: ports, host key fingerprint, credentials, files. */
  describe(): string;
  stop(): Promise<void>;
}

export const DEMO_NODES = ['demo-cpu-01', 'demo-cpu-02', 'demo-cpu-03'];

let python: string | undefined;
/** AYS_SANDBOX_PYTHON, else /usr/bin/python3, else python3 on PATH (resolved once: a pyenv shim costs ~0.5 s per start). */
function pythonExecutable(): string {
  if (python) return python;
  for (const cand of [process.env.AYS_SANDBOX_PYTHON, '/usr/bin/python3', 'python3']) {
    if (!cand) continue;
    try {
      python = execFileSync(
        cand,
        ['-S', '-c', 'import sys; assert sys.version_info >= (3, 6); print(sys.executable)'],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
      ).trim();
      if (python) return python;
    } catch {
      /* next */
    }
  }
  throw new Error(
    'the AYS sandbox needs python3 (>= 3.6) for the simulated ays: set AYS_SANDBOX_PYTHON or install python3',
  );
}

/** POSIX single-quoting for the shell files written here. */
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * ovc_git's login files: `<home>/.profile` reads `<home>/profile.d/*.sh` (as /etc/profile reads
 * /etc/profile.d), and `profile.d/ays.sh` puts the simulated `ays` on PATH. A login shell
 * (`bash -lc`, an interactive `ssh`) finds `ays`; a plain `$SHELL -c` exec does not.
 */
function writeLoginProfile(home: string, binDir: string): string {
  mkdirSync(join(home, 'profile.d'), { recursive: true });
  writeFileSync(
    join(home, '.profile'),
    '# ovc_git (AYS sandbox): login files, read by login shells only\n' +
      'for f in "$HOME"/profile.d/*.sh; do [ -r "$f" ] && . "$f"; done\nunset f\n',
  );
  writeFileSync(
    join(home, 'profile.d', 'ays.sh'),
    `# JumpScale 7: ays on PATH\nPATH=${q(binDir)}:"$PATH"\nexport PATH\n`,
  );
  return home;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'ays-sandbox-'));
  mkdirSync(dir, { recursive: true });
  const gid = options.gid ?? 1;
  const cleanups: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const c of cleanups.reverse()) {
      try {
        await c();
      } catch {
        /* keep stopping */
      }
    }
    cleanups.length = 0;
  };
  try {
    const repo = createEnvRepo(dir);
    const statePath = join(dir, 'portal-state.json');
    writeStateFile(statePath, initialState(DEMO_NODES, gid));

    const mirror = new MirrorServer();
    await mirror.start();
    cleanups.push(() => mirror.stop());

    const configPath = join(dir, 'ays-sandbox.json');
    const config = {
      statePath,
      mirrorUrl: mirror.url,
      nodesRoot: join(dir, 'nodes'),
      gid,
      platform: 'ubuntu64',
      imageUrlField: options.imageUrlField ?? true,
      faults: {} as Record<string, unknown>,
    };
    const writeConfig = () => {
      writeFileSync(configPath + '.tmp', JSON.stringify(config, null, 2));
      renameSync(configPath + '.tmp', configPath);
    };
    const faultState = {
      unreachableNodes: {} as Record<string, string>,
      connectTimeoutMs: options.connectTimeoutMs ?? 1000,
    };
    const syncFaults = () => {
      config.faults = faultState;
      writeConfig();
    };
    syncFaults();

    const binDir = join(dir, 'bin');
    mkdirSync(binDir, { recursive: true });
    writeFileSync(
      join(binDir, 'ays'),
      `#!/bin/sh\nAYS_SANDBOX_CONFIG=${q(configPath)}\nexport AYS_SANDBOX_CONFIG\n` +
        `exec ${q(pythonExecutable())} -B -I -S ${q(join(repoRoot(), 'test', 'sandbox', 'ays', 'ays'))} "$@"\n`,
    );
    chmodSync(join(binDir, 'ays'), 0o755);
    const home = writeLoginProfile(join(dir, 'ovc_git-home'), binDir);

    const kind = options.ssh === 'ssh2' || (options.ssh !== 'openssh' && !sshdAvailable()) ? 'ssh2' : 'openssh';
    // Only HOME is set for the session: `ays` is on PATH through the login files alone (as on a real ovc_git).
    const sshOpts = { dir: join(dir, 'ssh'), setEnv: { HOME: home } };
    const sshd = kind === 'openssh' ? await startSshd(sshOpts) : await startFallbackSshd(sshOpts);
    const ssh = Object.assign(sshd, { kind }) as SshdHandle & { kind: 'openssh' | 'ssh2' };
    cleanups.push(async () => {
      const sessions = kind === 'openssh' && ssh.pid ? descendants(ssh.pid) : [];
      await ssh.stop();
      await terminate(sessions);
    });
    cleanups.push(() => terminate(processesWithEnv('AYS_SANDBOX_CONFIG', configPath)));
    // if the owning process dies without stop() (uncaught error, process.exit), still leave nothing behind
    const onExit = () => {
      const pids = [
        ...processesWithEnv('AYS_SANDBOX_CONFIG', configPath),
        ...(kind === 'openssh' && ssh.pid ? [...descendants(ssh.pid), ssh.pid] : []),
      ];
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      // the folder holds private keys: remove it too (sessions were SIGKILLed above)
      if (!options.keepDir && !options.dir)
        try {
          rmSync(dir, { recursive: true, force: true });
        } catch {
          /* best effort at exit */
        }
    };
    process.on('exit', onExit);
    cleanups.push(() => {
      process.off('exit', onExit);
    });

    const tls = options.https === false ? undefined : generateTls(join(dir, 'tls'));
    const auth = new PortalAuth(options.users ?? DEFAULT_USERS, options.clients ?? DEFAULT_CLIENTS);
    const server = new PortalServer({ statePath, auth, tls });
    await server.start();
    cleanups.push(() => server.stop());
    const url = server.httpsUrl ?? server.httpUrl;
    const portalAuthKind = options.portalAuth ?? 'authkey';
    const env: SandboxEnvironment = {
      name: options.name ?? 'sandbox',
      ovcGit: { host: '127.0.0.1', port: ssh.port, user: 'root', identityFile: ssh.clientKeyPath, agentForward: true },
      repoPath: repo.repoPath,
      domain: repo.domain,
      nodes: [...DEMO_NODES],
      portal: {
        url,
        auth: portalAuthKind,
        username: 'admin',
        clientId: 'ays-sandbox',
        tokenUrl: `${url}/v1/oauth/access_token`,
        ...(tls && server.httpsUrl ? { caFile: tls.caFile } : {}),
        gid,
      },
    };

    const faults: SandboxFaults = {
      setNodeUnreachable(node, mode) {
        if (mode) faultState.unreachableNodes[node] = mode;
        else delete faultState.unreachableNodes[node];
        syncFaults();
      },
      setSourceMissing(fullUrl, missing = true) {
        mirror.setMissing(fullUrl, missing);
      },
      setSlowDownload(ms) {
        mirror.slowDownloadMs = ms;
      },
      rotateHostKey: () => ssh.rotateHostKey(),
      setPortalUnavailable(on) {
        server.unavailable = on;
      },
      setPortalHang(on) {
        if (on) server.hang = true;
        else server.release();
      },
      expireSessionOnce() {
        auth.expireNext = true;
      },
      reset() {
        faultState.unreachableNodes = {};
        syncFaults();
        mirror.slowDownloadMs = 0;
        mirror.clearMissing();
        server.unavailable = false;
        server.release();
        auth.expireNext = false;
      },
    };

    const sandbox: Sandbox = {
      environmentFiles: { environmentsJson: '', settingsJson: '' },
      extensionEnv: { AYS_SANDBOX_DIR: dir },
      describe: () => describeSandbox(sandbox, sandbox.environmentFiles),
      env,
      dir,
      ...repo,
      nodes: [...DEMO_NODES],
      ssh,
      mirror,
      statePath,
      configPath,
      binDir,
      faults,
      portal: {
        httpUrl: server.httpUrl,
        httpsUrl: server.httpsUrl,
        url,
        tokenUrl: env.portal.tokenUrl!,
        caFile: env.portal.caFile,
        gid,
        users: auth.users,
        clients: auth.clients,
        portalSecret: auth.portalSecret,
        server,
        auth,
      },
      readState: () => readState(statePath),
      aysProcesses: () => processesWithEnv('AYS_SANDBOX_CONFIG', configPath),
      writeEnvironmentFiles() {
        const environmentsJson = join(dir, 'environments.json');
        writeFileSync(environmentsJson, JSON.stringify([env], null, 2) + '\n');
        const settingsDir = join(repo.workingCopy, '.vscode');
        mkdirSync(settingsDir, { recursive: true });
        const settingsJson = join(settingsDir, 'settings.json');
        let settings: Record<string, unknown> = {};
        try {
          settings = JSON.parse(readFileSync(settingsJson, 'utf8'));
        } catch {
          /* new file */
        }
        settings['aysRecipes.environments'] = [env];
        writeFileSync(settingsJson, JSON.stringify(settings, null, 2) + '\n');
        return { environmentsJson, settingsJson };
      },
      async stop() {
        await stopAll();
        if (!options.keepDir) rmSync(dir, { recursive: true, force: true });
      },
    };
    sandbox.environmentFiles = sandbox.writeEnvironmentFiles();
    return sandbox;
  } catch (e) {
    await stopAll();
    if (!options.keepDir && !options.dir) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
