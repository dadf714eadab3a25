/**
 * The HTTP layer of one environment's portal client: one undici `Agent` (a keep-alive pool per origin,
 * so the portal and a separate token endpoint each get theirs), timeouts, bounded retries with backoff
 * for idempotent GETs only, cancellation through AbortSignal. Answers with any status are values; only
 * network failures become errors here (the caller maps statuses, it needs 401 for session renewal).
 */
import { rootCertificates } from 'node:tls';
import { Agent, Dispatcher } from 'undici';
import { networkError } from './errors';
import { redact } from './params';
import { fail, ok, PortalResult } from './types';

export interface PortalHttpOptions {
  /** TCP + TLS handshake limit. Default 10 000 ms. */
  connectTimeoutMs?: number;
  /** Time until the response headers arrive. Default 30 000 ms. */
  headersTimeoutMs?: number;
  /** Maximum silence while the body streams. Default 30 000 ms. */
  bodyTimeoutMs?: number;
  /** Idle keep-alive sockets are closed after this. Default 30 000 ms. */
  keepAliveTimeoutMs?: number;
  /** Sockets per origin. Default 6. */
  connections?: number;
  /** Extra attempts for idempotent GETs after a network failure or 502/504. Default 2 (so 3 attempts). */
  retries?: number;
  /** First backoff delay; doubles per attempt (with jitter). Default 250 ms. */
  retryBaseDelayMs?: number;
  /** PEM text of extra CA certificates (trusted in addition to the public roots). */
  ca?: string;
  /** Skip certificate verification. Never a default; the UI must show a warning whenever it is set. */
  insecure?: boolean;
  /** false: close the connection after each request (for comparison only). Default true. */
  keepAlive?: boolean;
  /** Receives one line per request: method, redacted path, status or error code, duration. No secrets. */
  log?: (line: string) => void;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Absolute URL; may contain secret query parameters, which never reach the log. */
  url: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const RETRY_STATUS = new Set([502, 504]);
const NO_RETRY_CODES = new Set(['tls', 'cancelled']);

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export class PortalHttp {
  private readonly agent: Agent;
  private readonly opts: Required<Omit<PortalHttpOptions, 'ca' | 'log' | 'insecure'>> & PortalHttpOptions;
  private closed = false;

  constructor(options: PortalHttpOptions = {}) {
    this.opts = {
      connectTimeoutMs: 10_000, headersTimeoutMs: 30_000, bodyTimeoutMs: 30_000, keepAliveTimeoutMs: 30_000,
      connections: 6, retries: 2, retryBaseDelayMs: 250, keepAlive: true, ...options,
    };
    const tls: Record<string, unknown> = { timeout: this.opts.connectTimeoutMs };
    // A private CA is trusted in addition to the public roots, so a public token endpoint keeps working.
    if (options.ca) tls.ca = [...rootCertificates, options.ca];
    if (options.insecure) tls.rejectUnauthorized = false;
    this.agent = new Agent({
      connect: tls,
      connections: this.opts.connections,
      keepAliveTimeout: this.opts.keepAliveTimeoutMs,
      keepAliveMaxTimeout: Math.max(this.opts.keepAliveTimeoutMs, 1000),
      headersTimeout: this.opts.headersTimeoutMs,
      bodyTimeout: this.opts.bodyTimeoutMs,
    });
  }

  get insecure(): boolean {
    return !!this.opts.insecure;
  }

  /** Sends the request; GETs are retried on network failures and 502/504, never on 4xx, TLS or abort. */
  async request(req: HttpRequest): Promise<PortalResult<HttpResponse>> {
    const attempts = req.method === 'GET' ? 1 + Math.max(0, this.opts.retries) : 1;
    let last: PortalResult<HttpResponse> | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) {
        const delay = this.opts.retryBaseDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
        await sleep(delay, req.signal);
      }
      last = await this.once(req, attempt);
      if (req.signal?.aborted) return fail({ code: 'cancelled', message: 'The portal request was cancelled.' });
      if (last.ok ? !RETRY_STATUS.has(last.value.status) : NO_RETRY_CODES.has(last.error.code)) return last;
    }
    return last!;
  }

  private async once(req: HttpRequest, attempt: number): Promise<PortalResult<HttpResponse>> {
    const url = new URL(req.url);
    const path = url.pathname + url.search;
    const label = `${req.method} ${redact(url.origin + path)}${attempt ? ` (retry ${attempt})` : ''}`;
    const t0 = performance.now();
    const ms = () => `${Math.round(performance.now() - t0)} ms`;
    if (this.closed) return fail({ code: 'cancelled', message: 'The portal client was closed.' });
    if (req.signal?.aborted) return fail({ code: 'cancelled', message: 'The portal request was cancelled.' });
    try {
      const res: Dispatcher.ResponseData = await this.agent.request({
        origin: url.origin,
        path,
        method: req.method,
        headers: { accept: 'application/json', ...req.headers },
        body: req.body,
        signal: req.signal,
        reset: !this.opts.keepAlive,
      });
      const text = await res.body.text();
      this.opts.log?.(`${label} → ${res.statusCode} (${ms()})`);
      return ok({ status: res.statusCode, headers: res.headers, text });
    } catch (e) {
      const timeoutMs = this.timeoutOf(e);
      const error = networkError(e, { origin: url.origin, timeoutMs, aborted: req.signal?.aborted });
      this.opts.log?.(`${label} → ${error.code} (${ms()})`);
      return fail(error);
    }
  }

  private timeoutOf(e: unknown): number | undefined {
    const code = (e as { code?: string } | undefined)?.code;
    if (code === 'UND_ERR_CONNECT_TIMEOUT') return this.opts.connectTimeoutMs;
    if (code === 'UND_ERR_HEADERS_TIMEOUT') return this.opts.headersTimeoutMs;
    if (code === 'UND_ERR_BODY_TIMEOUT') return this.opts.bodyTimeoutMs;
    return undefined;
  }

  /** Closes every socket; pending requests fail with `cancelled`. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.agent.destroy().catch(() => undefined);
  }
}
