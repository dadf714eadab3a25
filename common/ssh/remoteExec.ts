/**
 * One remote command on an open ssh2 Client: streamed stdout/stderr, exit code or signal, a timeout,
 * and cancel through an AbortSignal. Cancel sends SIGINT on the channel, waits a grace period, then
 * kills the remote process group from a second exec (`kill -TERM -- -PGID`, then KILL), so nothing
 * survives on the host. The group id is printed first on stderr behind a marker and stripped.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel } from 'ssh2';
import { SshError, sshError } from './errors';

export interface ExecOptions {
  onStdout?: (text: string) => void;
  onStderr?: (text: string) => void;
  signal?: AbortSignal;
  /** Forward the local agent on this channel (the connection must have been opened with an agent). */
  agentForward?: boolean;
  /** Kill the command after this many ms (error code `timeout`). */
  timeoutMs?: number;
  /** Between SIGINT on the channel and the process-group kill. Default 1000 ms. */
  killGraceMs?: number;
}

export interface ExecResult {
  /** null when the command did not report an exit status (cancelled, killed, connection lost). */
  exitCode: number | null;
  /** The signal that ended the remote command, e.g. 'TERM'. */
  exitSignal?: string;
  /** cancelled / timeout / connection-lost / channel. */
  error?: SshError;
  /** Remote process group id, when it was reported. */
  pgid?: number;
  durationMs: number;
}

const MARKER = '@@ays-recipes-pgid:';
/** Prints the process group before running `command`. */
export function wrapWithPgidReport(command: string): string {
  // sshd makes the session's shell a session (and group) leader, so $$ is the group id; `echo` is a builtin (no fork).
  return `echo "${MARKER}$$@@" >&2\n${command}`;
}

/** Waits for a line on stdin: `kill` kills the group (TERM, then KILL), anything else (or EOF) does nothing. */
function killGroupCommand(pgid: number): string {
  return `read -r go; if [ "$go" = kill ]; then kill -TERM -- -${pgid} 2>/dev/null; sleep 0.3; kill -KILL -- -${pgid} 2>/dev/null; fi; true`;
}

function execChannel(client: Client, command: string, agentForward: boolean): Promise<ClientChannel | Error> {
  return new Promise((resolve) => {
    try {
      client.exec(
        command,
        (agentForward ? { agentForward: true } : {}) as never,
        (err: Error | undefined, stream: ClientChannel) => resolve(err ?? stream),
      );
    } catch (e) {
      resolve(e as Error);
    }
  });
}

/** Waits for `p` or `ms`, whichever comes first; the timer is cleared, so it never keeps the process alive. */
async function within(p: Promise<unknown>, ms: number): Promise<void> {
  let t: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      p,
      new Promise<void>((r) => {
        t = setTimeout(r, ms);
      }),
    ]);
  } finally {
    clearTimeout(t);
  }
}

/** A channel's stream errors end up as a missing exit status (reported); never as an unhandled 'error' event. */
function ignoreErrors(ch: ClientChannel): void {
  ch.on('error', () => undefined);
  ch.stderr.on('error', () => undefined);
}

/**
 * The process-group kill, armed ahead of time: its channel (and the remote shell, which may read slow
 * rc files) starts at once, so that cost overlaps the INT grace period. `fire` kills the group and
 * resolves when the kill ran (at most `timeoutMs`); `disarm` ends it without killing.
 */
function armKiller(client: Client, pgid: number): { fire(timeoutMs: number): Promise<void>; disarm(): void } {
  const opening = execChannel(client, killGroupCommand(pgid), false).then((ch) => {
    if (ch instanceof Error) return undefined;
    ignoreErrors(ch);
    ch.on('data', () => undefined);
    ch.stderr.on('data', () => undefined);
    return { ch, closed: new Promise<void>((resolve) => ch.on('close', () => resolve())) };
  });
  return {
    async fire(timeoutMs) {
      const end = Date.now() + timeoutMs;
      let k: Awaited<typeof opening>;
      await within(
        opening.then((x) => {
          k = x;
        }),
        timeoutMs,
      );
      if (!k) return;
      try {
        k.ch.end('kill\n');
      } catch {
        /* channel gone */
      }
      await within(k.closed, Math.max(0, end - Date.now()));
      try {
        k.ch.close();
      } catch {
        /* ignore */
      }
    },
    disarm() {
      void opening.then((k) => {
        try {
          k?.ch.end();
          k?.ch.close();
        } catch {
          /* ignore */
        }
      });
    },
  };
}

export interface ExecContext {
  client: Client;
  /** True once the underlying connection closed or failed. */
  isClosed(): boolean;
  /** Resolves when the underlying connection closes. */
  closed: Promise<SshError | undefined>;
  describe: string;
}

