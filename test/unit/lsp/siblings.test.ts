/**
 * server/src/lsp/ over the in-memory harness: a change to a service.hrd revalidates the open actions.py of the
 * same recipe folder (its rules read the sibling's last web.export dest), found by a query to the workspace index.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { startHarness, type LspHarness } from './harness';

const ROOT = path.join(__dirname, '../../../..');
const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-lsp-siblings-'));
fs.cpSync(path.join(ROOT, 'examples/env-demo'), ws, { recursive: true });
const dir = path.join(ws, 'servicetemplates/image_centos-7');
const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const codes = (ds: { code?: unknown }[]) => ds.map((d) => d.code);

let h: LspHarness;
before(async () => {
  // the legacy profile: registerImage's 3rd argument is the image file, checked against the sibling's dest
  h = await startHarness({
    folders: [pathToFileURL(ws).href],
    initializationOptions: { settings: { profile: 'legacy' } },
  });
});
after(async () => {
  await h.dispose();
  fs.rmSync(ws, { recursive: true, force: true });
});

test('a service.hrd change revalidates the open actions.py of its recipe folder', { timeout: 60_000 }, async () => {
  await h.open(uri('actions.py'), 'python', read('actions.py'));
  // dest '…/centos-7-x86_64' vs registerImage(…, 'centos-7-x86_64.qcow2', …)
  await h.diagnostics(uri('actions.py'), (d) => codes(d).includes('actions-imagename'), 30_000);
  const svc = read('service.hrd');
  await h.open(uri('service.hrd'), 'hrd', svc);
  const fixed = svc.replace("templates/centos-7-x86_64'", "templates/centos-7-x86_64.qcow2'");
  assert.notEqual(fixed, svc);
  await h.change(uri('service.hrd'), fixed, 2);
  await h.diagnostics(uri('actions.py'), (d) => !codes(d).includes('actions-imagename'));
  // and back: the finding returns without touching actions.py
  await h.change(uri('service.hrd'), svc, 3);
  await h.diagnostics(uri('actions.py'), (d) => codes(d).includes('actions-imagename'));
});

test('a change in another recipe folder does not revalidate this actions.py', { timeout: 60_000 }, async () => {
  const other = pathToFileURL(path.join(ws, 'servicetemplates/image_ubuntu-2204/service.hrd')).href;
  const text = fs.readFileSync(new URL(other), 'utf8');
  await h.open(other, 'hrd', text);
  await h.diagnostics(other);
  let republished = false;
  const off = h.nextPublish(uri('actions.py'), 1500).then(
    () => {
      republished = true;
    },
    () => undefined,
  );
  await h.change(other, text + '\n', 2);
  await h.diagnostics(other);
  await off;
  assert.equal(republished, false);
});
