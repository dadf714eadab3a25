/**
 * The simulated portal's state: ONE JSON file (stacks, images, OVS template vdisks) shared by the
 * portal (this process) and the simulated `registerImage` (Python, test/sandbox/ays/aysim/sandbox.py).
 * Writers take the lock directory `<file>.lock` (mkdir is atomic) and replace the file by rename.
 */
import { mkdirSync, readFileSync, renameSync, rmdirSync, statSync, writeFileSync } from 'node:fs';

export type ImageStatus = 'CREATED' | 'CREATING' | 'DISABLED' | 'DELETED' | 'DESTROYED';

/** A cloudbroker stack (one per CPU node), §5.4. */
export interface StackRecord {
  id: number;
  gid: number;
  name: string;
  referenceId: string;
  status: string;
  images: number[];
  apiUrl: string;
  descr: string;
  type: string;
  login: string;
  passwd: string;
  apikey: string;
  appId: string;
  error: number;
  eco: string | null;
}

/** A cloudbroker image, §5.4 (the fields registerImage writes). `size`/`username`/`type` are loose on purpose: a legacy 5-argument call stores `size: 'Linux'`, `username: 10`. */
export interface ImageRecord {
  id: number;
  guid: number;
  gid: number;
  name: string;
  type: unknown;
  size: unknown;
  username: unknown;
  status: ImageStatus;
  referenceId: string;
  UNCPath: string;
  accountId: number;
  acl: Record<string, unknown>;
  description: string;
  password: string;
  provider_name: string;
  bootType: string;
  hotResize: boolean;
  deletionTime: number;
  url?: string;
  lastModified?: number;
  _ckey: string;
  _meta: unknown[];
}

/** An OVS template in vpool vmstor (what `openvstorage.copyImage` created). */
export interface VdiskRecord {
  name: string;
  guid: string;
  path: string;
  md5: string;
  bytes: number;
  /** First 16 bytes in hex: shows whether a real image or an error page was imported. */
  head: string;
  node: string;
  created: number;
}

export interface PortalState {
  stacks: StackRecord[];
  images: ImageRecord[];
  vdisks: VdiskRecord[];
  nextImageId: number;
}

const PREEXISTING: Array<{
  id: number;
  name: string;
  type: string;
  size: number;
  username: string | null;
  template: string;
  guid: string;
  status: ImageStatus;
  onStacks: 'all' | number[];
  bootType: string;
}> = [
  {
    id: 11,
    name: 'Ubuntu 16.04 x64',
    type: 'Linux',
    size: 10,
    username: null,
    template: 'ubuntu-16.04-server-cloudimg-amd64',
    guid: '827888fb-7eaa-4c6e-a0d2-5a1b3b6f9c01',
    status: 'CREATED',
    onStacks: 'all',
    bootType: 'bios',
  },
  {
    id: 12,
    name: 'Windows 2012r2 Standard',
    type: 'Windows',
    size: 25,
    username: 'Cloudscalers',
    template: 'windows-2012r2-standard',
    guid: '3f1c0d6e-92b4-4a57-8e0f-7c2d9b1a4e02',
    status: 'CREATED',
    onStacks: [1],
    bootType: 'bios',
  },
];

export function initialState(nodes: string[], gid: number): PortalState {
  const stacks: StackRecord[] = nodes.map((name, i) => ({
    id: i + 1,
    gid,
    name,
    referenceId: String(i + 1),
    status: 'ENABLED',
    images: [],
    apiUrl: `qemu+ssh://10.199.0.${11 + i}/system`,
    descr: 'libvirt node',
    type: 'LIBVIRT',
    login: '',
    passwd: '',
    apikey: '',
    appId: '',
    error: 0,
    eco: null,
  }));
  const images: ImageRecord[] = [];
  const vdisks: VdiskRecord[] = [];
  for (const p of PREEXISTING) {
    images.push({
      id: p.id,
      guid: p.id,
      gid,
      name: p.name,
      type: p.type,
      size: p.size,
      username: p.username,
      status: p.status,
      referenceId: p.guid,
      UNCPath: `openvstorage+tcp://10.199.0.1:26203/templates/${p.template}`,
      accountId: 0,
      acl: {},
      description: '',
      password: '',
      provider_name: 'libvirt',
      bootType: p.bootType,
      hotResize: true,
      deletionTime: 0,
      _ckey: '',
      _meta: ['osismodel', 'cloudbroker', 'image', 1],
    });
    for (const s of stacks) if (p.onStacks === 'all' || p.onStacks.includes(s.id)) s.images.push(p.id);
    vdisks.push({
      name: p.template,
      guid: p.guid,
      path: `templates/${p.template}.raw`,
      md5: '',
      bytes: 0,
      head: '',
      node: '',
      created: 0,
    });
  }
  return { stacks, images, vdisks, nextImageId: 13 };
}

export function readState(path: string): PortalState {
  return JSON.parse(readFileSync(path, 'utf8')) as PortalState;
}

export function writeStateFile(path: string, state: PortalState): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2));
  renameSync(tmp, path);
}

async function lock(path: string): Promise<void> {
  const dir = `${path}.lock`;
  const end = Date.now() + 15000;
  for (;;) {
    try {
      mkdirSync(dir);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      try {
        if (Date.now() - statSync(dir).mtimeMs > 30000) {
          rmdirSync(dir);
          continue;
        }
      } catch {
        continue;
      }
      if (Date.now() > end) throw new Error(`portal state is locked: ${dir}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/** Runs `fn` on the state under the shared lock and writes the result atomically. */
export async function updateState<T>(path: string, fn: (s: PortalState) => T): Promise<T> {
  await lock(path);
  try {
    const state = readState(path);
    const result = fn(state);
    writeStateFile(path, state);
    return result;
  } finally {
    try {
      rmdirSync(`${path}.lock`);
    } catch {
      /* already gone */
    }
  }
}
