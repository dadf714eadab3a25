import type { HrdEntry, Span } from './HrdModel';

/**
 * A dict entry or list item of a collection value. Its positions are kept as document offsets (numbers stored in
 * the object) and a `Span` object is built only when one is read: the parse result lives through a whole
 * validation, and every object it holds is copied by each young-generation garbage collection, so one object per
 * entry instead of up to five is most of the parse's cost on a large file (docs/benchmarks.md, issue 14).
 */
export class CollectionEntry implements HrdEntry {
  kept = true;

  constructor(
    readonly key: string,
    readonly value: string,
    readonly line: number,
    readonly merged: boolean,
    readonly ownValue: string,
    /** keySpan (start −1: a list item or a dict item without ':'); whole span; value span; end of ownSpan. */
    private readonly keyStart: number,
    private readonly keyEnd: number,
    private readonly wholeStart: number,
    private readonly wholeEnd: number,
    private readonly valueStart: number,
    private readonly valueEnd: number,
    private readonly ownEnd: number,
  ) {}

  get keySpan(): Span | undefined {
    return this.keyStart < 0 ? undefined : { start: this.keyStart, end: this.keyEnd };
  }

  get valueSpan(): Span {
    return { start: this.valueStart, end: this.valueEnd };
  }

  /** key..value without the separating comma (the value span when there is no key). */
  get span(): Span {
    return this.keyStart < 0 ? this.valueSpan : { start: this.wholeStart, end: this.wholeEnd };
  }

  get ownSpan(): Span {
    return { start: this.valueStart, end: this.merged ? this.ownEnd : this.valueEnd };
  }
}
