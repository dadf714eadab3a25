/** The data model of the loopback portal of portalFixture.ts: stacks, images, users, clients, options, and the default state. */
import type * as http from 'node:http';

export interface FixtureStack {
  id: number;
  gid: number;
  name: string;
  referenceId: string;
  status: string;
  images: number[];
  [k: string]: unknown;
}
export interface FixtureImage {
  id: number;
  gid: number;
  name: string;
  type: string;
  size: number;
  status: string;
  referenceId: string;
  bootType?: string;
  url?: string;
  accountId: number;
  [k: string]: unknown;
}
export interface FixtureUser {
  name: string;
  password: string;
  groups: string[];
}
export interface FixtureClient {
  id: string;
  secret: string;
  user: string;
  groups: string[];
}

export interface FixtureOptions {
  tls?: boolean;
  stacks?: FixtureStack[];
  images?: FixtureImage[];
  /** The restextmachine list answer is `[count, obj, …]` (OSIS search style) instead of a plain array. */
  osisCountPrefix?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface PortalFixture {
  url: string;
  tokenUrl: string;
  /** PEM file of the self-signed certificate (HTTPS only). */
  caFile?: string;
  stacks: FixtureStack[];
  images: FixtureImage[];
  users: FixtureUser[];
  clients: FixtureClient[];
  faults: {
    upgrading: boolean;
    hang: boolean;
    restext404: boolean;
    computenode404: boolean;
    loginsFail: boolean;
    malformed: boolean;
    status502Count: number;
  };
  requests: RecordedRequest[];
  /** Forgets every session and token: the next call with an old one gets 401. */
  expireSessions(): void;
  /** Open TCP connections accepted so far (keep-alive check). */
  connectionCount(): number;
  close(): Promise<void>;
}

export function defaultState(): { stacks: FixtureStack[]; images: FixtureImage[] } {
  const stacks: FixtureStack[] = [1, 2, 3].map((n) => ({
    id: n,
    gid: 1,
    name: `node-0${n}`,
    referenceId: String(10 + n),
    status: n === 3 ? 'MAINTENANCE' : 'ENABLED',
    images: n === 3 ? [1] : [1, 2],
    apiUrl: `qemu+ssh://10.0.0.${n}/system`,
    descr: 'libvirt node',
    type: 'LIBVIRT',
  }));
  stacks.push({
    id: 9,
    gid: 2,
    name: 'other-grid-01',
    referenceId: '99',
    status: 'ENABLED',
    images: [2],
    type: 'LIBVIRT',
  });
  const images: FixtureImage[] = [
    {
      id: 1,
      gid: 1,
      name: 'Ubuntu 16.04 x64',
      type: 'Linux',
      size: 10,
      status: 'CREATED',
      referenceId: 'aa-1',
      bootType: 'bios',
      accountId: 0,
      url: 'ftp://ftp.example.com/Linux/ubuntu/ubuntu1604.qcow2',
    },
    {
      id: 2,
      gid: 1,
      name: 'Windows 2012r2 Standard',
      type: 'Windows',
      size: 25,
      status: 'CREATED',
      referenceId: 'bb-2',
      bootType: 'bios',
      accountId: 0,
    },
    {
      id: 3,
      gid: 1,
      name: 'Old image',
      type: 'Linux',
      size: 10,
      status: 'DISABLED',
      referenceId: 'cc-3',
      accountId: 0,
    },
  ];
  return { stacks, images };
}
