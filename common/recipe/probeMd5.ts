/**
 * Does `<url>/<source>.md5sum` exist? (domain.md §2.4: AYS checks md5 against that file.) http/https: a
 * HEAD request; ftp: the server's SIZE (or MDTM) of the file over the control connection (ftpProbe.ts).
 * Both with a short timeout, cancellable. Unreachable or offline answers false with a note. A file:// URL
 * names a path on the node, not on this machine: it cannot be probed here (false, with a note saying so).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { probeFtp } from './ftpProbe';

export interface Md5Probe {
  exists: boolean;
  note?: string;
}

export function probeMd5(fullUrl: string, o: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Md5Probe> {
  const target = `${fullUrl}.md5sum`;
  let u: URL;
  try {
    u = new URL(target);
  } catch {
    return Promise.resolve({ exists: false, note: `checkmd5 false: ${target} is not a URL that can be probed` });
  }
  const shown = target.replace(/\/\/[^@/]*@/, '//');
  if (u.protocol === 'file:') {
    let where = u.pathname;
    try {
      where = decodeURIComponent(where);
    } catch {
      /* shown as written */
    }
    return Promise.resolve({
      exists: false,
      note: `checkmd5 false: a file:// URL names a path on the node, not on this machine, so ${where} cannot be checked from here (set checkmd5 to 'true' by hand if it exists on the nodes)`,
    });
  }
  if (u.protocol === 'ftp:') return probeFtp(u, shown, { timeoutMs: o.timeoutMs ?? 3000, signal: o.signal });
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    return Promise.resolve({
      exists: false,
      note: `checkmd5 false: ${u.protocol.replace(':', '')} URLs are not probed (set checkmd5 to 'true' by hand if ${shown} exists)`,
    });
  }
  return new Promise((resolve) => {
    let settled = false;
    const done = (p: Md5Probe) => {
      if (!settled) {
        settled = true;
        resolve(p);
      }
    };
    const req = (u.protocol === 'https:' ? https : http).request(
      u,
      { method: 'HEAD', timeout: o.timeoutMs ?? 3000, signal: o.signal },
      (res) => {
        res.resume();
        const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
        done(ok ? { exists: true } : { exists: false, note: `checkmd5 false: ${shown} answered ${res.statusCode}` });
      },
    );
    req.on('timeout', () => {
      req.destroy();
      done({
        exists: false,
        note: `checkmd5 false: ${shown} did not answer within ${((o.timeoutMs ?? 3000) / 1000).toFixed(0)} s (offline or unreachable)`,
      });
    });
    req.on('error', (e) =>
      done({
        exists: false,
        note: o.signal?.aborted
          ? 'checkmd5 false: the probe was cancelled'
          : `checkmd5 false: ${shown} is unreachable (${(e as NodeJS.ErrnoException).code ?? e.message})`,
      }),
    );
    req.end();
  });
}
