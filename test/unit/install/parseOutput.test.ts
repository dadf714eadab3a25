import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseInstallOutput, stripFabricPrefix } from '../../../common/install/parseOutput';

const N = '[10.101.106.254:22]';

const SUCCESS = `Already up to date.
${N} sudo: ays hrdpath
${N} out: /opt/jumpscale7/hrd/apps
${N} sudo: test -f /opt/jumpscale7/hrd/apps/env-demo__image_ubuntu-2204__main/installed.version ; echo $?
${N} out: 1
${N} sudo: source /opt/jumpscale7/env.sh; ays install -n image_ubuntu-2204 -i main --noremote --data ''
${N} out: download https://cloud-images.ubuntu.com/jammy/current/jammy-server-cloudimg-amd64.img to /opt/jumpscale7/var/tmp/templates/ubuntu-22.04.qcow2
`;

const KEYERROR_SOURCE = `${N} sudo: source /opt/jumpscale7/env.sh; ays install -n image_x -i main --noremote --data ''
${N} out: Traceback (most recent call last):
${N} out:   File "/opt/jumpscale7/lib/JumpScale/baselib/atyourservice/Service.py", line 734, in _install
${N} out:     src = export["source"]
${N} out: KeyError: 'source'
${N} out:
${N} out: ***ERROR***
${N} out:
${N} out: type/level: UNKNOWN/1
${N} out: KeyError: 'source'

Fatal error: sudo() received nonzero return code 1 while executing!

Requested: source /opt/jumpscale7/env.sh; ays install -n image_x -i main --noremote --data ''
Executed: sudo -S -p 'sudo password:'  /bin/bash -l -c "source /opt/jumpscale7/env.sh; ays install -n image_x -i main --noremote --data ''"

Aborting.
`;

const ACTIONS_TRACEBACK = `${N} out: Traceback (most recent call last):
${N} out:   File "/opt/jumpscale7/lib/JumpScale/baselib/atyourservice/ActionsBase.py", line 120, in configure
${N} out:     return self.actions.configure(serviceObj)
${N} out:   File "/opt/code/github/gig-projects/env-demo/servicetemplates/image_x/actions.py", line 9, in configure
${N} out:     registerImage(serviceObj, name, 'Linux', 10)
${N} out:   File "/opt/jumpscale7/lib/CloudscalerLibcloud/imageutil.py", line 30, in registerImage
${N} out:     raise RuntimeError('No image export defined in service')
${N} out: RuntimeError: No image export defined in service

Fatal error: sudo() received nonzero return code 1 while executing!

Aborting.
`;

const FTP_550 = `${N} out: Traceback (most recent call last):
${N} out:   File "/usr/lib/python2.7/urllib.py", line 87, in urlretrieve
${N} out: IOError: [Errno ftp error] 550 Failed to open file.
`;

const TEMPLATE_NOT_FOUND = `Traceback (most recent call last):
  File "/usr/local/bin/ays", line 309, in <module>
    raise RuntimeError("no templates found for env-demo__image_nope. Be more precise please")
RuntimeError: no templates found for env-demo__image_nope. Be more precise please

***ERROR***

type/level: UNKNOWN/1
RuntimeError: no templates found for env-demo__image_nope. Be more precise please
`;

const OPSERROR = `
#########   Operational Critical Error    #################
Could not find edge connection
category:ays.install
###########################################################
`;

const INPUT_ERROR = `***INPUT ERROR***
category:ays.install
cannot find service __node.ssh__demo-cpu-09
`;

