/**
 * The file system as the pure language service sees it: the few reads it needs, injected. The node
 * implementation is server/src/node/nodeFileSystem.ts (CLI and LSP); MemoryFileSystem.ts holds files in memory
 * (unit tests, texts that are not on disk). No `node:fs` import in server/src/service/ (eslint.config.mjs).
 */

/** A directory entry (fs.Dirent fits as is). */
export interface DirEntry {
  readonly name: string;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/** What a path is (fs.Stats fits as is). */
export interface FileStat {
  isDirectory(): boolean;
}

/**
 * A raw read of a recipe file: its bytes, or why not. It never blocks (a FIFO without a writer) and never reads
 * more than `maxBytes`; the messages are made by recipe/readRecipeFile.ts.
 */
export type RawRead =
  | { bytes: Uint8Array }
  /** a FIFO, socket or device */
  | { notRegular: true }
  /** the size on disk, over maxBytes (nothing read) */
  | { tooLarge: number }
  /** fewer bytes than its size (the file changed while read) */
  | { short: true }
  /** the error code (ENOENT, EACCES, …) or message */
  | { error: string };

export interface FileSystem {
  /** Reads a regular file of at most `maxBytes` bytes. */
  readFile(path: string, maxBytes: number): RawRead;
  /** undefined when the path does not exist (or cannot be stat'ed). */
  stat(path: string): FileStat | undefined;
  exists(path: string): boolean;
  /** The entries of a directory; undefined when it cannot be read. */
  readDir(path: string): DirEntry[] | undefined;
}
