#!/usr/bin/env node
// Runs the end-to-end suites (out/test/e2e/*.e2e.js) inside a real VS Code via @vscode/test-electron,
// pointed at the code-server shim (test-electron cannot download VS Code here). The workspace is a
// fresh copy of examples/env-demo (tests may edit it). Extra env (e.g. a sandbox environment file)
// reaches the extension host.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ensureCodeServer } from './codeServer.mjs';

ensureCodeServer();
const ws = mkdtempSync(join(tmpdir(), 'ays-e2e-ws-'));
cpSync(join(ROOT, 'examples/env-demo'), join(ws, 'env-demo'), { recursive: true });
const folder = join(ws, 'env-demo');
let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath: join(ROOT, 'scripts/e2e/code-shim.sh'),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'out/test/e2e/index.js'),
    launchArgs: [folder],
    extensionTestsEnv: { AYS_E2E_WORKSPACE: folder },
  }).then(() => 0, (e) => { console.error(`[e2e] ${e?.message ?? e}`); return 1; });
} finally {
  rmSync(ws, { recursive: true, force: true });
}
process.exit(code);
