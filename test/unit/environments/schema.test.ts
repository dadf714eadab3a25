/** One environment schema (common/environments/schema.ts): the manifest's copy, and what the runtime validator reports from it. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { validateEnvironments } from '../../../common/environments/loadEnvironments';
import { ENVIRONMENT_SCHEMA } from '../../../common/environments/schema';
import { declaredSettings } from '../manifestSettings';

const MIN = { name: 'be-g8-1', ovcGit: { host: '10.0.0.5' }, repoPath: '/opt/code/github/gig-projects/be-g8-1' };

test("package.json's aysRecipes.environments items are the schema", () => {
  const manifest = declaredSettings()['aysRecipes.environments'];
  assert.equal(manifest.type, 'array');
  assert.deepEqual(
    manifest.items,
    ENVIRONMENT_SCHEMA,
    "copy common/environments/schema.ts into package.json (the aysRecipes.environments setting's items)",
  );
});

test('every pattern compiles as VS Code and ajv use it (unicode flag)', () => {
  const patterns: string[] = [];
  JSON.stringify(ENVIRONMENT_SCHEMA, (k, v) => {
    if (k === 'pattern') patterns.push(v);
    return v;
  });
  assert.ok(patterns.length >= 6);
  for (const p of patterns) assert.doesNotThrow(() => new RegExp(p, 'u'), p);
});

function errorsOf(env: unknown): Record<string, string> {
  return Object.fromEntries(validateEnvironments([env]).errors.map((e) => [e.path!, e.message]));
}

test('one clear message per offending value, with the value', () => {
  assert.deepEqual(errorsOf({ ...MIN, ovcGit: { host: 'h', port: 0 } }), {
    '[0].ovcGit.port': 'environment [0].ovcGit.port: must be an integer 1-65535, got 0',
  });
  assert.deepEqual(Object.keys(errorsOf({ ...MIN, nodes: 42 })), ['[0].nodes']);
  assert.match(errorsOf({ ...MIN, nodes: 42 })['[0].nodes'], /array of node names or "discovered", got 42/);
  assert.deepEqual(Object.keys(errorsOf({ ...MIN, nodes: ['ok', '..'] })), ['[0].nodes[1]']);
  assert.match(errorsOf({ ...MIN, ovcGit: undefined })['[0].ovcGit'], /is required/);
  assert.match(errorsOf({ ...MIN, portal: { url: 'https://p' } })['[0].portal.auth'], /is required/);
  assert.match(errorsOf({ ...MIN, prot: 1 })['[0].prot'], /unknown property \(known: name, ovcGit/);
  assert.match(
    errorsOf({ ...MIN, repoPath: '/opt/../etc' })['[0].repoPath'],
    /without '\.' or '\.\.' segments, got "\/opt\/\.\.\/etc"/,
  );
  assert.match(errorsOf({ ...MIN, repoPath: '//' })['[0].repoPath'], /other than \//);
});

test('a derived domain is checked too; valid values pass', () => {
  assert.match(errorsOf({ ...MIN, repoPath: '/opt/-x' })['[0].domain'], /invalid domain name "-x"/);
  const r = validateEnvironments([
    {
      ...MIN,
      nodes: 'discovered',
      ovcGit: { host: 'fe80::1%eth0', port: 2202, user: 'git_1' },
      portal: { url: 'http://127.0.0.1:8080', auth: 'jwt', clientId: 'c', gid: 1 },
    },
  ]);
  assert.deepEqual(r.errors, []);
  assert.equal(r.environments[0].domain, 'be-g8-1');
});
