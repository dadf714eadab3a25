/** `ays-recipes check --format github`: GitHub Actions workflow commands, escaped, checked line by line. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { CheckFinding } from '../../../server/src/cli/check';
import { checkCommand } from '../../../server/src/cli/check';
import { escapeData, escapeProperty, githubCommand } from '../../../server/src/cli/githubFormat';
import { writeEveryRuleWorkspace } from './everyRule';
import { runCaptured } from '../../cliIo';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-github-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
writeEveryRuleWorkspace(root);

const run = (args: string[], cwd = root) => runCaptured((a, io) => checkCommand.run(a, io), args, { cwd });

/** @actions/toolkit's reading of a command: unescape %25 last. */
const unescape = (s: string) =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

test('escaping: %, CR, LF in data; also : and , in properties', () => {
  assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
  assert.equal(escapeProperty('a:b,c%d\ne'), 'a%3Ab%2Cc%25d%0Ae');
  assert.equal(escapeData('%0A'), '%250A', 'an already escaped sequence is escaped again');
});

test('one command per finding: severity, file, positions, title=code, message', () => {
  const f: CheckFinding = {
    file: 'st/image_a,b:c/service.hrd',
    line: 3,
    column: 5,
    endLine: 4,
    endColumn: 1,
    severity: 'information',
    code: 'actions-never-called',
    message: '50% of it\nsecond line',
  };
  assert.equal(
    githubCommand(f),
    '::notice file=st/image_a%2Cb%3Ac/service.hrd,line=3,endLine=4,col=5,endColumn=1,title=actions-never-called::50%25 of it%0Asecond line',
  );
  assert.match(githubCommand({ ...f, severity: 'error' }), /^::error /);
  assert.match(githubCommand({ ...f, severity: 'warning' }), /^::warning /);
});

test('every line of the output is a workflow command matching the JSON findings, in order', async () => {
  const gh = await run(['--format', 'github']);
  const json = await run(['--format', 'json']);
  assert.equal(gh.code, 1);
  assert.match(gh.err, /\d+ error\(s\), \d+ warning\(s\)/, 'the summary goes to stderr');
  const findings = JSON.parse(json.out) as CheckFinding[];
  const lines = gh.out.split('\n');
  assert.equal(lines.pop(), '', 'ends with a newline');
  assert.equal(lines.length, findings.length);
  const LINE =
    /^::(error|warning|notice) file=([^,:\r\n]+),line=(\d+),endLine=(\d+),col=(\d+),endColumn=(\d+),title=([a-z0-9-]+)::([^\r\n]*)$/;
  for (const [i, line] of lines.entries()) {
    const m = LINE.exec(line);
    assert.ok(m, `line ${i + 1} is a workflow command: ${line}`);
    const f = findings[i];
    assert.equal(m[1], { error: 'error', warning: 'warning', information: 'notice' }[f.severity]);
    assert.equal(unescape(m[2]), f.file);
    assert.deepEqual(m.slice(3, 7).map(Number), [f.line, f.endLine, f.column, f.endColumn]);
    assert.equal(m[7], f.code);
    assert.equal(unescape(m[8]), f.message);
    assert.ok(!/%(?!25|0D|0A)/.test(m[8]), 'every % of the message is escaped');
  }
  assert.ok(
    lines.some((l) => l.startsWith('::notice ')),
    'information findings are notices',
  );
});

test('--quiet: only ::error lines', async () => {
  const r = await run(['--format', 'github', '--quiet']);
  const lines = r.out.trim().split('\n');
  assert.ok(lines.length > 0 && lines.every((l) => l.startsWith('::error ')));
});
