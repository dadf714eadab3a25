/** Table-driven tests: every actions-* rule, under both profiles, on Python 2 and Python 3 syntax. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RegisterImageProfile } from '../../../common/settings';
import { analyzeActionsFile } from '../../../server/src/service/python/analyzeActions';
import { loadPythonParser } from '../../../server/src/service/python/pythonParser';
import type { ActionsContext } from '../../../server/src/service/python/actionsTypes';
import { ACTIONS_RULES } from '../../../server/src/service/python/actionsRules';
import { PROFILES, codes, ctxFor, recipe, reg, type Flavor, type RecipeParts } from './helpers';

interface Case {
  name: string;
  parts: (p: RegisterImageProfile) => RecipeParts;
  ctx?: Partial<ActionsContext>;
  expect: string[] | Record<RegisterImageProfile, string[]>;
  /** Expected severity of the first diagnostic with this code, per profile (1 error … 4 hint). */
  severity?: [string, number];
}

const conf = (body: string) => () => ({ configure: body });
const callConf = (rest: string) => (p: RegisterImageProfile) => ({ configure: `        ${reg(p, rest)}\n` });
const OTHER = [
  {
    name: 'Ubuntu 22.04 x64',
    uri: 'file:///ws/servicetemplates/image_ubuntu-2204-b/actions.py',
    range: { start: { line: 9, character: 15 }, end: { line: 9, character: 33 } },
  },
];

