/**
 * The `actions-*` rules (actions.py of a template folder): their declarations, and `finding`, the diagnostic
 * builder of classRules.ts and registerRules.ts. `actions-display-name` is checked workspace-wide by
 * recipe/displayNameRule.ts. Documented in docs/rules.md; registered in ruleRegistry.ts.
 */
import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import type { RuleInfo, Severity } from '../rules/rule';
import { diagnosticMaker } from '../rules/ruleDiagnostics';

export const ACTIONS_RULES: readonly RuleInfo[] = [
  {
    code: 'actions-syntax',
    severity: 'error',
    scope: 'actions',
    description: 'The file does not parse as Python 2 (Python 2 statements such as `print x` are accepted).',
  },
  {
    code: 'actions-class',
    severity: 'error',
    scope: 'actions',
    description: 'No `class Actions(ActionsBase)`: AYS instantiates `Actions()` from actions.py.',
  },
  {
    code: 'actions-base',
    severity: 'error',
    scope: 'actions',
    description:
      '`ActionsBase` undefined or from `j.packages` (JumpScale 6; error), or not from `j.atyourservice.getActionsBaseClass()` (warning).',
  },
  {
    code: 'actions-signature',
    severity: 'error',
    scope: 'actions',
    description:
      'An ActionsBase override that cannot be called as AYS calls it, `(self, serviceObj)` (e.g. `**kwargs` only).',
  },
  {
    code: 'actions-unknown-method',
    severity: 'warning',
    scope: 'actions',
    description: 'A method of `Actions` that is no ActionsBase method but looks like a typo of one (did-you-mean).',
  },
  {
    code: 'actions-never-called',
    severity: 'information',
    scope: 'actions',
    description:
      '`check_requirements`, `monitor_*`, `cleanup`, `test`, `init`, `prepareLocal`, `configureLocal`: never called by `ays install`.',
  },
  {
    code: 'actions-no-register',
    severity: 'warning',
    scope: 'actions',
    description: 'An `image_*` recipe whose `Actions` never calls `registerImage` (or has no `configure`).',
  },
  {
    code: 'actions-register-args',
    severity: 'error',
    scope: 'actions',
    description:
      'The `registerImage` call does not fit the selected profile (argument count, unknown or repeated keyword).',
  },
  {
    code: 'actions-register-legacy',
    severity: 'error',
    scope: 'actions',
    description:
      'Under `current`, a legacy call with the image file as 3rd argument: every argument shifts (type becomes the file name).',
  },
  {
    code: 'actions-type',
    severity: 'warning',
    scope: 'actions',
    description:
      '`type` `windows` in the wrong case or not a string (warning); not `Linux`/`Windows`/`Other` (information).',
  },
  {
    code: 'actions-disk-size',
    severity: 'error',
    scope: 'actions',
    description: '`disksize` not an integer >= 1 (error); below 20 for a Windows image (warning).',
  },
  {
    code: 'actions-boot-type',
    severity: 'error',
    scope: 'actions',
    description: '`bootType` other than `bios` / `uefi`.',
  },
  {
    code: 'actions-imagename',
    severity: 'error',
    scope: 'actions',
    description: 'Under `legacy`: the image file argument is not the file name of the last `web.export` `dest`.',
  },
  {
    code: 'actions-display-name',
    severity: 'warning',
    scope: 'actions',
    description: 'The same display name is registered by another recipe of the workspace.',
  },
];

const makeDiagnostic = diagnosticMaker(ACTIONS_RULES);

/**
 * A diagnostic of an actions-* rule with the severity of this case. The fixes travel in `data.fixes`; a single fix
 * is the preferred one.
 */
export function finding(
  code: string,
  severity: Severity,
  range: Range,
  message: string,
  fixes: Array<{ title: string; edits: TextEdit[] }> = [],
  extra: Partial<Diagnostic> = {},
): Diagnostic {
  const d = makeDiagnostic(code, range, message, {
    severity,
    fixes: fixes.map((f) => ({ title: f.title, edits: f.edits, preferred: fixes.length === 1 })),
  });
  return Object.assign(d, extra);
}
