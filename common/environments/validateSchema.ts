/**
 * ajv over the environment JSON schema (schema.ts), compiled on first use, with its errors turned
 * into one plain message per offending value: `[i].ovcGit.port: must be an integer 1-65535, got 99999`.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ENVIRONMENT_SCHEMA } from './schema';

export interface SchemaError {
  /** Below the environment: `.ovcGit.port`, `.nodes[1]`, or `` for the environment itself. */
  path: string;
  message: string;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    // Loaded on first use: nothing that only imports loadEnvironments (activation, `ays-recipes check`) pays for ajv.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = (require('ajv') as typeof import('ajv')).default;
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    // VS Code's schema keywords: annotations for ajv, read back below.
    ajv.addVocabulary(['patternErrorMessage', 'errorMessage', 'markdownDescription']);
    compiled = ajv.compile(ENVIRONMENT_SCHEMA);
  }
  return compiled;
}

/** `/ovcGit/port` → `.ovcGit.port`, `/nodes/1` → `.nodes[1]`. */
function toPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
    .join('');
}

function describe(e: ErrorObject): SchemaError {
  const schema = (e.parentSchema ?? {}) as { errorMessage?: string; patternErrorMessage?: string };
  const path = toPath(e.instancePath);
  if (e.keyword === 'required')
    return { path: `${path}.${(e.params as { missingProperty: string }).missingProperty}`, message: 'is required' };
  if (e.keyword === 'additionalProperties') {
    const allowed = Object.keys((schema as { properties?: object }).properties ?? {}).join(', ');
    return {
      path: `${path}.${(e.params as { additionalProperty: string }).additionalProperty}`,
      message: `unknown property (known: ${allowed})`,
    };
  }
  if (e.keyword === 'type' && e.instancePath === '') return { path, message: 'must be an object' };
  const why =
    schema.errorMessage ??
    (e.keyword === 'pattern' ? schema.patternErrorMessage : undefined) ??
    e.message ??
    'is invalid';
  return { path, message: `${why}, got ${JSON.stringify(e.data)}` };
}

/** The schema errors of one environment (empty when it is valid). */
export function schemaErrors(value: unknown): SchemaError[] {
  const validate = validator();
  if (validate(value)) return [];
  const all = validate.errors ?? [];
  // A failed oneOf reports every alternative: when one alternative got deeper (nodes: ["ok", "x;y"]),
  // its error is the one to show; otherwise the oneOf's own errorMessage says what is expected.
  const fromAlternatives = (e: ErrorObject) => e.schemaPath.includes('/oneOf');
  const hasDeeper = (e: ErrorObject) => all.some((o) => o.instancePath.startsWith(e.instancePath + '/'));
  const hasOneOfAt = (path: string) => all.some((o) => o.keyword === 'oneOf' && o.instancePath === path);
  const kept = all.filter(
    (e) => !fromAlternatives(e) || (!hasDeeper(e) && (e.keyword === 'oneOf' || !hasOneOfAt(e.instancePath))),
  );
  const seen = new Set<string>();
  return kept.map(describe).filter((d) => {
    const key = `${d.path}\n${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
