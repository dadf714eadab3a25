// Generates a workspace of N recipe folders (service.hrd, empty instance.hrd, actions.py; a mix of good
// recipes and typical mistakes) for the CLI and language-server benchmarks.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const pad = (k) => k.padEnd(30);
function recipe(i) {
  const bad = i % 10 === 0; // one recipe in ten has a typical mistake
  return [
    `${pad('platform.supported')} = ${bad ? '"generic"' : "'generic'"}`,
    '',
    `${pad('web.export.1')} =`,
    `    checkmd5:'${i % 3 ? 'false' : 'true'}',`,
    `    dest:'/opt/jumpscale7/var/tmp/templates/image-${i}-x64.qcow2'${bad ? '' : ','}`,
    `    source:'/images/linux/image-${i}-x64.qcow2',`,
    `    url:'ftp://pub:pub1234@ftp.example.com',`,
    '',
    '',
  ].join('\n');
}
// actions.py: mostly good current-profile calls (Python 2 flavoured), one in ten the legacy 5-argument form
// (actions-register-legacy), one in fifty a display name shared with another recipe (actions-display-name).
function actions(i) {
  const name = i % 50 === 7 ? 'Shared image' : `Image ${i}`;
  const call =
    i % 10 === 5
      ? `registerImage(serviceObj, name, 'image-${i}-x64.qcow2', 'Linux', 10)`
      : i % 4 === 0
        ? `registerImage(serviceObj, name, 'Linux', 10, bootType='bios')`
        : "registerImage(serviceObj, name, 'Linux', 10)";
  return [
    'from JumpScale import j',
    '',
    'ActionsBase = j.atyourservice.getActionsBaseClass()',
    '',
    '',
    'class Actions(ActionsBase):',
    '',
    '    def configure(self, serviceObj):',
    '        from CloudscalerLibcloud.imageutil import registerImage',
    `        name = '${name}'`,
    "        print 'registering', name",
    `        ${call}`,
    '',
  ].join('\n');
}

export function generate(n) {
  const ws = mkdtempSync(join(tmpdir(), `ays-bench-${n}-`));
  for (let i = 0; i < n; i++) {
    const dir = join(ws, `env${i % 4}`, 'servicetemplates', `image_${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'service.hrd'), recipe(i));
    writeFileSync(join(dir, 'instance.hrd'), '');
    writeFileSync(join(dir, 'actions.py'), actions(i));
  }
  return ws;
}
