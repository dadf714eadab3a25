"""j.system.net.download, redirected to the sandbox mirror (domain.md §2.4 step 5).

`scheme://[user:pass@]host/path` is fetched as `GET <mirrorUrl>/mirror/<scheme>/<host>/<path>` from the
sandbox's own HTTP server on 127.0.0.1; the real hosts are never contacted. Like Python 2's
urllib.FancyURLopener, an HTTP(S) error status does NOT raise: the error page is saved as the file.
FTP errors raise `IOError: [Errno ftp error] <reply>` (550 for a missing file, 530 for a bad login).
`file://` URLs read the node's own (sandboxed) file system.
"""
import os
import socket
from urllib.parse import quote, unquote, urlsplit

from .sandbox import config


def mirror_url(fullurl):
    u = urlsplit(fullurl)
    path = u.path
    while '//' in path:  # like nginx's merge_slashes: `url` with a trailing '/' still finds the file
        path = path.replace('//', '/')
    return '/mirror/%s/%s%s' % (u.scheme, (u.hostname or '').lower(), quote(path)), u


class Response(object):
    """A plain HTTP/1.0 GET to the mirror on 127.0.0.1 (no urllib: importing ssl costs ~0.5 s here)."""

    def __init__(self, path, headers):
        host, port = config()['mirrorUrl'].split('//')[1].split(':')
        try:
            self.sock = socket.create_connection((host, int(port)), timeout=600)
        except OSError as e:
            raise IOError('socket error', str(e))
        req = 'GET %s HTTP/1.0\r\nHost: %s\r\n%s\r\n' % (path, host, ''.join('%s: %s\r\n' % kv for kv in headers.items()))
        self.sock.sendall(req.encode('utf-8'))
        self.f = self.sock.makefile('rb')
        self.status = int(self.f.readline().split()[1])
        while self.f.readline().strip():
            pass

    def read(self, n=-1):
        return self.f.read(n)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()
        self.sock.close()


def open_url(fullurl, node=None):
    """Like urlopen in Python 2's FancyURLopener: HTTP errors return the error page; FTP errors raise IOError."""
    u = urlsplit(fullurl)
    if u.scheme not in ('http', 'https', 'ftp', 'file'):
        raise IOError('url error', 'unknown url type: %s' % u.scheme)
    if u.scheme == 'file':
        from .sandbox import on_node
        return open(on_node(node, unquote(u.path)), 'rb')
    path, u = mirror_url(fullurl)
    headers = {}
    if u.scheme == 'ftp':
        headers['X-Sandbox-Ftp-User'] = unquote(u.username or 'anonymous')
        headers['X-Sandbox-Ftp-Pass'] = unquote(u.password or '')
    r = Response(path, headers)
    if u.scheme == 'ftp' and r.status != 200:
        with r:
            reply = r.read().decode('utf-8', 'replace').strip() or '550 Failed to open file.'
        raise IOError('ftp error', reply)
    return r  # http(s): a 404 page is returned as the content, as urllib did


def download(fullurl, dest, node=None):
    tmp = dest + '.part'
    with open_url(fullurl, node) as resp, open(tmp, 'wb') as f:
        while True:
            chunk = resp.read(64 * 1024)
            if not chunk:
                break
            f.write(chunk)
    os.replace(tmp, dest)


def read_text(fullurl, node=None):
    with open_url(fullurl, node) as r:
        return r.read().decode('utf-8', 'replace')
