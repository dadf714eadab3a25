/** Reads a recipe file as UTF-8 text; an unreadable, binary/non-UTF-8 or too large file is a value, not a throw. */
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export type ReadResult = { text: string } | { problem: string };

export function readRecipeFile(filePath: string): ReadResult {
  let fd: number | undefined;
  try {
    // one open + fstat + read: no separate stat by path (the CLI reads ~3 files per folder)
    fd = fs.openSync(filePath, 'r');
    const size = fs.fstatSync(fd).size;
    if (size > MAX_FILE_BYTES) return { problem: `${(size / 1048576).toFixed(1)} MB, over the 5 MB limit for recipe files, so it is not checked. A recipe is a few lines of text: is this the right file?` };
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
    return { text: buf.toString('utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: `unreadable (${code ?? (e as Error).message}), so it is not checked.` };
  } finally {
    if (fd !== undefined) try { fs.closeSync(fd); } catch { /* already closed */ }
  }
}
