/** What a CLI command may touch: its streams, working directory and environment (injectable for tests). */
export interface CliIo {
  out: { write(s: string): unknown };
  /** `isTTY`: stderr is a terminal (progress lines are drawn only there). */
  err: { write(s: string): unknown; isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C; commands that run remote work honour it. */
  signal?: AbortSignal;
}

/** A subcommand: its one-line summary for --help, its usage text, and its runner (returns the exit code). */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Exit codes shared by every subcommand. */
export const EXIT = { ok: 0, failed: 1, usage: 2, hostKey: 3 } as const;
