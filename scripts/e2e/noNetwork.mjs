// The proof that a test run stays on the loopback: the real-VS-Code suites run under
// `strace -f --seccomp-bpf -e trace=connect` (every process: server, extension host, language server,
// Chromium, ssh, git), and any connect() to port 53 (a DNS lookup: glibc, c-ares and Chromium's own
// resolver all connect their UDP socket) or to an address outside 127.0.0.0/8 and ::1 is reported.
import { spawnSync } from 'node:child_process';

const hasStrace = spawnSync('strace', ['-V'], { stdio: 'ignore' }).status === 0;

/** strace's arguments before the command, or undefined when strace is not installed. */
export const straceArgs = hasStrace && !process.env.AYS_NO_STRACE
  ? (log) => ['-f', '--seccomp-bpf', '-qq', '-e', 'trace=connect', '-e', 'signal=none', '-o', log]
  : undefined;

// Chromium's IPv6 reachability probe connect()s a UDP socket to Google's public DNS address on port 443
// to read the local route; it sends no packet, so it is neither a lookup nor traffic.
const IPV6_PROBE = '2001:4860:4860::8888:443';
const loopback = (addr) => /^127\./.test(addr) || addr === '::1' || addr === '::ffff:127.0.0.1' || addr === '0.0.0.0' || addr === '::';

/** "host:port (DNS)" for each distinct outside connection in an strace log, with a count. */
export function outsideConnections(log) {
  const seen = new Map();
  for (const line of log.split('\n')) {
    const m = /sin6?_port=htons\((\d+)\).*?(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)")/.exec(line);
    if (!m) continue;
    const port = Number(m[1]); const addr = m[2] ?? m[3];
    if (port !== 53 && loopback(addr)) continue;
    if (`${addr}:${port}` === IPV6_PROBE) continue;
    const key = `${addr}:${port}${port === 53 ? ' (DNS)' : ''}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k));
}
