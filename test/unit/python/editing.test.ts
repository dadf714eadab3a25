/** Completion, signature help, hover and go-to-definition in actions.py. */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import { ActionsLanguageService } from '../../../server/src/service/python/ActionsLanguageService';
import { displayNameFromFolder } from '../../../server/src/service/python/displayName';
import { DEST_RANGE, DEST_URI, applyEdits, ctxFor, doc, recipe } from './helpers';

let svc: ActionsLanguageService;

/** Text with a `|` cursor marker → document + position. */
function at(textWithCursor: string) {
  const offset = textWithCursor.indexOf('|');
  const d = doc(textWithCursor.replace('|', ''));
  return { d, pos: d.positionAt(offset) };
}

const HEAD =
  "from JumpScale import j\nActionsBase = j.atyourservice.getActionsBaseClass()\n\nclass Actions(ActionsBase):\n    def configure(self, serviceObj):\n        name = 'X'\n";
const labels = (items: CompletionItem[]) => items.map((i) => i.label);

describe('completion', () => {
  before(async () => {
    svc = await ActionsLanguageService.create();
  });
  it('derives the display name from the folder', () => {
    assert.equal(displayNameFromFolder('image_ubuntu-2204'), 'Ubuntu 2204');
    assert.equal(displayNameFromFolder('image_centos-7'), 'CentOS 7');
    assert.equal(displayNameFromFolder('image_windows-2012r2-std'), 'Windows 2012r2 Std');
  });
  it('offers the display name as 2nd argument', () => {
    const { d, pos } = at(HEAD + '        registerImage(serviceObj, |');
    const items = svc.complete(d, pos, ctxFor('current'));
    assert.deepEqual(labels(items).slice(0, 2), ["'Ubuntu 2204'", 'name']);
  });
  it('offers the types as 3rd argument (current) and inside a string', () => {
    const { d, pos } = at(HEAD + '        registerImage(serviceObj, name, |');
    assert.deepEqual(
      labels(svc.complete(d, pos, ctxFor('current'))).filter((l) => String(l).startsWith("'")),
      ["'Linux'", "'Windows'", "'Other'"],
    );
    const s = at(HEAD + "        registerImage(serviceObj, name, 'Win|')\n");
    const items = svc.complete(s.d, s.pos, ctxFor('current'));
    const win = items.find((i) => i.label === "'Windows'")!;
    const te = win.textEdit as { range: any; newText: string };
    assert.equal(te.newText, 'Windows');
    assert.ok(applyEdits(s.d.getText(), [te]).includes("registerImage(serviceObj, name, 'Windows')"));
  });
  it('offers the image file as 3rd argument under legacy, types as 4th', () => {
    const { d, pos } = at(HEAD + '        registerImage(serviceObj, name, |');
    assert.deepEqual(labels(svc.complete(d, pos, ctxFor('legacy'))), ["'ubuntu-22.04.qcow2'", 'imagename']);
    const b = at(HEAD + '        registerImage(serviceObj, name, imagename, |');
    assert.ok(labels(svc.complete(b.d, b.pos, ctxFor('legacy'))).includes("'Linux'"));
  });
  it('offers bootType values and keyword names', () => {
    const { d, pos } = at(HEAD + "        registerImage(serviceObj, name, 'Linux', 10, bootType=|");
    assert.deepEqual(labels(svc.complete(d, pos, ctxFor('current'))), ["'bios'", "'uefi'"]);
    const k = at(HEAD + "        registerImage(serviceObj, name, 'Linux', 10, username='x', |");
    const kw = labels(svc.complete(k.d, k.pos, ctxFor('current')));
    assert.deepEqual(
      kw.filter((l) => String(l).endsWith('=')),
      ['bootType=', 'delete=', 'hotResize='],
    );
    assert.deepEqual(
      labels(svc.complete(k.d, k.pos, ctxFor('legacy'))).filter((l) => String(l).endsWith('=')),
      [],
    );
  });
  it('offers ActionsBase methods with their signature inside class Actions', () => {
    const { d, pos } = at(
      'class Actions(ActionsBase):\n\n    def configure(self, serviceObj):\n        pass\n\n    def pre|',
    );
    const items = svc.complete(d, pos, ctxFor('current'));
    assert.ok(!labels(items).includes('configure'));
    const prep = items.find((i) => i.label === 'prepare')!;
    assert.equal((prep.textEdit as any).newText, 'def prepare(self, serviceObj):\n\t${0:pass}');
    assert.equal(prep.insertTextFormat, 2);
    const e = at('class Actions(ActionsBase):\n    |');
    const conf = svc.complete(e.d, e.pos, ctxFor('current')).sort((a, b) => a.sortText!.localeCompare(b.sortText!))[0];
    assert.equal(conf.label, 'configure');
    assert.equal((conf.textEdit as any).newText, 'def configure(self, serviceObj):\n\t${0:pass}');
  });
  it('offers nothing elsewhere', () => {
    for (const t of ['x = |', 'class Other(object):\n    |', HEAD + '        foo(|', HEAD + '        x = |']) {
      const { d, pos } = at(t);
      assert.deepEqual(svc.complete(d, pos, ctxFor('current')), [], t);
    }
  });
});

