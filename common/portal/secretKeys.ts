/**
 * Where a portal secret lives in the extension's SecretStorage. A secret belongs to one portal and
 * one identity: the key holds the environment name AND a digest of the portal URL, the token URL and
 * the user (or client id), so a workspace that reuses an environment name with another portal is
 * never sent the stored secret (it is asked again). Keys of older versions (name only) are migrated
 * once, after the user confirms the portal they are for.
 */
import { createHash } from 'node:crypto';
import type { PortalTarget } from '../environments/types';
import type { SecretKind } from './types';

/** The part of SecretStorage this needs (vscode.SecretStorage fits). */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** The identity a secret is for: portal URL (+ token URL for jwt) and user name (or client id). */
export function secretIdentity(
  portal: PortalTarget,
  kind: SecretKind,
): { url: string; tokenUrl?: string; user: string } {
  const url = portal.url.replace(/\/+$/, '');
  return kind === 'clientSecret'
    ? { url, tokenUrl: portal.tokenUrl, user: portal.clientId ?? '' }
    : { url, user: portal.username ?? '' };
}

/** `aysRecipes.portal.<env>.<kind>.<digest of url, tokenUrl, user>`. */
export function portalSecretKey(envName: string, portal: PortalTarget, kind: SecretKind): string {
  const id = secretIdentity(portal, kind);
  const digest = createHash('sha256')
    .update(JSON.stringify([id.url, id.tokenUrl ?? '', id.user]))
    .digest('hex')
    .slice(0, 16);
  return `aysRecipes.portal.${envName}.${kind}.${digest}`;
}

/** The key of versions before the identity was part of it. */
export function legacySecretKey(envName: string, kind: SecretKind): string {
  return `aysRecipes.portal.${envName}.${kind}`;
}

/**
 * The stored secret for this environment's portal and user, if any. A legacy (name-only) secret is
 * offered through `confirmLegacy` (which says which portal and user it would be sent to); accepted, it
 * moves to the new key; refused, it is deleted. Either way it is asked about once.
 */
export async function storedSecret(
  store: SecretStore,
  envName: string,
  portal: PortalTarget,
  kind: SecretKind,
  confirmLegacy: (id: ReturnType<typeof secretIdentity>) => Promise<boolean>,
): Promise<string | undefined> {
  const key = portalSecretKey(envName, portal, kind);
  const current = await store.get(key);
  if (current) return current;
  const legacyKey = legacySecretKey(envName, kind);
  const legacy = await store.get(legacyKey);
  if (!legacy) return undefined;
  const use = await confirmLegacy(secretIdentity(portal, kind)).catch(() => false);
  if (use) await store.store(key, legacy);
  await store.delete(legacyKey);
  return use ? legacy : undefined;
}
