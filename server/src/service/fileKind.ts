/** The kinds of file the service knows, and the per-kind tables the providers (providers/) dispatch on. */

export type FileKind = 'hrd' | 'actions' | 'other';

export function fileKindOf(filePath: string): FileKind {
  if (/\.hrd$/i.test(filePath)) return 'hrd';
  if (/(^|[\\/])actions\.py$/.test(filePath)) return 'actions';
  return 'other';
}

/** One implementation of a feature per file kind; a kind without an entry gets the feature's empty answer. */
export type KindTable<F> = Partial<Record<FileKind, F>>;