export async function remoteExec(ctx: ExecContext, command: string, o: ExecOptions = {}): Promise<ExecResult> {
  const t0 = Date.now();
  const done = (r: Omit<ExecResult, 'durationMs'>): ExecResult => ({ ...r, durationMs: Date.now() - t0 });
  if (o.signal?.aborted) return done({ exitCode: null, error: sshError('cancelled', 'cancelled before start') });
  if (ctx.isClosed())
    return done({ exitCode: null, error: sshError('connection-lost', `the connection to ${ctx.describe} is closed`) });
  const ch = await execChannel(ctx.client, wrapWithPgidReport(command), !!o.agentForward);
  if (ch instanceof Error) {
    return done({
      exitCode: null,
      error: sshError(
        ctx.isClosed() ? 'connection-lost' : 'channel',
        `cannot start the command on ${ctx.describe}: ${ch.message}`,
      ),
    });
  }

  let pgid: number | undefined;
  let exitCode: number | null = null;
  let exitSignal: string | undefined;
  let sawExit = false;
  let stopping: SshError | undefined;
  const outDec = new StringDecoder('utf8');
  const errDec = new StringDecoder('utf8');
  let errHead = '';
  let headDone = false;
  let pgidKnown: () => void = () => undefined;
  const pgidPromise = new Promise<void>((resolve) => {
    pgidKnown = resolve;
  });

  ignoreErrors(ch);
  ch.on('data', (b: Buffer) => {
    const s = outDec.write(b);
    if (s) o.onStdout?.(s);
  });
  ch.stderr.on('data', (b: Buffer) => {
    let s = errDec.write(b);
    if (!headDone) {
      errHead += s;
      const nl = errHead.indexOf('\n');
      if (nl < 0 && errHead.length < 200) return;
      headDone = true;
      const first = nl < 0 ? errHead : errHead.slice(0, nl);
      const m = first.startsWith(MARKER) ? /^@@ays-recipes-pgid:(\d+)@@$/.exec(first.trim()) : null;
      if (m) {
        pgid = Number(m[1]);
        pgidKnown();
        s = nl < 0 ? '' : errHead.slice(nl + 1);
      } else s = errHead;
      errHead = '';
    }
    if (s) o.onStderr?.(s);
  });
  ch.on('exit', (code: number | null, signal?: string) => {
    sawExit = true;
    if (typeof code === 'number') exitCode = code;
    if (signal) exitSignal = signal.replace(/^SIG/, '');
  });

  const closed = new Promise<void>((resolve) => ch.on('close', () => resolve()));

  let stopPromise: Promise<void> | undefined;
  let markStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    markStopped = resolve;
  });
  const stop = (why: SshError) => {
    if (stopping) return;
    stopping = why;
    stopPromise = stopSequence().finally(() => markStopped());
  };
  const stopSequence = async () => {
    const grace = o.killGraceMs ?? 1000;
    // The group id is printed before the command starts: wait for it (or for the channel to end).
    await within(Promise.race([pgidPromise, closed]), Math.max(grace, 10000));
    const killer = pgid !== undefined && !ctx.isClosed() ? armKiller(ctx.client, pgid) : undefined;
    try {
      ch.signal('INT');
    } catch {
      /* channel already gone */
    }
    await within(closed, grace);
    // Background children may ignore INT and outlive the channel: the group is always killed.
    if (killer && !ctx.isClosed()) await killer.fire(5000);
    else killer?.disarm();
    try {
      ch.close();
    } catch {
      /* ignore */
    }
    // Never hang on a channel the server keeps open.
    await within(closed, 3000);
  };

  const onAbort = () => {
    stop(sshError('cancelled', 'cancelled; the remote command was interrupted and its process group killed'));
  };
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = o.timeoutMs
    ? setTimeout(() => {
        stop(sshError('timeout', `the command did not finish within ${o.timeoutMs} ms and was stopped`));
      }, o.timeoutMs)
    : undefined;

  const connLost = ctx.closed.then((e) => e);
  await Promise.race([closed, connLost.then(() => undefined), stopped]);
  // Give the channel a moment to deliver a trailing exit status.
  await within(closed, 50);
  o.signal?.removeEventListener('abort', onAbort);
  if (timer) clearTimeout(timer);
  // Wait for the kill sequence to finish before reporting.
  if (stopPromise) await stopPromise;
  const tail = errDec.end();
  if (errHead || tail) o.onStderr?.(errHead + tail);
  const outTail = outDec.end();
  if (outTail) o.onStdout?.(outTail);

  if (stopping) return done({ exitCode, exitSignal, pgid, error: stopping });
  if (!sawExit) {
    const lost = ctx.isClosed();
    return done({
      exitCode: null,
      pgid,
      error: sshError(
        lost ? 'connection-lost' : 'channel',
        lost
          ? `the connection to ${ctx.describe} dropped while the command was running; its outcome is unknown`
          : `the command channel on ${ctx.describe} closed without an exit status`,
      ),
    });
  }
  return done({ exitCode, exitSignal, pgid });
}
