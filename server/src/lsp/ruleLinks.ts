import type { Diagnostic } from 'vscode-languageserver/node';
import { ruleDocsUrl } from '../../../common/ruleDocs';
import { ruleInfo } from '../service/ruleRegistry';

/** Each diagnostic of a documented rule gets a `codeDescription` linking to its section of docs/rules.md. */
export function withRuleLinks(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) =>
    typeof d.code === 'string' && !d.codeDescription && ruleInfo(d.code)
      ? { ...d, codeDescription: { href: ruleDocsUrl(d.code) } }
      : d,
  );
}
