/**
 * The last parses by text, shared by the facade's document cache and the workspace index, so the text of an edited
 * document is parsed once per change even though both need it. The memo holds its parses weakly: a parse lives as
 * long as a holder needs it (the document cache holds the open version's), and the memo never keeps old versions
 * of a large document alive by itself (it used to keep the last 8 strongly: up to 8 × 5 MB of parse and AYS view for
 * a 256 KB file, all copied to the old generation by the garbage collector; docs/benchmarks.md, issue 14).
 */
import type { HrdDocument } from './HrdModel';
import { parseHrd } from './parseHrd';

const MAX = 8;
const memo = new Map<string, WeakRef<HrdDocument>>();

export function parseHrdMemo(text: string): HrdDocument {
  const ref = memo.get(text);
  const hit = ref?.deref();
  if (ref) memo.delete(text);
  if (ref && hit) {
    memo.set(text, ref);
    return hit;
  }
  const doc = parseHrd(text);
  if (text.length <= 256 * 1024) {
    memo.set(text, new WeakRef(doc));
    if (memo.size > MAX) memo.delete(memo.keys().next().value as string);
  }
  return doc;
}
