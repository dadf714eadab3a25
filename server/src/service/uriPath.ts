/** `file://` URIs <-> absolute paths (other schemes map to their path part, which is enough for file-kind checks). */
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try { return fileURLToPath(uri); } catch { /* fall through */ }
  }
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(uri);
  if (m) {
    try { return decodeURIComponent(m[1] ?? '/'); } catch { return m[1] ?? '/'; }
  }
  return uri;
}

export function pathToUri(p: string): string { return pathToFileURL(p).href; }
