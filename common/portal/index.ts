/** Public API of the Cloud Broker Portal engine (no vscode import): see docs/portal.md. */
export * from './types';
export { httpError, networkError, portalText, malformed } from './errors';
export { encodeParams, redact, stackIdList, withQuery, jsonBody } from './params';
export { listOf, toImage, toImages, toStack, toStacks } from './normalize';
export { PortalHttp } from './PortalHttp';
export type { PortalHttpOptions, HttpRequest, HttpResponse } from './PortalHttp';
export { PortalAuth, jwtExpiry, AUTHENTICATE_PATH } from './PortalAuth';
export type { Credential } from './PortalAuth';
export { PortalClient, PATHS, INSECURE_WARNING } from './PortalClient';
export type { PortalClientOptions, CallOptions } from './PortalClient';
export { joinNodes, matchRecipes, normalizeUrl } from './joinNodes';
export type { RecipeRef, RecipeMatch, ImageRow, NodeRef, NodeEntry, ImageEntry, JoinResult } from './joinNodes';
export { availabilityChange, completeStackList, stacksWithImage } from './availability';
export type { AvailabilityChange } from './availability';
export { imageStatusIcon, stackStatusIcon } from './statusIcons';
export { secretVariable, secretFromEnv } from './secretVariables';
export { legacySecretKey, portalSecretKey, secretIdentity, storedSecret } from './secretKeys';
export type { SecretStore } from './secretKeys';
