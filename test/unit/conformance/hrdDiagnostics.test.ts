/**
 * Issue 14 items 3, 4 and 6: every load failure of the real parser is an error on the line concerned saying that
 * `ays install` stops; no load error where AYS loads; the surprise rules fire on the classes; no error on
 * the repository's real recipes.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service/LanguageService';
import { nodeFileSystem } from '../../../server/src/node/nodeFileSystem';
import { readAsAys } from '../../../server/src/service/hrd/readAsAys';
import { parseHrd } from '../../../server/src/service/hrd/parseHrd';
import { readGolden, repoRecipes, type HrdGolden } from './oracle';

const svc = createLanguageService({ fs: nodeFileSystem });
const URI = 'file:///ws/servicetemplates/image_x/instance.hrd';

function validate(text: string): Diagnostic[] {
  const d = svc.documentDiagnostics(TextDocument.create(URI, 'hrd', 1, text)) as Diagnostic[];
  svc.forget(URI);
  return d;
}
const isLoadError = (d: Diagnostic) => d.severity === 1 && /ays install` stops here/.test(String(d.message));

test('every document AYS fails to load gets a load error on the line concerned; none where it loads', () => {
  const golden = readGolden<HrdGolden>('hrd.jsonl.gz');
  const wrong: string[] = [];
  for (const g of golden.filter((_x, i) => i % 4 === 0)) {
    const diags = validate(g.text).filter(isLoadError);
    if (g.load_error) {
      const e = readAsAys(g.text).loadError!;
      const it = e.key !== undefined ? readAsAys(g.text).items.get(e.key) : undefined;
      const [line, end] = it && it.line === e.line ? [it.line, it.endLine] : [e.line, e.line];
      if (!diags.some((d) => d.range.start.line >= line && d.range.start.line <= end))
        wrong.push(
          `${g.id} ${JSON.stringify(g.text)}: AYS ${g.load_error}, diagnostics on lines ${diags.map((d) => d.range.start.line)} (expected ${line})`,
        );
    } else if (diags.length) wrong.push(`${g.id} ${JSON.stringify(g.text)}: AYS loads, port says ${diags[0].message}`);
  }
  assert.deepEqual(wrong.slice(0, 5), []);
});

test('the surprise rules fire on the issue 14 classes, with the quick fix for @ask', () => {
  const codes = (t: string) => validate(t).map((d) => String(d.code));
  assert.ok(codes('x = a\\Nb\n').includes('hrd-escape-decoded'));
  assert.ok(codes("x = ' a b '\n").includes('hrd-quotes'));
  assert.ok(codes("x =\n    a:'x,\n    b:1,\n\n").includes('hrd-quotes'));
  assert.ok(
    codes("x =\n    name:'s4'\n    args:'s4'\n\n").some((c) => c === 'hrd-text-block' || c === 'hrd-block-not-dict'),
  );
  assert.ok(codes('x = [a]\n').includes('hrd-bracket-list'));
  const ask = validate("ip = @ask descr:'IP'\n").find((d) => d.code === 'hrd-lowercase-ask');
  assert.ok(ask);
  assert.equal((ask.data as { fixes: Array<{ edits: Array<{ newText: string }> }> }).fixes[0].edits[0].newText, '@ASK');
  assert.ok(codes("x = a:'1,2', b:c\n").includes('hrd-load-error'));
  assert.ok(codes('a = $(b)\nb = $(a)\n').includes('hrd-load-error'));
  assert.ok(codes("x =\n    ''\n\n").includes('hrd-load-error'));
});

test('no error and no new warning on the example recipes, no load error on the grammar samples', () => {
  const fresh = [
    'hrd-load-error',
    'hrd-escape-decoded',
    'hrd-quotes',
    'hrd-text-block',
    'hrd-bracket-list',
    'hrd-lowercase-ask',
  ];
  for (const text of repoRecipes()) {
    const grammarSample = text.startsWith('# SYNTAX TEST');
    const bad = validate(text).filter((d) => (grammarSample ? ['hrd-load-error'] : fresh).includes(String(d.code)));
    assert.deepEqual(
      bad.map((d) => d.message),
      [],
      text.slice(0, 80),
    );
  }
});

test('hover "AYS reads:" shows the real parser\'s value', () => {
  const golden = readGolden<HrdGolden>('hrd.jsonl.gz').filter(
    (g, i) => i % 10 === 0 && !g.load_error && !/\r(?!\n)/.test(g.text),
  ); // a lone CR is a line break for LSP positions only
  let checked = 0;
  for (const g of golden) {
    const doc = TextDocument.create(URI, 'hrd', 1, g.text);
    const parsed = parseHrd(g.text);
    const ays = readAsAys(g.text);
    for (const key of g.keys) {
      const v = g.values[key];
      const item = parsed.keys.get(key);
      if (
        typeof v !== 'string' ||
        v.length > 150 ||
        !item ||
        item.keySpan.end === item.keySpan.start ||
        ays.items.get(key)?.line !== item.line
      )
        continue;
      const h = svc.hover(doc, doc.positionAt(item.keySpan.start));
      const text = (h?.contents as { value: string } | undefined)?.value ?? '';
      assert.ok(
        text.includes(`AYS reads: \`${JSON.stringify(v)}\``),
        `${g.id} ${JSON.stringify(g.text)} key ${key}: ${text}`,
      );
      checked++;
    }
    svc.forget(URI);
  }
  assert.ok(checked > 500, `${checked} hovers checked`);
});
