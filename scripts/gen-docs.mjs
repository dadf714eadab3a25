#!/usr/bin/env node
// Regenerates the settings and commands tables of README.md from package.json (the one place they
// are declared). `--check` exits 1 when README.md is out of date (the unit test docs.test runs it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const esc = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The settings sections of package.json in their `order` (an object is one untitled section). */
export function settingsSections() {
  const conf = pkg.contributes?.configuration ?? [];
  const sections = Array.isArray(conf) ? conf : [conf];
  return sections
    .map((s, i) => ({ title: s.title ?? '', order: s.order ?? i, properties: s.properties ?? {} }))
    .sort((a, b) => a.order - b.order);
}

export function settingsTable() {
  const row = ([k, v]) => {
    const def = v.default === undefined ? '' : `\`${JSON.stringify(v.default)}\``;
    const type = v.enum ? v.enum.map((e) => `\`${e}\``).join(' \\| ') : v.type;
    return `| \`${k}\` | ${type} | ${def} | ${esc(v.markdownDescription ?? v.description ?? '')} |`;
  };
  return settingsSections()
    .map((s) =>
      [
        ...(s.title ? [`**${s.title}**`, ''] : []),
        '| setting | type | default | description |',
        '|---|---|---|---|',
        ...Object.entries(s.properties).map(row),
      ].join('\n'),
    )
    .join('\n\n');
}

export function commandsTable() {
  const cmds = pkg.contributes?.commands ?? [];
  const rows = cmds.map(
    (c) =>
      `| ${c.category ? `${c.category}: ` : ''}${esc(c.title)} | \`${c.command}\` | ${esc(c.description ?? c.enablement ?? '')} |`,
  );
  return ['| command | id | notes |', '|---|---|---|', ...rows].join('\n');
}

export function render(readme) {
  const put = (text, name, table) => {
    const re = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!re.test(text)) throw new Error(`README.md lacks the <!-- ${name}:start/end --> markers`);
    return text.replace(re, (_m, a, b) => `${a}\n${table}\n${b}`);
  };
  return put(put(readme, 'settings', settingsTable()), 'commands', commandsTable());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = join(root, 'README.md');
  const current = readFileSync(file, 'utf8');
  const next = render(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('README.md settings/commands tables are out of date: run node scripts/gen-docs.mjs');
      process.exit(1);
    }
  } else if (next !== current) {
    writeFileSync(file, next);
    console.log('README.md updated');
  }
}
