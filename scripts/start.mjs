#!/usr/bin/env node
// `npm start`: build, start the local OpenvCloud sandbox (ovc_git over SSH, simulated ays and Cloud
// Broker Portal), then open the extension in a real VS Code on the sandbox's working copy:
// the user's own VS Code when `code` is on PATH, otherwise code-server on 127.0.0.1 (installed on
// first use) — it prints the URL to open. Ctrl-C stops everything.
// Options: --no-sandbox (open examples/env-demo as is), --port N, --no-browser-check.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT,
  startCodeServer,
  remoteAuthority,
  freePort,
  startSandboxForVsCode,
  resolveCodeServerVersion,
} from './e2e/codeServer.mjs';
import { prereq } from './prereq.mjs';

const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const wantSandbox = !args.includes('--no-sandbox');
const hasCode =
  spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).status === 0 && !process.env.AYS_FORCE_CODE_SERVER;

// Debian packages, /run/sshd and (without a local `code`) code-server, with progress: before anything starts.
prereq({ purpose: 'start', codeServers: hasCode ? [] : [resolveCodeServerVersion()] });

const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const cleanups = [];
let stopping = false;
async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of cleanups.reverse()) await c().catch((e) => console.error(String(e)));
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

// A known failure (a port in use, a missing tool) ends with its message and nothing left behind.
try {
  let folder = join(ROOT, 'examples/env-demo');
  let extraEnv = {};
  const sandboxModule = join(ROOT, 'out/test/sandbox/index.js');
  if (wantSandbox && existsSync(sandboxModule)) {
    // The demo portal password reaches the extension like the CLI's AYS_PORTAL_PASSWORD; the ovc_git host key
    // is left unknown on purpose: the first install shows the trust prompt with the fingerprint printed below.
    const { sb, portalPassword } = await startSandboxForVsCode({ trustHostKey: false });
    cleanups.push(() => sb.stop());
    folder = sb.workingCopy;
    extraEnv = { ...sb.extensionEnv, AYS_PORTAL_PASSWORD: portalPassword };
    console.log(sb.describe());
  } else if (wantSandbox) {
    console.log('(the sandbox is not built: opening examples/env-demo without an environment)');
  }

  if (hasCode) {
    console.log(`Opening VS Code with the extension in development mode on ${folder}`);
    const p = spawn('code', [`--extensionDevelopmentPath=${ROOT}`, '--new-window', folder], {
      stdio: 'inherit',
      env: { ...process.env, ...extraEnv },
    });
    p.on('exit', () => console.log('VS Code started. Press Ctrl-C here to stop the sandbox.'));
  } else {
    const port = portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env.AYS_PORT || 0) || (await freePort());
    const cs = await startCodeServer({
      port,
      env: extraEnv,
      testMode: false,
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
    cleanups.push(() => cs.stop());
    const auth = await remoteAuthority(cs.base);
    const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${auth}${ROOT}`]]);
    const url = `${cs.base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`;
    console.log('\nAYS Image Recipes is running in VS Code (code-server) on 127.0.0.1.');
    console.log(`Open this URL in a browser:\n\n  ${url}\n\nPress Ctrl-C to stop.`);
  }
} catch (e) {
  console.error(`\nnpm start: ${e?.message ?? e}`);
  await stopAll(1);
}
