/**
 * A workspace on which every rule of the catalog fires (actions-register-legacy under --profile current,
 * actions-imagename under --profile legacy): one template folder per mistake. Used by the SARIF and GitHub
 * format tests. A new rule needs a case here (the SARIF test names the codes that did not fire).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL, ENTRIES, GOOD, recipe, with_, without } from '../recipe/fixtures';

const REGISTER = "registerImage(serviceObj, 'NAME', 'Linux', 10)";

/** actions.py with `configure` calling `call` ('NAME' replaced by the folder's display name) and extra methods. */
function actions(call = REGISTER, opts: { base?: string; classLine?: string; methods?: string } = {}): string {
  return (
    'from JumpScale import j\n\n' +
    (opts.base ?? 'ActionsBase = j.atyourservice.getActionsBaseClass()\n\n\n') +
    (opts.classLine ?? 'class Actions(ActionsBase):\n') +
    '\n' +
    '    def configure(self, serviceObj):\n        from CloudscalerLibcloud.imageutil import registerImage\n' +
    `        ${call}\n` +
    (opts.methods ?? '')
  );
}

const HRD: Array<[string, string]> = [
  ['line-lost', recipe(ALL, undefined, "description = 'x'\n")],
  ['no-final-newline', recipe(ALL).replace(/\n+$/, '')],
  ['tab-indent', "platform.supported = 'generic'\n\nweb.export.1 =\n\tdest:'/a.qcow2',\n\n"],
  [
    'comment-in-block',
    recipe([ENTRIES.checkmd5, ENTRIES.dest]).replace(
      "qcow2',\n",
      "qcow2',\n# moved\n    source:'/s.qcow2',\n    url:'ftp://h',\n",
    ),
  ],
  ['hash-in-value', recipe(with_('url', "url:'ftp://pub:p#w@h'"))],
  ['missing-comma', recipe(ALL).replace("x-1.qcow2',\n    source", "x-1.qcow2'\n    source")],
  ['block-not-dict', recipe(ALL).replace("checkmd5:'false',", "checkmd5:'false'")],
  ['conflict-marker', GOOD + "<<<<<<< HEAD\ndescription = 'a'\n=======\ndescription = 'b'\n>>>>>>> x\n"],
  ['empty-key', GOOD + "= 'x'\n"],
  ['duplicate-key', GOOD + "platform.supported = 'linux'\n"],
  ['duplicate-entry', recipe([...ALL, "checkmd5:'true'"])],
  ['double-quotes', GOOD + 'description = "x, with a %, a : and a newline\\n"\n'],
  ['unquoted-colon', GOOD + 'git.url = http://h/x\n'],
  ['quoted-list-item', GOOD + "description = 'a', 'b'\n"],
  ['eval', GOOD + "description = '{{ 1+1 }}'\n"],
  ['unknown-reference', GOOD + "description = 'img $(nope)'\n"],
  ['ignored-line', GOOD + 'justtext\n'],
  ['platform', GOOD.replace("'generic'", "'ubuntu2204'")],
  ['no-export', "platform.supported = 'generic'\n"],
  ['export-field', recipe(without('dest'))],
  ['checkmd5', recipe(with_('checkmd5', "checkmd5:'yes'"))],
  ['export-unknown', recipe([...ALL, "overwrite:'true'"])],
  ['url', recipe(with_('url', "url:'sftp://h'"))],
  ['source', recipe(with_('source', "source:'images/x 1.qcow2'"))],
  ['dest', recipe(with_('dest', "dest:'/opt/jumpscale7/var/tmp/templates/ubuntu-22.04'"))],
  ['md5sum', recipe(["checkmd5:'true'", ENTRIES.dest, ENTRIES.source, "url:'https://cloud-images.example.com'"])],
  ['export-index', recipe(ALL).replace('web.export.1 ', 'web.export.a ')],
  ['escape-decoded', GOOD + 'description = a\\nb\n'],
  ['text-block', GOOD + "args =\n    'a' more\n    b\n\n"],
  ['bracket-list', GOOD + 'description = [a]\n'],
  ['lowercase-ask', GOOD + "ip = @ask descr:'IP'\n"],
  ['bom', '\uFEFF' + GOOD],
  ['findings-limit', GOOD + 'k = ' + '$(x)'.repeat(300) + '\n'],
];

