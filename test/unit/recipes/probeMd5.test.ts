/**
 * The md5 probe (issue 12 §2): `checkmd5` is true only when `<url>/<source>.md5sum` exists. http(s) by a
 * HEAD request, ftp by SIZE (MDTM when SIZE is not implemented) against a tiny FTP responder on
 * loopback written here, file:// not probed (it names a path on the node). Timeouts and cancel answer
 * false with a note; credentials never appear in a note.
 */
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { probeMd5 } from '../../../common/recipe/probeMd5';

/** FTP responder: a fixed dialogue; `files` exist (SIZE/MDTM 213), others give 550. Records the commands. */
interface FtpScript {
  greeting?: string;
  silent?: boolean;
  noSize?: boolean;
  login?: 'ok' | 'refused' | 'no-password';
  files?: string[];
}
function ftpServer(script: FtpScript) {
  const commands: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    if (script.silent) return;
    s.write(script.greeting ?? '220-Welcome\r\n220 ready\r\n');
    let buf = '';
    s.on('data', (d) => {
      buf += d.toString('latin1');
      let nl: number;
      while ((nl = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        commands.push(line);
        const [cmd, ...rest] = line.split(' ');
        const arg = rest.join(' ');
        if (cmd === 'USER') s.write(script.login === 'no-password' ? '230 logged in\r\n' : '331 password please\r\n');
        else if (cmd === 'PASS') s.write(script.login === 'refused' ? '530 Login incorrect\r\n' : '230 logged in\r\n');
        else if (cmd === 'TYPE') s.write('200 Type set to I\r\n');
        else if (cmd === 'SIZE' && script.noSize) s.write('502 Command not implemented\r\n');
        else if (cmd === 'SIZE' || cmd === 'MDTM')
          s.write(
            (script.files ?? []).includes(arg)
              ? `213 ${cmd === 'SIZE' ? '33' : '20261129120000'}\r\n`
              : `550 ${arg}: No such file\r\n`,
          );
        else if (cmd === 'QUIT') {
          s.end('221 bye\r\n');
        } else s.write('500 unknown\r\n');
      }
    });
  });
  return {
    commands,
    listen: () =>
      new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as net.AddressInfo).port))),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

