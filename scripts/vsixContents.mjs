// What a .vsix must hold for the extension page and the editor to be whole: the manifest fields of the
// Marketplace (icon, categories, repository…), the icons, minified bundles (dist/client.js, what activation
// evaluates, within its 300 KB), and every link and image of the README resolving inside the package (the
// README is rendered from the installed extension).
// checkVsix(file) → { files, manifest, problems[] }. Used by scripts/package.mjs and scripts/e2e/vsix.mjs.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { posix } from 'node:path';

export const MAX_VSIX_BYTES = 1.2 * 1024 * 1024;
/** What activation evaluates (dist/client.js, the package's `main`): issue 13's budget. */
export const MAX_ACTIVATION_JS_BYTES = 300 * 1000;
const CATEGORIES = ['Programming Languages', 'Linters', 'Other'];

const read = (vsix, name) => execFileSync('unzip', ['-p', vsix, `extension/${name}`], { maxBuffer: 64 * 1024 * 1024 });

/** Relative link and image targets of a Markdown text (no URLs with a scheme, no pure #anchors), without their #fragment. */
export function relativeLinks(markdown) {
  const text = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const targets = [
    ...[...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
    ...[...text.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)].map((m) => m[1]),
    ...[...text.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]),
  ];
  return [
    ...new Set(
      targets
        .filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#'))
        .map((t) => decodeURI(t.split('#')[0])),
    ),
  ];
}

function pngSize(buf) {
  const sig = buf.subarray(0, 8).toString('hex') === '89504e470d0a1a0a';
  return sig ? { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) } : undefined;
}

export function checkVsix(vsix) {
  const files = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter((f) => f.startsWith('extension/'))
    .map((f) => f.slice('extension/'.length));
  const has = new Set(files);
  const problems = [];
  const manifest = JSON.parse(read(vsix, 'package.json').toString('utf8'));
  const size = statSync(vsix).size;
  if (size > MAX_VSIX_BYTES)
    problems.push(`the .vsix is ${(size / 1048576).toFixed(2)} MB, over ${(MAX_VSIX_BYTES / 1048576).toFixed(1)} MB`);

  if (!manifest.icon || !has.has(manifest.icon))
    problems.push(`icon ${manifest.icon ?? '(none)'} is not in the package`);
  else {
    const dim = pngSize(read(vsix, manifest.icon));
    if (!dim || dim.width !== 128 || dim.height !== 128)
      problems.push(`icon ${manifest.icon} is not a 128×128 PNG (${JSON.stringify(dim)})`);
  }
  for (const lang of manifest.contributes?.languages ?? []) {
    for (const theme of ['light', 'dark']) {
      const p = lang.icon?.[theme] && posix.normalize(lang.icon[theme]);
      if (!p || !has.has(p)) problems.push(`language ${lang.id}: ${theme} icon ${p ?? '(none)'} is not in the package`);
    }
  }
  for (const c of CATEGORIES) if (!manifest.categories?.includes(c)) problems.push(`category "${c}" missing`);
  for (const k of ['repository', 'bugs', 'homepage', 'galleryBanner'])
    if (!manifest[k]) problems.push(`manifest field "${k}" missing`);

  for (const f of ['client.js', 'lsclient.js', 'remote.js', 'server.js']) {
    if (!has.has(`dist/${f}`)) {
      problems.push(`dist/${f} is not in the package`);
      continue;
    }
    const js = read(vsix, `dist/${f}`).toString('utf8');
    const lines = js.split('\n').length;
    if (js.length / lines < 1000)
      problems.push(`dist/${f} is not minified (${lines} lines, ${Math.round(js.length / lines)} characters a line)`);
    if (f === 'client.js' && js.length > MAX_ACTIVATION_JS_BYTES)
      problems.push(`dist/client.js, evaluated at activation, is ${js.length} bytes, over ${MAX_ACTIVATION_JS_BYTES}`);
  }
  if (manifest.main !== './dist/client.js')
    problems.push(`main is ${manifest.main}, not ./dist/client.js (the activation bundle)`);
  if (!has.has('docs/rules.md'))
    problems.push("docs/rules.md (the target of the diagnostics' code links) is not in the package");

  const readmeName = files.find((f) => /^readme\.md$/i.test(f));
  const readme = readmeName ? read(vsix, readmeName).toString('utf8') : '';
  if (!readmeName) problems.push('no README in the package');
  for (const link of relativeLinks(readme)) {
    const p = posix.normalize(link.replace(/^\.\//, ''));
    if (!has.has(p)) problems.push(`README link "${link}" does not resolve inside the package`);
  }
  return { files, manifest, size, problems };
}
