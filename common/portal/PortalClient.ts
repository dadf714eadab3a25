/**
 * The Cloud Broker Portal client of one environment (domain.md §5): login and session renewal,
 * stacks and images (with the non-admin fallbacks), and the image writes (availability, enable,
 * disable, delete). Every method resolves to a `PortalResult`; none throws.
 */
import { readFile } from 'node:fs/promises';
import { PortalTarget } from '../environments/types';
import { httpError, malformed } from './errors';
import { jsonBody, Params, stackIdList, withQuery } from './params';
import { listOf, toImages, toStacks } from './normalize';
import { PortalAuth } from './PortalAuth';
import { HttpResponse, PortalHttp, PortalHttpOptions } from './PortalHttp';
import { fail, GetSecret, Image, ok, PortalError, PortalResult, PortalState, Stack } from './types';

export interface PortalClientOptions extends Omit<PortalHttpOptions, 'ca'> {
  /** Supplies the password (`authkey`) or the client secret (`jwt`) when a login is needed. */
  getSecret: GetSecret;
  /** Used in messages: the environment name. */
  envName?: string;
  /** PEM text of the private CA; default: the content of `target.caFile`. */
  ca?: string;
  /** One deadline per operation (login, retries and fallbacks included). Default DEFAULT_PORTAL_TIMEOUT_SECONDS. */
  timeoutMs?: number;
}

/** The operation deadline when none is set: the default of the `aysRecipes.portal.timeoutSeconds` setting. */
export const DEFAULT_PORTAL_TIMEOUT_SECONDS = 60;

export interface CallOptions {
  signal?: AbortSignal;
}

export const PATHS = {
  stacks: '/restextmachine/cloudbroker/stack',
  images: '/restextmachine/cloudbroker/image',
  computenodeList: '/restmachine/cloudbroker/computenode/list',
  publicImages: '/restmachine/cloudapi/images/list',
  updateNodes: '/restmachine/cloudbroker/image/updateNodes',
  enable: '/restmachine/cloudbroker/image/enable',
  disable: '/restmachine/cloudbroker/image/disable',
  delete: '/restmachine/cloudbroker/image/delete',
} as const;

/** Warning text the UI/CLI shows whenever `insecure` is set. */
export const INSECURE_WARNING =
  'TLS certificate verification is OFF for this portal: anyone on the network path can read the session and change images. Use "caFile" instead.';

export class PortalClient {
  private readonly http: PortalHttp;
  private readonly auth: PortalAuth;
  private readonly base: string;
  private readonly envLabel: string;
  private readonly timeoutMs: number;
  /** Signals made by `operation()`: a call inside an operation shares its deadline. */
  private readonly deadlines = new WeakSet<AbortSignal>();

  private constructor(
    readonly target: PortalTarget,
    base: string,
    options: PortalClientOptions,
    ca: string | undefined,
  ) {
    this.base = base;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_PORTAL_TIMEOUT_SECONDS * 1000;
    this.envLabel = options.envName ? `environment "${options.envName}"` : 'this environment';
    this.http = new PortalHttp({ ...options, ca });
    this.auth = new PortalAuth(this.http, target, base, options.getSecret, this.envLabel);
  }

