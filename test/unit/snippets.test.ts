// The contributed snippets: valid, described, and the hrd recipe expands to the canonical layout
// of HRDBase.__repr__ (../shared/docs/domain.md §1.4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

function findRoot(): string {
  // Runs from out/test/unit/ (built) or test/unit/ (source): walk up to package.json.
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = join(dir, '..');
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

const root = findRoot();

function load(file: string): Record<string, Snippet> {
  return JSON.parse(readFileSync(join(root, 'snippets', file), 'utf8')) as Record<string, Snippet>;
}

function prefixes(s: Snippet): string[] {
  return Array.isArray(s.prefix) ? s.prefix : [s.prefix];
}

function bodyText(s: Snippet): string {
  return Array.isArray(s.body) ? s.body.join('\n') : s.body;
}

/** Replaces `${n:default}` by its default, `${n|a,b|}` by its first choice, and drops `$n`. */
function expand(body: string): string {
  let out = body;
  let prev;
  do {
    prev = out;
    out = out.replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1').replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  } while (out !== prev);
  return out.replace(/\$\{\d+\}|\$\d+/g, '');
}

function find(snippets: Record<string, Snippet>, prefix: string): Snippet {
  const s = Object.values(snippets).find((x) => prefixes(x).includes(prefix));
  assert.ok(s, `a snippet with prefix ${prefix}`);
  return s;
}

for (const file of ['hrd.json', 'actions.json']) {
  test(`${file}: every snippet has a prefix, a body and a description`, () => {
    const snippets = load(file);
    assert.ok(Object.keys(snippets).length > 0);
    for (const [name, s] of Object.entries(snippets)) {
      assert.ok(
        prefixes(s).length > 0 && prefixes(s).every((p) => typeof p === 'string' && p.length > 0),
        `${name}: prefix`,
      );
      assert.ok(bodyText(s).trim().length > 0, `${name}: body`);
      assert.equal(typeof s.description, 'string', `${name}: description`);
      assert.ok(s.description.length > 10, `${name}: description says what it inserts`);
      assert.doesNotMatch(expand(bodyText(s)), /\$\{|\$\d/, `${name}: every placeholder expands`);
    }
  });
}

test('hrd recipe snippet expands to the canonical service.hrd layout', () => {
  const text = expand(bodyText(find(load('hrd.json'), 'ays-recipe')));
  assert.ok(text.endsWith(',\n\n'), 'the block ends with a trailing comma and a final blank line');
  const lines = text.split('\n');
  const keyLines = lines.filter((l) => l.length > 0 && !l.startsWith(' '));
  assert.deepEqual(
    keyLines.map((l) => l.slice(0, 30).trimEnd()),
    ['platform.supported', 'web.export.1'],
  );
  for (const l of keyLines) assert.match(l, /^\S.{29} =( |$)/, `key padded to 30 columns: ${JSON.stringify(l)}`);
  assert.equal(lines[0], "platform.supported             = 'generic'");
  assert.equal(lines[1], '', 'blank line before the block');
  assert.equal(lines[2], 'web.export.1                   =');

  const entries = lines.slice(3, lines.indexOf('', 3));
  const keys = entries.map((l) => {
    const m = /^ {4}(\w+):'[^']*',$/.exec(l);
    assert.ok(m, `entry is 4-space indented, single-quoted, with a trailing comma: ${JSON.stringify(l)}`);
    return m[1];
  });
  assert.deepEqual(keys, ['checkmd5', 'dest', 'source', 'url'], 'entries sorted');
  assert.match(entries[0], /^ {4}checkmd5:'(true|false)',$/);
  assert.match(entries[1], /^ {4}dest:'\/opt\/jumpscale7\/var\/tmp\/templates\/[^/']+\.qcow2',$/);
});

test('web.export snippet uses the same block layout', () => {
  const text = expand(bodyText(find(load('hrd.json'), 'web.export')));
  const lines = text.split('\n');
  assert.equal(lines[0], 'web.export.1                   =');
  assert.deepEqual(
    lines.slice(1, 5).map((l) => /^ {4}(\w+):'[^']*',$/.exec(l)?.[1]),
    ['checkmd5', 'dest', 'source', 'url'],
  );
  assert.ok(text.endsWith(',\n\n'));
});

test('actions.py snippet registers the image with the current registerImage signature', () => {
  const raw = bodyText(find(load('actions.json'), 'ays-actions'));
  assert.match(raw, /\$\{\d+\|Linux,Windows\|\}/, 'type offered as a Linux/Windows choice');
  const text = expand(raw);
  for (const line of [
    'from JumpScale import j',
    'ActionsBase = j.atyourservice.getActionsBaseClass()',
    'class Actions(ActionsBase):',
    '    def configure(self, serviceObj):',
    '        from CloudscalerLibcloud.imageutil import registerImage',
    "        name = 'Display name'",
    "        registerImage(serviceObj, name, 'Linux', 10)",
  ]) {
    assert.ok(text.split('\n').includes(line), `contains ${JSON.stringify(line)}`);
  }
  assert.doesNotMatch(text, /\t/, 'indented with spaces');
  const call = expand(bodyText(find(load('actions.json'), 'registerImage')));
  assert.match(call, /^registerImage\(serviceObj, \w+, 'Linux', 10\)$/);
});
