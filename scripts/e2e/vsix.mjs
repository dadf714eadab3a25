#!/usr/bin/env node
// The packaged extension as a user gets it: `npm run package`, its contents (icon, language icons,
// categories, repository, every README link and image inside the package), then install the .vsix into
// a fresh code-server, open env-demo, and check in Chromium that a service.hrd gets the HRD language
// and its file icon, the extension activates (its output channel reports the running language server),
// the recipe with mistakes gets diagnostics, and a diagnostic's code link opens the rule's section of
// the shipped docs/rules.md in the Markdown preview. Prints "vsix: N passed, N failed".
/* global document -- page.waitForFunction callbacks run in the browser */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startCodeServer, launchChromium, quickOpen, runCommand } from './codeServer.mjs';
import { checkVsix, relativeLinks } from '../vsixContents.mjs';

const results = [];
const check = (name, ok, detail = '') => {
  results.push(ok);
  console.log(`${ok ? '✔' : '✖'} ${name}${detail ? ` — ${detail}` : ''}`);
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const vsix = join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
const p = spawnSync(process.execPath, [join(ROOT, 'scripts/package.mjs')], { encoding: 'utf8' });
check(
  'npm run package makes a .vsix with only what users need, under 1.2 MB',
  p.status === 0,
  p.status === 0 ? `${(statSync(vsix).size / 1048576).toFixed(2)} MB` : (p.stdout + p.stderr).slice(-800),
);
if (existsSync(vsix)) {
  const { problems, manifest } = checkVsix(vsix);
  const about = (re) => problems.filter((x) => re.test(x));
  const manifestProblems = about(/icon|category|manifest field/);
  check(
    'the .vsix has the 128×128 icon, the hrd language icons (light, dark), the categories and the repository',
    !manifestProblems.length,
    manifestProblems.join('; ') || `${manifest.icon}; ${manifest.categories.join(', ')}; ${manifest.repository?.url}`,
  );
  const linkProblems = about(/README|rules\.md/);
  check(
    'every README link and image resolves inside the .vsix (docs/rules.md included)',
    !linkProblems.length,
    linkProblems.join('; '),
  );
  const rest = problems.filter((x) => !manifestProblems.includes(x) && !linkProblems.includes(x));
  check(
    'dist/ is minified in the .vsix, dist/client.js (evaluated at activation) is at most 300 KB, and the .vsix at most 1.2 MB',
    !rest.length,
    rest.join('; '),
  );
}
// package.mjs rebuilt dist/ for production without out/: rebuild the development bundles for later suites.
spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--no-out'], { stdio: 'ignore' });

const ws = mkdtempSync(join(tmpdir(), 'ays-vsix-ws-'));
cpSync(join(ROOT, 'examples/env-demo'), join(ws, 'env-demo'), { recursive: true });
let cs, browser;
try {
  if (p.status !== 0) throw new Error('no .vsix');
  cs = await startCodeServer({ vsix });
  check('the .vsix installs into code-server', true);
  // The extension page renders the README of the installed extension: its links must resolve there.
  const installed = readdirSync(join(cs.home, 'exts')).find((d) => d.startsWith(`${pkg.publisher}.${pkg.name}-`));
  const dir = installed && join(cs.home, 'exts', installed);
  const readme = dir && readdirSync(dir).find((f) => /^readme\.md$/i.test(f));
  const broken = readme
    ? relativeLinks(readFileSync(join(dir, readme), 'utf8')).filter((l) => !existsSync(join(dir, l)))
    : ['(no README)'];
  const iconOk =
    !!dir && existsSync(join(dir, JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).icon ?? '-'));
  check(
    'installed: the icon and every README link resolve in the extension folder',
    iconOk && !broken.length,
    broken.join(', '),
  );
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  await page.goto(`${cs.base}/?folder=${encodeURIComponent(join(ws, 'env-demo'))}`);
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90000 });
  await quickOpen(page, 'image_centos-7/service.hrd');
  const lang = await page
    .locator('.statusbar-item', { hasText: 'HRD (AYS recipe)' })
    .first()
    .waitFor({ timeout: 60000 })
    .then(
      () => true,
      () => false,
    );
  check('service.hrd opens as "HRD (AYS recipe)"', lang);
  // contributes.languages[].icon becomes a CSS rule of the file icon theme for the hrd language.
  const langIcon = await page
    .waitForFunction(
      () =>
        [...document.styleSheets].some((sheet) => {
          try {
            return [...sheet.cssRules].some((r) => /hrd-(dark|light)\.svg/.test(r.cssText));
          } catch {
            return false;
          }
        }),
      null,
      { timeout: 30000 },
    )
    .then(
      () => true,
      () => false,
    );
  check('the hrd language has its file icon in the workbench', langIcon);
  const squiggles = await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 60000 }).then(
    () => true,
    () => false,
  );
  check('the installed language server underlines the mistakes', squiggles);
  const outputSays = async () => {
    await runCommand(page, 'AYS: Show Output');
    return page
      .locator('.output-view, .panel', { hasText: 'language server running' })
      .first()
      .waitFor({ timeout: 30000 })
      .then(
        () => true,
        () => false,
      );
  };
  // Once more if the first palette run was lost to a workbench still settling (seen once on 1.139).
  const running = (await outputSays()) || (await outputSays());
  const panelText = running
    ? ''
    : (
        (await page
          .locator('.panel')
          .first()
          .innerText()
          .catch(() => '')) || '(no panel)'
      ).slice(-400);
  check('the extension activated (its output says the language server runs)', running, panelText);
  await page.screenshot({ path: join(ROOT, 'test-results', 'vsix.png') }).catch(() => {});
  check(
    "a diagnostic's code link opens its rule's section of docs/rules.md in the Markdown preview",
    ...(await openRuleDocsFromHover(page)),
  );
} catch (e) {
  check('vsix run', false, e?.message ?? String(e));
} finally {
  if (browser) await browser.close().catch(() => {});
  if (cs) await cs.stop();
  rmSync(ws, { recursive: true, force: true });
  rmSync(vsix, { force: true });
}
/** Hovers an error squiggle, clicks the rule code in the hover, and finds the heading of that rule in the preview. */
async function openRuleDocsFromHover(page) {
  try {
    await page.keyboard.press('Escape');
    await page.locator('.monaco-editor .squiggly-error').first().hover({ force: true });
    const link = page.locator('.monaco-hover a.code-link').first();
    await link.waitFor({ timeout: 20000 });
    const code = (await link.innerText()).trim();
    const href = (await link.getAttribute('href')) ?? '';
    if (!href.startsWith('command:')) {
      // VS Code after 1.100 refuses command links in the hover: the link stays the rule's section at the repository
      // (not clicked: the tests reach no host outside the loopback); docs/rules.md in the .vsix has that section.
      const url = `https://github.com/ays-image-recipes/ays-image-recipes/blob/main/docs/rules.md#${code}`;
      return [href === url, `${code}: the code links to ${href}`];
    }
    await link.click();
    await page.locator('.tab', { hasText: 'Preview rules.md' }).first().waitFor({ timeout: 30000 });
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline) {
      for (const f of page.frames()) {
        const top = await f
          .evaluate((id) => document.getElementById(id)?.getBoundingClientRect().top, code)
          .catch(() => undefined);
        if (typeof top === 'number' && top > -20 && top < 200)
          return [true, `${code}: heading at ${Math.round(top)} px from the top`];
      }
      await page.waitForTimeout(500);
    }
    return [false, `${code}: the preview opened but not at the rule's heading`];
  } catch (e) {
    return [false, e?.message ?? String(e)];
  }
}

const failed = results.filter((r) => !r).length;
console.log(`vsix: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