describe('signature help', () => {
  before(async () => {
    svc = await ActionsLanguageService.create();
  });
  it('shows the active profile with the active parameter', () => {
    const { d, pos } = at(HEAD + "        registerImage(serviceObj, name, 'Linux', |");
    const cur = svc.signatureHelp(d, pos, ctxFor('current'))!;
    assert.match(
      cur.signatures[0].label,
      /^registerImage\(service, name, type, disksize, username=None, bootType='bios'/,
    );
    assert.equal(cur.activeParameter, 3);
    const [s, e] = cur.signatures[0].parameters![3].label as [number, number];
    assert.equal(cur.signatures[0].label.slice(s, e), 'disksize');
    assert.match((cur.signatures[0].parameters![3].documentation as MarkupContent).value, /`size`/);
    const leg = svc.signatureHelp(d, pos, ctxFor('legacy'))!;
    assert.match(leg.signatures[0].label, /^registerImage\(jp, name, imagepath, type, disksize/);
    assert.equal(leg.activeParameter, 3);
  });
  it('follows keywords and ignores nested calls and strings', () => {
    const k = at(HEAD + "        registerImage(serviceObj, name, 'Linux', 10, bootType=|");
    assert.equal(svc.signatureHelp(k.d, k.pos, ctxFor('current'))!.activeParameter, 5);
    const n = at(HEAD + "        registerImage(serviceObj, '(a, b)', str(1), |");
    assert.equal(svc.signatureHelp(n.d, n.pos, ctxFor('current'))!.activeParameter, 3);
    const inner = at(HEAD + '        registerImage(serviceObj, str(|');
    assert.equal(svc.signatureHelp(inner.d, inner.pos, ctxFor('current')), null);
  });
});

describe('hover and definition', () => {
  before(async () => {
    svc = await ActionsLanguageService.create();
  });
  const text = recipe(2, 'current', {
    methods: 'CONFIGURE\n    def check_requirements(self, serviceObj):\n        pass\n',
  });
  const d = doc(text);
  const posOf = (needle: string, delta = 1) => d.positionAt(text.indexOf(needle) + delta);
  const value = (h: any) => (h?.contents as MarkupContent).value;
  it('explains ActionsBase methods and the install order', () => {
    const h = value(svc.hover(d, posOf('configure('), ctxFor('current')));
    assert.match(h, /step 6/);
    assert.match(h, /5\. `prepare`/);
    assert.match(value(svc.hover(d, posOf('check_requirements'), ctxFor('current'))), /Never called by `ays install`/);
  });
  it('explains each registerImage argument and the image field it becomes', () => {
    const line = "registerImage(serviceObj, name, 'Linux', 10)";
    const at2 = (s: string) => d.positionAt(text.indexOf(line) + line.indexOf(s) + 1);
    assert.match(value(svc.hover(d, at2("'Linux'"), ctxFor('current'))), /`type`[\s\S]*image field `type`/);
    assert.match(value(svc.hover(d, at2('10'), ctxFor('current'))), /disksize[\s\S]*`size`/);
    assert.match(value(svc.hover(d, at2('name,'), ctxFor('current'))), /`name`[\s\S]*'Ubuntu 22.04 x64'/);
    assert.match(value(svc.hover(d, at2('registerImage'), ctxFor('current'))), /`current` profile/);
    assert.match(value(svc.hover(d, at2('registerImage'), ctxFor('legacy'))), /imagepath/);
  });
  it('shows the shift of a legacy call under current', () => {
    const t2 = recipe(2, 'current', { configure: "        registerImage(serviceObj, name, imagename, 'Linux', 10)\n" });
    const d2 = doc(t2, 'file:///b/actions.py');
    const h = value(svc.hover(d2, d2.positionAt(t2.indexOf("'Linux', 10)") + 1), ctxFor('current')));
    assert.match(h, /disksize[\s\S]*received as `disksize`/);
  });
  it('goes from the call to the dest of service.hrd', () => {
    assert.deepEqual(svc.definition(d, posOf('registerImage(serviceObj', 3), ctxFor('current')), [
      { uri: DEST_URI, range: DEST_RANGE },
    ]);
    assert.deepEqual(svc.definition(d, posOf('def configure'), ctxFor('current')), []);
    assert.deepEqual(
      svc.definition(d, posOf('registerImage(serviceObj', 3), ctxFor('current', { siblingServiceHrd: undefined })),
      [],
    );
  });
  it('lists the display names the file registers', () => {
    assert.deepEqual(
      svc.displayNames(d).map((n) => n.name),
      ['Ubuntu 22.04 x64'],
    );
  });
});
