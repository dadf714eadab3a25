#!/usr/bin/env node
// Runs the end-to-end suites (out/test/e2e/*.e2e.js) inside a real VS Code via @vscode/test-electron,
// pointed at the code-server shim (test-electron cannot download VS Code here). The workspace is the
// working copy of a fresh local OpenvCloud sandbox (test/sandbox): ovc_git over SSH, simulated ays
// and Cloud Broker Portal; its environment is written to the workspace settings, its portal password
// and state file reach the extension host through the environment.
import { runTests } from '@vscode/test-electron';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { ROOT, ensureCodeServer, startSandboxForVsCode } from './codeServer.mjs';

ensureCodeServer();
// The sandbox's ovc_git host key is trusted through a known_hosts file, as an operator's ~/.ssh/known_hosts would.
const { sb, settingsJson, portalPassword } = await startSandboxForVsCode({ trustHostKey: true });
// A loopback control endpoint for the suites in the extension host: faults of the sandbox on demand.
const control = createServer(async (req, res) => {
  const u = new URL(req.url, 'http://x');
  try {
    if (u.pathname === '/slow-download') sb.faults.setSlowDownload(Number(u.searchParams.get('ms') || 0));
    else if (u.pathname === '/ays-processes') {
      res.end(JSON.stringify(sb.aysProcesses()));
      return;
    } else if (u.pathname === '/reset') sb.faults.reset();
    else {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.end('ok');
  } catch (e) {
    res.statusCode = 500;
    res.end(String(e));
  }
});
await new Promise((r) => control.listen(0, '127.0.0.1', r));
// An image on the mirror's own URL, with its .md5sum, for New Image Recipe (deploy.e2e).
sb.mirror.addFile(`${sb.mirror.url}/images/rocky-9-genericcloud.qcow2`, undefined, true);
let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath: join(ROOT, 'scripts/e2e/code-shim.sh'),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'out/test/e2e/index.js'),
    launchArgs: [sb.workingCopy],
    extensionTestsEnv: {
      AYS_E2E_WORKSPACE: sb.workingCopy,
      AYS_E2E_STATE: sb.statePath,
      AYS_E2E_SETTINGS: settingsJson,
      AYS_E2E_KNOWN_HOSTS: sb.ssh.knownHostsPath,
      AYS_PORTAL_PASSWORD: portalPassword,
      AYS_E2E_CONTROL: `http://127.0.0.1:${control.address().port}`,
      AYS_E2E_MIRROR: sb.mirror.url,
      AYS_E2E_ORIGIN: sb.originPath,
    },
  }).then(
    () => 0,
    (e) => {
      console.error(`[e2e] ${e?.message ?? e}`);
      return 1;
    },
  );
} finally {
  control.close();
  await sb.stop();
}
process.exit(code);
