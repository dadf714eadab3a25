/**
 * Reads the output of `ays install` on ovc_git (Fabric 1.x echo lines with the node's `ays` output
 * nested inside, domain.md §3.5) into a result the UI maps onto recipe diagnostics.
 * Success is the exit code 0; the failures found explain a non-zero exit.
 */
export type FailureKind =
  | 'missing-export-key' // KeyError: 'source' (or dest/url/checkmd5) → service.hrd
  | 'no-image-export' // No image export defined in service → service.hrd
  | 'ftp-not-found' // FTP 550 → service.hrd source
  | 'download-missing' // Disk Image <dest> does not exist (the download did not happen)
  | 'invalid-local-path' // Local path is an invalid path → dest
  | 'template-not-found' // no templates found for <domain>__<image> (not pushed / wrong name)
  | 'template-ambiguous' // multiple templates found
  | 'node-not-found' // cannot find service __node.ssh__<node>
  | 'node-credentials' // the node.ssh service lacks a key/password
  | 'ovs-template' // Template did not become available on OVS
  | 'edge-connection' // Could not find edge connection
  | 'git-pull-failed'
  | 'command-not-found'
  | 'key-error'
  | 'runtime-error'
  | 'traceback'
  | 'error-condition' // ***ERROR*** block
  | 'operational-error' // Operational Critical Error block
  | 'input-error' // ***INPUT ERROR*** block
  | 'fabric-fatal' // Fatal error: sudo() received nonzero return code N
  | 'exit-code'; // non-zero exit, nothing recognised

export interface InstallFailure {
  kind: FailureKind;
  /** A plain explanation. */
  message: string;
  /** The output line it was recognised from. */
  evidence?: string;
  file?: 'service.hrd' | 'actions.py';
  /** service.hrd key (e.g. `source`, `web.export`), when the failure points at one. */
  key?: string;
  /** 1-based line in actions.py (from a traceback frame). */
  line?: number;
  /** fabric-fatal: the remote return code. */
  returnCode?: number;
}

export interface InstallResult {
  ok: boolean;
  exitCode: number | null;
  failures: InstallFailure[];
  /** Set when the output shows the image registration (sandbox / verbose output); absent otherwise. */
  registered?: { name?: string; referenceId?: string };
}

/** `[10.0.0.5:22] out: text` → `text`; also `[host] err:`. */
export function stripFabricPrefix(line: string): string {
  return line.replace(/^\[[^\]\s]+\] (?:out|err):\s?/, '');
}

interface Rule {
  re: RegExp;
  make: (m: RegExpExecArray) => Omit<InstallFailure, 'evidence'>;
}

const EXPORT_KEYS = ['source', 'dest', 'url', 'checkmd5'];
const RULES: Rule[] = [
  {
    re: /KeyError: '([^']*)'/,
    make: (m) =>
      EXPORT_KEYS.includes(m[1])
        ? {
            kind: 'missing-export-key',
            file: 'service.hrd',
            key: m[1],
            message: `a web.export entry has no '${m[1]}' (or it was lost to an HRD syntax error): every web.export.N needs url, source, dest and checkmd5`,
          }
        : { kind: 'key-error', message: `KeyError '${m[1]}' during the install` },
  },
  {
    re: /No image export defined in service/,
    make: () => ({
      kind: 'no-image-export',
      file: 'service.hrd',
      key: 'web.export',
      message: 'registerImage found no web.export.N in the instance: add a web.export.1 block to service.hrd',
    }),
  },
  {
    re: /(?:error_perm|IOError|URLError|ftp[^:]*error)\W.*\b550\b\s*(.*)$|^550[ -](.*)$/i,
    make: (m) => ({
      kind: 'ftp-not-found',
      file: 'service.hrd',
      key: 'source',
      message: `the FTP server answered 550 (no such file): check url and source${(m[1] ?? m[2]) ? ` (${(m[1] ?? m[2]).trim()})` : ''}`,
    }),
  },
  {
    re: /Disk Image (\S+) does not exist/,
    make: (m) => ({
      kind: 'download-missing',
      file: 'service.hrd',
      key: 'dest',
      message: `the image file ${m[1]} was not downloaded: check url/source (a 404 is not an error for urllib) and dest`,
    }),
  },
  {
    re: /Local path is an invalid path/,
    make: () => ({
      kind: 'invalid-local-path',
      file: 'service.hrd',
      key: 'dest',
      message: 'dest is not a valid local path on the node',
    }),
  },
  {
    re: /no templates found for (\S+?)\.? Be more precise/,
    make: (m) => ({
      kind: 'template-not-found',
      file: 'service.hrd',
      message: `ovc_git has no template ${m[1]}: is the recipe folder committed and pushed, and named like the image?`,
    }),
  },
  {
    re: /multiple templates found for (\S+?)\.? Be more precise/,
    make: (m) => ({
      kind: 'template-ambiguous',
      file: 'service.hrd',
      message: `${m[1]} exists more than once on ovc_git (two domains or a duplicate folder): remove the duplicate`,
    }),
  },
  {
    re: /cannot find service\s+(\S+)/,
    make: (m) => ({
      kind: 'node-not-found',
      message: `there is no node.ssh service ${m[1].replace(/^_+/, '')} in the environment repo: check the node name`,
    }),
  },
  {
    re: /multiple service found/,
    make: () => ({ kind: 'node-not-found', message: 'more than one node.ssh service matches the node name' }),
  },
  {
    re: /can't connect to the node, should provide or password or a key/,
    make: () => ({
      kind: 'node-credentials',
      message: 'the node.ssh service has no key or password to reach the node',
    }),
  },
  {
    re: /Template did not become available on OVS at (\S+)/,
    make: (m) => ({ kind: 'ovs-template', message: `the template ${m[1]} did not appear on Open vStorage in time` }),
  },
  {
    re: /Could not find edge connection/,
    make: () => ({ kind: 'edge-connection', message: 'the node could not find an Open vStorage edge connection' }),
  },
  {
    re: /Not possible to fast-forward|fatal: Could not read from remote repository|Permission denied \(publickey\)/,
    make: (m) => ({
      kind: 'git-pull-failed',
      message: /fast-forward/.test(m[0])
        ? 'git pull --ff-only failed on ovc_git: its checkout has diverged from origin'
        : 'git pull on ovc_git could not reach origin: is agent forwarding on and the key loaded in your agent?',
    }),
  },
  {
    re: /\b(ays|git): (?:command )?not found/,
    make: (m) => ({ kind: 'command-not-found', message: `'${m[1]}' is not installed or not on PATH on ovc_git` }),
  },
  {
    re: /Fatal error: (\w+)\(\) received nonzero return code (\d+)/,
    make: (m) => ({
      kind: 'fabric-fatal',
      returnCode: Number(m[2]),
      message: `the ${m[1]}() command on the node failed with return code ${m[2]}`,
    }),
  },
];

