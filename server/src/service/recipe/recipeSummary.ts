/** The summary of a service.hrd the workspace index keeps per template folder (never the parsed document). */
import type { Range } from 'vscode-languageserver-types';
import type { HrdDocument } from '../hrd/HrdModel';
import { templateName } from './recipeFiles';
import { entryOf, exportItems } from './recipeRules';

export interface RecipeSummary {
  /** Template name registerImage derives from the last web.export dest, and where that dest is written. */
  templateName?: string;
  dest?: string;
  destRange?: Range;
  /** `url` and `source` of the last web.export (the portal's `image.url` is url + '/' + source.lstrip('/')). */
  lastUrl?: string;
  lastSource?: string;
  urls: string[];
}

/**
 * A copy of `s` that does not keep the text it was cut from alive: V8 keeps a substring of 13 or more characters
 * as a view on its parent string, and an entry's value is cut from its whole collection value (the parse's text),
 * which the index would otherwise hold for each of its 10,000 summaries.
 */
function detached(s: string): string {
  return s.length < 13 ? s : s.split('').join('');
}

/** Summarises a parsed service.hrd (used by the index and by the actions.py context). */
export function summarizeRecipe(doc: HrdDocument): RecipeSummary {
  const urls: string[] = [];
  const exports = exportItems(doc);
  for (const it of exports) {
    const u = entryOf(it, 'url');
    if (u && /^[a-z]+:\/\//i.test(u.ownValue)) urls.push(detached(u.ownValue));
  }
  const last = exports[exports.length - 1];
  const out: RecipeSummary = { urls };
  if (!last) return out;
  const url = entryOf(last, 'url')?.ownValue;
  const source = entryOf(last, 'source')?.ownValue;
  if (url) out.lastUrl = urls[urls.length - 1] === url ? urls[urls.length - 1] : detached(url);
  if (source) out.lastSource = detached(source);
  const dest = entryOf(last, 'dest');
  if (!dest || !dest.ownValue) return out;
  const destValue = detached(dest.ownValue);
  return {
    ...out,
    dest: destValue,
    templateName: templateName(destValue),
    destRange: doc.index.range(dest.ownSpan.start, dest.ownSpan.end),
  };
}
