import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { PortalClient, INSECURE_WARNING } from '../../../common/portal/PortalClient';
import { PortalTarget } from '../../../common/environments/types';
import { PortalFixture, startPortalFixture } from './portalFixture';

describe('PortalClient over HTTPS (self-signed certificate)', () => {
  let fx: PortalFixture;
  before(async () => {
    fx = await startPortalFixture({ tls: true });
  });
  after(() => fx.close());

  const target = (extra: Partial<PortalTarget> = {}): PortalTarget => ({
    url: fx.url,
    auth: 'authkey',
    username: 'admin',
    gid: 1,
    ...extra,
  });

  it('verifies against caFile', async () => {
    const c = await PortalClient.create(target({ caFile: fx.caFile }), { getSecret: async () => 'admin-pw' });
    assert.ok(c.ok);
    const s = await c.value.fetchState();
    assert.ok(s.ok, s.ok ? '' : s.error.message);
    assert.equal(s.value.stacks.length, 3);
    assert.equal(c.value.insecure, false);
    await c.value.close();
  });

  it('jwt from an https token endpoint with the same CA', async () => {
    const c = await PortalClient.create(
      target({ auth: 'jwt', clientId: 'ci-admin', tokenUrl: fx.tokenUrl, caFile: fx.caFile }),
      { getSecret: async () => 'ci-secret' },
    );
    assert.ok(c.ok);
    const s = await c.value.listImages();
    assert.ok(s.ok);
    await c.value.close();
  });

  it('without caFile: a tls error that says to set caFile, not retried', async () => {
    const c = await PortalClient.create(target(), { getSecret: async () => 'admin-pw', retries: 2 });
    assert.ok(c.ok);
    const n = fx.requests.length;
    const s = await c.value.fetchState();
    assert.ok(!s.ok);
    assert.equal(s.error.code, 'tls');
    assert.match(s.error.message, /caFile/);
    assert.match(s.error.message, /self.signed/i);
    assert.equal(fx.requests.length, n);
    await c.value.close();
  });

  it('insecure only when asked, and flagged for a warning', async () => {
    const c = await PortalClient.create(target(), { getSecret: async () => 'admin-pw', insecure: true });
    assert.ok(c.ok);
    assert.equal(c.value.insecure, true);
    assert.match(INSECURE_WARNING, /verification is OFF/);
    assert.ok((await c.value.listStacks()).ok);
    await c.value.close();
  });

  it('unreadable or non-PEM caFile: invalid-config', async () => {
    const a = await PortalClient.create(target({ caFile: '/nonexistent/ca.pem' }), { getSecret: async () => 'x' });
    assert.ok(!a.ok && a.error.code === 'invalid-config' && /cannot be read/.test(a.error.message));
    const b = await PortalClient.create(target({ caFile: __filename }), { getSecret: async () => 'x' });
    assert.ok(!b.ok && b.error.code === 'invalid-config' && /no PEM/.test(b.error.message));
  });
});
