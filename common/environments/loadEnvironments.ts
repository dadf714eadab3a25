/**
 * Loading and validating environment arrays: from a JSON `--config FILE` (an array, or an object with
 * `environments` or `aysRecipes.environments`), or from a workspace's .vscode/settings.json
 * (`aysRecipes.environments`, JSONC). Defaults: port 22, user root, agentForward true,
 * domain = basename(repoPath). Errors are values with a JSON-ish path.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, posix } from 'node:path';
import { normalizeRepoPath, validateName, validateRepoPath } from '../install/names';
import { parseJsonc } from './jsonc';
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

function validateOne(v: unknown, i: number, o: ValidateOptions): { env?: ResolvedEnvironment; errors: EnvironmentError[] } {
  const errors: EnvironmentError[] = [];
  const at = (p: string) => `[${i}]${p}`;
  const err = (p: string, message: string) => errors.push({ code: 'env-invalid', path: at(p), message: `${o.file ? o.file + ': ' : ''}environment ${at(p)}: ${message}`, file: o.file });
  if (!isObj(v)) { err('', 'must be an object'); return { errors }; }
  const nameErr = validateName('environment', v.name);
  if (nameErr) err('.name', nameErr.message);
  const g = v.ovcGit;
  let ovcGit: ResolvedEnvironment['ovcGit'] | undefined;
  if (!isObj(g)) err('.ovcGit', 'must be an object with at least "host"');
  else {
    if (typeof g.host !== 'string' || !/^[A-Za-z0-9._:%-]+$/.test(g.host) || g.host.startsWith('-')) err('.ovcGit.host', `invalid host ${JSON.stringify(g.host)}`);
    if (g.port !== undefined && (!Number.isInteger(g.port) || (g.port as number) < 1 || (g.port as number) > 65535)) err('.ovcGit.port', `must be an integer 1-65535, got ${JSON.stringify(g.port)}`);
    if (g.user !== undefined && (typeof g.user !== 'string' || !/^[A-Za-z0-9._][A-Za-z0-9._-]*$/.test(g.user))) err('.ovcGit.user', `invalid user ${JSON.stringify(g.user)}`);
    if (g.identityFile !== undefined && (typeof g.identityFile !== 'string' || !g.identityFile)) err('.ovcGit.identityFile', 'must be a file path');
    if (g.agentForward !== undefined && typeof g.agentForward !== 'boolean') err('.ovcGit.agentForward', 'must be true or false');
    let identityFile = typeof g.identityFile === 'string' && g.identityFile ? g.identityFile : undefined;
    if (identityFile && !isAbsolute(identityFile) && !identityFile.startsWith('~') && o.baseDir) identityFile = join(o.baseDir, identityFile);
    ovcGit = {
      host: String(g.host), port: (g.port as number) ?? DEFAULT_SSH_PORT, user: (g.user as string) ?? DEFAULT_SSH_USER,
      identityFile, agentForward: g.agentForward === undefined ? true : g.agentForward === true,
    };
  }
  const pathErr = validateRepoPath(v.repoPath);
  if (pathErr) err('.repoPath', pathErr.message);
  const repoPath = typeof v.repoPath === 'string' ? normalizeRepoPath(v.repoPath) : '';
  const domain = v.domain === undefined ? posix.basename(repoPath) : v.domain;
  const domErr = validateName('domain', domain);
  if (domErr) err('.domain', domErr.message);
  let nodes: string[] | 'discovered' = 'discovered';
  if (v.nodes === 'discovered' || v.nodes === undefined) nodes = 'discovered';
  else if (Array.isArray(v.nodes)) {
    nodes = [];
    v.nodes.forEach((n, k) => { const e = validateName('node', n); if (e) err(`.nodes[${k}]`, e.message); else (nodes as string[]).push(n as string); });
  } else err('.nodes', 'must be an array of node names or "discovered"');
  if (v.portal !== undefined && (!isObj(v.portal) || typeof v.portal.url !== 'string')) err('.portal', 'must be an object with a "url"');
  if (errors.length || !ovcGit) return { errors };
  return {
    errors,
    env: { name: v.name as string, ovcGit, repoPath, domain: domain as string, nodes, portal: v.portal as PortalTarget | undefined, raw: v as unknown as Environment },
  };
}

/** Validates an (untrusted) array of environment definitions. Valid entries are kept even when others fail. */
export function validateEnvironments(value: unknown, options: ValidateOptions = {}): EnvironmentsResult {
  if (!Array.isArray(value)) {
    return { environments: [], errors: [{ code: 'env-invalid', message: `${options.file ? options.file + ': ' : ''}environments must be an array`, file: options.file }] };
  }
  const environments: ResolvedEnvironment[] = [];
  const errors: EnvironmentError[] = [];
  value.forEach((v, i) => {
    const r = validateOne(v, i, options);
    errors.push(...r.errors);
    if (!r.env) return;
    if (environments.some((e) => e.name === r.env!.name)) {
      errors.push({ code: 'env-duplicate', path: `[${i}].name`, message: `environment [${i}]: the name '${r.env.name}' is used twice`, file: options.file });
      return;
    }
    environments.push(r.env);
  });
  return { environments, errors };
}

