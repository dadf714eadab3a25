/**
 * The no-outside-network proof of the real-VS-Code suites (scripts/e2e/noNetwork.mjs): strace sees a
 * DNS lookup of any name and a connection outside the loopback, and passes loopback traffic.
 */
import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(__dirname, '..', '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ays-nonet-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const mod = () => import(pathToFileURL(join(root, 'scripts/e2e/noNetwork.mjs')).href);
const noStrace = spawnSync('strace', ['-V'], { stdio: 'ignore' }).status !== 0 && 'strace is not installed';

async function traced(name: string, script: string): Promise<string[]> {
  const { straceArgs, outsideConnections } = await mod();
  const log = join(dir, `${name}.strace`);
  spawnSync('strace', [...straceArgs(log), process.execPath, '-e', script], { encoding: 'utf8', timeout: 30000 });
  return outsideConnections(readFileSync(log, 'utf8'));
}

describe('no outside network', { skip: noStrace }, () => {
  it('a DNS lookup of an outside name is reported with the name, from a child process too', async () => {
    const found = await traced(
      'dns',
      `require('child_process').spawnSync(process.execPath, ['-e', "require('dns').lookup('open-vsx.org', () => {})"])`,
    );
    assert.ok(
      found.some((f) => f.includes('(DNS)')),
      found.join(', '),
    );
    assert.ok(found.includes('DNS query open-vsx.org by node'), found.join(', '));
  });

  it('loopback connections and localhost are fine', async () => {
    const found = await traced(
      'loopback',
      `const net = require('net'); const s = net.createServer((c) => c.end()).listen(0, '127.0.0.1', () => {
      require('dns').lookup('localhost', () => net.connect(s.address().port, '127.0.0.1').on('close', () => s.close()).resume()); });`,
    );
    assert.deepEqual(found, []);
  });

  it('reads strace lines of IPv4, IPv6 and DNS connects', async () => {
    const { outsideConnections } = await mod();
    const log = [
      '1 connect(3, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = 0',
      '1 connect(3, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = 0',
      '2 connect(4, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
      '3 connect(5, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2606:4700::1", &sin6_addr), sin6_scope_id=0}, 28) = -1',
      '4 connect(6, {sa_family=AF_UNIX, sun_path="/run/x.sock"}, 110) = 0',
      '5<node> sendmmsg(18, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="n\\223\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\10open-vsx\\3org\\0\\0\\1\\0\\1", iov_len=30}]}}], 2, MSG_NOSIGNAL) = 2',
    ].join('\n');
    assert.deepEqual(outsideConnections(log), [
      '10.255.255.53:53 (DNS) ×2',
      '2606:4700::1:443',
      'DNS query open-vsx.org by node',
    ]);
  });
});
