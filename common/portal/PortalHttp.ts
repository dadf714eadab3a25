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
import { fail, ok, PortalError, PortalResult } from './types';

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
  /** Answers larger than this fail with `too-large` (never buffered beyond it). Default 32 MiB. */
  maxResponseBytes?: number;
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

/** The default response size cap (the `aysRecipes.portal.maxResponseMB` setting's default). */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

const RETRY_STATUS = new Set([502, 504]);
const NO_RETRY_CODES = new Set(['tls', 'cancelled', 'too-large']);

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

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`;
}

export class PortalHttp {
  private readonly agent: Agent;
  private readonly opts: Required<Omit<PortalHttpOptions, 'ca' | 'log' | 'insecure'>> & PortalHttpOptions;
  private closed = false;

  constructor(options: PortalHttpOptions = {}) {
    this.opts = {
      connectTimeoutMs: 10_000,
      headersTimeoutMs: 30_000,
      bodyTimeoutMs: 30_000,
      keepAliveTimeoutMs: 30_000,
      connections: 6,
      retries: 2,
      retryBaseDelayMs: 250,
      keepAlive: true,
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
      ...options,
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

  /**
   * Sends the request; GETs are retried on network failures and 502/504, never on 4xx, TLS, an
   * oversized answer or abort. A timed-out request is retried at most once.
   */
  async request(req: HttpRequest): Promise<PortalResult<HttpResponse>> {
    const attempts = req.method === 'GET' ? 1 + Math.max(0, this.opts.retries) : 1;
    const t0 = performance.now();
    let last: PortalResult<HttpResponse> | undefined;
    let timeouts = 0;
    let attempt = 0;
    for (; attempt < attempts; attempt++) {
      if (attempt > 0) {
        const delay = this.opts.retryBaseDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
        await sleep(delay, req.signal);
      }
      last = await this.once(req, attempt);
      if (req.signal?.aborted) return fail({ code: 'cancelled', message: 'The portal request was cancelled.' });
      if (last.ok ? !RETRY_STATUS.has(last.value.status) : NO_RETRY_CODES.has(last.error.code)) return last;
      if (!last.ok && last.error.code === 'timeout' && ++timeouts > 1) {
        attempt++;
        break;
      }
    }
    if (last && !last.ok && last.error.code === 'timeout' && attempt > 1) {
      // Say what really happened: the per-try limit and the real time spent on all tries.
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      return fail({
        ...last.error,
        message: `${last.error.message.replace(/\.$/, '')} (${attempt} tries, ${secs} s in all).`,
      });
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
      const text = await this.readCapped(res, url.origin);
      if (typeof text !== 'string') {
        this.opts.log?.(`${label} → ${res.statusCode}, too large (${ms()})`);
        return fail(text);
      }
      this.opts.log?.(`${label} → ${res.statusCode} (${ms()})`);
      return ok({ status: res.statusCode, headers: res.headers, text });
    } catch (e) {
      const timeoutMs = this.timeoutOf(e);
      const error = networkError(e, { origin: url.origin, timeoutMs, aborted: req.signal?.aborted });
      this.opts.log?.(`${label} → ${error.code} (${ms()})`);
      return fail(error);
    }
  }

  /** The body as text, or a `too-large` error once it passes maxResponseBytes (the rest is never read). */
  private async readCapped(res: Dispatcher.ResponseData, origin: string): Promise<string | PortalError> {
    const cap = this.opts.maxResponseBytes;
    const tooLarge = (): PortalError => ({
      code: 'too-large',
      message: `The portal at ${origin} sent an answer larger than the ${formatBytes(cap)} limit; it was not read (setting aysRecipes.portal.maxResponseMB).`,
    });
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > cap) {
      res.body.destroy();
      return tooLarge();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > cap) {
        res.body.destroy();
        return tooLarge();
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
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
