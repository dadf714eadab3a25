/**
 * Parameter encoding for the portal (domain.md §5.1) and redaction for log lines. Pure.
 */

export type ParamValue = string | number | boolean | ReadonlyArray<string | number> | undefined | null;
export type Params = Record<string, ParamValue>;

/** Parameter names whose values never appear in a log line. */
const SECRET_KEYS = ['authkey', 'password', 'secret', 'client_secret', 'access_token', 'id_token', 'jwt', 'token'];

/**
 * `application/x-www-form-urlencoded` / query encoding: a list repeats its key
 * (`enabledStacks=3&enabledStacks=7`); undefined and null are left out; booleans become `true`/`false`.
 */
export function encodeParams(params: Params): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value as ReadonlyArray<string | number>) out.append(key, String(v));
    else out.append(key, String(value));
  }
  return out.toString();
}

/** `path?query` (no `?` when there is nothing to add). */
export function withQuery(path: string, params: Params): string {
  const q = encodeParams(params);
  if (!q) return path;
  return path + (path.includes('?') ? '&' : '?') + q;
}

/** The same path with every secret-looking parameter value replaced by `***`. */
export function redact(pathOrUrl: string): string {
  const qi = pathOrUrl.indexOf('?');
  let base = qi < 0 ? pathOrUrl : pathOrUrl.slice(0, qi);
  // user:password@host in a URL
  base = base.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1***@');
  if (qi < 0) return base;
  const query = pathOrUrl
    .slice(qi + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' ')).toLowerCase();
      return eq >= 0 && SECRET_KEYS.some((s) => key === s || key.endsWith('_' + s)) ? `${pair.slice(0, eq)}=***` : pair;
    })
    .join('&');
  return `${base}?${query}`;
}

/** JSON body for POST methods; lists stay JSON arrays (the portal accepts them, §5.1). */
export function jsonBody(params: Params): string {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) o[k] = v;
  return JSON.stringify(o);
}

/** Stack ids as a sorted, de-duplicated list of integers; undefined when one is not an integer. */
export function stackIdList(ids: ReadonlyArray<number | string>): number[] | undefined {
  const set = new Set<number>();
  for (const id of ids) {
    const n = typeof id === 'number' ? id : /^\s*\d+\s*$/.test(id) ? Number(id) : NaN;
    if (!Number.isSafeInteger(n) || n < 0) return undefined;
    set.add(n);
  }
  return [...set].sort((a, b) => a - b);
}
