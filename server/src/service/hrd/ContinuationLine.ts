import type { BlockLine, Span } from './HrdModel';

/**
 * A line of a block value (a continuation line, or a line of a `b`/`bqp` block): the line is its own span, so a
 * parse keeps one object per line instead of two (the parse result lives through a whole validation, and every
 * object it holds is copied by each young-generation garbage collection; docs/benchmarks.md, issue 14).
 */
export class ContinuationLine implements BlockLine, Span {
  constructor(
    readonly line: number,
    readonly text: string,
    /** Document offsets of `text`. */
    readonly start: number,
    readonly end: number,
  ) {}

  get span(): Span {
    return this;
  }
}
