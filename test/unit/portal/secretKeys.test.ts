/**
 * Portal secrets are keyed by environment name + portal URL (+ token URL) + user (issue 10 item 18):
 * the same name with another portal or user gets no stored secret; name-only keys of older versions
 * are migrated once, only after the user confirms the portal they would go to.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { PortalTarget } from '../../../common/environments/types';
import { legacySecretKey, portalSecretKey, SecretStore, storedSecret } from '../../../common/portal/secretKeys';
import { DEFAULT_PORTAL_TIMEOUT_SECONDS } from '../../../common/portal/PortalClient';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../../common/portal/PortalHttp';
import { declaredSettings } from '../manifestSettings';

function memoryStore(initial: Record<string, string> = {}): SecretStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get: async (k) => data.get(k),
    store: async (k, v) => {
      data.set(k, v);
    },
    delete: async (k) => {
      data.delete(k);
    },
  };
}

const PROD: PortalTarget = { url: 'https://portal.prod.example', auth: 'authkey', username: 'admin' };
const JWT: PortalTarget = {
  url: 'https://portal.prod.example',
  auth: 'jwt',
  clientId: 'ci',
  tokenUrl: 'https://iyo.example/v1/oauth/access_token',
};

describe('portal secret keys', () => {
  it('differ by portal URL, token URL and user; not by trailing slash, caFile or gid', () => {
    const k = portalSecretKey('prod', PROD, 'password');
    assert.match(k, /^aysRecipes\.portal\.prod\.password\.[0-9a-f]{16}$/);
    assert.notEqual(portalSecretKey('prod', { ...PROD, url: 'https://evil.example' }, 'password'), k);
    assert.notEqual(portalSecretKey('prod', { ...PROD, username: 'other' }, 'password'), k);
    assert.notEqual(portalSecretKey('other', PROD, 'password'), k);
    assert.equal(
      portalSecretKey('prod', { ...PROD, url: 'https://portal.prod.example/', caFile: '/ca.pem', gid: 2 }, 'password'),
      k,
    );
    const j = portalSecretKey('prod', JWT, 'clientSecret');
    assert.notEqual(portalSecretKey('prod', { ...JWT, tokenUrl: 'https://evil.example/token' }, 'clientSecret'), j);
    assert.notEqual(portalSecretKey('prod', { ...JWT, clientId: 'x' }, 'clientSecret'), j);
  });

  it('a workspace that reuses the name with another portal gets nothing (and is asked again)', async () => {
    const store = memoryStore({ [portalSecretKey('prod', PROD, 'password')]: 's3cret' });
    assert.equal(await storedSecret(store, 'prod', PROD, 'password', async () => true), 's3cret');
    let asked = 0;
    assert.equal(
      await storedSecret(store, 'prod', { ...PROD, url: 'https://evil.example' }, 'password', async () => {
        asked++;
        return true;
      }),
      undefined,
    );
    assert.equal(asked, 0, 'no legacy key: nothing to confirm');
  });

  it('a legacy (name-only) secret: confirmed → moved to the new key; refused → deleted; asked once', async () => {
    const legacy = legacySecretKey('prod', 'password');
    assert.equal(legacy, 'aysRecipes.portal.prod.password');
    const a = memoryStore({ [legacy]: 'old' });
    const seen: unknown[] = [];
    assert.equal(
      await storedSecret(a, 'prod', PROD, 'password', async (id) => {
        seen.push(id);
        return true;
      }),
      'old',
    );
    assert.deepEqual(seen, [{ url: 'https://portal.prod.example', user: 'admin' }]);
    assert.deepEqual([...a.data.entries()], [[portalSecretKey('prod', PROD, 'password'), 'old']]);
    const b = memoryStore({ [legacy]: 'old' });
    assert.equal(
      await storedSecret(b, 'prod', { ...PROD, url: 'https://evil.example' }, 'password', async () => false),
      undefined,
    );
    assert.equal(b.data.size, 0, 'refused: the legacy secret is gone, not sent');
    let asked = 0;
    assert.equal(
      await storedSecret(b, 'prod', PROD, 'password', async () => {
        asked++;
        return true;
      }),
      undefined,
    );
    assert.equal(asked, 0);
  });
});

describe('portal limits: one source of truth', () => {
  const props = declaredSettings();
  it('settings defaults: aysRecipes.portal.timeoutSeconds and maxResponseMB match the engine', () => {
    assert.equal(props['aysRecipes.portal.timeoutSeconds'].default, DEFAULT_PORTAL_TIMEOUT_SECONDS);
    assert.equal(props['aysRecipes.portal.maxResponseMB'].default * 1024 * 1024, DEFAULT_MAX_RESPONSE_BYTES);
  });
});
