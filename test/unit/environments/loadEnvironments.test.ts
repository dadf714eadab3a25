import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseJsonc } from '../../../common/environments/jsonc';
import {
  findEnvironment,
  loadEnvironmentsFile,
  loadWorkspaceEnvironments,
  sshTargetInput,
  validateEnvironments,
} from '../../../common/environments/loadEnvironments';

const MIN = {
  name: 'be-g8-1',
  ovcGit: { host: '10.0.0.5' },
  repoPath: '/opt/code/github/gig-projects/be-g8-1',
  nodes: ['cpu-01'],
};

describe('validateEnvironments', () => {
  it('applies defaults', () => {
    const r = validateEnvironments([MIN]);
    assert.deepEqual(r.errors, []);
    const e = r.environments[0];
    assert.equal(e.ovcGit.port, 22);
    assert.equal(e.ovcGit.user, 'root');
    assert.equal(e.ovcGit.agentForward, true);
    assert.equal(e.domain, 'be-g8-1');
    assert.deepEqual(sshTargetInput(e), {
      host: '10.0.0.5',
      port: undefined,
      user: undefined,
      identityFile: undefined,
    });
  });
  it('keeps explicit values; relative identityFile resolves against the base folder', () => {
    const r = validateEnvironments(
      [
        {
          ...MIN,
          ovcGit: { host: 'ovc', port: 2202, user: 'git', agentForward: false, identityFile: 'keys/git_root' },
          domain: 'openvcloud',
          nodes: 'discovered',
        },
      ],
      { baseDir: '/ws' },
    );
    const e = r.environments[0];
    assert.equal(e.ovcGit.port, 2202);
    assert.equal(e.ovcGit.agentForward, false);
    assert.equal(e.ovcGit.identityFile, '/ws/keys/git_root');
    assert.equal(e.domain, 'openvcloud');
    assert.equal(e.nodes, 'discovered');
    assert.deepEqual(sshTargetInput(e), { host: 'ovc', port: 2202, user: 'git', identityFile: '/ws/keys/git_root' });
  });
  it('reports bad entries with a path, and keeps the good ones', () => {
    const r = validateEnvironments([
      MIN,
      { name: 'bad name', ovcGit: { host: 'h', port: 99999 }, repoPath: 'relative', nodes: ['ok', 'x;y'] },
      { ...MIN },
      42,
    ]);
    assert.equal(r.environments.length, 1);
    const paths = r.errors.map((e) => e.path);
    for (const p of ['[1].name', '[1].ovcGit.port', '[1].repoPath', '[1].nodes[1]', '[2].name', '[3]'])
      assert.ok(paths.includes(p), p);
    assert.equal(r.errors.find((e) => e.path === '[2].name')!.code, 'env-duplicate');
  });
  it('rejects metacharacters everywhere they reach the shell', () => {
    for (const bad of [
      { repoPath: '/opt/$(id)' },
      { domain: 'd`x`' },
      { nodes: ['a b'] },
      { ovcGit: { host: 'h;x' } },
      { ovcGit: { host: '-oProxyCommand=x' } },
    ]) {
      const r = validateEnvironments([{ ...MIN, ...bad }]);
      assert.equal(r.environments.length, 0, JSON.stringify(bad));
    }
  });
  it('not an array', () => {
    assert.equal(validateEnvironments({}).errors[0].code, 'env-invalid');
  });
});

describe('loading', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ays-envs-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  it('--config FILE: an array, {environments}, or a settings-style object', () => {
    for (const content of [[MIN], { environments: [MIN] }, { 'aysRecipes.environments': [MIN] }]) {
      const f = join(dir, 'envs.json');
      writeFileSync(f, JSON.stringify(content));
      const r = loadEnvironmentsFile(f);
      assert.deepEqual(r.errors, []);
      assert.equal(r.environments[0].name, 'be-g8-1');
    }
  });
  it('missing and malformed files are error values', () => {
    assert.equal(loadEnvironmentsFile(join(dir, 'nope.json')).errors[0].code, 'env-file');
    const f = join(dir, 'bad.json');
    writeFileSync(f, '[{');
    const e = loadEnvironmentsFile(f).errors[0];
    assert.equal(e.code, 'env-file');
    assert.match(e.message, /bad\.json is not valid JSON: \w+ at line 1, column 3/);
  });
  it('.vscode/settings.json with comments and trailing commas', () => {
    const ws = join(dir, 'ws');
    mkdirSync(join(ws, '.vscode'), { recursive: true });
    writeFileSync(
      join(ws, '.vscode', 'settings.json'),
      `{
  // the environments
  "editor.tabSize": 2, /* block "comment" with // inside */
  "aysRecipes.environments": [
    { "name": "be-g8-1", "ovcGit": { "host": "10.0.0.5", "port": 2202, }, "repoPath": "/opt/code/github/gig-projects/be-g8-1", "nodes": ["cpu-01"], },
  ],
  "x": "a // not a comment",
}`,
    );
    const r = loadWorkspaceEnvironments(ws);
    assert.deepEqual(r.errors, []);
    assert.equal(r.environments[0].ovcGit.port, 2202);
    const found = findEnvironment(r, 'be-g8-1');
    assert.ok(!('code' in found));
    const missing = findEnvironment(r, 'other');
    assert.ok('code' in missing && missing.code === 'env-not-found' && /known: be-g8-1/.test(missing.message));
    assert.equal(loadWorkspaceEnvironments(join(dir, 'none')).errors[0].code, 'env-missing');
  });
  it('parseJsonc keeps strings intact', () => {
    const r = parseJsonc('{"a": "// x /* y */", "b": [1,2,],}');
    assert.deepEqual(r, { ok: true, value: { a: '// x /* y */', b: [1, 2] } });
    assert.deepEqual(parseJsonc('\uFEFF{"a": 1}'), { ok: true, value: { a: 1 } });
    assert.deepEqual(parseJsonc('{\n  "a": 1\n  "b": 2\n}'), {
      ok: false,
      message: 'CommaExpected at line 3, column 3',
    });
  });
});
