/** Quick fixes produce the expected text, and the problem is gone afterwards. */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ActionsLanguageService } from '../../../server/src/service/python/ActionsLanguageService';
import type { RegisterImageProfile } from '../../../common/settings';
import { applyEdits, ctxFor, doc, recipe } from './helpers';

let svc: ActionsLanguageService;

function fix(text: string, code: string, profile: RegisterImageProfile = 'current', title?: RegExp): string {
  const d = doc(text);
  const ctx = ctxFor(profile);
  const diags = svc.diagnostics(d, ctx).filter((x) => x.code === code);
  assert.equal(diags.length, 1, `expected one ${code}: ${JSON.stringify(svc.diagnostics(d, ctx))}`);
  const actions = svc.codeActions(d, diags[0].range, diags, ctx).filter((a) => !title || title.test(a.title));
  assert.ok(actions.length >= 1, 'no code action');
  assert.equal(actions[0].kind, 'quickfix');
  assert.deepEqual(actions[0].diagnostics, diags);
  const out = applyEdits(text, actions[0].edit!.changes![d.uri]);
  const after = svc.diagnostics(doc(out, d.uri, 2), ctx).filter((x) => x.code === code);
  assert.deepEqual(after, [], `still ${code} after the fix:\n${out}`);
  return out;
}

describe('quick fixes', () => {
  before(async () => {
    svc = await ActionsLanguageService.create();
  });

  for (const py of [2, 3] as const) {
    it(`legacy → current call [Python ${py}]`, () => {
      const text = recipe(py, 'current', {
        configure: "        registerImage(serviceObj, name, imagename, 'Linux', 10)\n",
      });
      const out = fix(text, 'actions-register-legacy');
      assert.ok(out.includes("        registerImage(serviceObj, name, 'Linux', 10)\n"), out);
    });
  }
  it('legacy → current keeps keywords and the 6th argument', () => {
    const text = recipe(2, 'current', {
      configure: "        registerImage(serviceObj, name, 'ubuntu-22.04.qcow2', 'Windows', 20, 'Cloudscalers')\n",
    });
    assert.ok(
      fix(text, 'actions-register-legacy').includes("registerImage(serviceObj, name, 'Windows', 20, 'Cloudscalers')"),
    );
  });
  it("windows → 'Windows' (keeps the quotes)", () => {
    const text = recipe(2, 'current', { configure: '        registerImage(serviceObj, name, "windows", 20)\n' });
    assert.ok(fix(text, 'actions-type').includes('registerImage(serviceObj, name, "Windows", 20)'));
  });
  it("windows → 'Windows' through a variable", () => {
    const text = recipe(3, 'legacy', {
      configure: "        t = u'windows'\n        registerImage(serviceObj, name, imagename, t, 20)\n",
    });
    assert.ok(fix(text, 'actions-type', 'legacy').includes("t = u'Windows'"));
  });
  it('Windows disk size to 20', () => {
    const text = recipe(2, 'current', {
      configure: "        registerImage(serviceObj, name, 'Windows', 10, username='Cloudscalers')\n",
    });
    assert.ok(
      fix(text, 'actions-disk-size').includes(
        "registerImage(serviceObj, name, 'Windows', 20, username='Cloudscalers')",
      ),
    );
  });
  for (const profile of ['current', 'legacy'] as const) {
    it(`adds the missing configure [${profile}]`, () => {
      const text = recipe(2, profile, { methods: '    def prepare(self, serviceObj):\n        pass\n' });
      const out = fix(text, 'actions-no-register', profile);
      assert.ok(
        out.includes(
          '    def configure(self, serviceObj):\n        from CloudscalerLibcloud.imageutil import registerImage\n',
        ),
        out,
      );
      assert.ok(out.includes("name = 'Ubuntu 2204'"), out);
      if (profile === 'current') assert.ok(out.includes("registerImage(serviceObj, name, 'Linux', 10)"), out);
      else
        assert.ok(
          out.includes("imagename = 'ubuntu-22.04.qcow2'") &&
            out.includes('registerImage(serviceObj, name, imagename, '),
          out,
        );
      assert.deepEqual(svc.diagnostics(doc(out, undefined, 3), ctxFor(profile)), [], out);
    });
  }
  it('imagename to the dest file name (legacy)', () => {
    const text = recipe(2, 'legacy', {
      configure:
        "        imagename = 'centos-7.qcow2'\n        registerImage(serviceObj, name, imagename, 'Linux', 10)\n",
    });
    assert.ok(
      fix(text, 'actions-imagename', 'legacy').includes("imagename = 'ubuntu-22.04.qcow2'\n        registerImage"),
    );
  });
  it("bootType 'UEFI' → 'uefi'", () => {
    const text = recipe(3, 'current', {
      configure: "        registerImage(serviceObj, name, 'Linux', 10, bootType='UEFI')\n",
    });
    assert.ok(fix(text, 'actions-boot-type').includes("bootType='uefi'"));
  });
  it('j.packages → getActionsBaseClass', () => {
    const text = recipe(2, 'current', { base: 'ActionsBase = j.packages.getActionsBaseClass()\n\n\n' });
    assert.ok(fix(text, 'actions-base').includes('ActionsBase = j.atyourservice.getActionsBaseClass()\n'));
  });
  it('adds the missing ActionsBase binding', () => {
    fix(recipe(2, 'current', { base: '' }), 'actions-base');
  });
  it('renames a typo', () => {
    const text = recipe(2, 'current', { methods: 'CONFIGURE\n    def prepar(self, serviceObj):\n        pass\n' });
    assert.ok(fix(text, 'actions-unknown-method').includes('def prepare(self, serviceObj):'));
  });
  it('**kwargs → (self, serviceObj)', () => {
    const text = recipe(2, 'current', { methods: 'CONFIGURE\n    def prepare(self, **kwargs):\n        pass\n' });
    assert.ok(fix(text, 'actions-signature').includes('def prepare(self, serviceObj):'));
  });
  it('adds class Actions to an empty file', () => {
    const out = fix('from JumpScale import j\n', 'actions-class');
    assert.deepEqual(svc.diagnostics(doc(out, undefined, 4), ctxFor('current')), [], out);
  });
  it("diagnostics carry their fixes in data.fixes (the recipe engine's generic quick-fix path)", () => {
    const text = recipe(2, 'current', { configure: "        registerImage(serviceObj, name, 'windows', 20)\n" });
    const [d] = svc.diagnostics(doc(text), ctxFor('current'));
    const fixes = (d.data as any).fixes;
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0].title, "Change to 'Windows'");
    assert.equal(fixes[0].preferred, true);
    assert.ok(applyEdits(text, fixes[0].edits).includes("'Windows', 20)"));
    const stale = { ...d, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
    assert.equal(svc.codeActions(doc(text), stale.range, [stale], ctxFor('current'))[0]?.title, "Change to 'Windows'");
  });
  it('without diagnostics, offers the fixes found in the range', () => {
    const text = recipe(2, 'current', { configure: "        registerImage(serviceObj, name, 'windows', 20)\n" });
    const line = text.split('\n').findIndex((l) => l.includes("'windows'"));
    const r = { start: { line, character: 40 }, end: { line, character: 40 } };
    assert.equal(svc.codeActions(doc(text), r, [], ctxFor('current'))[0]?.title, "Change to 'Windows'");
  });
});
