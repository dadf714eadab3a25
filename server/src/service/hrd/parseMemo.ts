/**
 * A tiny LRU of the last parses by text, shared by the facade's document cache and the workspace index, so the
 * text of an edited document is parsed once per change even though both need it.
 */
import type { HrdDocument } from './HrdModel';
import { parseHrd } from './parseHrd';

const MAX = 8;
const memo = new Map<string, HrdDocument>();

export function parseHrdMemo(text: string): HrdDocument {
  const hit = memo.get(text);
  if (hit) {
    memo.delete(text);
    memo.set(text, hit);
    return hit;
  }
  const doc = parseHrd(text);
  if (text.length <= 256 * 1024) {
    memo.set(text, doc);
    if (memo.size > MAX) memo.delete(memo.keys().next().value as string);
  }
  return doc;
}
