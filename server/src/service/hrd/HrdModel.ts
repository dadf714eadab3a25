/**
 * The positioned syntax model of an HRD file, plus the value tree AYS would see.
 * Produced by parseHrd(); every span is a [start, end) pair of offsets into the text.
 */
import type { LineIndex } from './LineIndex';

export interface Span {
  start: number;
  end: number;
}

export type HrdValueType = 'string' | 'list' | 'dict' | 'text' | 'ask' | 'binary';

/** How the item was written: `key = v`, `key =` + indented lines, `key = b|bqp` … `#BINARYEND`, `key = @ask,` + lines. */
export type HrdForm = 'single' | 'block' | 'binary' | 'askBlock';

/** One dict entry or list item, with its positions. */
export interface HrdEntry {
  /** Dict key as AYS reads it ('' for list items). */
  key: string;
  /** The value as AYS sees it (quotes removed in multi-line form, kept in single-line form). */
  value: string;
  keySpan?: Span;
  valueSpan: Span;
  /** key..value, without the separating comma. */
  span: Span;
  /** 0-based line where the entry starts. */
  line: number;
  /** True when the entry continues onto the next line because that line's comma is missing. */
  merged: boolean;
  /** The value as written on the entry's own first line (what the author meant when `merged`). */
  ownValue: string;
  /** Span of `ownValue` (equals valueSpan unless `merged`). */
  ownSpan: Span;
  /** False when a later entry with the same key overrides this one. */
  kept: boolean;
}

/** An indented continuation line of a block. */
export interface BlockLine {
  line: number;
  span: Span;
  text: string;
}

export interface HrdItem {
  key: string;
  keySpan: Span;
  /** 0-based line of `key =`. */
  line: number;
  form: HrdForm;
  /** Single-line: the text after '=' (cut at '#', stripped). Blocks: stripped lines joined by '\n'. */
  raw: string;
  /** The value text (single-line) or first..last continuation line (blocks); empty at the '=' when empty. */
  valueSpan: Span;
  blockLines: BlockLine[];
  type: HrdValueType;
  /** string/text/binary: string; list: string[]; dict: ordered [key, value] (last wins) as a Map; ask: raw prompt. */
  value: string | string[] | Map<string, string>;
  entries: HrdEntry[];
  /** Last line of the item (key line or last continuation line). */
  endLine: number;
  /** kept: part of the tree; overridden: a later duplicate wins; dropped: the parser never stored it. */
  status: 'kept' | 'overridden' | 'dropped';
  /** Comment lines directly above the key (the parser keeps them as the item's comments). */
  comments: string[];
}

/** Every place where the JumpScale 7 parser loses or alters data, or reads something unusual. */
export type LossKind =
  | 'line-lost'
  | 'no-final-newline'
  | 'tab-indent'
  | 'comment-in-block'
  | 'hash-cut'
  | 'missing-comma'
  | 'block-not-dict'
  | 'conflict-marker'
  | 'empty-key'
  | 'duplicate-key'
  | 'duplicate-entry'
  | 'double-quotes'
  | 'unquoted-colon'
  | 'quoted-item'
  | 'eval'
  | 'ignored-line'
  | 'orphan-line'
  | 'dict-item-no-colon'
  | 'binary-unterminated'
  /** Benign: a trailing `# comment` after whitespace, outside quotes (nothing is lost). */
  | 'inline-comment'
  /** Benign: a line starting with '@' (ignored by the parser). */
  | 'directive';

export interface LossEvent {
  kind: LossKind;
  span: Span;
  /** The item concerned (the block that ended, the overridden duplicate, …). */
  item?: HrdItem;
  /** Other places: the winning duplicate, the lines lost after a comment, the line that ended a block. */
  related?: Span[];
  /** Short free text used in messages (e.g. the merged value, the dropped line). */
  detail?: string;
}

export type LineKind = 'blank' | 'comment' | 'key' | 'continuation' | 'ignored' | 'directive' | 'binary' | 'lost';

/** A `$(key)` occurrence in a value. */
export interface HrdReference {
  name: string;
  span: Span;
  item: HrdItem;
}

export interface HrdDocument {
  text: string;
  index: LineIndex;
  /** Every key line, in order, including overridden and dropped ones. */
  items: HrdItem[];
  /** The surviving items by key, in first-occurrence order (the value tree's order). */
  keys: Map<string, HrdItem>;
  events: LossEvent[];
  lineKinds: LineKind[];
  references: HrdReference[];
  finalNewline: boolean;
  /** Leading comment block of the file (comment lines before the first key, separated by a blank line). */
  headerComments: string[];
}

/** The events that mean the text AYS sees differs from what is written (formatting is refused). */
export const BENIGN_EVENTS: ReadonlySet<LossKind> = new Set<LossKind>(['inline-comment', 'directive']);
