// Validate time of one large file (issue 14): a service.hrd (realistic recipe blocks, distinct keys) through the
// language service, and a 10,000-line actions.py through the actions analysis. Run after the build (uses out/):
//   node bench/validate-size.mjs [iterations] [hrd-bytes] [--hrd-only] [--warmup=N] [--root=DIR]
// --hrd-only: the service.hrd validate only; --warmup=N: N validations first, not timed; --root=DIR: measure the
// build in DIR/out instead of this checkout's (for example a worktree of an older commit: bench/validate-compare.mjs
// runs both in alternating processes). Each validation runs in its own task, as in the language server (one LSP
// message per task), and is timed in CPU time of the process (GC threads included): best and mean are printed.
// For instruction counts (docs/benchmarks.md): `valgrind --tool=callgrind --callgrind-out-file=/dev/null node
// --predictable bench/validate-size.mjs N --hrd-only --warmup=5`, for several N, and the slope.
// The service.hrd is by default the largest file within the size and line caps of issue 10 (recipe/limits.ts:
// 256 KB, 20,000 lines); a larger one (e.g. 1000000) measures the cap's refusal, not the parser.
import { createRequire } from 'node:module';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootArg = process.argv.find((a) => a.startsWith('--root='));
const root = rootArg ? resolve(rootArg.slice(7)) : here;
const require = createRequire(import.meta.url);
const { TextDocument } = require('vscode-languageserver-textdocument');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const hrdOnly = process.argv.includes('--hrd-only');
const warmup = Number(process.argv.find((a) => a.startsWith('--warmup='))?.slice(9) ?? 0);
const iterations = Number(args[0] ?? 5);
let limits = { MAX_HRD_BYTES: 256 * 1024, MAX_HRD_LINES: 20_000 }; // (builds before issue 10 had no caps)
try {
  limits = require(join(root, 'out/server/src/service/recipe/limits.js'));
} catch {
  /* before issue 10 */
}
const { MAX_HRD_BYTES, MAX_HRD_LINES } = limits;
const hrdBytes = Number(args[1] ?? MAX_HRD_BYTES - 1024);

let hrd = "platform.supported             = 'generic'\ndescription                    = 'Ubuntu 22.04 cloud image'\n\n";
let hrdLines = hrd.split('\n').length;
for (let i = 1; ; i++) {
  const block =
    `web.export.${i}                   =\n    checkmd5:'true',\n    dest:'/opt/jumpscale7/var/tmp/templates/ubuntu-${i}.qcow2',\n` +
    `    source:'/ubuntu/22.04/ubuntu-22.04-server-cloudimg-amd64-${i}.img',\n    url:'ftp://pub:pub1234@ftp.aydo.com',\n\n` +
    `param.${i}.name = 'node $(description)'\nparam.${i}.list = a, b, c,\n`;
  const blockLines = block.split('\n').length - 1;
  const within = hrdBytes < MAX_HRD_BYTES ? hrdLines + blockLines < MAX_HRD_LINES - 10 : true;
  if (hrd.length + block.length > hrdBytes || !within) break;
  hrd += block;
  hrdLines += blockLines;
}
// CPU time of this process per call (the machine is shared: wall time mostly measures the neighbours); each call in
// its own task, as the server handles one message per task (a WeakRef's target, such as a memoised parse, is kept
// to the end of the task that made it).
const nextTask = () => new Promise((r) => setImmediate(r));
async function measure(fn) {
  const times = [];
  let wall = 0;
  for (let i = 0; i < iterations; i++) {
    await nextTask();
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    fn(i);
    wall += performance.now() - w0;
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  if (!times.length) return { best: NaN, mean: NaN, wall: NaN };
  return { best: Math.min(...times), mean: times.reduce((x, y) => x + y, 0) / times.length, wall: wall / times.length };
}

// this checkout's API, or the one before issue 11 (RecipeLanguageService.validate) for older builds
let validate, forget;
try {
  const { createLanguageService } = require(join(root, 'out/server/src/service/LanguageService.js'));
  const { nodeFileSystem } = require(join(root, 'out/server/src/node/nodeFileSystem.js'));
  const svc = createLanguageService({ fs: nodeFileSystem });
  validate = (doc) => svc.documentDiagnostics(doc);
  forget = (uri) => svc.forget(uri);
} catch {
  const { RecipeLanguageService } = require(join(root, 'out/server/src/service/RecipeLanguageService.js'));
  const svc = new RecipeLanguageService();
  validate = (doc) => svc.validate(doc);
  forget = (uri) => svc.forget(uri);
}
const uri = 'file:///ws/servicetemplates/image_big/service.hrd';
let diags = 0;
for (let i = 0; i < warmup; i++) {
  validate(TextDocument.create(uri, 'hrd', 1000 + i, hrd + `# w${i}\n`));
  forget(uri);
  await nextTask();
}
const hrdMs = await measure((i) => {
  const doc = TextDocument.create(uri, 'hrd', i + 1, hrd + `# ${i}\n`);
  diags = validate(doc).length;
  forget(uri);
});
const mb = hrd.length / 1e6;
console.log(
  `service.hrd ${mb.toFixed(2)} MB: validate CPU of ${iterations}: best ${hrdMs.best.toFixed(1)} ms (${(hrdMs.best / mb).toFixed(1)} ms per MB), mean ${hrdMs.mean.toFixed(1)} ms (${(hrdMs.mean / mb).toFixed(1)} ms per MB), mean wall time ${hrdMs.wall.toFixed(1)} ms, ${diags} diagnostics`,
);

if (hrdOnly) process.exit(0);
// actions.py: 10,003 lines of Python 2 methods
let py =
  'from JumpScale import j\n\nActionsBase = j.atyourservice.getActionsBaseClass()\n\n\nclass Actions(ActionsBase):\n\n';
for (let i = 0; py.split('\n').length < 10_000; i++) {
  py +=
    `    def step${i}(self, serviceObj):\n        print 'step', ${i}\n        try:\n            x = serviceObj.hrd.get('param.${i}.name')\n` +
    `        except Exception, e:\n            print e\n        return \`x\` + '%o' % 0777\n\n`;
}
py +=
  "    def configure(self, serviceObj):\n        from CloudscalerLibcloud.imageutil import registerImage\n        registerImage(serviceObj, 'Ubuntu', 'Linux', 10)\n";

let readAsAys;
try {
  ({ readAsAys } = require(join(root, 'out/server/src/service/hrd/readAsAys.js')));
} catch {
  /* before issue 14 */
}
if (readAsAys) {
  const ms = await measure((i) => readAsAys(hrd + `# ${i}\n`));
  console.log(
    `  of which readAsAys (what AYS reads, issue 14): best ${ms.best.toFixed(1)} ms, mean ${ms.mean.toFixed(1)} ms`,
  );
}

const { analyzeActionsFileSync, loadActionsAnalysis } = require(
  join(root, 'out/server/src/service/python/analyzeActions.js'),
);
const { DEFAULT_SETTINGS } = require(join(root, 'out/common/settings.js'));
await loadActionsAnalysis();
const ctx = { settings: DEFAULT_SETTINGS, folderName: 'image_big' };
let pyDiags = 0;
const pyMs = await measure((i) => {
  pyDiags = analyzeActionsFileSync(py + `# ${i}\n`, ctx).length;
});
console.log(
  `actions.py ${py.split('\n').length} lines (${(py.length / 1e6).toFixed(2)} MB): analysis CPU of ${iterations}: best ${pyMs.best.toFixed(1)} ms, mean ${pyMs.mean.toFixed(1)} ms, ${pyDiags} diagnostics`,
);
