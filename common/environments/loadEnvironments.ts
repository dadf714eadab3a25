/**
 * Loading and validating environment arrays: from a JSON `--config FILE` (an array, or an object with
 * `environments` or `aysRecipes.environments`), or from a workspace's .vscode/settings.json
 * (`aysRecipes.environments`, JSONC). Defaults: port 22, user root, agentForward true,
 * domain = basename(repoPath). Errors are values with a JSON-ish path.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, posix } from 'node:path';
import { normalizeRepoPath, validateName } from '../names';
import { parseJsonc } from './jsonc';
import { schemaErrors } from './validateSchema';
import { Environment, PortalTarget } from './types';

export const DEFAULT_SSH_PORT = 22;
export const DEFAULT_SSH_USER = 'root';
export const SETTINGS_KEY = 'aysRecipes.environments';

/** An environment with every default applied. `raw` keeps what was written (explicit port/user win over ~/.ssh/config, defaults do not). */
export interface ResolvedEnvironment {
  name: string;
  ovcGit: { host: string; port: number; user: string; identityFile?: string; agentForward: boolean };
  repoPath: string;
  domain: string;
  nodes: string[] | 'discovered';
  portal?: PortalTarget;
  raw: Environment;
}

export interface EnvironmentError {
  code: 'env-invalid' | 'env-file' | 'env-not-found' | 'env-duplicate' | 'env-missing';
  message: string;
  /** e.g. `[1].ovcGit.port` */
  path?: string;
  file?: string;
}

export interface EnvironmentsResult {
  environments: ResolvedEnvironment[];
  errors: EnvironmentError[];
}

export interface ValidateOptions {
  /** Relative identityFile paths are resolved against this folder (the config file's or the workspace's). */
  baseDir?: string;
  file?: string;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** One environment: the JSON schema (common/environments/schema.ts) first, then defaults and the derived domain. */
function validateOne(
  v: unknown,
  i: number,
  o: ValidateOptions,
): { env?: ResolvedEnvironment; errors: EnvironmentError[] } {
  const errors: EnvironmentError[] = [];
  const err = (p: string, message: string) =>
    errors.push({
      code: 'env-invalid',
      path: `[${i}]${p}`,
      message: `${o.file ? o.file + ': ' : ''}environment [${i}]${p}: ${message}`,
      file: o.file,
    });
  for (const e of schemaErrors(v)) err(e.path, e.message);
  if (errors.length || !isObj(v)) return { errors };
  const env = v as unknown as Environment;
  const g = env.ovcGit;
  let identityFile = g.identityFile;
  if (identityFile && !isAbsolute(identityFile) && !identityFile.startsWith('~') && o.baseDir)
    identityFile = join(o.baseDir, identityFile);
  const repoPath = normalizeRepoPath(env.repoPath);
  // The default domain is derived, so it is checked here rather than by the schema.
  const domain = env.domain ?? posix.basename(repoPath);
  const domErr = validateName('domain', domain);
  if (domErr) {
    err('.domain', domErr.message);
    return { errors };
  }
  return {
    errors,
    env: {
      name: env.name,
      ovcGit: {
        host: g.host,
        port: g.port ?? DEFAULT_SSH_PORT,
        user: g.user ?? DEFAULT_SSH_USER,
        identityFile,
        agentForward: g.agentForward ?? true,
      },
      repoPath,
      domain,
      nodes: env.nodes ?? 'discovered',
      portal: env.portal,
      raw: env,
    },
  };
}

/** Validates an (untrusted) array of environment definitions. Valid entries are kept even when others fail. */
export function validateEnvironments(value: unknown, options: ValidateOptions = {}): EnvironmentsResult {
  if (!Array.isArray(value)) {
    return {
      environments: [],
      errors: [
        {
          code: 'env-invalid',
          message: `${options.file ? options.file + ': ' : ''}environments must be an array`,
          file: options.file,
        },
      ],
    };
  }
  const environments: ResolvedEnvironment[] = [];
  const errors: EnvironmentError[] = [];
  value.forEach((v, i) => {
    const r = validateOne(v, i, options);
    errors.push(...r.errors);
    if (!r.env) return;
    if (environments.some((e) => e.name === r.env!.name)) {
      errors.push({
        code: 'env-duplicate',
        path: `[${i}].name`,
        message: `environment [${i}]: the name '${r.env.name}' is used twice`,
        file: options.file,
      });
      return;
    }
    environments.push(r.env);
  });
  return { environments, errors };
}

/** Reads a JSON(C) file, picks the environments list out of it and validates it; each failure is one error. */
function loadFromFile(
  file: string,
  how: {
    unreadable: (e: NodeJS.ErrnoException) => EnvironmentError;
    pick: (value: unknown) => unknown;
    /** The message when `pick` finds no list. */
    missing: string;
    baseDir: string;
  },
): EnvironmentsResult {
  const fail = (error: EnvironmentError): EnvironmentsResult => ({ environments: [], errors: [error] });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return fail(how.unreadable(e as NodeJS.ErrnoException));
  }
  const parsed = parseJsonc(text);
  if (!parsed.ok) return fail({ code: 'env-file', file, message: `${file} is not valid JSON: ${parsed.message}` });
  const list = how.pick(parsed.value);
  if (list === undefined) return fail({ code: 'env-missing', file, message: how.missing });
  return validateEnvironments(list, { file, baseDir: how.baseDir });
}

