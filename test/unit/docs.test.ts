import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

test('README settings and commands tables match package.json', () => {
  const r = spawnSync(process.execPath, [join(root, 'scripts/gen-docs.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('every setting read by the code is declared in package.json', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const declared = new Set(pkg.contributes.configuration.flatMap((s: { properties: object }) => Object.keys(s.properties)));
  for (const key of ['aysRecipes.profile', 'aysRecipes.rules', 'aysRecipes.validation.exclude', 'aysRecipes.validation.debounceMs']) {
    assert.ok(declared.has(key), `${key} is declared`);
  }
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
