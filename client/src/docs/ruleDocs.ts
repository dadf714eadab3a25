import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { ruleOfDocsUrl } from '../../../common/ruleDocs';

export const OPEN_RULE_DOCS = 'aysRecipes.openRuleDocs';

/** A `command:` URI that opens a rule's section of the docs shipped with the extension. */
export function ruleDocsCommandUri(code: string): vscode.Uri {
  return vscode.Uri.parse(`command:${OPEN_RULE_DOCS}?${encodeURIComponent(JSON.stringify([code]))}`);
}

/**
 * The language server links each diagnostic code to docs/rules.md on the repository; the link is
 * turned into the command below, so that it opens the copy in the .vsix (offline, in VS Code).
 */
export const ruleDocsMiddleware: Middleware = {
  handleDiagnostics(uri, diagnostics, next) {
    for (const d of diagnostics) {
      const code = d.code;
      if (code && typeof code === 'object' && code.target) {
        const rule = ruleOfDocsUrl(code.target.toString(true));
        if (rule) d.code = { value: code.value, target: ruleDocsCommandUri(rule) };
      }
    }
    next(uri, diagnostics);
  },
};

/** AYS: Open Rule Documentation — docs/rules.md of the extension in the Markdown preview, at a rule's section. */
export function registerRuleDocs(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_RULE_DOCS, async (code?: unknown) => {
    const doc = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md');
    const rule = typeof code === 'string' && /^[a-z0-9-]+$/.test(code) ? code : undefined;
    // The preview scrolls to the fragment: the heading `### \`code\`` has the slug `code`.
    await vscode.commands.executeCommand('markdown.showPreview', rule ? doc.with({ fragment: rule }) : doc);
  });
}
