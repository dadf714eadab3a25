/**
 * A minimal FTP probe (RFC 959 control connection only, no data connection): log in with the URL's
 * credentials (anonymous when none), then `SIZE <path>` (RFC 3659), falling back to `MDTM <path>` when
 * the server does not implement SIZE. 213 means the file exists; 550 means it does not. Bounded by one
 * deadline and cancellable; the socket is always closed. Credentials are never put in a note.
 */
import * as net from 'node:net';

export interface FtpProbeResult {
  exists: boolean;
  note?: string;
}

/** A reply: the code and the text of its last line (multi-line replies are `ddd-…` up to `ddd …`). */
interface Reply {
  code: number;
  text: string;
}

export function probeFtp(
  u: URL,
  shown: string,
  o: { timeoutMs: number; signal?: AbortSignal },
): Promise<FtpProbeResult> {
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return undefined;
    }
  };
  const user = u.username ? decode(u.username) : 'anonymous';
  const pass = u.username ? (decode(u.password) ?? '') : 'anonymous@';
  // RFC 1738: the path is relative to the login directory (as urllib, which AYS uses, reads it).
  const file = decode(u.pathname.replace(/^\//, ''));
  if (user === undefined || file === undefined || !file || /[\r\n\0]/.test(user + pass + file)) {
    return Promise.resolve({
      exists: false,
      note: `checkmd5 false: ${shown} cannot be probed (the URL's path or credentials cannot be sent to an FTP server)`,
    });
  }
  if (o.signal?.aborted) return Promise.resolve({ exists: false, note: 'checkmd5 false: the probe was cancelled' });
  return new Promise((resolve) => {
    const sock = net.connect({ host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 21) });
    let settled = false;
    const finish = (r: FtpProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      if (!sock.destroyed) {
        sock.end('QUIT\r\n');
        sock.destroy();
      }
      resolve(r);
    };
    const onAbort = () => finish({ exists: false, note: 'checkmd5 false: the probe was cancelled' });
    o.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(
      () =>
        finish({
          exists: false,
          note: `checkmd5 false: ${shown} did not answer within ${Math.max(1, Math.round(o.timeoutMs / 1000))} s (offline or unreachable)`,
        }),
      o.timeoutMs,
    );
    sock.on('error', (e: NodeJS.ErrnoException) =>
      finish({ exists: false, note: `checkmd5 false: ${shown} is unreachable (${e.code ?? e.message})` }),
    );
    sock.on('close', () =>
      finish({ exists: false, note: `checkmd5 false: ${shown}: the FTP server closed the connection` }),
    );

    // Reads the replies; each one is handed to the current step of the dialogue.
    let buffered = '';
    let multi: number | undefined;
    sock.setEncoding('latin1');
    sock.on('data', (chunk: string) => {
      buffered += chunk;
      if (buffered.length > 64 * 1024) {
        finish({ exists: false, note: `checkmd5 false: ${shown}: the FTP server's reply is too long` });
        return;
      }
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).replace(/\r$/, '');
        buffered = buffered.slice(nl + 1);
        const m = /^(\d{3})([ -])(.*)$/.exec(line);
        if (multi !== undefined) {
          if (m && Number(m[1]) === multi && m[2] === ' ') {
            multi = undefined;
            step({ code: Number(m[1]), text: m[3] });
          }
          continue;
        }
        if (!m) {
          finish({
            exists: false,
            note: `checkmd5 false: ${shown}: the server does not speak FTP (it answered "${line.slice(0, 40)}")`,
          });
          return;
        }
        if (m[2] === '-') {
          multi = Number(m[1]);
          continue;
        }
        step({ code: Number(m[1]), text: m[3] });
      }
    });

    const send = (line: string) => {
      sock.write(`${line}\r\n`);
    };
    const unexpected = (what: string, r: Reply) =>
      finish({
        exists: false,
        note: `checkmd5 false: ${shown}: ${what} answered ${r.code} ${r.text.trim()}`.trimEnd(),
      });
    let state: 'greeting' | 'user' | 'pass' | 'type' | 'size' | 'mdtm' = 'greeting';
    const found = (r: Reply, cmd: string) => {
      if (r.code === 213) finish({ exists: true });
      else if (r.code === 550)
        finish({ exists: false, note: `checkmd5 false: ${shown} does not exist (FTP ${cmd}: 550)` });
      else return false;
      return true;
    };
    function step(r: Reply): void {
      if (settled) return;
      if (r.code >= 100 && r.code < 200) return; // preliminary
      switch (state) {
        case 'greeting':
          if (r.code !== 220) return unexpected('the greeting', r);
          state = 'user';
          send(`USER ${user}`);
          return;
        case 'user':
          if (r.code === 230) {
            state = 'type';
            send('TYPE I');
            return;
          }
          if (r.code !== 331) return unexpected('the login (USER)', r);
          state = 'pass';
          send(`PASS ${pass}`);
          return;
        case 'pass':
          if (r.code !== 230 && r.code !== 202) return unexpected('the login (PASS)', r);
          state = 'type';
          send('TYPE I');
          return;
        case 'type':
          state = 'size';
          send(`SIZE ${file}`);
          return; // SIZE is defined in binary mode; a refused TYPE I is not fatal
        case 'size':
          if (found(r, 'SIZE')) return;
          if (r.code === 500 || r.code === 502 || r.code === 504) {
            state = 'mdtm';
            send(`MDTM ${file}`);
            return;
          }
          return unexpected('SIZE', r);
        case 'mdtm':
          if (found(r, 'MDTM')) return;
          return unexpected('MDTM (SIZE is not implemented)', r);
      }
    }
  });
}