/** `--config FILE`: a JSON(C) array, or `{ "environments": [...] }`, or a settings-style `{ "aysRecipes.environments": [...] }`. */
export function loadEnvironmentsFile(file: string): EnvironmentsResult {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    return { environments: [], errors: [{ code: 'env-file', file, message: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }] };
  }
  const parsed = parseJsonc(text);
  if (!parsed.ok) return { environments: [], errors: [{ code: 'env-file', file, message: `${file} is not valid JSON: ${parsed.message}` }] };
  const v = parsed.value;
  const list = Array.isArray(v) ? v : isObj(v) ? (v[SETTINGS_KEY] ?? v.environments ?? (isObj(v.aysRecipes) ? v.aysRecipes.environments : undefined)) : undefined;
  if (list === undefined) return { environments: [], errors: [{ code: 'env-missing', file, message: `${file} has no environments (expected an array, "environments" or "${SETTINGS_KEY}")` }] };
  return validateEnvironments(list, { file, baseDir: dirname(file) });
}

/** The workspace's .vscode/settings.json → `aysRecipes.environments` (comments and trailing commas tolerated). */
export function loadWorkspaceEnvironments(workspaceDir: string): EnvironmentsResult {
  const file = join(workspaceDir, '.vscode', 'settings.json');
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch {
    return { environments: [], errors: [{ code: 'env-missing', file, message: `no ${file}; give --config FILE or define "${SETTINGS_KEY}" there` }] };
  }
  const parsed = parseJsonc(text);
  if (!parsed.ok) return { environments: [], errors: [{ code: 'env-file', file, message: `${file} is not valid JSON: ${parsed.message}` }] };
  const v = parsed.value;
  const list = isObj(v) ? v[SETTINGS_KEY] : undefined;
  if (list === undefined) return { environments: [], errors: [{ code: 'env-missing', file, message: `${file} does not define "${SETTINGS_KEY}"` }] };
  return validateEnvironments(list, { file, baseDir: workspaceDir });
}

export function findEnvironment(result: EnvironmentsResult, name: string): ResolvedEnvironment | EnvironmentError {
  const env = result.environments.find((e) => e.name === name);
  if (env) return env;
  const invalid = result.errors.filter((e) => e.path?.startsWith('[')).map((e) => e.message);
  const known = result.environments.map((e) => e.name);
  return { code: 'env-not-found', message: `no environment '${name}'${known.length ? ` (known: ${known.join(', ')})` : ''}${invalid.length ? `; invalid entries: ${invalid.join('; ')}` : ''}` };
}

/** What the SSH layer resolves: only explicitly written port/user, so ~/.ssh/config can supply them. */
export function sshTargetInput(env: ResolvedEnvironment): { host: string; port?: number; user?: string; identityFile?: string } {
  return { host: env.ovcGit.host, port: env.raw.ovcGit.port, user: env.raw.ovcGit.user, identityFile: env.ovcGit.identityFile };
}
