#!/usr/bin/env node
// UI end-to-end test driven like a person: Chromium (playwright-core) on a real VS Code (code-server)
// with the extension in development mode and the local OpenvCloud sandbox. Opens the AYS Images view,
// expands a node, checks the sandbox nodes and images are listed, opens a recipe with mistakes and
// checks the Problems count; runs the walkthrough's commands and checks each step completes; saves screenshots to test-results/ (README uses docs/images/ copies:
// `--update-docs` refreshes them). Prints "ui: N passed, N failed".
/* global document, getComputedStyle -- page.waitForFunction / page.evaluate callbacks run in the browser */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT,
  startCodeServer,
  launchChromium,
  remoteAuthority,
  startSandboxForVsCode,
  quickOpen,
  runCommand,
} from './codeServer.mjs';

const outDir = join(ROOT, 'test-results');
mkdirSync(outDir, { recursive: true });
const results = [];
const check = (name, ok, detail = '') => {
  results.push({ name, ok });
  console.log(`${ok ? '✔' : '✖'} ${name}${detail ? ` — ${detail}` : ''}`);
};

const { sb, portalPassword } = await startSandboxForVsCode({ trustHostKey: true });
let cs, browser;
try {
  cs = await startCodeServer({
    env: { AYS_PORTAL_PASSWORD: portalPassword },
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
  });
  const auth = await remoteAuthority(cs.base);
  const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${auth}${ROOT}`]]);
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  await page.goto(`${cs.base}/?folder=${encodeURIComponent(sb.workingCopy)}&payload=${encodeURIComponent(payload)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
  check('workbench loads', true);

  // Open the recipe with mistakes (quick open), wait for the language server's diagnostics.
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
  await quickOpen(page, 'image_centos-7/service.hrd');
  await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 60000 }).then(
    () => check('errors are underlined in service.hrd', true),
    () => check('errors are underlined in service.hrd', false),
  );
  await page.screenshot({ path: join(outDir, 'diagnostics.png') });

  // The AYS Images view, through the command palette like a user.
  await runCommand(page, 'AYS Images: Focus on Images View');
  const sidebar = '[id="workbench.parts.sidebar"]';
  const row = (text) => page.locator(`${sidebar} .monaco-list-row`, { hasText: text }).first();
  await row('demo-cpu-01')
    .waitFor({ timeout: 60000 })
    .then(
      () => check('the tree lists the sandbox nodes', true),
      () => check('the tree lists the sandbox nodes', false),
    );
  await row('demo-cpu-01').click();
  const firstImage = sb.readState().images.find((i) =>
    sb
      .readState()
      .stacks.find((s) => s.name === 'demo-cpu-01')
      .images.includes(i.id),
  );
  await row(firstImage.name)
    .waitFor({ timeout: 30000 })
    .then(
      () => check(`expanding demo-cpu-01 shows "${firstImage.name}"`, true),
      () => check(`expanding demo-cpu-01 shows "${firstImage.name}"`, false),
    );
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(outDir, 'images-tree.png') });
  // The walkthrough "Publish an OS image" (issue 12 §6): each step has its button and completes on its
  // event. The buttons are clicked as a user does; a dialog they open is dismissed with Escape. The test
  // profile has no welcome page at startup, so the walkthrough service (created on first use) only
  // listens from here on: the Images view shown above is still visible, and its step completes on the
  // focus command of its button (a view already visible emits no visibility event).
  /** Closes what a command opened late (a modal dialog, a quick pick), as a user would, with Escape. */
  const dismissOverlays = async () => {
    for (let i = 0; i < 5; i++) {
      const open = await page.evaluate(() => {
        const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).display !== 'none';
        return (
          shown(document.querySelector('.monaco-dialog-box')) || shown(document.querySelector('.quick-input-widget'))
        );
      });
      if (!open) break;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(300);
    }
    // A toast the last command left (bottom right, over the last steps' buttons) is cleared as a user would.
    if (await page.locator('.notification-toast').first().isVisible())
      await runCommand(page, 'Notifications: Clear All Notifications').catch(() => {});
  };
  const openWalkthrough = async () => {
    await runCommand(page, 'Welcome: Open Walkthrough');
    await page.waitForSelector('.quick-input-widget input');
    await page.keyboard.type('Publish an OS image');
    await page.waitForFunction(
      () =>
        /publish an os image/i.test(
          document.querySelector('.quick-input-list .monaco-list-row.focused')?.textContent ?? '',
        ),
      null,
      { timeout: 30000 },
    );
    await page.keyboard.press('Enter');
  };
  /**
   * Clicks a step's button as a user does, past what the previous step left: a late dialog is closed, and the
   * walkthrough is brought back when a command's editor covered it (a few tries).
   */
  const clickStepButton = async (id, label) => {
    const title = page.locator(`button.getting-started-step[data-step-id$="#${id}"]`).first();
    const button = page.locator(`[x-step-description-for$="#${id}"] .monaco-button`, { hasText: label }).first();
    for (let i = 0; ; i++) {
      try {
        await dismissOverlays();
        // The welcome page keeps the walkthrough's slide in the DOM when it goes back to its start page (after an
        // Escape, say): the walkthrough is on screen only while the page has the class showDetails.
        if (!(await page.locator('.gettingStarted.showDetails').first().isVisible())) await openWalkthrough();
        await title.waitFor({ state: 'visible', timeout: 10000 });
        if ((await title.getAttribute('aria-expanded')) !== 'true') await title.click({ timeout: 5000 });
        await button.waitFor({ state: 'visible', timeout: 10000 });
        if (i < 2) await button.click({ timeout: 5000 });
        else {
          // Something still covers the button: a keyboard user focuses it and presses Enter.
          await button.focus({ timeout: 5000 });
          await page.keyboard.press('Enter');
        }
        return;
      } catch (e) {
        if (i === 0) await page.screenshot({ path: join(outDir, `walkthrough-${id}-blocked.png`) }).catch(() => {});
        if (i >= 4) throw e;
      }
    }
  };
  await openWalkthrough();
  const done = (id) =>
    page
      .locator(`[data-done-step-id$="#${id}"]`)
      .first()
      .getAttribute('aria-checked')
      .then((v) => v === 'true');
  await page.locator('[data-done-step-id$="#newRecipe"]').first().waitFor({ timeout: 30000 });
  check('the walkthrough opens with "New Image Recipe" not done yet', !(await done('newRecipe')));
  for (const [id, label] of [
    ['addEnvironment', 'Add Environment'],
    ['newRecipe', 'New Image Recipe'],
    ['commitAndPush', 'Commit & Push'],
    ['deploy', 'Deploy Image'],
    ['checkImages', 'Show the AYS Images view'],
  ]) {
    const ok = await (async () => {
      await clickStepButton(id, label);
      await page.waitForFunction(
        (sel) => document.querySelector(sel)?.getAttribute('aria-checked') === 'true',
        `[data-done-step-id$="#${id}"]`,
        { timeout: 30000 },
      );
      return true;
    })().catch((e) => {
      // The first line, and what Playwright saw in the way (an element that "intercepts pointer events").
      const why = e.message
        .split('\n')
        .filter((l, i) => i === 0 || /intercepts|not visible|not stable|detached/.test(l));
      console.log(`  (${id}: ${[...new Set(why)].slice(0, 4).join(' | ').replace(/\s+/g, ' ')})`);
      return false;
    });
    check(`the walkthrough step ${id} completes on its button "${label}"`, ok);
    // The dialog the command opened (if any), closed like a user would.
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 3000 }).then(
      () => page.keyboard.press('Escape'),
      () => {},
    );
    await dismissOverlays();
  }
  await page.screenshot({ path: join(outDir, 'walkthrough.png') });
  if (process.argv.includes('--update-docs')) {
    mkdirSync(join(ROOT, 'docs/images'), { recursive: true });
    copyFileSync(join(outDir, 'images-tree.png'), join(ROOT, 'docs/images/images-tree.png'));
    copyFileSync(join(outDir, 'diagnostics.png'), join(ROOT, 'docs/images/diagnostics.png'));
  }
} catch (e) {
  check('ui run', false, e?.message ?? String(e));
} finally {
  if (browser) await browser.close().catch(() => {});
  if (cs) await cs.stop();
  await sb.stop();
}
const failed = results.filter((r) => !r.ok).length;
console.log(`ui: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
