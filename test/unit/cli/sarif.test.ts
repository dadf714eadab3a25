/**
 * `ays-recipes check --format sarif` against the official SARIF 2.1.0 JSON schema (draft-07, vendored in
 * data/sarif-schema-2.1.0.json: see data/README.md), with ajv + ajv-formats: on the sandbox's recipes
 * (examples/env-demo) and on a workspace where every rule fires.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { checkCommand } from '../../../server/src/cli/check';
import { RULES } from '../../../server/src/service/ruleRegistry';
import { writeEveryRuleWorkspace } from './everyRule';
import { runCaptured } from '../../cliIo';

const repo = path.join(__dirname, '../../../..');
const schema = JSON.parse(fs.readFileSync(path.join(repo, 'test/unit/cli/data/sarif-schema-2.1.0.json'), 'utf8'));
// unicodeRegExp off: the official schema's language pattern `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$` has a stray `]`,
// an error under the `u` flag and a literal `]` without it (as every validator of that schema treats it).
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-sarif-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
writeEveryRuleWorkspace(root);

interface Log {
  $schema: string;
  version: string;
  runs: Array<{
    tool: {
      driver: {
        name: string;
        rules: Array<{
          id: string;
          helpUri: string;
          shortDescription: { text: string };
          defaultConfiguration: { level: string };
        }>;
      };
    };
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: Array<{ executionSuccessful: boolean }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId?: string };
          region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
        };
      }>;
    }>;
  }>;
}

async function sarif(args: string[], cwd: string): Promise<{ code: number; log: Log; err: string }> {
  const { code, out, err } = await runCaptured((a, io) => checkCommand.run(a, io), [...args, '--format', 'sarif'], {
    cwd,
    tty: true,
  });
  return { code, log: JSON.parse(out) as Log, err };
}

function assertValid(log: Log): void {
  const ok = validate(log);
  assert.ok(ok, `SARIF schema errors: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
}

/** Rules, levels, help URIs and locations, beyond what the schema says. */
function assertShape(log: Log, cwd: string): void {
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'ays-recipes');
  assert.deepEqual(
    run.tool.driver.rules.map((r) => r.id),
    RULES.map((r) => r.code),
  );
  for (const [i, r] of run.tool.driver.rules.entries()) {
    assert.equal(r.helpUri, `https://github.com/ays-image-recipes/ays-image-recipes/blob/main/docs/rules.md#${r.id}`);
    assert.equal(
      r.defaultConfiguration.level,
      { error: 'error', warning: 'warning', information: 'note', hint: 'none' }[RULES[i].severity],
    );
    assert.equal(r.shortDescription.text, RULES[i].description);
  }
  assert.equal(run.originalUriBaseIds.SRCROOT.uri, `file://${cwd}/`);
  for (const res of run.results) {
    assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(res.level), res.level);
    const loc = res.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uriBaseId, 'SRCROOT');
    assert.ok(
      !loc.artifactLocation.uri.startsWith('/') && !loc.artifactLocation.uri.includes(':'),
      loc.artifactLocation.uri,
    );
    assert.ok(fs.existsSync(path.join(cwd, decodeURIComponent(loc.artifactLocation.uri))), loc.artifactLocation.uri);
    assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
  }
}

test('every rule has its section in docs/rules.md (the helpUri anchor)', () => {
  const doc = fs.readFileSync(path.join(repo, 'docs/rules.md'), 'utf8');
  for (const r of RULES) assert.ok(doc.includes(`### \`${r.code}\`\n`), r.code);
});

test('the vendored schema is the draft-07 SARIF 2.1.0 schema and rejects a malformed log', () => {
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.match(schema.$id, /sarif-schema-2\.1\.0\.json$/);
  assert.equal(
    validate({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'information' }] }],
    }),
    false,
  );
  assert.equal(
    validate({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'note' }] }],
    }),
    true,
  );
});

test("SARIF of the sandbox's recipes (examples/env-demo) is valid", async () => {
  const cwd = path.join(repo, 'examples/env-demo');
  const { code, log, err } = await sarif([], cwd);
  assert.equal(code, 1);
  assert.equal(err, '', 'nothing on stderr (no summary, no progress)');
  assertValid(log);
  assertShape(log, cwd);
  assert.ok(log.runs[0].results.length >= 5);
  const legacy = log.runs[0].results.find((r) => r.ruleId === 'actions-register-legacy')!;
  assert.deepEqual(legacy.locations[0].physicalLocation.artifactLocation, {
    uri: 'servicetemplates/image_centos-7/actions.py',
    uriBaseId: 'SRCROOT',
  });
  assert.equal(legacy.level, 'error');
});

test('SARIF of a workspace where every rule fires is valid, under both profiles', async () => {
  const fired = new Set<string>();
  for (const profile of ['current', 'legacy']) {
    const { code, log } = await sarif(['--profile', profile], root);
    assert.equal(code, 1);
    assertValid(log);
    assertShape(log, root);
    for (const r of log.runs[0].results) fired.add(r.ruleId);
    assert.ok(
      log.runs[0].results.some((r) => r.level === 'note'),
      'information findings are notes',
    );
  }
  const missing = RULES.map((r) => r.code).filter((c) => !fired.has(c));
  assert.deepEqual(missing, [], `rules that did not fire: add a case to test/unit/cli/everyRule.ts`);
});

test('SARIF --quiet keeps the errors only; a file outside the working directory gets an absolute file URI', async () => {
  const { log } = await sarif(['--quiet', root], path.join(repo, 'examples/env-demo'));
  assertValid(log);
  const results = log.runs[0].results;
  assert.ok(results.length > 0 && results.every((r) => r.level === 'error'));
  for (const r of results) {
    const a = r.locations[0].physicalLocation.artifactLocation;
    assert.equal(a.uriBaseId, undefined);
    assert.ok(a.uri.startsWith(`file://${root}/`), a.uri);
  }
});
