import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import {
  checkSpec,
  newVersionFiles,
  parseImageUrl,
  propose,
  recipeFiles,
  RecipeSpec,
  uniqueStem,
  writeRecipe,
} from '../../../common/recipe/newRecipe';
import { runCheck } from '../../../server/src/cli/check';

function spec(raw: string, o: Partial<RecipeSpec> = {}): RecipeSpec {
  const url = parseImageUrl(raw);
  assert.ok(!('error' in url));
  const p = propose(url);
  return {
    url,
    displayName: p.displayName,
    type: p.type,
    size: p.size,
    folder: p.folder,
    destStem: uniqueStem(url.fileName.replace(/\.[^.]+$/, ''), new Set()),
    checkmd5: false,
    profile: 'current',
    ...o,
  };
}

describe('New Image Recipe', () => {
  it('derives url (credentials kept), source, folder and proposals from the URL', () => {
    const u = parseImageUrl('ftp://pub:pub1234@ftp.example.com/images/windows/Windows-2022-UEFI.qcow2');
    assert.ok(!('error' in u));
    assert.deepEqual(u, {
      url: 'ftp://pub:pub1234@ftp.example.com',
      source: '/images/windows/Windows-2022-UEFI.qcow2',
      fileName: 'Windows-2022-UEFI.qcow2',
    });
    const p = propose(u);
    assert.equal(p.type, 'Windows');
    assert.equal(p.size, 25);
    assert.equal(p.suggestsUefi, true);
    assert.equal(p.folder, 'image_windows-2022-uefi');
  });
  it('bad URLs and names get a clear message', () => {
    for (const bad of [
      'cloud-images.ubuntu.com/x.img',
      'gopher://h/x',
      'http://h/dir/',
      "http://h/it's.img",
      'http://h/a b.img',
    ])
      assert.ok('error' in parseImageUrl(bad), bad);
    const dir = mkdtempSync(join(tmpdir(), 'ays-new-'));
    try {
      assert.match(checkSpec(dir, spec('http://h/x.qcow2', { folder: 'image x' })) ?? '', /invalid folder name/);
      assert.match(checkSpec(dir, spec('http://h/x.qcow2', { displayName: "O'Neil" })) ?? '', /quote/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  for (const [label, raw, o] of [
    ['Linux, current profile', 'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img', {}],
    [
      'Windows, UEFI, checkmd5 true',
      'ftp://pub:pub1234@ftp.example.com/images/win-2022.qcow2',
      { boot: 'uefi', checkmd5: true },
    ],
    ['legacy profile', 'http://mirror.example.com/images/centos-9.qcow2', { profile: 'legacy' }],
    ['legacy Windows', 'http://mirror.example.com/images/windows-10.qcow2', { profile: 'legacy' }],
  ] as Array<[string, string, Partial<RecipeSpec>]>) {
    it(`writes a recipe with zero diagnostics: ${label}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ays-new-'));
      try {
        const files = recipeFiles(join(dir, 'servicetemplates'), spec(raw, o));
        assert.equal(writeRecipe(files), undefined);
        const r = await runCheck([dir], { ...DEFAULT_SETTINGS, profile: o.profile ?? 'current' });
        assert.deepEqual(
          r.findings.map((f) => `${f.code} ${f.message}`),
          [],
        );
        assert.equal(readFileSync(join(files.folder, 'instance.hrd'), 'utf8'), '');
        assert.match(writeRecipe(files) ?? '', /already exists: nothing was written/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
  it('New Version of This Recipe: new folder, dest basename and display name version, legacy imagename follows, zero diagnostics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ays-new-'));
    try {
      const first = recipeFiles(
        join(dir, 'servicetemplates'),
        spec('http://mirror.example.com/images/centos-9.qcow2', { profile: 'legacy' }),
      );
      writeRecipe(first);
      const v2 = newVersionFiles(first.folder, new Set(['centos-9']));
      assert.ok(!('error' in v2));
      assert.equal(v2.folder, `${first.folder}-v2`);
      assert.equal(v2.dest, '/opt/jumpscale7/var/tmp/templates/centos-9-v2.qcow2');
      assert.match(v2.files.find((f) => f.name === 'actions.py')!.text, /imagename = 'centos-9-v2\.qcow2'/);
      assert.match(v2.files.find((f) => f.name === 'actions.py')!.text, /name = 'Centos 9 v2'/);
      writeRecipe(v2);
      const v3 = newVersionFiles(v2.folder, new Set(['centos-9', 'centos-9-v2']));
      assert.ok(!('error' in v3));
      assert.equal(v3.dest, '/opt/jumpscale7/var/tmp/templates/centos-9-v3.qcow2');
      assert.match(v3.files.find((f) => f.name === 'actions.py')!.text, /name = 'Centos 9 v3'/);
      writeRecipe(v3);
      // Zero diagnostics, warnings included: no dest collision, no display name twice.
      const r = await runCheck([dir], { ...DEFAULT_SETTINGS, profile: 'legacy' });
      assert.deepEqual(
        r.findings
          .filter((f) => f.severity === 'error' || f.severity === 'warning')
          .map((f) => `${f.code} ${f.message}`),
        [],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
