/**
 * The parsed-document cache of the open .hrd documents, keyed by uri + version + text, so unchanged text is never
 * parsed twice; it also says why a document is over the size limits (recipe/limits.ts).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { HrdDocument } from './hrd/HrdModel';
import { parseHrd } from './hrd/parseHrd';
import { parseHrdMemo } from './hrd/parseMemo';
import { contentProblem } from './recipe/limits';
import type { FileKind } from './fileKind';
import { uriToPath } from './uriPath';

export interface CacheEntry {
  version: number;
  text: string;
  hrd: HrdDocument;
  diagnostics?: Diagnostic[];
  tooLarge?: string;
}

const EMPTY_HRD = parseHrd('');

export class DocumentCache {
  private readonly cache = new Map<string, CacheEntry>();

  /** The cache entry of an open .hrd document; over the size limits it holds an empty model and the reason. */
  entry(doc: TextDocument): CacheEntry {
    const text = doc.getText();
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.text === text) return hit;
    const tooLarge = contentProblem(uriToPath(doc.uri), text);
    const entry: CacheEntry = tooLarge
      ? { version: doc.version, text, hrd: EMPTY_HRD, tooLarge }
      : { version: doc.version, text, hrd: parseHrdMemo(text) };
    this.cache.set(doc.uri, entry);
    return entry;
  }

  /** The parsed HRD model of an open document. */
  parse(doc: TextDocument): HrdDocument {
    return this.entry(doc).hrd;
  }

  /** Why an open document of this kind is over the size limits (undefined: it is checked). */
  tooLarge(doc: TextDocument, kind: FileKind): string | undefined {
    if (kind === 'hrd') return this.entry(doc).tooLarge;
    return kind === 'actions' ? contentProblem(uriToPath(doc.uri), doc.getText()) : undefined;
  }

  /** Drops the cached parse of a closed document. */
  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