describe('probeMd5 over ftp:// (a loopback FTP responder)', () => {
  const cases: {
    name: string;
    script: FtpScript;
    url: (port: number) => string;
    exists: boolean;
    note?: RegExp;
    sent?: string[];
  }[] = [
    {
      name: 'anonymous login, SIZE 213: exists',
      script: { files: ['images/x.qcow2.md5sum'] },
      url: (p) => `ftp://127.0.0.1:${p}/images/x.qcow2`,
      exists: true,
      sent: ['USER anonymous', 'PASS anonymous@', 'TYPE I', 'SIZE images/x.qcow2.md5sum'],
    },
    {
      name: 'credentials of the URL (decoded), SIZE 213: exists',
      script: { files: ['images/x.qcow2.md5sum'] },
      url: (p) => `ftp://pub:p%40ss@127.0.0.1:${p}/images/x.qcow2`,
      exists: true,
      sent: ['USER pub', 'PASS p@ss', 'TYPE I', 'SIZE images/x.qcow2.md5sum'],
    },
    {
      name: 'no .md5sum: 550, false with a note',
      script: { files: [] },
      url: (p) => `ftp://127.0.0.1:${p}/images/x.qcow2`,
      exists: false,
      note: /checkmd5 false: ftp:\/\/127\.0\.0\.1:\d+\/images\/x\.qcow2\.md5sum does not exist \(FTP SIZE: 550\)/,
    },
    {
      name: 'SIZE not implemented: MDTM decides',
      script: { noSize: true, files: ['x.img.md5sum'] },
      url: (p) => `ftp://127.0.0.1:${p}/x.img`,
      exists: true,
      sent: ['USER anonymous', 'PASS anonymous@', 'TYPE I', 'SIZE x.img.md5sum', 'MDTM x.img.md5sum'],
    },
    {
      name: 'login without a password step (230 after USER)',
      script: { login: 'no-password', files: ['x.img.md5sum'] },
      url: (p) => `ftp://127.0.0.1:${p}/x.img`,
      exists: true,
    },
    {
      name: 'login refused: false, the note shows no password',
      script: { login: 'refused' },
      url: (p) => `ftp://pub:secret@127.0.0.1:${p}/x.img`,
      exists: false,
      note: /the login \(PASS\) answered 530 Login incorrect/,
    },
    {
      name: 'a server that is not FTP (no 220): false with a note',
      script: { greeting: 'SSH-2.0-OpenSSH_9\r\n' },
      url: (p) => `ftp://127.0.0.1:${p}/x.img`,
      exists: false,
      note: /the server does not speak FTP \(it answered "SSH-2\.0-OpenSSH_9"\)/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const srv = ftpServer(c.script);
      const port = await srv.listen();
      try {
        const r = await probeMd5(c.url(port), { timeoutMs: 3000 });
        assert.equal(r.exists, c.exists, r.note);
        if (c.note) assert.match(r.note ?? '', c.note);
        assert.doesNotMatch(r.note ?? '', /secret|p@ss|pub:/);
        if (c.sent)
          assert.deepEqual(
            srv.commands.filter((x) => x !== 'QUIT'),
            c.sent,
          );
      } finally {
        await srv.close();
      }
    });
  }

  it('a silent server: false after the timeout (offline or unreachable)', async () => {
    const srv = ftpServer({ silent: true });
    const port = await srv.listen();
    try {
      const t0 = Date.now();
      const r = await probeMd5(`ftp://127.0.0.1:${port}/x.img`, { timeoutMs: 300 });
      assert.equal(r.exists, false);
      assert.match(r.note!, /did not answer within 1 s \(offline or unreachable\)/);
      assert.ok(Date.now() - t0 < 2500);
    } finally {
      await srv.close();
    }
  });

  it('cancel: false at once, the connection closed', async () => {
    const srv = ftpServer({ silent: true });
    const port = await srv.listen();
    try {
      const ac = new AbortController();
      const p = probeMd5(`ftp://127.0.0.1:${port}/x.img`, { timeoutMs: 10000, signal: ac.signal });
      setImmediate(() => ac.abort());
      assert.deepEqual(await p, { exists: false, note: 'checkmd5 false: the probe was cancelled' });
    } finally {
      await srv.close();
    }
  });

  it('nothing listening: unreachable (ECONNREFUSED)', async () => {
    const srv = ftpServer({});
    const port = await srv.listen();
    await srv.close();
    const r = await probeMd5(`ftp://127.0.0.1:${port}/x.img`, { timeoutMs: 2000 });
    assert.equal(r.exists, false);
    assert.match(r.note!, /is unreachable \(ECONNREFUSED\)/);
  });

  it('a path that would inject a command (CR LF) is not sent', async () => {
    const srv = ftpServer({});
    const port = await srv.listen();
    try {
      const r = await probeMd5(`ftp://127.0.0.1:${port}/x%0d%0aDELE%20y.img`, { timeoutMs: 2000 });
      assert.equal(r.exists, false);
      assert.match(r.note!, /cannot be probed/);
      assert.deepEqual(srv.commands, []);
    } finally {
      await srv.close();
    }
  });
});

describe('probeMd5 over file:// and http://', () => {
  let server: http.Server;
  let base: string;
  before(async () => {
    server = http.createServer((req, res) => {
      res.statusCode = req.method === 'HEAD' && req.url === '/img/x.qcow2.md5sum' ? 200 : 404;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const cases: { name: string; url: () => string; exists: boolean; note?: RegExp }[] = [
    {
      name: 'file://: not probed here, the note says why',
      url: () => 'file:///srv/images/x.qcow2',
      exists: false,
      note: /a file:\/\/ URL names a path on the node, not on this machine, so \/srv\/images\/x\.qcow2\.md5sum cannot be checked from here/,
    },
    { name: 'http, HEAD 200: exists', url: () => `${base}/img/x.qcow2`, exists: true },
    {
      name: 'http, HEAD 404: false with the status',
      url: () => `${base}/img/y.qcow2`,
      exists: false,
      note: /y\.qcow2\.md5sum answered 404/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const r = await probeMd5(c.url(), { timeoutMs: 2000 });
      assert.equal(r.exists, c.exists, r.note);
      if (c.note) assert.match(r.note ?? '', c.note);
    });
  }
});
