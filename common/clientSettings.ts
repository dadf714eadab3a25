/**
 * The extension's own settings (`aysRecipes.*` read by the client, not by the language service): one
 * table of their types, defaults and bounds, the same as package.json's contributes.configuration
 * (test/unit/settings/clientSettings.test.ts checks it). The client reads them with `setting(key)`
 * (client/src/settings.ts); the language-service settings are common/settings.ts.
 */

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
/** Passed on as written (undefined: the default), for a validator that explains what is wrong. */
interface JsonSetting {
  kind: 'json';
  default: unknown;
}

export const CLIENT_SETTINGS = {
  /** Validated further by common/environments (the same code as the CLI's --config FILE). */
  environments: { kind: 'json', default: [] } as JsonSetting,
  'images.refreshSeconds': { kind: 'number', default: 60, minimum: 0 } as NumberSetting,
  'install.alwaysConfirm': { kind: 'boolean', default: false } as BooleanSetting,
  'install.concurrency': { kind: 'number', default: 4, minimum: 1, maximum: 32 } as NumberSetting,
  'install.timeoutMinutes': { kind: 'number', default: 30, minimum: 0 } as NumberSetting,
  'ssh.connectTimeoutSeconds': { kind: 'number', default: 20, minimum: 1 } as NumberSetting,
  'ssh.knownHostsFiles': { kind: 'string[]', default: [] } as StringListSetting,
};

export type ClientSettingKey = keyof typeof CLIENT_SETTINGS;
export type ClientSettingValue<K extends ClientSettingKey> = (typeof CLIENT_SETTINGS)[K]['default'];

/**
 * A raw configuration value (settings.json may hold anything) as the declared type: a missing or
 * mistyped value is the default, a number out of bounds is clamped, a list keeps its strings; a `json`
 * value (environments) is passed on as written, for its validator to explain what is wrong.
 */
export function coerceSetting<K extends ClientSettingKey>(key: K, raw: unknown): ClientSettingValue<K> {
  const spec: NumberSetting | BooleanSetting | StringListSetting | JsonSetting = CLIENT_SETTINGS[key];
  switch (spec.kind) {
    case 'number': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return spec.default as ClientSettingValue<K>;
      return Math.min(spec.maximum ?? Infinity, Math.max(spec.minimum ?? -Infinity, raw)) as ClientSettingValue<K>;
    }
    case 'boolean':
      return (typeof raw === 'boolean' ? raw : spec.default) as ClientSettingValue<K>;
    case 'string[]':
      return (
        Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [...spec.default]
      ) as ClientSettingValue<K>;
    case 'json':
      return (raw === undefined || raw === null ? structuredClone(spec.default) : raw) as ClientSettingValue<K>;
  }
}
