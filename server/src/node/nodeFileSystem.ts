/**
 * The FileSystem of the pure language service (server/src/service/FileSystem.ts) on the real disk, for the CLI
 * and the language server. The only place under server/src where the service's disk reads happen.
 */
import * as fs from 'node:fs';
import type { FileSystem, RawRead } from '../service/FileSystem';

const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * One open + fstat + read: no separate stat by path (the CLI reads ~3 files per folder). O_NONBLOCK: opening a
 * FIFO without a writer would otherwise wait forever; only a regular file is read.
 */
function readFile(filePath: string, maxBytes: number): RawRead {
  let fd: number | undefined;
  try {
    fd = fs.openSync(filePath, OPEN_FLAGS);
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { notRegular: true };
    const size = st.size;
    if (size > maxBytes) return { tooLarge: size };
    const buf = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const n = fs.readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    if (off < size) return { short: true };
    return { bytes: buf };
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  } finally {
    if (fd !== undefined)
      try {
        fs.closeSync(fd);
      } catch {
        /* already closed */
      }
  }
}

export const nodeFileSystem: FileSystem = {
  readFile,
  stat(p) {
    try {
      return fs.statSync(p);
    } catch {
      return undefined;
    }
  },
  exists: (p) => fs.existsSync(p),
  readDir(p) {
    try {
      return fs.readdirSync(p, { withFileTypes: true });
    } catch {
      return undefined;
    }
  },
};
