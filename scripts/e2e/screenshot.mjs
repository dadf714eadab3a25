#!/usr/bin/env node
// screenshot.mjs <url> <out.png> [file-to-open-relative-to-folder] — opens a workbench URL in headless
// Chromium, waits for the workbench, optionally quick-opens a file, and saves a screenshot.
import { launchChromium } from './codeServer.mjs';

const [url, out, file] = process.argv.slice(2);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 }).catch(() => {});
  if (file) {
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { timeout: 20000 });
    await page.keyboard.type(file);
    await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 20000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 20000 });
  }
  await page.waitForTimeout(Number(process.env.AYS_SHOT_SETTLE_MS || 4000));
  await page.screenshot({ path: out });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
}