const CASES: Case[] = [
  { name: 'canonical recipe is clean', parts: () => ({}), expect: [] },
  {
    name: 'syntax error',
    parts: (p) => ({ configure: `        ${reg(p, "'Linux', 10")}\n        x = = 1\n` }),
    expect: ['actions-syntax'],
  },
  {
    name: 'unclosed call',
    parts: () => ({ configure: "        registerImage(serviceObj, name, 'Linux', 10\n" }),
    expect: ['actions-syntax'],
  },
  {
    name: 'empty method body',
    parts: () => ({ methods: 'CONFIGURE\n    def prepare(self, serviceObj):\n\n' }),
    expect: ['actions-syntax'],
  },
  {
    name: 'no class Actions',
    parts: () => ({ classLine: 'class Other(ActionsBase):\n' }),
    expect: ['actions-class'],
    severity: ['actions-class', 1],
  },
  {
    name: 'Actions without ActionsBase',
    parts: () => ({ classLine: 'class Actions(object):\n' }),
    expect: ['actions-class'],
  },
  { name: 'old-style class Actions:', parts: () => ({ classLine: 'class Actions:\n' }), expect: ['actions-class'] },
  {
    name: 'ActionsBase from j.packages',
    parts: () => ({ base: 'ActionsBase = j.packages.getActionsBaseClass()\n\n\n' }),
    expect: ['actions-base'],
    severity: ['actions-base', 1],
  },
  {
    name: 'ActionsBase imported',
    parts: () => ({ base: 'from JumpScale.baselib.atyourservice.ActionsBase import ActionsBase\n\n\n' }),
    expect: ['actions-base'],
    severity: ['actions-base', 2],
  },
  {
    name: 'ActionsBase undefined',
    parts: () => ({ base: '' }),
    expect: ['actions-base'],
    severity: ['actions-base', 1],
  },
  {
    name: 'ActionsBase bound in a try block',
    parts: () => ({
      base: 'try:\n    ActionsBase = j.atyourservice.getActionsBaseClass()\nexcept ImportError:\n    raise\n\n\n',
    }),
    expect: [],
  },
  {
    name: 'j.packages in a method',
    parts: (p) => ({ configure: `        j.packages.get('x')\n        ${reg(p, "'Linux', 10")}\n` }),
    expect: ['actions-base'],
    severity: ['actions-base', 2],
  },
  {
    name: '**kwargs override',
    parts: () => ({ methods: 'CONFIGURE\n    def prepare(self, **kwargs):\n        pass\n' }),
    expect: ['actions-signature'],
  },
  {
    name: 'no serviceObj parameter',
    parts: () => ({ methods: 'CONFIGURE\n    def start(self):\n        pass\n' }),
    expect: ['actions-signature'],
  },
  {
    name: 'two required parameters',
    parts: () => ({ methods: 'CONFIGURE\n    def stop(self, serviceObj, x):\n        pass\n' }),
    expect: ['actions-signature'],
  },
  {
    name: 'compatible signatures',
    parts: () => ({
      methods:
        'CONFIGURE\n    def prepare(self, serviceobj, x=None):\n        pass\n\n    def start(self, *args):\n        pass\n\n    def check_up_local(self, s, wait=True):\n        pass\n\n    def data_import(self, id, serviceObj):\n        pass\n',
    }),
    expect: [],
  },
  {
    name: 'typo of prepare',
    parts: () => ({ methods: 'CONFIGURE\n    def prepar(self, serviceObj):\n        pass\n' }),
    expect: ['actions-unknown-method'],
  },
  {
    name: 'Configure in the wrong case',
    parts: (p) => ({ methods: `    def Configure(self, serviceObj):\n        ${reg(p, "'Linux', 10")}\n` }),
    expect: ['actions-unknown-method'],
  },
  {
    name: 'helpers are not typos',
    parts: () => ({
      methods:
        'CONFIGURE\n    def _helper(self):\n        pass\n\n    def restart(self, serviceObj):\n        pass\n\n    def download_image(self):\n        pass\n',
    }),
    expect: [],
  },
  {
    name: 'never-called methods',
    parts: () => ({
      methods:
        'CONFIGURE\n    def check_requirements(self, serviceObj):\n        pass\n\n    def init(self, serviceObj):\n        pass\n\n    def monitor_local(self, serviceObj):\n        pass\n',
    }),
    expect: ['actions-never-called', 'actions-never-called', 'actions-never-called'],
    severity: ['actions-never-called', 3],
  },
  {
    name: 'configure without registerImage',
    parts: conf('        pass\n'),
    expect: ['actions-no-register'],
    severity: ['actions-no-register', 2],
  },
  {
    name: 'no configure at all',
    parts: () => ({ methods: '    def prepare(self, serviceObj):\n        pass\n' }),
    expect: ['actions-no-register'],
  },
  {
    name: 'non-image folder needs no register',
    parts: conf('        pass\n'),
    ctx: { folderName: 'node.ssh' },
    expect: [],
  },
  { name: 'too few arguments', parts: callConf("'Linux'"), expect: ['actions-register-args'] },
  { name: 'unknown keyword', parts: callConf("'Linux', 10, user='x'"), expect: ['actions-register-args'] },
  { name: 'repeated keyword', parts: callConf("'Linux', 10, name='x'"), expect: ['actions-register-args'] },
  {
    name: 'legacy call with imagename variable',
    parts: conf("        registerImage(serviceObj, name, imagename, 'Linux', 10)\n"),
    expect: { current: ['actions-register-legacy'], legacy: [] },
  },
  {
    name: 'legacy call with a file literal',
    parts: conf("        registerImage(serviceObj, name, 'ubuntu-22.04.qcow2', 'Linux', 10)\n"),
    expect: { current: ['actions-register-legacy'], legacy: [] },
  },
  {
    name: 'legacy 6-argument call with username',
    parts: conf("        registerImage(serviceObj, name, imagename, 'Windows', 20, 'Cloudscalers')\n"),
    expect: { current: ['actions-register-legacy'], legacy: [] },
  },
  {
    name: 'current call',
    parts: conf("        registerImage(serviceObj, name, 'Linux', 10)\n"),
    expect: { current: [], legacy: ['actions-register-args'] },
  },
  {
    name: 'current call with username',
    parts: conf("        registerImage(serviceObj, name, 'Linux', 10, 'root')\n"),
    expect: { current: [], legacy: ['actions-register-args'] },
  },
  {
    name: 'lower-case windows',
    parts: callConf("'windows', 20"),
    expect: ['actions-type'],
    severity: ['actions-type', 2],
  },
  { name: 'custom type', parts: callConf("'vStorage', 10"), expect: ['actions-type'], severity: ['actions-type', 3] },
  { name: 'lower-case linux', parts: callConf("'linux', 10"), expect: ['actions-type'], severity: ['actions-type', 3] },
  { name: 'WINDOWS is fine', parts: callConf("'WINDOWS', 20"), expect: [] },
  {
    name: 'disk size as a string',
    parts: callConf("'Linux', '10'"),
    expect: ['actions-disk-size'],
    severity: ['actions-disk-size', 1],
  },
  { name: 'disk size 0', parts: callConf("'Linux', 0"), expect: ['actions-disk-size'] },
  { name: 'disk size float', parts: callConf("'Linux', 10.5"), expect: ['actions-disk-size'] },
  {
    name: 'Windows below 20 GB',
    parts: callConf("'Windows', 10"),
    expect: ['actions-disk-size'],
    severity: ['actions-disk-size', 2],
  },
  {
    name: 'Windows size through a variable',
    parts: (p) => ({ configure: `        size = 16\n        ${reg(p, "'Windows', size")}\n` }),
    expect: ['actions-disk-size'],
  },
  {
    name: 'bad bootType',
    parts: conf("        registerImage(serviceObj, name, 'Linux', 10, bootType='efi')\n"),
    expect: { current: ['actions-boot-type'], legacy: ['actions-register-args'] },
  },
  {
    name: 'upper-case UEFI',
    parts: conf("        registerImage(serviceObj, name, 'Linux', 10, bootType='UEFI')\n"),
    expect: { current: ['actions-boot-type'], legacy: ['actions-register-args'] },
  },
  {
    name: 'uefi is fine',
    parts: conf("        registerImage(serviceObj, name, 'Linux', 10, bootType='uefi')\n"),
    expect: { current: [], legacy: ['actions-register-args'] },
  },
  {
    name: 'imagename of another recipe',
    parts: conf(
      "        imagename = 'centos-7.qcow2'\n        registerImage(serviceObj, name, imagename, 'Linux', 10)\n",
    ),
    expect: { current: ['actions-register-legacy'], legacy: ['actions-imagename'] },
  },
  {
    name: 'imagename unchecked without service.hrd',
    parts: conf("        registerImage(serviceObj, name, 'x.qcow2', 'Linux', 10)\n"),
    ctx: { siblingServiceHrd: undefined },
    expect: { current: ['actions-register-legacy'], legacy: [] },
  },
  {
    name: 'duplicate display name',
    parts: () => ({}),
    ctx: { otherDisplayNames: OTHER },
    expect: ['actions-display-name'],
    severity: ['actions-display-name', 2],
  },
  {
    name: 'distinct display name',
    parts: () => ({}),
    ctx: { otherDisplayNames: [{ ...OTHER[0], name: 'Ubuntu 20.04 x64' }] },
    expect: [],
  },
  { name: 'Python 2 literals in the call', parts: callConf("u'Windows', 20L, username=u'Cloudscalers'"), expect: [] },
];

