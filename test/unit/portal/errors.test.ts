import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { httpError, networkError, portalText } from '../../../common/portal/errors';

describe('portalText', () => {
  it('reads JSON strings, objects, HTML and plain text', () => {
    assert.equal(portalText('"Image with id \\"7\\" not found"'), 'Image with id "7" not found');
    assert.equal(portalText('{"message":"boom"}'), 'boom');
    assert.equal(
      portalText('<html><head><style>x{}</style></head><body><h1>502  Bad\nGateway</h1></body></html>'),
      '502 Bad Gateway',
    );
    assert.equal(portalText('  plain  '), 'plain');
    assert.equal(portalText('x'.repeat(1000)).length, 300);
  });
});

describe('httpError', () => {
  const cases: Array<[number, string, string, string]> = [
    [401, '/restmachine/cloudbroker/image/enable', 'not-authenticated', 'NO VALID AUTHORIZATION'],
    [403, '/restmachine/cloudbroker/image/enable', 'forbidden', 'User bob has no access'],
    [400, '/restmachine/cloudbroker/image/updateNodes', 'bad-request', 'Image with id "7" not found'],
    [404, '/restextmachine/cloudbroker/stack', 'not-admin-or-missing', 'admin group'],
    [404, '/restmachine/cloudbroker/x', 'not-found', 'Not Found'],
    [409, '/restmachine/cloudbroker/image/delete', 'conflict', 'VMs'],
    [503, '/restmachine/cloudbroker/image/enable', 'upgrading', 'Can not call API during upgrade'],
    [500, '/restmachine/cloudbroker/image/enable', 'server-error', '500'],
    [302, '/x', 'http-error', '302'],
  ];
  for (const [status, path, code, text] of cases) {
    it(`${status} ${path} → ${code}`, () => {
      const body = JSON.stringify(
        status === 401
          ? 'NO VALID AUTHORIZATION KEY GIVEN'
          : status === 403
            ? 'User bob has no access. If you would like…'
            : status === 400
              ? 'Image with id "7" not found'
              : status === 404
                ? 'Not Found'
                : status === 409
                  ? 'Image is used by VMs'
                  : status === 503
                    ? ''
                    : 'x',
      );
      const e = httpError(status, body, { path });
      assert.equal(e.code, code);
      assert.equal(e.status, status);
      assert.ok(e.message.includes(text), e.message);
    });
  }
  it('a refused login says so', () => {
    assert.match(
      httpError(401, '"Unauthorized"', { path: '/restmachine/cloudapi/users/authenticate', login: true }).message,
      /refused the credentials/,
    );
  });
});

describe('networkError', () => {
  const o = { origin: 'https://portal.example:443', timeoutMs: 30000 };
  const err = (code: string, message = code, cause?: unknown) => Object.assign(new Error(message), { code, cause });
  it('maps undici and socket codes', () => {
    assert.equal(networkError(err('UND_ERR_HEADERS_TIMEOUT'), o).code, 'timeout');
    assert.match(networkError(err('UND_ERR_CONNECT_TIMEOUT'), o).message, /within 30 s/);
    assert.equal(networkError(err('ECONNREFUSED'), o).code, 'connection-refused');
    assert.equal(networkError(err('ENOTFOUND'), o).code, 'unreachable');
    assert.equal(networkError(err('UND_ERR_SOCKET', 'other side closed'), o).code, 'unreachable');
    assert.equal(networkError(Object.assign(new Error('aborted'), { name: 'AbortError' }), o).code, 'cancelled');
    assert.equal(networkError(err('X'), { ...o, aborted: true }).code, 'cancelled');
  });
  it('TLS failures (also wrapped in a cause) say to set caFile', () => {
    const e = networkError(
      new TypeError('fetch failed', {
        cause: err('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'),
      }),
      o,
    );
    assert.equal(e.code, 'tls');
    assert.match(e.message, /self-signed certificate in certificate chain.*caFile/);
    assert.equal(networkError(err('ERR_TLS_CERT_ALTNAME_INVALID'), o).code, 'tls');
  });
});
