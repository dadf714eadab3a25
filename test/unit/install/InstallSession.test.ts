import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedEnvironment } from '../../../common/environments/loadEnvironments';
import { CommandExecutor } from '../../../common/install/InstallRunner';
import { runInstallSession, SessionDecisions } from '../../../common/install/InstallSession';
import { validateRecipeTexts } from '../../../server/src/service/validateRecipeTexts';
import { makeRepos, sh } from './gitRepos';
import { nodeFileSystem } from '../../../server/src/node/nodeFileSystem';

const GOOD_HRD = `platform.supported             = 'generic'

web.export.1                   =
    checkmd5:'false',
    dest:'/opt/jumpscale7/var/tmp/templates/a.qcow2',
    source:'/images/a.qcow2',
    url:'http://mirror.example.com',

`;
const GOOD_PY = `from JumpScale import j

ActionsBase = j.atyourservice.getActionsBaseClass()


class Actions(ActionsBase):

    def configure(self, serviceObj):
        from CloudscalerLibcloud.imageutil import registerImage
        name = 'Image A'
        registerImage(serviceObj, name, 'Linux', 10)
`;
const ENV = {
  name: 'e',
  repoPath: '/opt/code/env',
  domain: 'env',
  nodes: ['n1', 'n2'],
  ovcGit: { host: 'h', port: 22, user: 'root', agentForward: false },
} as unknown as ResolvedEnvironment;

function fake() {
  const calls: string[] = [];
  const exec: CommandExecutor = async (cmd) => {
    calls.push(cmd);
    return { exitCode: 0, durationMs: 1 };
  };
  return { exec, calls };
}
function decisions(o: Partial<SessionDecisions> & { log?: string[] } = {}): SessionDecisions {
  const log = o.log ?? [];
  return {
    localChanges:
      o.localChanges ??
      (async () => {
        log.push('localChanges');
        return { action: 'stop' };
      }),
    errors:
      o.errors ??
      (async () => {
        log.push('errors');
        return false;
      }),
    confirm:
      o.confirm ??
      (async (plan) => {
        log.push(`confirm ${plan.length}`);
        return true;
      }),
  };
}

describe('install session', () => {
  it('clean recipe: one confirmation listing the plan, then one run per node', async () => {
    const r = makeRepos({ 'service.hrd': GOOD_HRD, 'actions.py': GOOD_PY });
    try {
      const f = fake();
      const log: string[] = [];
      const res = await runInstallSession(
        { folder: r.folder, kind: 'install', env: ENV, nodes: ['n1'] },
        { exec: f.exec, validate: (x) => validateRecipeTexts(x, nodeFileSystem), decisions: decisions({ log }) },
      );
      assert.equal(res.ok, true, res.message);
      assert.deepEqual(log, ['confirm 1']);
      assert.equal(f.calls.length, 1);
      assert.equal(res.findings.filter((x) => x.severity === 'error').length, 0, JSON.stringify(res.findings));
    } finally {
      r.cleanup();
    }
  });

  it('unpushed changes block by default: nothing runs', async () => {
    const r = makeRepos({ 'service.hrd': GOOD_HRD, 'actions.py': GOOD_PY });
    try {
      writeFileSync(join(r.folder, 'actions.py'), GOOD_PY.replace('Image A', 'Image B'));
      const f = fake();
      const res = await runInstallSession(
        { folder: r.folder, kind: 'install', env: ENV, nodes: ['n1'] },
        { exec: f.exec, validate: (x) => validateRecipeTexts(x, nodeFileSystem), decisions: decisions() },
      );
      assert.equal(res.ok, false);
      assert.equal(res.stopped, true);
      assert.equal(res.stage, 'preflight');
      assert.equal(f.calls.length, 0);
    } finally {
      r.cleanup();
    }
  });

  it('"install what is pushed" validates the pushed content and blocks on its errors, even when the working copy is fixed', async () => {
    const broken = GOOD_HRD.replace("    source:'/images/a.qcow2',\n", '');
    const r = makeRepos({ 'service.hrd': broken, 'actions.py': GOOD_PY });
    try {
      writeFileSync(join(r.folder, 'service.hrd'), GOOD_HRD); // fixed locally, not pushed
      const f = fake();
      let seen: string | undefined;
      const res = await runInstallSession(
        { folder: r.folder, kind: 'install', env: ENV, nodes: ['n1'] },
        {
          exec: f.exec,
          validate: (x) => validateRecipeTexts(x, nodeFileSystem),
          decisions: decisions({
            localChanges: async () => ({ action: 'pushed' }),
            errors: async (errs, source) => {
              seen = `${source}:${errs.map((e) => e.code).join(',')}`;
              return false;
            },
          }),
        },
      );
      assert.equal(res.source, 'pushed');
      assert.match(seen ?? '', /^pushed:recipe-export-field/);
      assert.equal(res.ok, false);
      assert.equal(f.calls.length, 0);
    } finally {
      r.cleanup();
    }
  });

  it('Commit & Push from the pre-flight: the commit is on origin and the working copy is clean', async () => {
    const r = makeRepos({ 'service.hrd': GOOD_HRD, 'actions.py': GOOD_PY });
    try {
      writeFileSync(join(r.folder, 'actions.py'), GOOD_PY.replace('Image A', 'Image A2'));
      const f = fake();
      const res = await runInstallSession(
        { folder: r.folder, kind: 'install', env: ENV, nodes: ['n1'] },
        {
          exec: f.exec,
          validate: (x) => validateRecipeTexts(x, nodeFileSystem),
          decisions: decisions({ localChanges: async () => ({ action: 'commit', message: 'Update image Image A2' }) }),
        },
      );
      assert.equal(res.ok, true, res.message);
      assert.ok(res.committed);
      assert.equal(sh(r.origin, 'rev-parse', 'master').trim(), res.committed);
      assert.equal(sh(r.work, 'status', '--porcelain', '--', 'servicetemplates').trim(), '');
    } finally {
      r.cleanup();
    }
  });

  it('Commit & Push chosen on a recipe with errors: blocked before anything is committed', async () => {
    const r = makeRepos({ 'service.hrd': GOOD_HRD, 'actions.py': GOOD_PY });
    try {
      writeFileSync(join(r.folder, 'service.hrd'), GOOD_HRD.replace("    source:'/images/a.qcow2',\n", ''));
      const head = sh(r.origin, 'rev-parse', 'master').trim();
      const f = fake();
      const res = await runInstallSession(
        { folder: r.folder, kind: 'install', env: ENV, nodes: ['n1'] },
        {
          exec: f.exec,
          validate: (x) => validateRecipeTexts(x, nodeFileSystem),
          decisions: decisions({ localChanges: async () => ({ action: 'commit', message: 'm' }) }),
        },
      );
      assert.equal(res.ok, false);
      assert.match(res.message, /nothing was committed/);
      assert.equal(sh(r.origin, 'rev-parse', 'master').trim(), head);
      assert.equal(f.calls.length, 0);
    } finally {
      r.cleanup();
    }
  });

  it('declined confirmation: nothing runs', async () => {
    const r = makeRepos({ 'service.hrd': GOOD_HRD, 'actions.py': GOOD_PY });
    try {
      const f = fake();
      const res = await runInstallSession(
        { folder: r.folder, kind: 'install', env: ENV, nodes: ['n1', 'n2'] },
        {
          exec: f.exec,
          validate: (x) => validateRecipeTexts(x, nodeFileSystem),
          decisions: decisions({ confirm: async () => false }),
        },
      );
      assert.equal(res.stopped, true);
      assert.equal(f.calls.length, 0);
    } finally {
      r.cleanup();
    }
  });
});
