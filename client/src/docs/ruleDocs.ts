import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { ruleOfDocsUrl } from '../../../common/ruleDocs';

export const OPEN_RULE_DOCS = 'aysRecipes.openRuleDocs';

/** A `command:` URI that opens a rule's section of the docs shipped with the extension. */
export function ruleDocsCommandUri(code: string): vscode.Uri {
  return vscode.Uri.parse(`command:${OPEN_RULE_DOCS}?${encodeURIComponent(JSON.stringify([code]))}`);
}

/**
 * Whether this VS Code opens a diagnostic's code link with `command:` URIs allowed: 1.100 does (the marker hover
 * opens it with allowCommands); newer versions open it without, and refuse the command (seen on 1.139).
 */
export function commandLinksAllowed(version = vscode.version): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major === 1 && minor <= 100;
}

/**
 * The language server links each diagnostic code to its section of docs/rules.md on the repository. Where command
 * links are allowed, the link is turned into the command below, so that it opens the copy in the .vsix (offline,
 * in VS Code's Markdown preview); elsewhere it stays the repository link (AYS: Open Rule Documentation opens the
 * shipped copy on any version).
 */
export const ruleDocsMiddleware: Middleware = {
  handleDiagnostics(uri, diagnostics, next) {
    if (commandLinksAllowed()) {
      for (const d of diagnostics) {
        const code = d.code;
        if (code && typeof code === 'object' && code.target) {
          const rule = ruleOfDocsUrl(code.target.toString(true));
          if (rule) d.code = { value: code.value, target: ruleDocsCommandUri(rule) };
        }
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
