import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

test('README settings and commands tables match package.json', () => {
  const r = spawnSync(process.execPath, [join(root, 'scripts/gen-docs.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

const sources = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
const codeFiles = () => [...sources('client/src'), ...sources('common'), ...sources('server/src')];

/**
 * Every `aysRecipes.*` key the code reads: the language server's (common/settings.ts resolves the whole
 * section over DEFAULT_SETTINGS) and each key the client passes to `setting` / `affectsSetting` (the one
 * accessor, client/src/settings.ts), found in the sources; not the accessor's table, which lists a key
 * whether or not anything reads it.
 */
function settingsReadByTheCode(): Set<string> {
  const keys = new Set<string>();
  const flatten = (o: Record<string, unknown>, prefix = '') => {
    for (const [k, v] of Object.entries(o)) {
      // `rules` is one setting (an object of rule codes), `validation` a group of settings
      if (v && typeof v === 'object' && !Array.isArray(v) && k !== 'rules')
        flatten(v as Record<string, unknown>, `${prefix}${k}.`);
      else keys.add(`aysRecipes.${prefix}${k}`);
    }
  };
  flatten(require(join(root, 'out/common/settings.js')).DEFAULT_SETTINGS);
  for (const f of codeFiles()) {
    const text = readFileSync(join(root, f), 'utf8');
    for (const m of text.matchAll(/\b(?:setting|affectsSetting)\((?:e, )?'([\w.]+)'/g)) keys.add(`aysRecipes.${m[1]}`);
  }
  return keys;
}

test('every setting read by the code is declared in package.json, and every declared one is read', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const declared = new Set<string>(
    pkg.contributes.configuration.flatMap((s: { properties: object }) => Object.keys(s.properties)),
  );
  const read = settingsReadByTheCode();
  assert.ok(read.size >= 10, `the scan finds the settings (${[...read].join(', ')})`);
  for (const key of read) assert.ok(declared.has(key), `${key} is read by the code but not declared in package.json`);
  // aysRecipes.trace.server is read by vscode-languageclient itself (client id "aysRecipes").
  for (const key of declared)
    assert.ok(read.has(key) || key === 'aysRecipes.trace.server', `${key} is declared but never read`);
});

test('the configuration is read in two places only: the client accessor and the server settings cache', () => {
  const allowed = ['client/src/settings.ts', 'server/src/lsp/SettingsCache.ts'];
  for (const f of codeFiles()) {
    if (allowed.includes(f.split('\\').join('/'))) continue;
    const text = readFileSync(join(root, f), 'utf8');
    assert.ok(
      !/\bgetConfiguration\(/.test(text),
      `${f} reads the configuration directly: use setting(key) of client/src/settings.ts`,
    );
  }
});

test('settings come in titled sections with an order, each setting in one section', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const sections = pkg.contributes.configuration as { id: string; title: string; order: number; properties: object }[];
  assert.ok(Array.isArray(sections) && sections.length > 1, 'contributes.configuration is an array of sections');
  for (const s of sections)
    assert.ok(
      s.title && Number.isInteger(s.order) && Object.keys(s.properties).length,
      `${s.id}: title, order, settings`,
    );
  assert.equal(new Set(sections.map((s) => s.order)).size, sections.length, 'distinct orders');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  for (const s of sections) assert.ok(readme.includes(`**${s.title}**`), `README shows the section ${s.title}`);
});

test('every command contributed has a title and a category', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const c of pkg.contributes.commands) {
    assert.ok(c.title && c.category === 'AYS', `${c.command} has a title and the AYS category`);
  }
});

test('every CLI subcommand is documented in the README', () => {
  const { commands } = require(join(root, 'out/server/src/cli/commands.js'));
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  for (const c of commands)
    assert.ok(readme.includes(`\`ays-recipes ${c.name}`), `README documents ays-recipes ${c.name}`);
});
