/** All per-document diagnostics of one .hrd file: hrd-* everywhere, recipe-* for a template's service.hrd. */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { HrdDocument } from '../hrd/HrdModel';
import { sortDiagnostics } from './diagnostic';
import { hrdDiagnostics } from './hrdRules';
import { classifyHrdPath } from './recipeFiles';
import { recipeDiagnostics } from './recipeRules';
import { pushAll } from '../arrays';

export function validateHrd(doc: HrdDocument, uri: string, filePath: string): Diagnostic[] {
  const info = classifyHrdPath(filePath);
  let out = hrdDiagnostics(doc, uri);
  if (info.kind === 'service' && info.isTemplateFolder) {
    const recipe = recipeDiagnostics(doc, info.folderName);
    if (recipe.some((d) => d.code === 'recipe-platform')) {
      // the platform rule says it better (and offers the fix) for `platform.supported = 'generic',`
      const p = doc.keys.get('platform.supported');
      const line = p ? p.line : -1;
      out = out.filter((d) => !(d.range.start.line === line && (d.code === 'hrd-quoted-list-item' || d.code === 'hrd-double-quotes')));
    }
    pushAll(out, recipe);
  }
  return sortDiagnostics(out);
}
