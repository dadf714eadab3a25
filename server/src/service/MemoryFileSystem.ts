/**
 * An in-memory FileSystem (see FileSystem.ts): absolute paths → text or bytes; directories are implied by the
 * files below them. For unit tests of the pure service and for texts that are not on disk.
 */
import * as path from 'node:path';
import type { DirEntry, FileStat, FileSystem, RawRead } from './FileSystem';

const encoder = new TextEncoder();

function entry(name: string, dir: boolean): DirEntry {
  return { name, isFile: () => !dir, isDirectory: () => dir, isSymbolicLink: () => false };
}

export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, Uint8Array>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [p, content] of Object.entries(files)) this.write(p, content);
  }

  /** Creates or replaces a file. */
  write(filePath: string, content: string | Uint8Array): void {
    this.files.set(path.resolve(filePath), typeof content === 'string' ? encoder.encode(content) : content);
  }

  /** Deletes a file, or every file below a directory. */
  remove(p: string): void {
    const abs = path.resolve(p);
    this.files.delete(abs);
    for (const k of [...this.files.keys()]) if (k.startsWith(abs + path.sep)) this.files.delete(k);
  }

  private isDir(p: string): boolean {
    const prefix = p.endsWith(path.sep) ? p : p + path.sep;
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }

  readFile(filePath: string, maxBytes: number): RawRead {
    const abs = path.resolve(filePath);
    const bytes = this.files.get(abs);
    if (!bytes) return { error: this.isDir(abs) ? 'EISDIR' : 'ENOENT' };
    return bytes.length > maxBytes ? { tooLarge: bytes.length } : { bytes };
  }

  stat(p: string): FileStat | undefined {
    const abs = path.resolve(p);
    if (this.files.has(abs)) return { isDirectory: () => false };
    return this.isDir(abs) ? { isDirectory: () => true } : undefined;
  }

  exists(p: string): boolean {
    return this.stat(p) !== undefined;
  }

  readDir(dir: string): DirEntry[] | undefined {
    const abs = path.resolve(dir);
    const prefix = abs.endsWith(path.sep) ? abs : abs + path.sep;
    const seen = new Map<string, boolean>();
    for (const k of this.files.keys()) {
      if (!k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      const i = rest.indexOf(path.sep);
      const name = i < 0 ? rest : rest.slice(0, i);
      seen.set(name, (seen.get(name) ?? false) || i >= 0);
    }
    if (!seen.size) return undefined; // a file, or nothing: no empty directories in memory
    return [...seen.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([n, d]) => entry(n, d));
  }
}
