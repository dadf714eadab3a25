/**
 * `file://` URIs <-> absolute paths, with vscode-uri: the encoding VS Code itself uses (`= , @` and
 * spaces percent-encoded), so URIs the service builds equal the ones the editor sends. Other schemes
 * map to their path part, which is enough for file-kind checks.
 */
import { URI } from 'vscode-uri';

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return URI.parse(uri).fsPath;
    } catch {
      /* fall through */
    }
  }
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(uri);
  if (m) {
    try {
      return decodeURIComponent(m[1] ?? '/');
    } catch {
      return m[1] ?? '/';
    }
  }
  return uri;
}

export function pathToUri(p: string): string {
  return URI.file(p).toString();
}
