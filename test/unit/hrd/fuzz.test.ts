/** Property tests: on 100k random and mutated documents the parser, every rule and every feature never throw. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { parseHrd } from '../../../server/src/service/hrd/parseHrd';
import { valueTree } from '../../../server/src/service/hrd/plainValues';
import { createLanguageService } from '../../../server/src/service/LanguageService';
import { nodeFileSystem } from '../../../server/src/node/nodeFileSystem';
import { GOOD } from '../recipe/fixtures';
import { cpuMs } from '../cpuTime';

const svc = createLanguageService({ fs: nodeFileSystem });
const FILE = '/ws/servicetemplates/image_f/service.hrd';
const URI = 'file:///ws/servicetemplates/image_f/service.hrd';

const FRAGMENTS = [
  'web.export.1',
  'web.export.a',
  'platform.supported',
  ' = ',
  '=',
  ' =\n',
  '\n',
  '\r\n',
  '\n\n',
  '    ',
  '\t',
  ' ',
  "'",
  '"',
  ',',
  ':',
  '#',
  '# c\n',
  '@ASK ',
  '@ask,',
  '$(',
  ')',
  '$(a)',
  '{{',
  '}}',
  'b',
  'bqp',
  '#BINARYEND#########\n',
  '<<<<<<< HEAD\n',
  '=======\n',
  '>>>>>>> x\n',
  "checkmd5:'true',",
  "dest:'/opt/x.qcow2'",
  "source:'/a b.img',",
  "url:'ftp://u:p@h/'",
  'generic',
  "'generic',",
  'http://h/p',
  'x',
  'a.b.c',
  '\u00e9',
  '\ufeff',
  '\u0000',
  '[1,2]',
  '\\K',
];

function check(text: string, pos: number): void {
  const d = parseHrd(text);
  valueTree(d, true);
  const doc = TextDocument.create(URI, 'hrd', 1, text);
  svc.documentDiagnostics(doc);
  svc.fileDiagnostics('/ws/servicetemplates/image_f/instance.hrd', text);
  svc.format(doc);
  svc.documentSymbols(doc);
  svc.foldingRanges(doc);
  const p = doc.positionAt(pos % (text.length + 1));
  svc.complete(doc, p);
  svc.hover(doc, p);
  svc.definition(doc, p);
  svc.references(doc, p);
  svc.codeActions(doc, { start: p, end: p }, svc.documentDiagnostics(doc) as Diagnostic[]);
  svc.forget(URI);
}

test('60k random documents built from HRD fragments never make anything throw', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }), fc.nat(), (parts, pos) => {
      check(parts.join(''), pos);
    }),
    { numRuns: 60_000 },
  );
});

const EDIT = fc.tuple(
  fc.nat(),
  fc.nat({ max: 4 }),
  fc.constantFrom('', '\n', ' ', '\t', '#', "'", '"', ',', ':', '=', 'x', '\r', '    '),
);

test('40k mutations of a canonical recipe never make anything throw', () => {
  fc.assert(
    fc.property(fc.array(EDIT, { minLength: 1, maxLength: 6 }), fc.nat(), (edits, pos) => {
      let t = GOOD;
      for (const [at, del, ins] of edits) {
        const i = at % (t.length + 1);
        t = t.slice(0, i) + ins + t.slice(i + del);
      }
      check(t, pos);
    }),
    { numRuns: 40_000 },
  );
});

test('arbitrary unicode strings parse without throwing', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
      parseHrd(s);
      svc.fileDiagnostics(FILE, s);
    }),
    { numRuns: 2_000 },
  );
});

test('parse time is linear: 10x the text takes well under 45x the CPU time (GC included)', () => {
  const unit = GOOD + "description = 'x'\n# c\nx = http://h/p\n";
  // A full collection before each parse, so that neither size pays for the garbage of the other.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const time = (n: number, tries: number) => {
    const t = unit.repeat(n);
    let best = Infinity;
    // CPU time of this process, not wall time: a shared machine preempts the run, it does not add CPU time.
    for (let i = 0; i < tries; i++) {
      gc();
      best = Math.min(
        best,
        cpuMs(() => parseHrd(t)),
      );
    }
    return best;
  };
  time(1000, 2);
  // Linear is ~10-20x (the large text also pays for old-generation collections), quadratic ~100x. The small text
  // sometimes runs without any collection at all: the lowest ratio of three interleaved rounds is judged.
  const rounds: string[] = [];
  let lowest = Infinity;
  for (let r = 0; r < 3; r++) {
    const small = time(1000, 3);
    const big = time(10000, 2);
    lowest = Math.min(lowest, big / small);
    rounds.push(`${small} / ${big} ms`);
  }
  assert.ok(lowest < 45, `1,000 / 10,000 units, per round: ${rounds.join(', ')}`);
});
