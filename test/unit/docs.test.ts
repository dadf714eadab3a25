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

/** Every `aysRecipes.*` key the code reads: the language-service settings, the client's table, and any direct read left. */
function settingsReadByTheCode(): Set<string> {
  const keys = new Set<string>();
  const flatten = (o: Record<string, unknown>, prefix = '') => {
    for (const [k, v] of Object.entries(o)) {
      // `rules` is one setting (an object of rule codes), `validation` a group of settings
      if (v && typeof v === 'object' && !Array.isArray(v) && k !== 'rules') flatten(v as Record<string, unknown>, `${prefix}${k}.`);
      else keys.add(`aysRecipes.${prefix}${k}`);
    }
  };
  flatten(require(join(root, 'out/common/settings.js')).DEFAULT_SETTINGS);
  for (const k of Object.keys(require(join(root, 'out/common/clientSettings.js')).CLIENT_SETTINGS)) keys.add(`aysRecipes.${k}`);
  const sources = (dir: string): string[] => readdirSync(join(root, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  for (const f of [...sources('client/src'), ...sources('common'), ...sources('server/src')]) {
    const text = readFileSync(join(root, f), 'utf8');
    // getConfiguration(CONFIG_SECTION…).get('key'…), cfg.get<T>('key'…), setting('key'…), affectsConfiguration(`${CONFIG_SECTION}.key`)
    for (const m of text.matchAll(/(?:getConfiguration\(CONFIG_SECTION[^)]*\)|\bcfg|\bconfig)\.get(?:<[^>]*>)?\('([\w.]+)'/g)) keys.add(`aysRecipes.${m[1]}`);
    for (const m of text.matchAll(/\b(?:setting|affectsSetting)\((?:e, )?'([\w.]+)'/g)) keys.add(`aysRecipes.${m[1]}`);
    for (const m of text.matchAll(/affectsConfiguration\(`\$\{CONFIG_SECTION\}\.([\w.]+)`\)/g)) keys.add(`aysRecipes.${m[1]}`);
  }
  return keys;
}

test('every setting read by the code is declared in package.json, and every declared one is read', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const declared = new Set<string>(pkg.contributes.configuration.flatMap((s: { properties: object }) => Object.keys(s.properties)));
  const read = settingsReadByTheCode();
  assert.ok(read.size >= 10, `the scan finds the settings (${[...read].join(', ')})`);
  for (const key of read) assert.ok(declared.has(key), `${key} is read by the code but not declared in package.json`);
  // aysRecipes.trace.server is read by vscode-languageclient itself (client id "aysRecipes").
  for (const key of declared) assert.ok(read.has(key) || key === 'aysRecipes.trace.server', `${key} is declared but never read`);
});

test('settings come in titled sections with an order, each setting in one section', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const sections = pkg.contributes.configuration as { id: string; title: string; order: number; properties: object }[];
  assert.ok(Array.isArray(sections) && sections.length > 1, 'contributes.configuration is an array of sections');
  for (const s of sections) assert.ok(s.title && Number.isInteger(s.order) && Object.keys(s.properties).length, `${s.id}: title, order, settings`);
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
  for (const c of commands) assert.ok(readme.includes(`\`ays-recipes ${c.name}`), `README documents ays-recipes ${c.name}`);
});
