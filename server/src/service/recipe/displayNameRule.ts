/**
 * `actions-display-name` as a workspace rule: the same display name registered by the actions.py of two template
 * folders. It runs from the workspace index (names found by scanDisplayNames), so it covers closed files and the
 * CLI, and it is recomputed when either file changes; the facade therefore does not also run the per-document
 * variant of the actions engine (`ActionsContext.otherDisplayNames`), which would report it twice.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { diagnosticMaker } from '../rules/ruleDiagnostics';
import { ACTIONS_RULES } from '../python/actionsRules';
import { pathToUri as fileUri } from '../uriPath';

/** `actions-display-name` is declared with the other actions.py rules (python/actionsRules.ts). */
const makeDiagnostic = diagnosticMaker(ACTIONS_RULES);

export interface DisplayNameSource {
  file: string;
  names: ReadonlyArray<{ name: string; range: Range }>;
}

export function displayNameDiagnostics(
  sources: readonly DisplayNameSource[],
  add: (file: string, d: Diagnostic) => void,
): void {
  const byKey = new Map<string, Array<{ file: string; name: string; range: Range }>>();
  for (const s of sources) {
    for (const n of s.names) {
      const key = n.name.trim().toLowerCase();
      if (!key) continue;
      const arr = byKey.get(key);
      if (arr) arr.push({ file: s.file, ...n });
      else byKey.set(key, [{ file: s.file, ...n }]);
    }
  }
  for (const uses of byKey.values()) {
    if (uses.length < 2) continue;
    for (const u of uses) {
      const others = uses.filter((o) => o.file !== u.file);
      if (!others.length) continue;
      const n = new Set(others.map((o) => o.file)).size;
      add(
        u.file,
        makeDiagnostic(
          'actions-display-name',
          u.range,
          `Display name '${u.name}' is also registered by ${n === 1 ? 'another recipe' : `${n} other recipes`}: the Cloud Broker Portal then lists different images under the same name (images are unique by template, not by name). Make it unique, e.g. add the version or edition.`,
          {
            related: others.map((o) => ({
              uri: fileUri(o.file),
              range: o.range,
              message: `also registered as '${o.name}'`,
            })),
          },
        ),
      );
    }
  }
}
