/**
 * Cloud Broker Portal data and result types (domain.md §5.4). Pure declarations: no I/O here.
 * Everything that can fail returns a `PortalResult`; nothing in common/portal throws to its caller.
 */

/** Stable error codes; the UI may branch on them, and shows `message` as-is. */
export type PortalErrorCode =
  | 'not-authenticated' // 401 (or the login itself was refused)
  | 'auth-expired' // 401 again after one renewal: ask the user for the secret again
  | 'missing-secret' // getSecret() returned nothing
  | 'forbidden' // 403: the user lacks admin / level1–3
  | 'bad-request' // 400, with the portal's text
  | 'not-admin-or-missing' // 404 on /restextmachine (admin only) or the object does not exist
  | 'not-found' // 404 elsewhere
  | 'conflict' // 409, e.g. permanent delete while VMs still use the image
  | 'upgrading' // 503 "Can not call API during upgrade"
  | 'server-error' // other 5xx
  | 'http-error' // any other unexpected status
  | 'timeout' // connect / headers / body timeout, or the operation deadline
  | 'too-large' // the answer is over the size cap (maxResponseBytes)
  | 'connection-refused'
  | 'unreachable' // DNS, reset, host unreachable, socket closed
  | 'tls' // certificate not verified: set caFile
  | 'malformed-response' // not the JSON shape we expect
  | 'cancelled' // the caller's AbortSignal fired
  | 'invalid-config' // bad URL, unreadable caFile, missing username/clientId/tokenUrl
  | 'confirmation-required'; // updateNodes([]) without { allowRemoveEverywhere: true }

export interface PortalError {
  code: PortalErrorCode;
  /** Plain sentence for the user; never contains a secret. */
  message: string;
  /** HTTP status when the portal answered. */
  status?: number;
}

export type PortalResult<T> = { ok: true; value: T } | { ok: false; error: PortalError };

export const ok = <T>(value: T): PortalResult<T> => ({ ok: true, value });
export const fail = <T = never>(error: PortalError): PortalResult<T> => ({ ok: false, error });

/** A stack = one CPU node (§5.4). Normalised from the OSIS object; unknown fields dropped. */
export interface Stack {
  id: number;
  /** Node hostname; in practice the node.ssh instance name. */
  name: string;
  /** str(node id). */
  referenceId: string;
  /** ENABLED, MAINTENANCE, DECOMMISSIONED, ERROR, … */
  status: string;
  gid?: number;
  /** Ids of the images available on this stack. */
  images: number[];
}

export type ImageStatus = 'CREATED' | 'CREATING' | 'DISABLED' | 'DELETED' | 'DESTROYED' | string;

/** An image (§5.4). From /restextmachine every field may be present; from cloudapi/images/list only some. */
export interface Image {
  id: number;
  name: string;
  type: string;
  /** Minimal disk size in GB. */
  size: number;
  status: ImageStatus;
  bootType?: string;
  referenceId?: string;
  /** The OVS url of the template (`UNCPath`); its last segment is the template name (§4.2). Admin listing only. */
  uncPath?: string;
  /** 2018.09+: url + source of the export it came from. */
  url?: string;
  gid?: number;
  accountId?: number;
  username?: string;
}

/** What `PortalClient.fetchState()` returns: the raw material of the tree. */
export interface PortalState {
  stacks: Stack[];
  images: Image[];
  /** True when a non-admin fallback was used: images/list (CREATED only, no stack info) or no stacks at all. */
  partial: boolean;
  /** Where the data came from (for tooltips / diagnostics). */
  sources: { stacks: 'restext' | 'computenode' | 'none'; images: 'restext' | 'cloudapi' };
  /** Non-fatal problems (e.g. stacks forbidden for this user). */
  warnings: PortalError[];
}

/** Secrets the client asks its caller for. The extension reads SecretStorage, the CLI environment variables. */
export type SecretKind = 'password' | 'clientSecret';
export type GetSecret = (kind: SecretKind) => Promise<string | undefined>;
