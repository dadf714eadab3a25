/** Display names derived from a template folder name, and the configure body scaffold. */
import type { ActionsContext } from './actionsTypes';
import { basename } from './registerBinding';

const CASING: Record<string, string> = {
  ubuntu: 'Ubuntu',
  centos: 'CentOS',
  debian: 'Debian',
  windows: 'Windows',
  fedora: 'Fedora',
  rhel: 'RHEL',
  redhat: 'RedHat',
  coreos: 'CoreOS',
  freebsd: 'FreeBSD',
  opensuse: 'openSUSE',
  suse: 'SUSE',
  pfsense: 'pfSense',
  ipxe: 'iPXE',
  x64: 'x64',
  x86: 'x86',
  amd64: 'amd64',
  arch: 'Arch',
  alpine: 'Alpine',
  gentoo: 'Gentoo',
};

/** `image_ubuntu-2204` → `Ubuntu 2204`, `image_centos-7` → `CentOS 7`, `image_windows-2019` → `Windows 2019`. */
export function displayNameFromFolder(folder: string): string {
  const words = folder
    .replace(/^image_/i, '')
    .split(/[-_\s]+/)
    .filter(Boolean);
  return words.map((w) => CASING[w.toLowerCase()] ?? w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** Body lines of a `configure` that registers the image under the context's profile. */
export function configureBody(ctx: ActionsContext): string[] {
  const name = displayNameFromFolder(ctx.folderName).replace(/'/g, "\\'") || 'My image';
  const windows = /windows/i.test(ctx.folderName);
  const type = windows ? "'Windows', 20, username='Cloudscalers'" : "'Linux', 10";
  const lines = ['from CloudscalerLibcloud.imageutil import registerImage', `name = '${name}'`];
  if (ctx.settings.profile === 'legacy') {
    const dest = ctx.siblingServiceHrd?.lastExportDest;
    lines.push(`imagename = '${dest ? basename(dest) : ctx.folderName.replace(/^image_/i, '') + '.qcow2'}'`);
    lines.push(`registerImage(serviceObj, name, imagename, ${type})`);
  } else lines.push(`registerImage(serviceObj, name, ${type})`);
  return lines;
}
