/** The CLI in process with its output captured: what the CLI, sandbox and SSH tests compare. */
import type { CliIo } from '../server/src/cli/CliIo';

export interface IoOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** stderr is a terminal (progress lines are drawn only there). */
  tty?: boolean;
}

/** A CliIo that keeps stdout and stderr; read them with out() and err(). */
export function captureIo(o: IoOptions): { io: CliIo; out: () => string; err: () => string; text: () => string } {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: { write: (s: string) => (out += s) },
    err: { write: (s: string) => (err += s), ...(o.tty !== undefined ? { isTTY: o.tty } : {}) },
    cwd: o.cwd,
    env: o.env ?? {},
    ...(o.signal ? { signal: o.signal } : {}),
  };
  return { io, out: () => out, err: () => err, text: () => out + err };
}

/** Runs `run(args, io)` (runCli or one command's run) and returns its exit code and output. */
export async function runCaptured(
  run: (args: string[], io: CliIo) => Promise<number>,
  args: string[],
  o: IoOptions,
): Promise<{ code: number; out: string; err: string }> {
  const c = captureIo(o);
  const code = await run(args, c.io);
  return { code, out: c.out(), err: c.err() };
}
