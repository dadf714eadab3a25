#!/usr/bin/env node
// The one prerequisite step that `npm start`, `npm test` and .ci/run take first, on a fresh Debian
// machine as on a used one: the Debian packages the sandbox, the SSH tests and the real VS Code
// need (installed with apt-get when running as root, otherwise the exact command is printed and the
// step fails), /run/sshd, and code-server (scripts/install-code-server.sh, with progress).
// Known failures end with a clear message and exit code 1, never a stack trace.
//   node scripts/prereq.mjs [--for=start|test] [--packages-only] [--code-server=4.100.3,latest]
// Test hooks: AYS_PREREQ_ROOT prefixes the file probes (sshd, gssapi.h), AYS_PREREQ_NO_INSTALL=1
// never runs apt-get; commands are looked up on PATH.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export class PrereqError extends Error {}

const onPath = (cmd) =>
  (process.env.PATH ?? '').split(delimiter).some((d) => {
    try {
      accessSync(join(d, cmd), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
const hasFile = (p) => existsSync((process.env.AYS_PREREQ_ROOT ?? '') + p);

/** Debian package → how we know it is there, and which command needs it. */
export const PACKAGES = [
  { pkg: 'openssh-server', what: '/usr/sbin/sshd', ok: () => hasFile('/usr/sbin/sshd') },
  { pkg: 'openssh-client', what: 'ssh, ssh-keygen', ok: () => onPath('ssh') && onPath('ssh-keygen') },
  { pkg: 'ripgrep', what: 'rg', ok: () => onPath('rg') },
  { pkg: 'git', what: 'git', ok: () => onPath('git') },
  { pkg: 'python3', what: 'python3', ok: () => onPath('python3') },
  { pkg: 'openssl', what: 'openssl', ok: () => onPath('openssl') },
  { pkg: 'unzip', what: 'unzip', ok: () => onPath('unzip') },
  {
    pkg: 'libkrb5-dev',
    what: '/usr/include/gssapi/gssapi.h (code-server build)',
    ok: () => hasFile('/usr/include/gssapi/gssapi.h'),
  },
  {
    pkg: 'chromium',
    what: 'chromium (tests drive the workbench)',
    ok: () => onPath('chromium') || onPath('chromium-browser'),
    only: 'test',
  },
  { pkg: 'strace', what: 'strace (the no-DNS check of the tests)', ok: () => onPath('strace'), only: 'test' },
];

export function missingPackages(purpose = 'test') {
  return PACKAGES.filter((p) => (!p.only || p.only === purpose) && !p.ok());
}

const isRoot = () => process.getuid?.() === 0;

/** Installs the missing packages with apt-get (root), or throws a PrereqError with the exact command. */
export function ensurePackages(purpose = 'test', log = console.log) {
  const missing = missingPackages(purpose);
  if (!missing.length) return [];
  const names = missing.map((m) => m.pkg);
  const list = missing.map((m) => `  ${m.pkg.padEnd(15)} for ${m.what}`).join('\n');
  const cmd = `apt-get install -y ${names.join(' ')}`;
  if (!isRoot() || !onPath('apt-get') || process.env.AYS_PREREQ_NO_INSTALL) {
    throw new PrereqError(
      `missing Debian packages:\n${list}\nInstall them, then run this again:\n\n  ${isRoot() ? '' : 'sudo '}apt-get update && ${isRoot() ? '' : 'sudo '}${cmd}\n`,
    );
  }
  log(`prereq: installing Debian packages (apt-get, about 1–2 min the first time):\n${list}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-q'],
    ['install', '-y', '-q', ...names],
  ]) {
    log(`$ apt-get ${args.join(' ')}`);
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0)
      throw new PrereqError(
        `apt-get ${args[0]} failed (exit ${r.status ?? r.signal}). Run it yourself:\n\n  apt-get update && ${cmd}\n`,
      );
  }
  const still = missingPackages(purpose);
  if (still.length)
    throw new PrereqError(
      `apt-get finished but these are still missing: ${still.map((m) => `${m.pkg} (${m.what})`).join(', ')}`,
    );
  return names;
}

/** sshd refuses to start as root without its privilege separation directory. */
export function ensureRunSshd() {
  if (isRoot() && hasFile('/usr/sbin/sshd') && !existsSync('/run/sshd'))
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
}

/** Installs (once) the given code-server versions ('4.100.3', 'latest', …); returns their package folders. */
export function ensureCodeServers(versions) {
  return versions.map((v) => {
    const r = spawnSync('bash', [join(ROOT, 'scripts/install-code-server.sh'), v], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (r.status !== 0) throw new PrereqError(`installing code-server ${v} failed (see the output above)`);
    return r.stdout.trim().split('\n').pop();
  });
}

export function ensureNodeModules() {
  if (
    !existsSync(join(ROOT, 'node_modules/.package-lock.json')) &&
    !existsSync(join(ROOT, 'node_modules/typescript'))
  ) {
    throw new PrereqError('node_modules is missing: run `npm ci` first (README: `npm ci && npm start`)');
  }
}

/** The whole step; prints the reason and exits 1 on a known failure. */
export function prereq({ purpose = 'test', codeServers = [], packagesOnly = false } = {}) {
  try {
    ensurePackages(purpose);
    ensureRunSshd();
    if (packagesOnly) return;
    ensureNodeModules();
    ensureCodeServers(codeServers);
  } catch (e) {
    if (!(e instanceof PrereqError)) throw e;
    console.error(`\nprereq: ${e.message}`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const purpose = arg('for') ?? 'test';
  const cs = arg('code-server');
  prereq({ purpose, packagesOnly: process.argv.includes('--packages-only'), codeServers: cs ? cs.split(',') : [] });
  console.log('prereq: ok');
}
