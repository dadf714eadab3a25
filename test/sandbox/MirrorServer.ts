/**
 * The download mirror of the sandbox: the simulated `ays` maps `scheme://[user:pass@]host/path`
 * to `GET <url>/mirror/<scheme>/<host>/<path>` here (the real hosts are never contacted).
 * Serves small generated fake images and `.md5sum` files; missing files give an nginx-style 404
 * page (http/https: the client keeps it as the "image", like urllib) or `550 Failed to open file.`
 * (ftp: the client raises IOError). FTP logins are checked (`530 Login incorrect.`).
 */
import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** The sources of examples/env-demo (and the seed how-to), served by default. */
export const DEFAULT_MIRROR_FILES: Array<{ url: string; md5sum: boolean }> = [
  { url: 'https://cloud-images.ubuntu.com/jammy/current/jammy-server-cloudimg-amd64.img', md5sum: false },
  { url: 'ftp://ftp.example.com/images/windows/windows-2019-standard-v1.qcow2', md5sum: true },
  { url: 'http://cloud.centos.example.org/centos/7/images/CentOS-7-x86_64-GenericCloud.qcow2', md5sum: true },
  { url: 'https://cloud-images.ubuntu.com/wily/current/wily-server-cloudimg-amd64-uefi1.img', md5sum: false },
];

export const NGINX_404 =
  '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** `scheme/host/path` with the credentials dropped, slashes merged and the path decoded. */
export function mirrorKey(fullUrl: string): string {
  const u = new URL(fullUrl);
  const path = decodeURIComponent(u.pathname).replace(/\/{2,}/g, '/');
  return `${u.protocol.replace(':', '')}/${u.hostname.toLowerCase()}${path}`;
}

/** Deterministic fake image bytes: a qcow2 magic, a text header naming the URL, then pseudo-random filler. */
export function fakeImage(fullUrl: string, size = 96 * 1024): Buffer {
  const head = Buffer.concat([
    Buffer.from([0x51, 0x46, 0x49, 0xfb, 0, 0, 0, 3]),
    Buffer.from(`\nAYS-SANDBOX FAKE IMAGE ${mirrorKey(fullUrl)}\n`),
  ]);
  const chunks: Buffer[] = [head];
  let seed = createHash('sha256').update(fullUrl).digest();
  let len = head.length;
  while (len < size) {
    seed = createHash('sha256').update(seed).digest();
    chunks.push(seed);
    len += seed.length;
  }
  return Buffer.concat(chunks).subarray(0, size);
}

export interface MirrorRequest {
  key: string;
  status: number;
  time: number;
}

export class MirrorServer {
  private readonly files = new Map<string, Buffer>();
  private readonly missing = new Set<string>();
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  /** Total time in ms an image download takes (0 = as fast as possible); `.md5sum` files are never slowed. */
  slowDownloadMs = 0;
  /** FTP logins per host (`ftp.example.com`: pub / pub1234). */
  readonly ftpUsers = new Map<string, [string, string]>([['ftp.example.com', ['pub', 'pub1234']]]);
  /** Every request, for tests (e.g. "the .md5sum was fetched and the image was not"). */
  readonly requests: MirrorRequest[] = [];
  url = '';

  constructor() {
    for (const f of DEFAULT_MIRROR_FILES) this.addFile(f.url, undefined, f.md5sum);
  }

  /** Serves `content` (default: generated fake image bytes) at `fullUrl`, plus `<fullUrl>.md5sum` when asked. */
  addFile(fullUrl: string, content?: Buffer | string, md5sum = false): Buffer {
    const data = content === undefined ? fakeImage(fullUrl) : Buffer.from(content);
    const key = mirrorKey(fullUrl);
    this.files.set(key, data);
    if (md5sum)
      this.files.set(
        key + '.md5sum',
        Buffer.from(`${createHash('md5').update(data).digest('hex')}  ${key.split('/').pop()}\n`),
      );
    return data;
  }

  content(fullUrl: string): Buffer | undefined {
    return this.files.get(mirrorKey(fullUrl));
  }

  /** Fault: the source answers 404 (http/https) or 550 (ftp) while `missing` is true. */
  setMissing(fullUrl: string, missing = true): void {
    const key = mirrorKey(fullUrl);
    if (missing) this.missing.add(key);
    else this.missing.delete(key);
  }

  clearMissing(): void {
    this.missing.clear();
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawPath = (req.url ?? '').split('?')[0];
    // The mirror's own URL (http://127.0.0.1:<port>/<path>) is an image URL too: the recipe wizard's
    // .md5sum probe reaches it directly, and the simulated ays reads it as /mirror/http/127.0.0.1/<path>.
    const m =
      /^\/mirror\/(https?|ftp)\/([^/]+)(\/.*)?$/.exec(rawPath) ??
      (rawPath.startsWith('/mirror/') ? null : (['', 'http', '127.0.0.1', rawPath] as unknown as RegExpExecArray));
    const scheme = m?.[1] ?? 'http';
    const key = m ? `${scheme}/${m[2].toLowerCase()}${decodeURIComponent(m[3] ?? '/').replace(/\/{2,}/g, '/')}` : '';
    const send = (status: number, body: Buffer | string, type = 'text/html') => {
      this.requests.push({ key, status, time: Date.now() });
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (!m) return send(404, NGINX_404);
    if (scheme === 'ftp') {
      const login = this.ftpUsers.get(m[2].toLowerCase());
      const user = String(req.headers['x-sandbox-ftp-user'] ?? 'anonymous');
      const pass = String(req.headers['x-sandbox-ftp-pass'] ?? '');
      if (login && (user !== login[0] || pass !== login[1])) return send(403, '530 Login incorrect.', 'text/plain');
    }
    const data = this.missing.has(key) ? undefined : this.files.get(key);
    if (!data) return scheme === 'ftp' ? send(404, '550 Failed to open file.', 'text/plain') : send(404, NGINX_404);
    if (!this.slowDownloadMs || key.endsWith('.md5sum')) return send(200, data, 'application/octet-stream');
    this.requests.push({ key, status: 200, time: Date.now() });
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length });
    const steps = 20;
    const size = Math.ceil(data.length / steps);
    for (let i = 0; i < steps && !res.destroyed; i++) {
      res.write(data.subarray(i * size, (i + 1) * size));
      await new Promise((r) => setTimeout(r, this.slowDownloadMs / steps));
    }
    res.end();
  }
}
