/**
 * Reads a recipe file as UTF-8 text through the injected FileSystem; an unreadable, non-regular (FIFO, device,
 * socket), binary/non-UTF-8 or too large file is a value, not a throw, and never blocks (see FileSystem.readFile).
 */
import { isUtf8 } from 'node:buffer';
import type { FileSystem } from '../FileSystem';
import { contentProblem, limitsFor, sizeProblem } from './limits';

export type ReadResult = { text: string } | { problem: string };

export function readRecipeFile(fs: FileSystem, filePath: string): ReadResult {
  const r = fs.readFile(filePath, limitsFor(filePath).bytes);
  if ('notRegular' in r)
    return {
      problem:
        'not a regular file (a FIFO, socket or device), so it is not read or checked. Replace it with a plain text file.',
    };
  if ('tooLarge' in r) return { problem: sizeProblem(filePath, r.tooLarge)! };
  if ('short' in r) return { problem: 'shorter than its size on disk (changing while read?), so it is not checked.' };
  if ('error' in r) return { problem: `unreadable (${r.error}), so it is not checked.` };
  const buf = Buffer.isBuffer(r.bytes) ? r.bytes : Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength);
  if (!isUtf8(buf))
    return { problem: 'not UTF-8 text, so it is not checked. Save it as UTF-8 (AYS reads recipes as plain text).' };
  if (buf.includes(0))
    return { problem: 'binary (it contains NUL bytes), so it is not checked. Save it as plain UTF-8 text.' };
  const overLines = contentProblem(filePath, buf);
  if (overLines) return { problem: overLines };
  return { text: buf.toString('utf8') };
}
