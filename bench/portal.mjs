// Portal benchmarks (issue 7). Needs the transpiled out/ tree: `node scripts/build.mjs && node bench/portal.mjs`.
// (1) Tree data for 100 nodes × 300 images: HTTP fetch (reported apart), then joinNodes + both groupings of plain
//     the join (the VS Code side, join + tree items in a real extension host, is bench/tree.mjs).
// (2) 200 sequential GETs against a loopback portal: one keep-alive pool vs a new connection per request,
//     over HTTP and HTTPS (self-signed, with caFile).
// Prints a markdown table. Only 127.0.0.1 is contacted.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
const require = createRequire(import.meta.url);
const out = new URL('../out/', import.meta.url).pathname;
const { PortalClient } = require(out + 'common/portal/PortalClient.js');
const { PortalHttp } = require(out + 'common/portal/PortalHttp.js');
const { joinNodes } = require(out + 'common/portal/joinNodes.js');
const { startPortalFixture } = require(out + 'test/unit/portal/portalFixture.js');

const NODES = 100,
  IMAGES = 300,
  RUNS = 30,
  GETS = 200;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))];
};
const fmt = (ms) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

function bigState() {
  const images = Array.from({ length: IMAGES }, (_, k) => ({
    id: k + 1,
    gid: 1,
    name: `Image ${String(k).padStart(3, '0')} x64`,
    type: k % 5 ? 'Linux' : 'Windows',
    size: k % 5 ? 10 : 25,
    status: k % 17 ? 'CREATED' : 'DISABLED',
    referenceId: `ref-${k}`,
    bootType: 'bios',
    accountId: 0,
  }));
  const stacks = Array.from({ length: NODES }, (_, i) => ({
    id: i + 1,
    gid: 1,
    name: `be-scale-${String(i).padStart(3, '0')}`,
    referenceId: String(i + 1),
    status: i % 10 ? 'ENABLED' : 'MAINTENANCE',
    images: images.filter((im) => (im.id + i) % 4 !== 0).map((im) => im.id),
    type: 'LIBVIRT',
  }));
  return { stacks, images };
}

async function treeBench() {
  const fx = await startPortalFixture(bigState());
  const client = (
    await PortalClient.create(
      { url: fx.url, auth: 'authkey', username: 'admin', gid: 1 },
      { getSecret: async () => 'admin-pw' },
    )
  ).value;
  const nodeNames = fx.stacks.map((s) => s.name);
  const recipes = Array.from({ length: 120 }, (_, k) => ({
    folder: `image_${k}`,
    displayName: `Image ${String(k * 2).padStart(3, '0')} x64`,
  }));
  const http = [],
    join = [];
  let items = 0;
  for (let r = 0; r < RUNS + 3; r++) {
    const t0 = performance.now();
    const st = await client.fetchState();
    if (!st.ok) throw new Error(st.error.message);
    const t1 = performance.now();
    const j = joinNodes(st.value.stacks, st.value.images, nodeNames, { recipes });
    const t2 = performance.now();
    if (r >= 3) {
      http.push(t1 - t0);
      join.push(t2 - t1);
    }
    items = j.nodes.length + j.images.length;
  }
  await client.close();
  await fx.close();
  return { http, join, items };
}

async function poolBench(tls) {
  const fx = await startPortalFixture({ tls, stacks: [], images: [] });
  const ca = tls ? (await import('node:fs')).readFileSync(fx.caFile, 'utf8') : undefined;
  const res = {};
  for (const keepAlive of [true, false]) {
    const h = new PortalHttp({ keepAlive, ca, retries: 0 });
    const c0 = fx.connectionCount();
    const t0 = performance.now();
    for (let i = 0; i < GETS; i++) {
      const r = await h.request({ method: 'GET', url: `${fx.url}/restextmachine/cloudbroker/image` });
      if (!r.ok) throw new Error(r.error.message);
    }
    res[keepAlive ? 'pool' : 'fresh'] = { ms: performance.now() - t0, conns: fx.connectionCount() - c0 };
    await h.close();
  }
  await fx.close();
  return res;
}

const t = await treeBench();
const plain = await poolBench(false);
const secure = await poolBench(true);
const lines = [
  `### Portal: tree data, ${NODES} nodes × ${IMAGES} images (${RUNS} runs, node ${process.version})`,
  '',
  '| step | median | p95 |',
  '|---|---|---|',
  `| HTTP: login (once) + stacks + images from the loopback portal (not in the budget) | ${fmt(median(t.http))} | ${fmt(p95(t.http))} |`,
  `| joinNodes (with 120 recipes matched by name) | ${fmt(median(t.join))} | ${fmt(p95(t.join))} |`,
  '',
  `### Portal: ${GETS} sequential GETs against 127.0.0.1`,
  '',
  '| transport | keep-alive pool | new connection per request | speed-up |',
  '|---|---|---|---|',
  `| HTTP | ${fmt(plain.pool.ms)} (${plain.pool.conns} conn.) | ${fmt(plain.fresh.ms)} (${plain.fresh.conns} conn.) | ×${(plain.fresh.ms / plain.pool.ms).toFixed(1)} |`,
  `| HTTPS | ${fmt(secure.pool.ms)} (${secure.pool.conns} conn.) | ${fmt(secure.fresh.ms)} (${secure.fresh.conns} conn.) | ×${(secure.fresh.ms / secure.pool.ms).toFixed(1)} |`,
];
console.log(lines.join('\n'));
