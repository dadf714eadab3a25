/**
 * Checks the base-protocol framing of an LSP byte stream (stdio) before vscode-jsonrpc reads it (issue 10 item 7).
 * vscode-jsonrpc reports a missing Content-Length once and then reads the body as the next header, and waits
 * forever for LF-only headers, a negative or a huge Content-Length: the server stays alive but silent. Here any
 * such frame calls `onBroken` (the server then exits, so that the client restarts it); good bytes pass unchanged.
 */
import { Transform, type Readable } from 'node:stream';

/** Larger messages are not LSP traffic of this server (a whole 1 MB actions.py is ~1.1 MB of JSON). */
export const MAX_CONTENT_LENGTH = 64 * 1024 * 1024;
const MAX_HEADER_BYTES = 8 * 1024;
const CR = 13;
const LF = 10;

export function guardFraming(input: Readable, onBroken: (reason: string) => void): Readable {
  let header: number[] = [];
  let bodyLeft = 0;
  let broken = false;
  const fail = (reason: string) => {
    if (broken) return;
    broken = true;
    onBroken(reason);
  };
  /** Validates one complete header block (without the final CRLFCRLF); returns the body length. */
  const headerDone = (text: string): number | undefined => {
    let length: number | undefined;
    for (const line of text.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) {
        fail(`malformed header line ${JSON.stringify(line.slice(0, 80))}`);
        return undefined;
      }
      if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
      const v = line.slice(colon + 1).trim();
      if (!/^\d{1,12}$/.test(v)) {
        fail(`Content-Length ${JSON.stringify(v.slice(0, 40))} is not a non-negative integer`);
        return undefined;
      }
      length = Number(v);
    }
    if (length === undefined) {
      fail('a header block without Content-Length');
      return undefined;
    }
    if (length > MAX_CONTENT_LENGTH) {
      fail(`Content-Length ${length} is over the ${MAX_CONTENT_LENGTH}-byte limit`);
      return undefined;
    }
    return length;
  };
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (broken) {
        done();
        return;
      }
      let i = 0;
      while (i < chunk.length) {
        if (bodyLeft > 0) {
          const n = Math.min(bodyLeft, chunk.length - i);
          bodyLeft -= n;
          i += n;
          continue;
        }
        const b = chunk[i++];
        if (b === LF && header[header.length - 1] !== CR) {
          fail('a header line ended by LF only (the protocol needs CRLF)');
          break;
        }
        header.push(b);
        const n = header.length;
        if (n >= 4 && header[n - 4] === CR && header[n - 3] === LF && header[n - 2] === CR && header[n - 1] === LF) {
          const length = headerDone(Buffer.from(header.slice(0, n - 4)).toString('ascii'));
          header = [];
          if (length === undefined) break;
          bodyLeft = length;
        } else if (n > MAX_HEADER_BYTES) {
          fail(`a header block over ${MAX_HEADER_BYTES} bytes`);
          break;
        }
      }
      if (broken) {
        done();
        return;
      }
      done(null, chunk);
    },
  });
  input.pipe(guard);
  return guard;
}
