/** All per-document diagnostics of one .hrd file: the hrd-* checks everywhere, recipe-* for a template's service.hrd. */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { HrdDocument } from '../hrd/HrdModel';
import { HRD_CHECKS, RECIPE_CHECKS } from '../ruleRegistry';
import { sortDiagnostics } from '../rules/ruleDiagnostics';
import { classifyHrdPath } from './recipeFiles';
import { pushAll } from '../arrays';

export function hrdDiagnostics(doc: HrdDocument, uri: string, filePath: string): Diagnostic[] {
  const info = classifyHrdPath(filePath);
  let out: Diagnostic[] = [];
  for (const family of HRD_CHECKS) pushAll(out, family.check({ doc, uri }));
  if (info.kind === 'service' && info.isTemplateFolder) {
    const recipe: Diagnostic[] = [];
    for (const family of RECIPE_CHECKS) pushAll(recipe, family.check({ doc, folderName: info.folderName }));
    if (recipe.some((d) => d.code === 'recipe-platform')) {
      // the platform rule says it better (and offers the fix) for `platform.supported = 'generic',`
      const p = doc.keys.get('platform.supported');
      const line = p ? p.line : -1;
      out = out.filter(
        (d) => !(d.range.start.line === line && (d.code === 'hrd-quoted-list-item' || d.code === 'hrd-double-quotes')),
      );
    }
    pushAll(out, recipe);
  }
  return sortDiagnostics(out);
}
