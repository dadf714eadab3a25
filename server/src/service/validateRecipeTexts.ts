/**
 * Validates the files of one recipe folder from given texts (the working copy, or the pushed version from
 * `git show <upstream>:<path>`), with the language service's per-file rules. Used by the install session
 * (CLI directly, the extension through the `aysRecipes/validateTexts` request) to block on errors.
 */
import * as path from 'node:path';
import type { RecipeFinding, RecipeText } from '../../../common/install/InstallSession';
import { DEFAULT_SETTINGS, RecipeSettings } from '../../../common/settings';
import { severityName } from './rules/ruleDiagnostics';
import type { FileSystem } from './FileSystem';
import { createLanguageService } from './LanguageService';

/**
 * Findings (1-based lines) for the files; a missing service.hrd or actions.py is an error. `fs` is read for what the
 * texts lack (a service.hrd beside an actions.py that is not given).
 */
export async function validateRecipeTexts(
  files: RecipeText[],
  fs: FileSystem,
  settings: RecipeSettings = DEFAULT_SETTINGS,
): Promise<RecipeFinding[]> {
  const service = createLanguageService({ settings, fs });
  const out: RecipeFinding[] = [];
  for (const f of files) {
    if (f.text === undefined && ['service.hrd', 'actions.py'].includes(path.basename(f.path))) {
      out.push({
        file: f.path,
        line: 1,
        severity: 'error',
        code: 'file-missing',
        message: `${path.basename(f.path)} is missing`,
      });
    }
  }
  const svc = files.find((f) => path.basename(f.path) === 'service.hrd' && f.text !== undefined);
  if (svc) service.workspace.upsertFile(svc.path, svc.text);
  if (files.some((f) => path.basename(f.path) === 'actions.py' && f.text !== undefined)) await service.actionsReady();
  for (const f of files) {
    if (f.text === undefined) continue;
    for (const d of service.fileDiagnostics(f.path, f.text, settings)) {
      out.push({
        file: f.path,
        line: d.range.start.line + 1,
        severity: severityName(d.severity),
        code: String(d.code),
        message: typeof d.message === 'string' ? d.message : String(d.message),
      });
    }
  }
  return out;
}
