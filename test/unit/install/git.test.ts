import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitAndPush, gitState, hasLocalChanges, pushedContent } from '../../../common/install/git';
import { makeRepos, Repos, sh } from './gitRepos';

/** Someone else pushes a commit: the working copy is now behind origin. */
function pushFromOther(r: Repos): void {
  writeFileSync(join(r.other, 'README'), 'x\n');
  sh(r.other, 'add', '-A');
  sh(r.other, 'commit', '-q', '-m', 'remote work');
  sh(r.other, 'push', '-q');
}

describe('git pre-flight and Commit & Push (real git, local bare origin)', () => {
  it('sees uncommitted files of the folder, then commits and pushes the folder only', async () => {
    const r = makeRepos();
    try {
      writeFileSync(join(r.folder, 'service.hrd'), "platform.supported             = 'generic'\n# v2\n");
      writeFileSync(join(r.work, 'elsewhere.txt'), 'not part of the recipe\n');
      const s = await gitState(r.folder);
      assert.ok(s && hasLocalChanges(s));
      assert.deepEqual(s.uncommitted, ['servicetemplates/image_a/service.hrd']);
      assert.equal(s.upstream, 'origin/master');
      const c = await commitAndPush(r.folder, 'Update image A');
      assert.ok(c.ok, JSON.stringify(c));
      assert.equal(sh(r.origin, 'log', '-1', '--format=%s', 'master').trim(), 'Update image A');
      assert.equal(
        sh(r.origin, 'show', '--name-only', '--format=', 'master').trim(),
        'servicetemplates/image_a/service.hrd',
      );
      assert.match(sh(r.work, 'status', '--porcelain'), /elsewhere\.txt/, 'files outside the folder are left alone');
      const after = await gitState(r.folder);
      assert.ok(after && !hasLocalChanges(after));
      assert.match((await pushedContent(join(r.folder, 'service.hrd'), 'origin/master')) ?? '', /# v2/);
    } finally {
      r.cleanup();
    }
  });

  it('refuses when the branch is behind: nothing committed, nothing pushed', async () => {
    const r = makeRepos();
    try {
      pushFromOther(r);
      writeFileSync(join(r.folder, 'actions.py'), '# changed\n');
      const originHead = sh(r.origin, 'rev-parse', 'master').trim();
      const c = await commitAndPush(r.folder, 'Update image A');
      assert.equal(c.ok, false);
      assert.equal(!c.ok && c.code, 'behind');
      assert.equal(sh(r.origin, 'rev-parse', 'master').trim(), originHead, 'nothing pushed');
      assert.match(sh(r.work, 'status', '--porcelain'), /actions\.py/, 'nothing committed');
    } finally {
      r.cleanup();
    }
  });

  it('refuses a diverged branch', async () => {
    const r = makeRepos();
    try {
      pushFromOther(r);
      writeFileSync(join(r.work, 'LOCAL'), 'y\n');
      sh(r.work, 'add', '-A');
      sh(r.work, 'commit', '-q', '-m', 'local');
      writeFileSync(join(r.folder, 'actions.py'), '# changed\n');
      const c = await commitAndPush(r.folder, 'm');
      assert.equal(!c.ok && c.code, 'diverged');
    } finally {
      r.cleanup();
    }
  });

  it('outside a repository: undefined state, not-a-repo', async () => {
    const r = makeRepos();
    try {
      assert.equal(await gitState(r.dir), undefined);
      const c = await commitAndPush(r.dir, 'm');
      assert.equal(!c.ok && c.code, 'not-a-repo');
    } finally {
      r.cleanup();
    }
  });
});
