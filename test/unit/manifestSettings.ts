import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** package.json (the repository root, from out/test/unit/). */
export function manifest(): {
  contributes: { configuration: Array<{ properties: Record<string, ManifestSetting> }> };
} & Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
}

export type ManifestSetting = Record<string, any>;

/** Every setting declared in package.json, over its titled sections (`contributes.configuration` is an array). */
export function declaredSettings(): Record<string, ManifestSetting> {
  return Object.assign({}, ...manifest().contributes.configuration.map((s) => s.properties));
}
