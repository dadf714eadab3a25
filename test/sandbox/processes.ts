/** Finding and ending the processes a sandbox started (Linux /proc), never by name. */
import { readdirSync, readFileSync } from 'node:fs';

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((n) => /^\d+$/.test(n))
      .map(Number);
  } catch {
    return [];
  }
}

/** A process's state letter (R, S, Z, …) and parent pid, from /proc/PID/stat (the command may hold ')'). */
function procStat(pid: number): { state: string; ppid: number } | undefined {
  const stat = readProc(pid, 'stat');
  const m = stat && /\)\s+(\S+)\s+(\d+)/.exec(stat.slice(stat.lastIndexOf(')')));
  return m ? { state: m[1], ppid: Number(m[2]) } : undefined;
}

/** Every descendant of `root` (children, grandchildren, …). */
export function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const pid of allPids()) {
    const st = procStat(pid);
    if (st) parent.set(pid, st.ppid);
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [c, pp] of parent)
      if (pp === p && !out.includes(c)) {
        out.push(c);
        walk(c);
      }
  };
  walk(root);
  return out;
}

/** Processes whose environment holds `NAME=value` exactly (the sandbox's `ays` exports AYS_SANDBOX_CONFIG). */
export function processesWithEnv(name: string, value: string): number[] {
  const needle = `${name}=${value}`;
  return allPids().filter(
    (pid) => pid !== process.pid && (readProc(pid, 'environ') ?? '').split('\0').includes(needle),
  );
}

/** The running (not zombie) children of `parent`, with their command lines (arguments each ended by NUL). */
export function liveChildren(parent: number): { pid: number; cmdline: string }[] {
  const out: { pid: number; cmdline: string }[] = [];
  for (const pid of allPids()) {
    const st = procStat(pid);
    const cmdline = st && st.ppid === parent && st.state !== 'Z' ? readProc(pid, 'cmdline') : undefined;
    if (cmdline !== undefined) out.push({ pid, cmdline });
  }
  return out;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after `graceMs` for what is left. */
export async function terminate(pids: number[], graceMs = 1500): Promise<void> {
  for (const p of pids) {
    try {
      process.kill(p, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  const end = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  for (const p of pids.filter(alive)) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}
