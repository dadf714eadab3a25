// Benchmark: the whole deploy (issue 12) against the local sandbox, from the CLI engine: `new` from a
// mirror URL, then `deploy --commit-message … --available-on a,b --format json`. Reports the time of
// each step and the flow's overhead over the remote work (the `ays install` command on ovc_git and the
// git push). Uses out/ (run `node scripts/build.mjs` first). Only connects to 127.0.0.1.
//   node bench/deploy.mjs [--runs N]
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { startSandbox } = require(join(root, 'out/test/sandbox/index.js'));
const { runCli } = require(join(root, 'out/server/src/cli/main.js'));

const i = process.argv.indexOf('--runs');
const RUNS = i > 0 ? Number(process.argv[i + 1]) : 3;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

const sb = await startSandbox({});
try {
  const config = sb.writeEnvironmentFiles().environmentsJson;
  const rows = [];
  for (let r = 0; r < RUNS; r++) {
    const url = `${sb.mirror.url}/images/bench-${r}-cloud.qcow2`;
    sb.mirror.addFile(url, undefined, true);
    let out = '';
    let err = '';
    const io = {
      out: {
        write: (s) => {
          out += s;
        },
      },
      err: {
        write: (s) => {
          err += s;
        },
      },
      cwd: sb.workingCopy,
      env: { HOME: join(sb.dir, 'home'), AYS_PORTAL_PASSWORD: 'admin-pass' },
    };
    const t0 = performance.now();
    if ((await runCli(['new', url, '--name', `Bench ${r}`, '--env', sb.env.name, '--config', config], io)) !== 0)
      throw new Error(err);
    const tNew = performance.now() - t0;
    out = '';
    const code = await runCli(
      [
        'deploy',
        `image_bench-${r}`,
        '--env',
        sb.env.name,
        '--node',
        sb.nodes[0],
        '--available-on',
        `${sb.nodes[0]},${sb.nodes[1]}`,
        '--commit-message',
        `Add image Bench ${r}`,
        '--format',
        'json',
        '--config',
        config,
        '--known-hosts',
        sb.ssh.knownHostsPath,
      ],
      io,
    );
    if (code !== 0) throw new Error(`deploy exit ${code}: ${out}${err}`);
    const j = JSON.parse(out);
    const step = Object.fromEntries(j.steps.map((s) => [s.step, s.ms]));
    const ays = j.install.results[0].durationMs;
    // Remote work: the ays command on ovc_git (install step) and the commit step (git add/commit/push over the local bare origin).
    const overhead = j.totalMs - ays - step.commit;
    rows.push({ new: tNew, ...step, ays, total: j.totalMs, overhead });
  }
  const cols = ['new', 'validate', 'commit', 'install', 'ays', 'registration', 'availability', 'total', 'overhead'];
  console.log(`| run | ${cols.join(' | ')} |\n|${'---|'.repeat(cols.length + 1)}`);
  rows.forEach((row, n) => console.log(`| ${n + 1} | ${cols.map((c) => `${Math.round(row[c])} ms`).join(' | ')} |`));
  console.log(`| median | ${cols.map((c) => `${Math.round(median(rows.map((x) => x[c])))} ms`).join(' | ')} |`);
} finally {
  await sb.stop();
}
