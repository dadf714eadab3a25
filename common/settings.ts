/**
 * The language-service settings, shared by the extension (aysRecipes.*), the server and the CLI.
 * Declared once in package.json (contributes.configuration); docs/settings.md is checked against it.
 */
export type RuleSeverity = 'off' | 'error' | 'warning' | 'information' | 'hint';

/** `current`: registerImage(service, name, type, disksize, …) since 2016-06; `legacy`: the 5-argument imagename form. */
export type RegisterImageProfile = 'current' | 'legacy';

export interface RecipeSettings {
  /** Which registerImage signature the environment runs. */
  profile: RegisterImageProfile;
  /** Per-rule override: `off` silences a rule; another value replaces its severity. */
  rules: Record<string, RuleSeverity>;
  validation: {
    /** Glob patterns (relative to the workspace folder) left out of the workspace index. */
    exclude: string[];
    /** Milliseconds to wait after a keystroke before validating. */
    debounceMs: number;
  };
}

export const DEFAULT_SETTINGS: RecipeSettings = {
  profile: 'current',
  rules: {},
  validation: { exclude: ['**/node_modules/**', '**/.git/**'], debounceMs: 150 },
};

/** Merges a partial (possibly user-typed, untrusted) settings object over the defaults. */
export function resolveSettings(input: unknown): RecipeSettings {
  const o = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const v = (o.validation && typeof o.validation === 'object' ? o.validation : {}) as Record<string, unknown>;
  const rules: Record<string, RuleSeverity> = {};
  if (o.rules && typeof o.rules === 'object') {
    for (const [k, val] of Object.entries(o.rules as object)) {
      if (['off', 'error', 'warning', 'information', 'hint'].includes(String(val))) rules[k] = val as RuleSeverity;
    }
  }
  return {
    profile: o.profile === 'legacy' ? 'legacy' : 'current',
    rules,
    validation: {
      exclude: Array.isArray(v.exclude)
        ? v.exclude.filter((x: unknown) => typeof x === 'string')
        : DEFAULT_SETTINGS.validation.exclude,
      debounceMs:
        typeof v.debounceMs === 'number' && Number.isFinite(v.debounceMs) && v.debounceMs >= 0
          ? v.debounceMs
          : DEFAULT_SETTINGS.validation.debounceMs,
    },
  };
}
