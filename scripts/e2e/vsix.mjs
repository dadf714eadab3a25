#!/usr/bin/env node
// The packaged extension as a user gets it: `npm run package`, install the .vsix into a fresh
// code-server, open env-demo, and check in Chromium that a service.hrd gets the HRD language, the
// extension activates (its output channel reports the running language server) and the recipe with
// mistakes gets diagnostics. Prints "vsix: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startCodeServer, launchChromium, quickOpen, runCommand } from './codeServer.mjs';

const results = [];
const check = (name, ok, detail = '') => { results.push(ok); console.log(`${ok ? '✔' : '✖'} ${name}${detail ? ` — ${detail}` : ''}`); };
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const vsix = join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
const p = spawnSync(process.execPath, [join(ROOT, 'scripts/package.mjs')], { encoding: 'utf8' });
check('npm run package makes a .vsix with only what users need, under 3 MB', p.status === 0, p.status === 0 ? `${(statSync(vsix).size / 1048576).toFixed(2)} MB` : (p.stdout + p.stderr).slice(-800));
// package.mjs rebuilt dist/ for production without out/: rebuild the development bundles for later suites.
spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--no-out'], { stdio: 'ignore' });

const ws = mkdtempSync(join(tmpdir(), 'ays-vsix-ws-'));
cpSync(join(ROOT, 'examples/env-demo'), join(ws, 'env-demo'), { recursive: true });
let cs, browser;
try {
  if (p.status !== 0) throw new Error('no .vsix');
  cs = await startCodeServer({ vsix });
  check('the .vsix installs into code-server', true);
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  await page.goto(`${cs.base}/?folder=${encodeURIComponent(join(ws, 'env-demo'))}`);
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90000 });
  await quickOpen(page, 'image_centos-7/service.hrd');
  const lang = await page.locator('.statusbar-item', { hasText: 'HRD (AYS recipe)' }).first().waitFor({ timeout: 60000 }).then(() => true, () => false);
  check('service.hrd opens as "HRD (AYS recipe)"', lang);
  const squiggles = await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 60000 }).then(() => true, () => false);
  check('the installed language server underlines the mistakes', squiggles);
  await runCommand(page, 'AYS: Show Output');
  const running = await page.locator('.output-view, .panel', { hasText: 'language server running' }).first().waitFor({ timeout: 30000 }).then(() => true, () => false);
  check('the extension activated (its output says the language server runs)', running);
  await page.screenshot({ path: join(ROOT, 'test-results', 'vsix.png') }).catch(() => {});
} catch (e) {
  check('vsix run', false, e?.message ?? String(e));
} finally {
  if (browser) await browser.close().catch(() => {});
  if (cs) await cs.stop();
  rmSync(ws, { recursive: true, force: true });
  rmSync(vsix, { force: true });
}
const failed = results.filter((r) => !r).length;
console.log(`vsix: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