  /** Validates the target (URL, caFile) and builds the client; one per environment, reused for every call. */
  static async create(target: PortalTarget, options: PortalClientOptions): Promise<PortalResult<PortalClient>> {
    const label = options.envName ? `environment "${options.envName}"` : 'this environment';
    let url: URL;
    try {
      url = new URL(target.url);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
    } catch {
      return fail({ code: 'invalid-config', message: `The portal URL of ${label} is not an http(s) URL.` });
    }
    if (url.username || url.password) {
      return fail({ code: 'invalid-config', message: `The portal URL of ${label} must not contain credentials.` });
    }
    if (target.auth !== 'authkey' && target.auth !== 'jwt') {
      return fail({ code: 'invalid-config', message: `The portal "auth" of ${label} must be "authkey" or "jwt".` });
    }
    let ca = options.ca;
    if (ca === undefined && target.caFile) {
      try {
        ca = await readFile(target.caFile, 'utf8');
      } catch (e) {
        return fail({
          code: 'invalid-config',
          message: `The caFile "${target.caFile}" of ${label} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
        });
      }
      if (!/-----BEGIN CERTIFICATE-----/.test(ca)) {
        return fail({
          code: 'invalid-config',
          message: `The caFile "${target.caFile}" of ${label} holds no PEM certificate.`,
        });
      }
    }
    const base = url.origin + url.pathname.replace(/\/+$/, '');
    return ok(new PortalClient(target, base, options, ca));
  }

  /** True when certificate verification is off: the UI must show INSECURE_WARNING. */
  get insecure(): boolean {
    return this.http.insecure;
  }

  /**
   * Runs `fn` under one deadline (timeoutMs) that covers every request, retry and fallback inside it.
   * When the deadline fires, the answer is `timeout` with the real elapsed time; the caller's own
   * cancel stays `cancelled`. Nested operations share the outer deadline.
   */
  private async operation<T>(
    what: string,
    opts: CallOptions,
    fn: (o: CallOptions) => Promise<PortalResult<T>>,
  ): Promise<PortalResult<T>> {
    if (opts.signal && this.deadlines.has(opts.signal)) return fn(opts);
    const t0 = performance.now();
    const ctl = new AbortController();
    this.deadlines.add(ctl.signal);
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      ctl.abort();
    }, this.timeoutMs);
    const onAbort = () => ctl.abort();
    if (opts.signal?.aborted) ctl.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const r = await fn({ ...opts, signal: ctl.signal });
      if (!r.ok && expired && !opts.signal?.aborted) {
        const secs = (ms: number) => `${Math.round(ms / 100) / 10} s`;
        return fail({
          code: 'timeout',
          message: `The portal at ${new URL(this.base).origin} did not complete ${what} within the ${secs(this.timeoutMs)} deadline (gave up after ${((performance.now() - t0) / 1000).toFixed(1)} s; setting aysRecipes.portal.timeoutSeconds, CLI --timeout).`,
        });
      }
      return r;
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Logs in now (e.g. "test connection" or after the user entered a new secret). */
  async login(opts: CallOptions = {}): Promise<PortalResult<true>> {
    return this.operation('the login', opts, async (o) => {
      const r = await this.auth.login(o.signal);
      return r.ok ? ok(true) : r;
    });
  }

  /** Drops the session / token; the next call logs in again. */
  forgetSession(): void {
    this.auth.forget();
  }

  /**
   * One authenticated call, answer parsed as JSON. A 401 with a cached credential renews it once and
   * retries; a second 401 gives `auth-expired` (the caller asks the user, then calls again).
   */
  call(method: 'GET' | 'POST', path: string, params: Params, opts: CallOptions = {}): Promise<PortalResult<unknown>> {
    return this.operation(`${method} ${path}`, opts, (o) => this.callOnce(method, path, params, o));
  }

  private async callOnce(
    method: 'GET' | 'POST',
    path: string,
    params: Params,
    opts: CallOptions,
  ): Promise<PortalResult<unknown>> {
    const cached = this.auth.current() !== undefined;
    let cred = await this.auth.ensure(opts.signal);
    if (!cred.ok) return cred;
    let res = await this.send(method, path, params, cred.value, opts.signal);
    if (res.ok && res.value.status === 401 && cached) {
      cred = await this.auth.login(opts.signal);
      if (!cred.ok) return cred.error.code === 'not-authenticated' ? fail(this.expired()) : cred;
      res = await this.send(method, path, params, cred.value, opts.signal);
      if (res.ok && res.value.status === 401) {
        this.auth.forget();
        return fail(this.expired());
      }
    }
    if (!res.ok) return res;
    const { status, text } = res.value;
    if (status < 200 || status >= 300) return fail(httpError(status, text, { path }));
    if (!text.trim()) return ok(null);
    try {
      return ok(JSON.parse(text) as unknown);
    } catch {
      return fail(malformed(path, 'not JSON'));
    }
  }

  private send(
    method: 'GET' | 'POST',
    path: string,
    params: Params,
    cred: Parameters<PortalAuth['apply']>[0],
    signal?: AbortSignal,
  ): Promise<PortalResult<HttpResponse>> {
    const url = new URL(this.base + (method === 'GET' ? withQuery(path, params) : path));
    const headers: Record<string, string> = {};
    this.auth.apply(cred, url, headers);
    if (method === 'POST') headers['content-type'] = 'application/json';
    return this.http.request({
      method,
      url: url.toString(),
      headers,
      body: method === 'POST' ? jsonBody(params) : undefined,
      signal,
    });
  }

  private expired(): PortalError {
    return {
      code: 'auth-expired',
      status: 401,
      message: `The portal session of ${this.envLabel} expired and could not be renewed with the stored secret: sign in again.`,
    };
  }

  /** Stacks (CPU nodes) of the grid: restextmachine (admin), else computenode/list (≤ 2.3 / level users). `gid: null` = all grids. */
  listStacks(
    opts: CallOptions & { gid?: number | null } = {},
  ): Promise<PortalResult<{ stacks: Stack[]; source: 'restext' | 'computenode' }>> {
    return this.operation('the stack list', opts, (o) => this.listStacksIn({ ...opts, ...o }));
  }

  private async listStacksIn(
    opts: CallOptions & { gid?: number | null },
  ): Promise<PortalResult<{ stacks: Stack[]; source: 'restext' | 'computenode' }>> {
    // undefined: the environment's gid; null: every grid.
    const gid = opts.gid === null ? undefined : (opts.gid ?? this.target.gid);
    const first = await this.call('GET', PATHS.stacks, { gid }, opts);
    if (first.ok) return this.stacksFrom(first.value, PATHS.stacks, 'restext');
    if (first.error.status !== 404) return first;
    const second = await this.call('POST', PATHS.computenodeList, { gid }, opts);
    if (second.ok) return this.stacksFrom(second.value, PATHS.computenodeList, 'computenode');
    return second.error.status === 404 ? first : second;
  }

  private stacksFrom(
    value: unknown,
    path: string,
    source: 'restext' | 'computenode',
  ): PortalResult<{ stacks: Stack[]; source: 'restext' | 'computenode' }> {
    const list = listOf(value);
    return list ? ok({ stacks: toStacks(list), source }) : fail(malformed(path, 'expected a list of stacks'));
  }

  /** Every image (admin); for other users the CREATED public images only, flagged `partial`. */
  listImages(
    opts: CallOptions = {},
  ): Promise<PortalResult<{ images: Image[]; source: 'restext' | 'cloudapi'; partial: boolean }>> {
    return this.operation('the image list', opts, (o) => this.listImagesIn(o));
  }

  private async listImagesIn(
    opts: CallOptions,
  ): Promise<PortalResult<{ images: Image[]; source: 'restext' | 'cloudapi'; partial: boolean }>> {
    const first = await this.call('GET', PATHS.images, {}, opts);
    if (first.ok) {
      const list = listOf(first.value);
      return list
        ? ok({ images: toImages(list), source: 'restext', partial: false })
        : fail(malformed(PATHS.images, 'expected a list of images'));
    }
    if (first.error.status !== 404) return first;
    const second = await this.call('POST', PATHS.publicImages, {}, opts);
    if (!second.ok) return second;
    const list = listOf(second.value);
    return list
      ? ok({ images: toImages(list), source: 'cloudapi', partial: true })
      : fail(malformed(PATHS.publicImages, 'expected a list of images'));
  }

  /** Stacks and images together (in parallel): the data of the tree. Stacks refused to this user become a warning. */
  fetchState(opts: CallOptions & { gid?: number } = {}): Promise<PortalResult<PortalState>> {
    return this.operation('the stacks and images', opts, (o) => this.fetchStateIn({ ...opts, ...o }));
  }

  private async fetchStateIn(opts: CallOptions & { gid?: number }): Promise<PortalResult<PortalState>> {
    // Log in first so that the two parallel calls share one session.
    const cred = await this.auth.ensure(opts.signal);
    if (!cred.ok) return cred;
    const [stacks, images] = await Promise.all([this.listStacks(opts), this.listImages(opts)]);
    if (!images.ok) return images;
    const warnings: PortalError[] = [];
    let stackList: Stack[] = [];
    let stackSource: PortalState['sources']['stacks'] = 'none';
    if (stacks.ok) {
      stackList = stacks.value.stacks;
      stackSource = stacks.value.source;
    } else if (['forbidden', 'not-admin-or-missing', 'not-found'].includes(stacks.error.code)) {
      warnings.push(stacks.error);
    } else {
      return stacks;
    }
    return ok({
      stacks: stackList,
      images: images.value.images,
      partial: images.value.partial || stackSource === 'none',
      sources: { stacks: stackSource, images: images.value.source },
      warnings,
    });
  }

  /**
   * Sets where an image is available: `enabledStackIds` is the COMPLETE list (the portal removes the
   * image from every other stack, all grids). An empty list removes it everywhere and is refused
   * unless `allowRemoveEverywhere` is true.
   */
  async updateNodes(
    imageId: number,
    enabledStackIds: ReadonlyArray<number>,
    opts: CallOptions & { allowRemoveEverywhere?: boolean } = {},
  ): Promise<PortalResult<true>> {
    const bad = this.checkImageId(imageId);
    if (bad) return bad;
    const ids = stackIdList(enabledStackIds);
    if (!ids) return fail({ code: 'bad-request', message: 'Stack ids must be non-negative integers.' });
    if (ids.length === 0 && !opts.allowRemoveEverywhere) {
      return fail({
        code: 'confirmation-required',
        message: `An empty list removes image ${imageId} from every node; confirm explicitly to do that.`,
      });
    }
    return this.write(PATHS.updateNodes, { imageId, enabledStacks: ids }, opts);
  }

  /** Status back to CREATED (refused by the portal for DELETED / DESTROYED). */
  enable(imageId: number, opts: CallOptions = {}): Promise<PortalResult<true>> {
    return this.checkImageId(imageId) ?? this.write(PATHS.enable, { imageId }, opts);
  }

  /** Status DISABLED: no new VMs from this image. */
  disable(imageId: number, opts: CallOptions = {}): Promise<PortalResult<true>> {
    return this.checkImageId(imageId) ?? this.write(PATHS.disable, { imageId }, opts);
  }

  /** DELETED, or DESTROYED with `permanently` (also removes the OVS template; 409 while VMs use it). */
  delete(imageId: number, reason: string, permanently: boolean, opts: CallOptions = {}): Promise<PortalResult<true>> {
    return this.checkImageId(imageId) ?? this.write(PATHS.delete, { imageId, reason, permanently }, opts);
  }

  private checkImageId(imageId: number): Promise<PortalResult<true>> | undefined {
    return Number.isSafeInteger(imageId) && imageId >= 0
      ? undefined
      : Promise.resolve(fail({ code: 'bad-request', message: `"${imageId}" is not an image id.` }));
  }

  private write(path: string, params: Params, opts: CallOptions): Promise<PortalResult<true>> {
    return this.operation(`POST ${path}`, opts, async (o) => {
      const r = await this.callOnce('POST', path, params, o);
      if (!r.ok) return r;
      if (r.value === false) return fail({ code: 'bad-request', message: `The portal answered "false" to ${path}.` });
      return ok(true);
    });
  }

  /** Closes the connection pool. */
  close(): Promise<void> {
    return this.http.close();
  }
}