describe('parseInstallOutput', () => {
  it('success: exit 0, no failures', () => {
    assert.deepEqual(parseInstallOutput(SUCCESS, 0), { ok: true, exitCode: 0, failures: [] });
  });

  it("KeyError: 'source' points at service.hrd source, then the generic shapes", () => {
    const r = parseInstallOutput(KEYERROR_SOURCE, 1);
    assert.equal(r.ok, false);
    assert.equal(r.failures[0].kind, 'missing-export-key');
    assert.equal(r.failures[0].file, 'service.hrd');
    assert.equal(r.failures[0].key, 'source');
    const kinds = r.failures.map((f) => f.kind);
    assert.ok(kinds.includes('fabric-fatal'));
    assert.ok(kinds.includes('traceback'));
    assert.ok(kinds.includes('error-condition'));
    assert.equal(r.failures.find((f) => f.kind === 'fabric-fatal')!.returnCode, 1);
    assert.equal(r.failures.filter((f) => f.kind === 'missing-export-key').length, 1, 'deduplicated');
  });

  it('a traceback through actions.py gives the line; No image export → service.hrd', () => {
    const r = parseInstallOutput(ACTIONS_TRACEBACK, 1);
    const tb = r.failures.find((f) => f.kind === 'traceback')!;
    assert.equal(tb.file, 'actions.py');
    assert.equal(tb.line, 9);
    assert.match(tb.message, /RuntimeError: No image export defined in service/);
    const nx = r.failures.find((f) => f.kind === 'no-image-export')!;
    assert.equal(nx.file, 'service.hrd');
    assert.equal(nx.key, 'web.export');
  });

  it('FTP 550', () => {
    const r = parseInstallOutput(FTP_550, 1);
    const f = r.failures.find((x) => x.kind === 'ftp-not-found')!;
    assert.equal(f.key, 'source');
    assert.match(f.message, /550/);
  });

  it('template lookup errors', () => {
    const r = parseInstallOutput(TEMPLATE_NOT_FOUND, 1);
    assert.equal(r.failures[0].kind, 'template-not-found');
    assert.match(r.failures[0].message, /env-demo__image_nope/);
    const m = parseInstallOutput(
      'env-demo image_x /a\nopenvcloud image_x /b\nRuntimeError: multiple templates found for image_x. Be more precise please\n',
      1,
    );
    assert.equal(m.failures[0].kind, 'template-ambiguous');
  });

  it('Operational Critical Error block and INPUT ERROR block', () => {
    const o = parseInstallOutput(OPSERROR, 1);
    assert.ok(
      o.failures.some((f) => f.kind === 'operational-error' && /Could not find edge connection/.test(f.message)),
    );
    assert.ok(o.failures.some((f) => f.kind === 'edge-connection'));
    const i = parseInstallOutput(INPUT_ERROR, 1);
    assert.ok(i.failures.some((f) => f.kind === 'input-error' && /cannot find service/.test(f.message)));
    assert.ok(i.failures.some((f) => f.kind === 'node-not-found' && /demo-cpu-09/.test(f.message)));
  });

  it('git pull and missing commands', () => {
    assert.equal(
      parseInstallOutput('hint: ...\nfatal: Not possible to fast-forward, aborting.\n', 128).failures[0].kind,
      'git-pull-failed',
    );
    assert.equal(
      parseInstallOutput(
        'git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.\n',
        1,
      ).failures[0].kind,
      'git-pull-failed',
    );
    assert.equal(parseInstallOutput('sh: 1: ays: not found\n', 127).failures[0].kind, 'command-not-found');
  });

  it('unrecognised non-zero exit and a missing exit status', () => {
    assert.deepEqual(
      parseInstallOutput('something odd\n', 3).failures.map((f) => f.kind),
      ['exit-code'],
    );
    assert.equal(parseInstallOutput('', null).ok, false);
  });

  it('does not read "550 MB" as an FTP error', () => {
    assert.deepEqual(parseInstallOutput(`${N} out: downloaded 550 MB\n`, 0).failures, []);
  });

  it('strips the Fabric prefix', () => {
    assert.equal(stripFabricPrefix('[10.0.0.1:22] out: hello'), 'hello');
    assert.equal(stripFabricPrefix('[10.0.0.1:22] sudo: ls'), '[10.0.0.1:22] sudo: ls');
  });
});