const BLOCKS: Array<{ re: RegExp; kind: FailureKind; what: string }> = [
  { re: /^\*\*\*ERROR\*\*\*/, kind: 'error-condition', what: 'JumpScale error' },
  { re: /#+\s*Operational Critical Error\s*#+/, kind: 'operational-error', what: 'operational critical error' },
  { re: /^\*\*\*INPUT ERROR\*\*\*/, kind: 'input-error', what: 'input error' },
];

function blockMessage(lines: string[], from: number): string | undefined {
  for (let j = from; j < Math.min(lines.length, from + 8); j++) {
    const l = lines[j].trim();
    if (!l || /^#+$/.test(l) || /^(type\/level|category|level|tags|backtrace)\s*:/i.test(l) || /^\*+/.test(l)) continue;
    return l;
  }
  return undefined;
}

export function parseInstallOutput(output: string, exitCode: number | null): InstallResult {
  const lines = output.split(/\r?\n/).map(stripFabricPrefix);
  const failures: InstallFailure[] = [];
  const seen = new Set<string>();
  const add = (f: InstallFailure) => {
    const k = `${f.kind}|${f.evidence ?? f.message}`;
    if (!seen.has(k)) {
      seen.add(k);
      failures.push(f);
    }
  };
  let registered: InstallResult['registered'];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const t = line.trim();
    if (!t) continue;
    for (const r of RULES) {
      const m = r.re.exec(t);
      if (m) add({ ...r.make(m), evidence: t });
    }
    for (const b of BLOCKS) {
      if (b.re.test(t)) {
        const msg = blockMessage(lines, i + 1);
        add({ kind: b.kind, message: `${b.what}${msg ? ': ' + msg : ''}`, evidence: msg ?? t });
      }
    }
    if (/^Traceback \(most recent call last\):/.test(t)) {
      let actionsLine: number | undefined;
      let j = i + 1;
      for (; j < lines.length; j++) {
        const fm = /^\s*File "([^"]+)", line (\d+)/.exec(lines[j]);
        if (fm) {
          if (/(^|\/)actions\.py$/.test(fm[1])) actionsLine = Number(fm[2]);
          continue;
        }
        if (/^\s/.test(lines[j]) || !lines[j].trim()) continue;
        break;
      }
      const exc = (lines[j] ?? '').trim();
      add({
        kind: 'traceback',
        message: `Python traceback${exc ? ': ' + exc : ''}`,
        evidence: exc || t,
        ...(actionsLine ? { file: 'actions.py' as const, line: actionsLine } : {}),
      });
    } else if (/^RuntimeError: /.test(t) && !failures.some((f) => f.evidence === t)) {
      add({ kind: 'runtime-error', message: t, evidence: t });
    }
    const reg = /registered image\s+'([^']+)'(?:.*referenceId[=: ]+([\w-]+))?/i.exec(t);
    if (reg) registered = { name: reg[1], referenceId: reg[2] };
  }
  if (exitCode !== 0 && !failures.length) {
    add({
      kind: 'exit-code',
      message: exitCode === null ? 'the install did not report an exit status' : `ays install exited with ${exitCode}`,
    });
  }
  // Specific failures (pointing at a recipe file) first, then the generic shapes.
  const rank = (f: InstallFailure) =>
    f.file
      ? 0
      : [
            'fabric-fatal',
            'traceback',
            'error-condition',
            'operational-error',
            'input-error',
            'runtime-error',
            'exit-code',
          ].includes(f.kind)
        ? 2
        : 1;
  failures.sort((a, b) => rank(a) - rank(b));
  return { ok: exitCode === 0, exitCode, failures, ...(registered ? { registered } : {}) };
}