const seen = new Set<string>();

describe('actions.py rules (table)', () => {
  before(async () => {
    await loadPythonParser();
  });
  after(() => {
    // the table exercises every actions-* rule of the catalog
    assert.deepEqual([...seen].sort(), ACTIONS_RULES.map((r) => r.code).sort());
  });
  for (const c of CASES) {
    for (const profile of PROFILES) {
      for (const py of [2, 3] as Flavor[]) {
        it(`${c.name} [${profile}, Python ${py}]`, async () => {
          const text = recipe(py, profile, c.parts(profile));
          const ds = await analyzeActionsFile(text, ctxFor(profile, c.ctx));
          const want = Array.isArray(c.expect) ? c.expect : c.expect[profile];
          assert.deepEqual(codes(ds), [...want].sort(), `${text}\n${JSON.stringify(ds, null, 1)}`);
          for (const d of ds) {
            assert.equal(d.source, 'ays');
            assert.ok(
              ACTIONS_RULES.some((r) => r.code === d.code),
              String(d.code),
            );
            seen.add(String(d.code));
            assert.ok(String(d.message).length > 20);
          }
          if (c.severity && want.includes(c.severity[0])) {
            assert.equal(ds.find((d) => d.code === c.severity![0])?.severity, c.severity[1]);
          }
        });
      }
    }
  }
});

describe('rule settings', () => {
  before(async () => {
    await loadPythonParser();
  });
  const text = recipe(2, 'current', { configure: "        registerImage(serviceObj, name, 'windows', 20)\n" });
  it('off silences a rule', async () => {
    assert.deepEqual(await analyzeActionsFile(text, ctxFor('current', {}, { 'actions-type': 'off' })), []);
  });
  it('another value replaces the severity', async () => {
    const [d] = await analyzeActionsFile(text, ctxFor('current', {}, { 'actions-type': 'error' }));
    assert.equal(d.severity, 1);
  });
});
