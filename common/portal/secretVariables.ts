import { SecretKind } from './types';

/**
 * The environment variables a portal secret may come from (the CLI's only source; the extension's
 * fallback after SecretStorage): `AYS_PORTAL_PASSWORD_<ENV>` / `AYS_PORTAL_PASSWORD` for "authkey",
 * `AYS_PORTAL_CLIENT_SECRET_<ENV>` / `AYS_PORTAL_CLIENT_SECRET` for "jwt". `<ENV>` is the environment
 * name upper-cased, anything but A–Z and 0–9 turned into `_`.
 */
export function secretVariable(kind: SecretKind, envName?: string): string {
  const base = kind === 'password' ? 'AYS_PORTAL_PASSWORD' : 'AYS_PORTAL_CLIENT_SECRET';
  return envName ? `${base}_${envName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}` : base;
}

/** The secret from the environment: the per-environment variable first, then the generic one. */
export function secretFromEnv(
  kind: SecretKind,
  envName: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return env[secretVariable(kind, envName)] || env[secretVariable(kind)] || undefined;
}
