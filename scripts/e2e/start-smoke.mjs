#!/usr/bin/env node
// `npm start` as a newcomer uses it: runs scripts/start.mjs (sandbox + code-server without the test
// driver, so real modal dialogs), then in Chromium: open a recipe, click the "Install on node…"
// CodeLens, tick a node, confirm the exact remote command, trust the unknown ovc_git host key, and
// wait for the success notification; then see the image in the AYS Images view and stop with Ctrl-C.
// Prints "start: N passed, N failed"; screenshots in test-results/start-*.png.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launchChromium, quickOpen, runCommand } from './codeServer.mjs';

const out = join(ROOT, 'test-results');
mkdirSync(out, { recursive: true });
const results = [];
const check = (name, ok, detail = '') => {
  results.push(ok);
  console.log(`${ok ? '✔' : '✖'} ${name}${detail ? ` — ${detail}` : ''}`);
  return ok;
};
const step = (name, p) =>
  p.then(
    () => check(name, true),
    (e) => {
      check(name, false, e.message.split('\n')[0]);
      throw e;
    },
  );

const start = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs')], {
  env: { ...process.env, AYS_FORCE_CODE_SERVER: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let log = '';
start.stdout.on('data', (d) => {
  log += d;
});
start.stderr.on('data', (d) => {
  log += d;
});
const url = await new Promise((resolve, reject) => {
  const t = setTimeout(() => reject(new Error(`no URL from npm start:\n${log}`)), 180000);
  const poll = setInterval(() => {
    const m = /(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(log);
    if (m) {
      clearTimeout(t);
      clearInterval(poll);
      resolve(m[1]);
    }
    if (start.exitCode !== null) {
      clearTimeout(t);
      clearInterval(poll);
      reject(new Error(`npm start exited:\n${log}`));
    }
  }, 100);
}).then(
  (u) => {
    check('npm start prints the URL of the workbench', true);
    return u;
  },
  (e) => {
    check('npm start prints the URL of the workbench', false, e.message.slice(-500));
    return undefined;
  },
);

let browser;
try {
  if (!url) throw new Error('no workbench');
  check('npm start prints the sandbox host-key fingerprint', /host key\s+SHA256:/.test(log));
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await step(
    'the workbench opens the sandbox working copy',
    page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90000 }),
  );
  await quickOpen(page, 'image_ubuntu-2204/service.hrd');
  const lens = page.locator('.codelens-decoration a', { hasText: 'Install on node' });
  await step('the Install CodeLens is on service.hrd', lens.waitFor({ timeout: 60000 }));
  await lens.click();
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'demo-cpu-01' }).first();
  await step('the node picker lists the sandbox nodes', row.waitFor({ timeout: 30000 }));
  await row.locator('input[type=checkbox], .monaco-custom-toggle').first().click();
  await page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).first().click();
  const cmd = page.locator('.monaco-dialog-box', { hasText: 'ays install' });
  await step('the exact remote command is shown before the first run', cmd.waitFor({ timeout: 30000 }));
  await page.screenshot({ path: join(out, 'start-command.png') });
  await cmd.locator('.monaco-button', { hasText: /^Run$/ }).click(); // not "Run, Don't Ask Again for …"
  const trust = page.locator('.monaco-dialog-box', { hasText: 'authenticity' });
  await step('the unknown host key is shown with its SHA256 fingerprint', trust.waitFor({ timeout: 30000 }));
  check(
    'the fingerprint in the prompt is the sandbox one',
    (await trust.innerText()).includes(/host key\s+(SHA256:\S+)/.exec(log)[1]),
  );
  await page.screenshot({ path: join(out, 'start-hostkey.png') });
  await trust.locator('.monaco-button', { hasText: 'Trust Always' }).click();
  await step(
    'the install succeeds and reports the registered image',
    page
      .locator('.notification-list-item-message', { hasText: /installed on demo-cpu-01: registered/ })
      .waitFor({ timeout: 180000 }),
  );
  await page.screenshot({ path: join(out, 'start-installed.png') });
  await runCommand(page, 'AYS Images: Focus on Images View');
  await step(
    'the AYS Images view shows the new image',
    page
      .locator('[id="workbench.parts.sidebar"] .monaco-list-row', { hasText: 'Ubuntu 22.04 Server x64' })
      .first()
      .waitFor({ timeout: 60000 }),
  );
  await page.screenshot({ path: join(out, 'start-tree.png') });
} catch (e) {
  if (!results.includes(false)) check('start smoke', false, e?.message ?? String(e));
} finally {
  if (browser) await browser.close().catch(() => {});
  start.kill('SIGINT');
  const code = await new Promise((r) => {
    const t = setTimeout(() => r('timeout'), 20000);
    start.on('exit', (c) => {
      clearTimeout(t);
      r(c);
    });
  });
  check('Ctrl-C stops npm start', code === 0, `exit ${code}`);
}
const failed = results.filter((r) => !r).length;
console.log(`start: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
