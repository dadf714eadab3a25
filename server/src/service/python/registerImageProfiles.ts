/** The two `registerImage` signatures (domain.md §4.1) and what each argument becomes (§4.2). */
import type { RegisterImageProfile } from '../../../../common/settings';

export interface RegisterParam {
  name: string;
  /** Python default, when optional. */
  default?: string;
  /** What the argument means. */
  meaning: string;
  /** The cloudbroker image-model field it becomes, if any. */
  field?: string;
}

export interface RegisterProfile {
  id: RegisterImageProfile;
  label: string;
  params: RegisterParam[];
  summary: string;
}

const SERVICE_MEANING =
  'The AYS service object passed to `configure` (`serviceObj`). The disk image is the `dest` of the **last** `web.export.N` of its `service.hrd`.';

export const PROFILES: Record<RegisterImageProfile, RegisterProfile> = {
  current: {
    id: 'current',
    label: "registerImage(service, name, type, disksize, username=None, bootType='bios', delete=True, hotResize=True)",
    summary:
      'OpenvCloud since 2016-06 (`bootType` 2018-01, `delete` 2018-04, `hotResize` 2018-07). ' +
      'Converts the `dest` of the last `web.export` into the OVS template `templates/<dest stem>.raw` (an existing template of that name is reused, the new download ignored) ' +
      'and creates the image, available on every stack (CPU node) of the grid. An image whose template already exists is not updated.',
    params: [
      {
        name: 'service',
        meaning: SERVICE_MEANING,
        field: '`referenceId` (OVS template guid) and `UNCPath` (OVS url), from its last `web.export` `dest`',
      },
      {
        name: 'name',
        meaning: 'Display name shown in the Cloud Broker Portal and to users; keep it unique.',
        field: '`name`',
      },
      {
        name: 'type',
        meaning:
          "Image category: `'Linux'`, `'Windows'` or `'Other'`. Only `'Windows'`/`'WINDOWS'` get Windows handling (no cloud-init Linux user).",
        field: '`type`',
      },
      {
        name: 'disksize',
        meaning: 'Minimal boot disk size in GB (an int ≥ 1; at least 20 for Windows, 10 is fine for Linux).',
        field: '`size`',
      },
      {
        name: 'username',
        default: 'None',
        meaning: "Login user of the image (Windows recipes pass `'Cloudscalers'`).",
        field: '`username`',
      },
      { name: 'bootType', default: "'bios'", meaning: "Firmware: `'bios'` or `'uefi'`.", field: '`bootType`' },
      {
        name: 'delete',
        default: 'True',
        meaning:
          'Delete the downloaded `dest` after registering (so the next install always downloads again and `checkmd5` never helps).',
      },
      {
        name: 'hotResize',
        default: 'True',
        meaning: 'Whether VMs of this image can be resized while running.',
        field: '`hotResize`',
      },
    ],
  },
  legacy: {
    id: 'legacy',
    label: 'registerImage(jp, name, imagepath, type, disksize, username=None)',
    summary:
      'OpenvCloud before 2016-06 (the 5-argument "imagename" form, still shown in the docs). ' +
      "Converts `/opt/jumpscale7/var/tmp/templates/<imagepath>` into `/mnt/vmstor/templates/<name>.raw` and attaches the image to the local node's stack only.",
    params: [
      { name: 'jp', meaning: SERVICE_MEANING, field: '`referenceId` (the template) and the local stack' },
      {
        name: 'name',
        meaning: 'Display name shown in the Cloud Broker Portal and to users; keep it unique.',
        field: '`name`',
      },
      {
        name: 'imagepath',
        meaning:
          'The image file name under `/opt/jumpscale7/var/tmp/templates/` (recipes keep it in `imagename`); it must equal the file name of the last `web.export` `dest`.',
        field: '`UNCPath` / template name',
      },
      {
        name: 'type',
        meaning:
          "Image category: `'Linux'`, `'Windows'` or `'Other'`. Only `'Windows'`/`'WINDOWS'` get Windows handling.",
        field: '`type`',
      },
      {
        name: 'disksize',
        meaning: 'Minimal boot disk size in GB (an int ≥ 1; at least 20 for Windows).',
        field: '`size`',
      },
      {
        name: 'username',
        default: 'None',
        meaning: "Login user of the image (Windows recipes pass `'Cloudscalers'`).",
        field: '`username`',
      },
    ],
  },
};

export const IMAGE_TYPES = ['Linux', 'Windows', 'Other'];
export const BOOT_TYPES = ['bios', 'uefi'];

export function requiredCount(p: RegisterProfile): number {
  return p.params.filter((x) => x.default === undefined).length;
}

/** `name=default` or `name`, as in the signature. */
export function paramLabel(p: RegisterParam): string {
  return p.default === undefined ? p.name : `${p.name}=${p.default}`;
}

/** Markdown for one parameter: meaning and image-model field. */
export function paramDoc(p: RegisterParam): string {
  return p.field ? `${p.meaning}\n\nBecomes the image field ${p.field}.` : p.meaning;
}