const ACTIONS: Array<[string, string]> = [
  ['syntax', actions(`${REGISTER}\n        x = = 1`)],
  ['class', actions(REGISTER, { classLine: 'class Other(ActionsBase):\n' })],
  ['base', actions(REGISTER, { base: 'ActionsBase = j.packages.getActionsBaseClass()\n\n\n' })],
  ['signature', actions(REGISTER, { methods: '\n    def prepare(self, **kwargs):\n        pass\n' })],
  ['unknown-method', actions(REGISTER, { methods: '\n    def prepar(self, serviceObj):\n        pass\n' })],
  ['never-called', actions(REGISTER, { methods: '\n    def check_requirements(self, serviceObj):\n        pass\n' })],
  ['no-register', actions('pass')],
  ['register-args', actions("registerImage(serviceObj, 'NAME', 'Linux', 10, user='x')")],
  ['register-legacy', actions("registerImage(serviceObj, 'NAME', 'x-1.qcow2', 'Linux', 10)")],
  ['type', actions("registerImage(serviceObj, 'NAME', 'windows', 20)")],
  ['disk-size', actions("registerImage(serviceObj, 'NAME', 'Linux', 0)")],
  ['boot-type', actions("registerImage(serviceObj, 'NAME', 'Linux', 10, bootType='efi')")],
  // under --profile legacy: the image file argument is not the file name of dest
  ['imagename', actions("registerImage(serviceObj, 'NAME', 'other.qcow2', 'Linux', 10)")],
  ['display-name', actions("registerImage(serviceObj, 'Same Name', 'Linux', 10)")],
  ['display-name-2', actions("registerImage(serviceObj, 'Same Name', 'Linux', 10)")],
];

function template(root: string, rel: string, files: Record<string, string | Buffer>): void {
  const dir = path.join(root, rel);
  fs.mkdirSync(dir, { recursive: true });
  for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), t);
}

/** Writes the workspace under `root` (its servicetemplates/ folder). */
export function writeEveryRuleWorkspace(root: string): void {
  const st = 'servicetemplates';
  for (const [name, text] of HRD)
    template(root, `${st}/image_hrd-${name}`, {
      'service.hrd': text,
      'instance.hrd': '',
      'actions.py': actions(REGISTER.replace('NAME', name)),
    });
  for (const [name, text] of ACTIONS)
    template(root, `${st}/image_py-${name}`, {
      'service.hrd': GOOD,
      'instance.hrd': '',
      'actions.py': text.replace('NAME', name),
    });
  // workspace rules: a second template of the same name, a backup file, missing files, services.hrd, an unreadable file
  template(root, `other/${st}/image_hrd-platform`, {
    'service.hrd': GOOD,
    'instance.hrd': '',
    'actions.py': actions(REGISTER.replace('NAME', 'dup')),
  });
  template(root, `${st}/image_backup`, {
    'service.hrd': GOOD,
    'service.hrd~': GOOD,
    'instance.hrd': '',
    'actions.py': actions(REGISTER.replace('NAME', 'backup')),
  });
  template(root, `${st}/image_missing`, { 'service.hrd': GOOD });
  template(root, `${st}/image_typo`, {
    'services.hrd': GOOD,
    'instance.hrd': '',
    'actions.py': actions(REGISTER.replace('NAME', 'typo')),
  });
  template(root, `${st}/image_binary`, {
    'service.hrd': Buffer.from([0xff, 0xfe, 0x00, 0x41]),
    'instance.hrd': '',
    'actions.py': actions(REGISTER.replace('NAME', 'binary')),
  });
}
