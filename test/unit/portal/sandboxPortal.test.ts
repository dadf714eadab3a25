/**
 * Interop: the portal client against the sandbox's simulated Cloud Broker Portal (issue 5, test/sandbox),
 * over HTTPS with the sandbox CA, both auth methods, the faults it offers, and a real availability change.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { startSandbox, Sandbox } from '../../sandbox/index';
import { PortalClient } from '../../../common/portal/PortalClient';
import { joinNodes } from '../../../common/portal/joinNodes';
import { PortalTarget } from '../../../common/environments/types';
import { PortalResult } from '../../../common/portal/types';

function value<T>(r: PortalResult<T>): T {
  if (!r.ok) assert.fail(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('PortalClient against the sandbox portal', () => {
  let sb: Sandbox;
  const open: PortalClient[] = [];
  before(async () => {
    sb = await startSandbox({ ssh: 'ssh2' });
  });
  after(async () => {
    await Promise.all(open.map((c) => c.close()));
    await sb?.stop();
  });

  async function client(extra: Partial<PortalTarget>, secret: string, opts: { headersTimeoutMs?: number } = {}) {
    const c = value(
      await PortalClient.create(
        { ...sb.env.portal, ...extra },
        { envName: sb.env.name, getSecret: async () => secret, retries: 0, ...opts },
      ),
    );
    open.push(c);
    return c;
  }
  const adminPw = () => sb.portal.users.find((u) => u.username === 'admin')!.password;

  it('authkey over HTTPS with caFile: every demo node matched to a stack', async () => {
    const c = await client({}, adminPw());
    const s = value(await c.fetchState());
    assert.equal(s.partial, false);
    const j = joinNodes(s.stacks, s.images, sb.nodes);
    assert.deepEqual(
      j.nodes.filter((n) => n.match === 'matched').map((n) => n.name),
      sb.nodes,
    );
  });

  it('jwt from the sandbox token endpoint', async () => {
    const cl = sb.portal.clients.find((x) => x.groups.includes('admin'))!;
    const c = await client({ auth: 'jwt', clientId: cl.clientId }, cl.clientSecret);
    assert.equal(value(await c.listStacks()).source, 'restext');
  });

  it('without the CA: tls', async () => {
    const c = await client({ caFile: undefined }, adminPw());
    const r = await c.fetchState();
    assert.ok(!r.ok && r.error.code === 'tls', r.ok ? 'ok' : r.error.message);
  });

  it('non-admin users and wrong passwords', async () => {
    const nobody = sb.portal.users.find((u) => u.groups.length === 0)!;
    const n = await client({ username: nobody.username }, nobody.password);
    const w = await n.updateNodes(1, [1]);
    assert.ok(!w.ok && w.error.code === 'forbidden', w.ok ? 'ok' : w.error.message);
    const bad = await client({}, 'wrong');
    const r = await bad.fetchState();
    assert.ok(!r.ok && r.error.code === 'not-authenticated');
  });

  it('faults: expired session renewed, 503 upgrading, hang → timeout', async () => {
    const c = await client({}, adminPw(), { headersTimeoutMs: 300 });
    value(await c.listStacks());
    sb.faults.expireSessionOnce();
    value(await c.listStacks());
    sb.faults.setPortalUnavailable(true);
    let r = await c.listStacks();
    assert.ok(!r.ok && r.error.code === 'upgrading', r.ok ? 'ok' : r.error.message);
    sb.faults.setPortalUnavailable(false);
    sb.faults.setPortalHang(true);
    try {
      r = await c.listStacks();
      assert.ok(!r.ok && r.error.code === 'timeout', r.ok ? 'ok' : r.error.message);
    } finally {
      sb.faults.setPortalHang(false);
    }
  });

  it('updateNodes changes the portal state with the complete list', async () => {
    const c = await client({}, adminPw());
    const s = value(await c.fetchState());
    const image = s.images[0];
    assert.ok(image, 'the sandbox starts with demo images');
    const keep = s.stacks.slice(0, 1).map((x) => x.id);
    value(await c.updateNodes(image.id, keep));
    const after = value(await c.listStacks());
    assert.deepEqual(
      after.stacks.filter((x) => x.images.includes(image.id)).map((x) => x.id),
      keep,
    );
  });
});
