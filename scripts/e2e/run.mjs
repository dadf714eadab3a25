#!/usr/bin/env node
// Runs the end-to-end suites (out/test/e2e/*.e2e.js) inside a real VS Code via @vscode/test-electron,
// pointed at the code-server shim (test-electron cannot download VS Code here). The workspace is the
// working copy of a fresh local OpenvCloud sandbox (test/sandbox): ovc_git over SSH, simulated ays
// and Cloud Broker Portal; its environment is written to the workspace settings, its portal password
// and state file reach the extension host through the environment.
import { runTests } from '@vscode/test-electron';
import { join } from 'node:path';
import { ROOT, ensureCodeServer, startSandboxForVsCode } from './codeServer.mjs';

ensureCodeServer();
// The sandbox's ovc_git host key is trusted through a known_hosts file, as an operator's ~/.ssh/known_hosts would.
const { sb, settingsJson, portalPassword } = await startSandboxForVsCode({ trustHostKey: true });
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
    },
  }).then(() => 0, (e) => { console.error(`[e2e] ${e?.message ?? e}`); return 1; });
} finally {
  await sb.stop();
}
process.exit(code);
