/**
 * The Cloud Broker Portal methods of the sandbox (§5.3), on the shared state file. Each handler
 * gets the merged parameters and returns a status and a body (JSON value, or a text message for errors).
 */
import type { Identity, PortalGroup } from './PortalAuth';
import { ImageRecord, PortalState, readState, updateState } from './portalState';

export type Params = Record<string, unknown>;
export interface Reply {
  status: number;
  body: unknown;
  text?: boolean;
}

export class PortalError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const MSG_401 = 'NO VALID AUTHORIZATION KEY GIVEN, use get param called key (or login).';
export const msg403 = (user: string) =>
  `User ${user} has no access. If you would like to gain access please contact your adminstrator`;
export const MSG_503 = 'Can not call API during upgrade';

const first = (v: unknown): unknown => (Array.isArray(v) ? v[v.length - 1] : v);

export function intParam(p: Params, name: string, optional = false): number | undefined {
  const v = first(p[name]);
  if (v === undefined || v === '') {
    if (optional) return undefined;
    throw new PortalError(400, `Param with name:${name} is missing.`);
  }
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  throw new PortalError(400, `Value of param ${name} not correct needs to be of type int`);
}

export function boolParam(p: Params, name: string, dflt: boolean): boolean {
  const v = first(p[name]);
  if (v === undefined || v === '') return dflt;
  if (typeof v === 'boolean') return v;
  if (/^(true|1)$/i.test(String(v))) return true;
  if (/^(false|0)$/i.test(String(v))) return false;
  throw new PortalError(400, `Value of param ${name} not correct needs to be of type bool`);
}

/** A list parameter: repeated keys, a JSON array, a JSON-string list "[3,7]", a comma string, or a single value. */
export function intListParam(p: Params, name: string): number[] {
  let v = p[name];
  if (v === undefined || v === '' || v === null) return [];
  if (typeof v === 'string' && v.trim().startsWith('[')) {
    try {
      v = JSON.parse(v);
    } catch {
      throw new PortalError(400, `Value of param ${name} not correct needs to be of type list`);
    }
  }
  const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',').filter((x) => x.trim() !== '') : [v];
  return items.map((x) => {
    const s = String(x).trim();
    if (!/^-?\d+$/.test(s)) throw new PortalError(400, `Value of param ${name} not correct needs to be of type list`);
    return Number(s);
  });
}

export function requireGroups(id: Identity, groups: PortalGroup[]): void {
  if (id.via === 'guest') throw new PortalError(401, MSG_401);
  if (id.groups.includes('admin') || id.groups.some((g) => groups.includes(g))) return;
  throw new PortalError(403, msg403(id.user));
}

function findImage(s: PortalState, imageId: number): ImageRecord {
  const image = s.images.find((i) => i.id === imageId);
  if (!image) throw new PortalError(400, `Image with id "${imageId}" not found`);
  return image;
}

const LEVELS: PortalGroup[] = ['level1', 'level2', 'level3'];

/** `/restextmachine/cloudbroker/<model>[/<id>]`: admin only (others 404); query = exact-match filters, digits → int. */
export function restext(
  statePath: string,
  id: Identity,
  model: string,
  objId: string | undefined,
  query: URLSearchParams,
): Reply {
  if (id.via === 'guest') throw new PortalError(401, MSG_401);
  if (!id.groups.includes('admin')) throw new PortalError(404, 'Not Found');
  const s = readState(statePath);
  const list: Array<Record<string, unknown>> | undefined =
    model === 'stack'
      ? (s.stacks as unknown as Array<Record<string, unknown>>)
      : model === 'image'
        ? (s.images as unknown as Array<Record<string, unknown>>)
        : undefined;
  if (!list) throw new PortalError(404, `Could not find model cloudbroker.${model}`);
  if (objId !== undefined) {
    const o = list.find((x) => String(x.id) === objId);
    if (!o) throw new PortalError(404, `Could not find object with id ${objId}`);
    return { status: 200, body: o };
  }
  const filters = [...query.entries()].filter(([k]) => !k.startsWith('_') && k !== 'authkey');
  return {
    status: 200,
    body: list.filter((o) => filters.every(([k, v]) => (/^\d+$/.test(v) ? o[k] === Number(v) : o[k] === v))),
  };
}

export async function restmachine(statePath: string, id: Identity, path: string, p: Params): Promise<Reply> {
  switch (path) {
    case 'cloudbroker/computenode/list': {
      requireGroups(id, LEVELS);
      const gid = intParam(p, 'gid', true);
      return { status: 200, body: readState(statePath).stacks.filter((st) => gid === undefined || st.gid === gid) };
    }
    case 'cloudapi/images/list': {
      if (id.via === 'guest') throw new PortalError(401, MSG_401);
      const accountId = intParam(p, 'accountId', true);
      intParam(p, 'cloudspaceId', true);
      return {
        status: 200,
        body: readState(statePath)
          .images.filter(
            (i) =>
              i.status === 'CREATED' &&
              i.referenceId &&
              (i.accountId === 0 || (accountId !== undefined && i.accountId === accountId)),
          )
          .map(({ id: iid, name, description, type, size, username, accountId: acc, status }) => ({
            id: iid,
            name,
            description,
            type,
            size,
            username,
            accountId: acc,
            status,
          })),
      };
    }
    case 'cloudbroker/image/updateNodes': {
      requireGroups(id, LEVELS);
      const imageId = intParam(p, 'imageId')!;
      const enabled = intListParam(p, 'enabledStacks');
      await updateState(statePath, (s) => {
        findImage(s, imageId);
        for (const st of s.stacks) {
          const has = st.images.includes(imageId);
          if (enabled.includes(st.id) && !has) st.images.push(imageId); // $addToSet
          if (!enabled.includes(st.id) && has) st.images = st.images.filter((x) => x !== imageId); // $pull
        }
      });
      return { status: 200, body: true };
    }
    case 'cloudbroker/image/enable':
    case 'cloudbroker/image/disable': {
      requireGroups(id, LEVELS);
      const imageId = intParam(p, 'imageId')!;
      const enable = path.endsWith('enable') && !path.endsWith('disable');
      await updateState(statePath, (s) => {
        const image = findImage(s, imageId);
        if (image.status === 'DELETED' || image.status === 'DESTROYED') {
          throw new PortalError(
            400,
            `Can not ${enable ? 'enable' : 'disable'} an image which is ${image.status.toLowerCase()}`,
          );
        }
        image.status = enable ? 'CREATED' : 'DISABLED';
      });
      return { status: 200, body: true };
    }
    case 'cloudbroker/image/delete': {
      requireGroups(id, LEVELS);
      const imageId = intParam(p, 'imageId')!;
      const permanently = boolParam(p, 'permanently', false);
      await updateState(statePath, (s) => {
        const image = findImage(s, imageId);
        if (image.status !== 'CREATED') throw new PortalError(400, 'Can not delete an image which is not created yet.');
        image.status = permanently ? 'DESTROYED' : 'DELETED';
        image.deletionTime = Math.floor(Date.now() / 1000);
        for (const st of s.stacks) st.images = st.images.filter((x) => x !== imageId);
        if (permanently) s.vdisks = s.vdisks.filter((v) => v.guid !== image.referenceId); // the OVS template goes too
      });
      return { status: 200, body: true };
    }
    default:
      throw new PortalError(404, `Could not find method ${path}`);
  }
}
