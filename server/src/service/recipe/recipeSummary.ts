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

/** Summarises a parsed service.hrd (used by the index and by the actions.py context). */
export function summarizeRecipe(doc: HrdDocument): RecipeSummary {
  const urls: string[] = [];
  const exports = exportItems(doc);
  for (const it of exports) {
    const u = entryOf(it, 'url');
    if (u && /^[a-z]+:\/\//i.test(u.ownValue)) urls.push(u.ownValue);
  }
  const last = exports[exports.length - 1];
  const out: RecipeSummary = { urls };
  if (!last) return out;
  const url = entryOf(last, 'url')?.ownValue;
  const source = entryOf(last, 'source')?.ownValue;
  if (url) out.lastUrl = url;
  if (source) out.lastSource = source;
  const dest = entryOf(last, 'dest');
  if (!dest || !dest.ownValue) return out;
  return {
    ...out,
    dest: dest.ownValue,
    templateName: templateName(dest.ownValue),
    destRange: doc.index.range(dest.ownSpan.start, dest.ownSpan.end),
  };
}
