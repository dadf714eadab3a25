// Starts a real VS Code (the npm package code-server 4.100.3 = VS Code 1.100.3, installed into the
// git-ignored .vscode-test/ by scripts/install-code-server.sh) on 127.0.0.1 with private state dirs.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';

export function ensureCodeServer() {
  const out = execFileSync('bash', [join(ROOT, 'scripts/install-code-server.sh'), CODE_SERVER_VERSION], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
  }).trim().split('\n').pop();
  return out;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitHttp(url, ms, proc) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (proc.exitCode !== null) throw new Error(`code-server exited with ${proc.exitCode}`);
    try { const r = await fetch(url); if (r.ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer ${url} within ${ms} ms`);
}

/**
 * Starts the bare VS Code server; `testMode` adds the smoke-test driver (needed for extensionTestsPath
 * payloads; it also makes the workbench refuse modal dialogs, so `npm start` runs without it).
 * Returns { base, home, stop() }. `settings` go to the user settings.json; `env` is added to the
 * server's environment (it reaches the extension host).
 */
export async function startCodeServer({ settings = {}, env = {}, port, keepHome = false, vsix, testMode = true } = {}) {
  const csDir = ensureCodeServer();
  const server = join(csDir, 'lib/vscode/out/server-main.js');
  const home = mkdtempSync(join(tmpdir(), 'ays-vscode-'));
  mkdirSync(join(home, 'ud/User'), { recursive: true });
  writeFileSync(join(home, 'ud/User/settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false, 'security.workspace.trust.enabled': false, 'update.mode': 'none',
    'workbench.tips.enabled': false, 'git.openRepositoryInParentFolders': 'never', ...settings,
  }, null, 2));
  if (vsix) {
    // As a user would: install the packaged extension into this server's extensions folder.
    const r = spawnSync(process.execPath, [server, '--install-extension', vsix, '--extensions-dir', join(home, 'exts'),
      '--user-data-dir', join(home, 'ud'), '--server-data-dir', join(home, 'sd'), '--accept-server-license-terms'],
      { encoding: 'utf8', env: { ...process.env, TMPDIR: home, XDG_CACHE_HOME: join(home, 'cache') } });
    if (r.status !== 0) throw new Error(`--install-extension failed: ${r.stdout}${r.stderr}`);
  }
  port = port ?? await freePort();
  const proc = spawn(process.execPath, [server, '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms',
    // The smoke-test driver lets test payloads run, and makes the workbench refuse modal dialogs: tests only.
    ...(testMode ? ['--enable-smoke-test-driver'] : []),
    '--user-data-dir', join(home, 'ud'), '--server-data-dir', join(home, 'sd'),
    '--extensions-dir', join(home, 'exts'), '--disable-telemetry'], {
    env: { ...process.env, TMPDIR: home, XDG_CACHE_HOME: join(home, 'cache'), XDG_CONFIG_HOME: join(home, 'config'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  await waitHttp(`${base}/version`, 30000, proc);
  return {
    base, home, port, proc, log: () => log,
    async stop() {
      if (proc.exitCode === null) {
        try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* gone */ }
        const end = Date.now() + 5000;
        while (proc.exitCode === null && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
        if (proc.exitCode === null) try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ }
      }
      if (!keepHome) rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Launches Debian's Chromium headless through playwright-core with a private profile. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const exe = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (!exe) throw new Error('Chromium not found: apt-get install -y chromium');
  const bhome = mkdtempSync(join(tmpdir(), 'ays-browser-'));
  const browser = await chromium.launch({
    executablePath: exe, headless: true,
    env: { ...process.env, HOME: bhome, XDG_CONFIG_HOME: join(bhome, 'config'), XDG_CACHE_HOME: join(bhome, 'cache') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const close = browser.close.bind(browser);
  browser.close = async () => { await close(); rmSync(bhome, { recursive: true, force: true }); };
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
  await page.waitForSelector('.quick-input-list .monaco-list-row');
  await page.keyboard.press('Enter');
}

export const quickOpen = (page, path) => quickInput(page, 'Control+P', path);
export const runCommand = (page, title) => quickInput(page, 'F1', title);
