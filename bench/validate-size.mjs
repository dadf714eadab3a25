// Validate time of one large file (issue 14): a service.hrd (realistic recipe blocks, distinct keys) through the
// language service, and a 10,000-line actions.py through the actions analysis. Run after the build (uses out/):
//   node bench/validate-size.mjs [iterations] [hrd-bytes] [--hrd-only] [--warmup=N]
// --hrd-only: the service.hrd validate only; --warmup=N: N validations first, not timed. For instruction counts
// (docs/benchmarks.md): `valgrind --tool=callgrind --callgrind-out-file=/dev/null node bench/validate-size.mjs 20
// --hrd-only --warmup=5`, minus the same with 0 iterations, divided by 20.
// The service.hrd is by default the largest file within the size and line caps of issue 10 (recipe/limits.ts:
// 256 KB, 20,000 lines); a larger one (e.g. 1000000) measures the cap's refusal, not the parser.
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { createLanguageService } = require(join(root, 'out/server/src/service/LanguageService.js'));
const { nodeFileSystem } = require(join(root, 'out/server/src/node/nodeFileSystem.js'));
const { TextDocument } = require('vscode-languageserver-textdocument');
const { analyzeActionsFileSync, loadActionsAnalysis } = require(
  join(root, 'out/server/src/service/python/analyzeActions.js'),
);
const { DEFAULT_SETTINGS } = require(join(root, 'out/common/settings.js'));
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const hrdOnly = process.argv.includes('--hrd-only');
const warmup = Number(process.argv.find((a) => a.startsWith('--warmup='))?.slice(9) ?? 0);
const iterations = Number(args[0] ?? 5);
const { MAX_HRD_BYTES, MAX_HRD_LINES } = require(join(root, 'out/server/src/service/recipe/limits.js'));
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
// Best of N, in CPU time of this process (the machine is shared: wall time mostly measures the neighbours).
function best(fn) {
  const times = [Infinity];
  for (let i = 0; i < iterations; i++) {
    const c0 = process.cpuUsage();
    fn(i);
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[0];
}

const svc = createLanguageService({ fs: nodeFileSystem });
const uri = 'file:///ws/servicetemplates/image_big/service.hrd';
let diags = 0;
for (let i = 0; i < warmup; i++) {
  svc.documentDiagnostics(TextDocument.create(uri, 'hrd', 1000 + i, hrd + `# w${i}\n`));
  svc.forget(uri);
}
const hrdMs = best((i) => {
  const doc = TextDocument.create(uri, 'hrd', i + 1, hrd + `# ${i}\n`);
  diags = svc.documentDiagnostics(doc).length;
  svc.forget(uri);
});
console.log(
  `service.hrd ${(hrd.length / 1e6).toFixed(2)} MB: validate CPU best of ${iterations} ${hrdMs.toFixed(1)} ms (${(hrdMs / (hrd.length / 1e6)).toFixed(1)} ms per MB), ${diags} diagnostics`,
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
  const ms = best((i) => readAsAys(hrd + `# ${i}\n`));
  console.log(`  of which readAsAys (what AYS reads, issue 14): ${ms.toFixed(1)} ms`);
}

await loadActionsAnalysis();
const ctx = { settings: DEFAULT_SETTINGS, folderName: 'image_big' };
let pyDiags = 0;
const pyMs = best((i) => {
  pyDiags = analyzeActionsFileSync(py + `# ${i}\n`, ctx).length;
});
console.log(
  `actions.py ${py.split('\n').length} lines (${(py.length / 1e6).toFixed(2)} MB): analysis CPU best of ${iterations} ${pyMs.toFixed(1)} ms, ${pyDiags} diagnostics`,
);
