/** Binds the arguments of a `registerImage` call to a profile's parameters, the way Python would. */
import type { CallArg, RegisterCall } from './actionsModel';
import { PROFILES, requiredCount, type RegisterProfile } from './registerImageProfiles';
import type { RegisterImageProfile } from '../../../../common/settings';

export interface Binding {
  profile: RegisterProfile;
  byParam: Map<string, CallArg>;
  /** Python's TypeError for this call, if it would raise one (undefined when unknown because of *args/**kw). */
  typeError?: string;
  /** The argument of each index of call.args, by parameter name (undefined when unbound). */
  paramOfArg: (string | undefined)[];
  hasSplat: boolean;
}

export function bindCall(call: RegisterCall, profileId: RegisterImageProfile): Binding {
  const profile = PROFILES[profileId];
  const names = profile.params.map((p) => p.name);
  const byParam = new Map<string, CallArg>();
  const paramOfArg: (string | undefined)[] = [];
  const hasSplat = call.args.some((a) => a.splat);
  let typeError: string | undefined;
  const positional = call.args.filter((a) => !a.keyword && !a.splat);
  let pi = 0;
  for (const a of call.args) {
    if (a.splat) {
      paramOfArg.push(undefined);
      continue;
    }
    if (!a.keyword) {
      const name = names[pi++];
      paramOfArg.push(name);
      if (name) byParam.set(name, a);
      continue;
    }
    if (!names.includes(a.keyword)) {
      typeError ??= `registerImage() got an unexpected keyword argument '${a.keyword}'`;
      paramOfArg.push(undefined);
    } else if (byParam.has(a.keyword)) {
      typeError ??= `registerImage() got multiple values for keyword argument '${a.keyword}'`;
      paramOfArg.push(a.keyword);
    } else {
      byParam.set(a.keyword, a);
      paramOfArg.push(a.keyword);
    }
  }
  if (!hasSplat && !typeError) {
    const req = requiredCount(profile);
    if (positional.length > names.length) {
      typeError = `registerImage() takes at most ${names.length} arguments (${call.args.length} given)`;
    } else if (profile.params.slice(0, req).some((p) => !byParam.has(p.name))) {
      typeError = `registerImage() takes at least ${req} arguments (${call.args.length} given)`;
    }
  }
  return { profile, byParam, typeError: hasSplat ? undefined : typeError, paramOfArg, hasSplat };
}

const IMAGE_FILE = /\.(qcow2|img|raw|vmdk|vdi|vhdx?|iso)$/i;

function basename(p: string): string {
  return p.replace(/\/+$/, '').split('/').pop() ?? p;
}

/**
 * Whether a call is the legacy `(jp, name, imagename, type, disksize[, username])` form: 5+ positional
 * arguments whose 3rd is the image file (variable `imagename`/`imagepath`, a file-like string, or the
 * `dest` file name), or whose 4th is a string and 5th a number.
 */
export function looksLegacy(call: RegisterCall, lastExportDest?: string): boolean {
  const pos = call.args.filter((a) => !a.keyword && !a.splat);
  if (pos.length < 5 || call.args.some((a) => a.splat)) return false;
  const third = pos[2];
  const v3 = third.resolved?.literal;
  if (third.name && /^image_?(name|path|file)$/i.test(third.name)) return true;
  if (v3?.kind === 'string' && (IMAGE_FILE.test(v3.value) || (lastExportDest && v3.value === basename(lastExportDest))))
    return true;
  const v4 = pos[3].resolved?.literal;
  const v5 = pos[4].resolved?.literal;
  return v3?.kind === 'string' && v4?.kind === 'string' && (v5?.kind === 'int' || v5?.kind === 'float');
}

export { basename };
