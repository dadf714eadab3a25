#!/usr/bin/env node
// run-in-code-server.mjs <extensionDevelopmentPath> <extensionTestsPath> [folder]
// Runs extension tests inside the real extension host of code-server, driven by headless Chromium:
// the workbench URL carries the dev/test payload; the test runner's result comes back through
// window.codeAutomationExit. Exit code: 0 pass, 1 fail, 2 harness error.
// Environment: AYS_E2E_SCREENSHOT=<png> saves a screenshot before closing; AYS_E2E_TIMEOUT ms; AYS_E2E_HOME=<dir>
// reuses (and keeps) that VS Code home: user data, global storage, caches, as a second start of VS Code would.
import { startCodeServer, launchChromium, remoteAuthority } from './codeServer.mjs';

const [dev, tests, folder = dev] = process.argv.slice(2);
if (!dev || !tests) {
  console.error('usage: run-in-code-server.mjs <devPath> <testsIndexJs> [folder]');
  process.exit(2);
}
const timeoutMs = Number(process.env.AYS_E2E_TIMEOUT || 600000);

let cs,
  browser,
  code = 2;
try {
  const t0 = Date.now();
  cs = await startCodeServer({ env: { AYS_E2E: '1' }, home: process.env.AYS_E2E_HOME || undefined });
  const auth = await remoteAuthority(cs.base);
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${auth}${dev}`],
    ['extensionTestsPath', `vscode-remote://${auth}${tests}`],
  ]);
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let exit;
  const done = new Promise((r) => {
    exit = r;
  });
  await page.exposeFunction('codeAutomationLog', (type, args) => console.log(...(args || [])));
  await page.exposeFunction('codeAutomationExit', (c) => exit(c));
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  await page.goto(`${cs.base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`);
  console.log(`[e2e] workbench loading (server up in ${Date.now() - t0} ms)`);
  const result = await Promise.race([done, new Promise((r) => setTimeout(() => r('timeout'), timeoutMs))]);
  if (process.env.AYS_E2E_SCREENSHOT) await page.screenshot({ path: process.env.AYS_E2E_SCREENSHOT }).catch(() => {});
  if (result === 'timeout') {
    console.error(`[e2e] no result within ${timeoutMs} ms`);
    code = 2;
  } else code = result === 0 ? 0 : 1;
  console.log(`[e2e] finished with ${result} in ${Date.now() - t0} ms`);
} catch (e) {
  console.error('[e2e] harness error:', (e && e.stack) || e);
  if (cs) console.error(cs.log().slice(-3000));
  code = 2;
} finally {
  if (browser) await browser.close().catch(() => {});
  if (cs) await cs.stop();
}
process.exit(code);
