// The proof that a test run stays on the loopback: the real-VS-Code suites run under
// `strace -f --seccomp-bpf -e trace=connect,sendmmsg` (every process: server, extension host, language server,
// Chromium, ssh, git), and any connect() to port 53 (a DNS lookup: glibc, c-ares and Chromium's own
// resolver all connect their UDP socket) or to an address outside 127.0.0.0/8 and ::1 is reported.
import { spawnSync } from 'node:child_process';

const hasStrace = spawnSync('strace', ['-V'], { stdio: 'ignore' }).status === 0;

/** strace's arguments before the command, or undefined when strace is not installed. */
export const straceArgs =
  hasStrace && !process.env.AYS_NO_STRACE
    ? (log) => [
        '-f',
        '-Y',
        '--seccomp-bpf',
        '-qq',
        '-e',
        'trace=connect,sendmmsg',
        '-s',
        '120',
        '-e',
        'signal=none',
        '-o',
        log,
      ]
    : undefined;

// Chromium's IPv6 reachability probe connect()s a UDP socket to Google's public DNS address on port 443
// to read the local route; it sends no packet, so it is neither a lookup nor traffic.
const IPV6_PROBE = '2001:4860:4860::8888:443';
const loopback = (addr) =>
  /^127\./.test(addr) || addr === '::1' || addr === '::ffff:127.0.0.1' || addr === '0.0.0.0' || addr === '::';

/** The names in the DNS queries of an strace line ("\\10open-vsx\\3org\\0" → open-vsx.org). */
function queriedNames(line) {
  const names = new Set();
  for (const m of line.matchAll(/iov_base="(?:[^"\\]|\\.)*?((?:\\(?:\d{1,3}|[tnvfr])[A-Za-z0-9_-]+)+)\\0/g)) {
    names.add(
      m[1]
        .split(/\\(?:\d{1,3}|[tnvfr])/)
        .filter(Boolean)
        .join('.'),
    );
  }
  return [...names];
}

/**
 * "host:port (DNS)" for each distinct outside connection in an strace log, with a count, and
 * "DNS query <name> by <process>" for each name looked up (strace -Y prints the process name).
 */
export function outsideConnections(log) {
  const seen = new Map();
  const add = (key) => seen.set(key, (seen.get(key) ?? 0) + 1);
  for (const line of log.split('\n')) {
    if (/ sendmmsg\(/.test(line)) {
      const who = /^\d+<([^>]*)>/.exec(line)?.[1];
      for (const name of queriedNames(line)) add(`DNS query ${name}${who ? ` by ${who}` : ''}`);
      continue;
    }
    const m = /sin6?_port=htons\((\d+)\).*?(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)")/.exec(line);
    if (!m) continue;
    const port = Number(m[1]);
    const addr = m[2] ?? m[3];
    if (port !== 53 && loopback(addr)) continue;
    if (`${addr}:${port}` === IPV6_PROBE) continue;
    add(`${addr}:${port}${port === 53 ? ' (DNS)' : ''}`);
  }
  return [...seen].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k));
}
