/**
 * Maps HTTP answers and network failures of the Cloud Broker Portal to `PortalError` values
 * (domain.md §5.2 errors). Pure: no I/O, no secrets in messages.
 */
import { PortalError } from './types';

const MAX_TEXT = 300;

/** The portal's own error text from a response body: a JSON string, `{message|error|msg}`, or plain text/HTML. */
export function portalText(body: string): string {
  let text = body.trim();
  if (!text) return '';
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'string') text = v;
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const m = o.message ?? o.error ?? o.msg ?? o.detail;
      if (typeof m === 'string') text = m;
    }
  } catch {
    // Not JSON: strip HTML tags of an error page.
    if (/^<|<html|<body/i.test(text))
      text = text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ');
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT - 1) + '…' : text;
}

export interface HttpErrorContext {
  /** Request path without the query string (never carries a secret). */
  path: string;
  /** True when the request was the login / token request. */
  login?: boolean;
}

/** The error value for a non-2xx answer. */
export function httpError(status: number, body: string, ctx: HttpErrorContext): PortalError {
  const text = portalText(body);
  const quoted = text ? `: "${text}"` : '';
  if (status === 401) {
    return ctx.login
      ? {
          code: 'not-authenticated',
          status,
          message: `The portal refused the credentials (401)${quoted}. Check the user name / client id and the stored secret.`,
        }
      : { code: 'not-authenticated', status, message: `The portal did not accept the authorization (401)${quoted}.` };
  }
  if (status === 403) {
    return {
      code: 'forbidden',
      status,
      message: `The portal user lacks the rights for ${ctx.path} (needs the admin group or level1–level3)${quoted}.`,
    };
  }
  if (status === 400) {
    return {
      code: 'bad-request',
      status,
      message: text
        ? `The portal rejected the request: ${text}`
        : `The portal rejected the request to ${ctx.path} (400).`,
    };
  }
  if (status === 404 && ctx.path.startsWith('/restextmachine/')) {
    return {
      code: 'not-admin-or-missing',
      status,
      message: `The portal answered 404 for ${ctx.path}: the user is not in the portal's admin group, or the object does not exist.`,
    };
  }
  if (status === 404) return { code: 'not-found', status, message: `The portal has no ${ctx.path} (404)${quoted}.` };
  if (status === 409) return { code: 'conflict', status, message: `The portal refused the change (409)${quoted}.` };
  if (status === 503) {
    return {
      code: 'upgrading',
      status,
      message: `The portal is being upgraded and refuses API calls${text ? quoted : ': "Can not call API during upgrade"'}. Try again later.`,
    };
  }
  if (status >= 500)
    return { code: 'server-error', status, message: `The portal failed with ${status} on ${ctx.path}${quoted}.` };
  return {
    code: 'http-error',
    status,
    message: `Unexpected answer ${status} from the portal on ${ctx.path}${quoted}.`,
  };
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'EPROTO',
]);

function codesOf(err: unknown): { codes: string[]; messages: string[]; names: string[] } {
  const codes: string[] = [];
  const messages: string[] = [];
  const names: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const o = e as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
    if (typeof o.code === 'string') codes.push(o.code);
    if (typeof o.message === 'string') messages.push(o.message);
    if (typeof o.name === 'string') names.push(o.name);
    // AggregateError (happy eyeballs): look at the first inner error too.
    e = o.cause ?? (Array.isArray(o.errors) ? o.errors[0] : undefined);
  }
  return { codes, messages, names };
}

export interface NetworkErrorContext {
  /** scheme://host:port of the server that failed (no credentials, no path). */
  origin: string;
  timeoutMs?: number;
  /** True when the caller's AbortSignal had fired. */
  aborted?: boolean;
}

/** The error value for an exception thrown by undici (connection, TLS, timeout, abort). */
export function networkError(err: unknown, ctx: NetworkErrorContext): PortalError {
  const { codes, messages, names } = codesOf(err);
  const has = (c: string) => codes.includes(c);
  if (ctx.aborted || names.includes('AbortError') || has('ABORT_ERR') || has('UND_ERR_ABORTED')) {
    return { code: 'cancelled', message: 'The portal request was cancelled.' };
  }
  if (
    has('UND_ERR_CONNECT_TIMEOUT') ||
    has('UND_ERR_HEADERS_TIMEOUT') ||
    has('UND_ERR_BODY_TIMEOUT') ||
    has('ETIMEDOUT')
  ) {
    const secs = ctx.timeoutMs ? ` within ${Math.round(ctx.timeoutMs / 100) / 10} s` : ' in time';
    return { code: 'timeout', message: `The portal at ${ctx.origin} did not answer${secs}.` };
  }
  const tls = codes.find((c) => TLS_CODES.has(c) || c.startsWith('ERR_SSL_') || c.startsWith('ERR_TLS_'));
  if (tls) {
    const reason = messages.find((m) => m && !/^fetch failed$/i.test(m)) ?? tls;
    return {
      code: 'tls',
      message: `The TLS certificate of ${ctx.origin} could not be verified (${reason}). If the portal uses a private CA, set "caFile" in the environment's portal settings to that CA's PEM file.`,
    };
  }
  if (has('ECONNREFUSED')) {
    return {
      code: 'connection-refused',
      message: `Connection refused by ${ctx.origin}: check the portal URL and that the portal is running.`,
    };
  }
  const net = codes.find((c) =>
    [
      'ENOTFOUND',
      'EAI_AGAIN',
      'ECONNRESET',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'EPIPE',
      'UND_ERR_SOCKET',
      'UND_ERR_CLOSED',
    ].includes(c),
  );
  return {
    code: 'unreachable',
    message: `The portal at ${ctx.origin} could not be reached (${net ?? messages[0] ?? 'network error'}).`,
  };
}

/** Shape check failure of a 2xx answer. */
export function malformed(path: string, what: string): PortalError {
  return { code: 'malformed-response', message: `The portal's answer to ${path} is not what was expected (${what}).` };
}
