/**
 * Every `aysRecipes.*` setting the client reads: one table of their types, defaults and bounds, the
 * same as package.json's contributes.configuration (test/unit/settings/clientSettings.test.ts checks
 * it). The client reads them with `setting(key)` (client/src/settings.ts) and nowhere else; the
 * language server reads its own (common/settings.ts), `profile` being one both read.
 */
import type { RegisterImageProfile } from './settings';

interface NumberSetting {
  kind: 'number';
  default: number;
  minimum?: number;
  maximum?: number;
}
interface StringListSetting {
  kind: 'string[]';
  default: string[];
}
interface BooleanSetting {
  kind: 'boolean';
  default: boolean;
}
/** One of `values`; anything else is the default (as the language server's resolveSettings reads it). */
interface EnumSetting<T extends string> {
  kind: 'enum';
  values: readonly T[];
  default: T;
}
/** Passed on as written (undefined: the default), for a validator that explains what is wrong. */
interface JsonSetting {
  kind: 'json';
  default: unknown;
}

export const CLIENT_SETTINGS = {
  /** Validated further by common/environments (the same code as the CLI's --config FILE). */
  environments: { kind: 'json', default: [] } as JsonSetting,
  /** The language server reads it too (common/settings.ts); the client for the status bar and new actions.py files. */
  profile: { kind: 'enum', values: ['current', 'legacy'], default: 'current' } as EnumSetting<RegisterImageProfile>,
  'portal.timeoutSeconds': { kind: 'number', default: 60, minimum: 1 } as NumberSetting,
  'portal.maxResponseMB': { kind: 'number', default: 32, minimum: 1 } as NumberSetting,
  'images.refreshSeconds': { kind: 'number', default: 60, minimum: 0 } as NumberSetting,
  'install.alwaysConfirm': { kind: 'boolean', default: false } as BooleanSetting,
  'install.concurrency': { kind: 'number', default: 4, minimum: 1, maximum: 32 } as NumberSetting,
  'install.timeoutMinutes': { kind: 'number', default: 30, minimum: 0 } as NumberSetting,
  'ssh.connectTimeoutSeconds': { kind: 'number', default: 20, minimum: 1 } as NumberSetting,
  'ssh.knownHostsFiles': { kind: 'string[]', default: [] } as StringListSetting,
  /** Where the language server runs (client/src/serverHost.ts). */
  'server.runtime': { kind: 'enum', values: ['thread', 'process'], default: 'thread' } as EnumSetting<
    'thread' | 'process'
  >,
};

export type ClientSettingKey = keyof typeof CLIENT_SETTINGS;
export type ClientSettingValue<K extends ClientSettingKey> = (typeof CLIENT_SETTINGS)[K]['default'];

/**
 * A raw configuration value (settings.json may hold anything) as the declared type: a missing or
 * mistyped value (or one not in an enum) is the default, a number out of bounds is clamped, a list
 * keeps its strings; a `json` value (environments) is passed on as written, for its validator to
 * explain what is wrong.
 */
export function coerceSetting<K extends ClientSettingKey>(key: K, raw: unknown): ClientSettingValue<K> {
  const spec: NumberSetting | BooleanSetting | StringListSetting | JsonSetting | EnumSetting<string> =
    CLIENT_SETTINGS[key];
  switch (spec.kind) {
    case 'number': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return spec.default as ClientSettingValue<K>;
      return Math.min(spec.maximum ?? Infinity, Math.max(spec.minimum ?? -Infinity, raw)) as ClientSettingValue<K>;
    }
    case 'boolean':
      return (typeof raw === 'boolean' ? raw : spec.default) as ClientSettingValue<K>;
    case 'enum':
      return (spec.values.includes(raw as string) ? raw : spec.default) as ClientSettingValue<K>;
    case 'string[]':
      return (
        Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [...spec.default]
      ) as ClientSettingValue<K>;
    case 'json':
      return (raw === undefined || raw === null ? structuredClone(spec.default) : raw) as ClientSettingValue<K>;
  }
}
