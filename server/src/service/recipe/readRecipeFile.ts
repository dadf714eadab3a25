/**
 * Reads a recipe file as UTF-8 text; an unreadable, non-regular (FIFO, device, socket), binary/non-UTF-8 or too
 * large file is a value, not a throw, and never blocks: the file is opened with O_NONBLOCK and only a regular file
 * is read.
 */
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import { contentProblem, sizeProblem } from './limits';

export type ReadResult = { text: string } | { problem: string };

const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

export function readRecipeFile(filePath: string): ReadResult {
  let fd: number | undefined;
  try {
    // one open + fstat + read: no separate stat by path (the CLI reads ~3 files per folder). O_NONBLOCK: opening a
    // FIFO without a writer would otherwise wait forever.
    fd = fs.openSync(filePath, OPEN_FLAGS);
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { problem: 'not a regular file (a FIFO, socket or device), so it is not read or checked. Replace it with a plain text file.' };
    const size = st.size;
    const tooLarge = sizeProblem(filePath, size);
    if (tooLarge) return { problem: tooLarge };
    const buf = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const n = fs.readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    if (off < size) return { problem: 'shorter than its size on disk (changing while read?), so it is not checked.' };
    if (!isUtf8(buf)) return { problem: 'not UTF-8 text, so it is not checked. Save it as UTF-8 (AYS reads recipes as plain text).' };
    if (buf.includes(0)) return { problem: 'binary (it contains NUL bytes), so it is not checked. Save it as plain UTF-8 text.' };
    const overLines = contentProblem(filePath, buf);
    if (overLines) return { problem: overLines };
    return { text: buf.toString('utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: `unreadable (${code ?? (e as Error).message}), so it is not checked.` };
  } finally {
    if (fd !== undefined) try { fs.closeSync(fd); } catch { /* already closed */ }
  }
}