/** `--config FILE`: a JSON(C) array, or `{ "environments": [...] }`, or a settings-style `{ "aysRecipes.environments": [...] }`. */
export function loadEnvironmentsFile(file: string): EnvironmentsResult {
  return loadFromFile(file, {
    unreadable: (e) => ({ code: 'env-file', file, message: `cannot read ${file}: ${e.code ?? e.message}` }),
    pick: (v) =>
      Array.isArray(v)
        ? v
        : isObj(v)
          ? (v[SETTINGS_KEY] ?? v.environments ?? (isObj(v.aysRecipes) ? v.aysRecipes.environments : undefined))
          : undefined,
    missing: `${file} has no environments (expected an array, "environments" or "${SETTINGS_KEY}")`,
    baseDir: dirname(file),
  });
}

/** The workspace's .vscode/settings.json → `aysRecipes.environments` (comments and trailing commas tolerated). */
export function loadWorkspaceEnvironments(workspaceDir: string): EnvironmentsResult {
  const file = join(workspaceDir, '.vscode', 'settings.json');
  return loadFromFile(file, {
    unreadable: () => ({
      code: 'env-missing',
      file,
      message: `no ${file}; give --config FILE or define "${SETTINGS_KEY}" there`,
    }),
    pick: (v) => (isObj(v) ? v[SETTINGS_KEY] : undefined),
    missing: `${file} does not define "${SETTINGS_KEY}"`,
    baseDir: workspaceDir,
  });
}

export function findEnvironment(result: EnvironmentsResult, name: string): ResolvedEnvironment | EnvironmentError {
  const env = result.environments.find((e) => e.name === name);
  if (env) return env;
  const invalid = result.errors.filter((e) => e.path?.startsWith('[')).map((e) => e.message);
  const known = result.environments.map((e) => e.name);
  return {
    code: 'env-not-found',
    message: `no environment '${name}'${known.length ? ` (known: ${known.join(', ')})` : ''}${invalid.length ? `; invalid entries: ${invalid.join('; ')}` : ''}`,
  };
}

/** What the SSH layer resolves: only explicitly written port/user, so ~/.ssh/config can supply them. */
export function sshTargetInput(env: ResolvedEnvironment): {
  host: string;
  port?: number;
  user?: string;
  identityFile?: string;
} {
  return {
    host: env.ovcGit.host,
    port: env.raw.ovcGit.port,
    user: env.raw.ovcGit.user,
    identityFile: env.ovcGit.identityFile,
  };
}
