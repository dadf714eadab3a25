/**
 * Where each diagnostic rule is documented: a `### \`code\`` section of docs/rules.md, whose anchor
 * is the code itself (GitHub and VS Code's Markdown preview make the same slug). The language server
 * puts the repository URL in each diagnostic's `codeDescription`; the extension turns it into a
 * command that opens the copy shipped in the .vsix in the Markdown preview (works offline).
 */
export const REPOSITORY_URL = 'https://github.com/ays-image-recipes/ays-image-recipes';
export const RULE_DOCS_URL = `${REPOSITORY_URL}/blob/main/docs/rules.md`;

/** The documentation URL of a rule. */
export function ruleDocsUrl(code: string): string {
  return `${RULE_DOCS_URL}#${encodeURIComponent(code)}`;
}

/** The rule code of a URL made by ruleDocsUrl, or undefined. */
export function ruleOfDocsUrl(url: string): string | undefined {
  const prefix = `${RULE_DOCS_URL}#`;
  return url.startsWith(prefix) ? decodeURIComponent(url.slice(prefix.length)) : undefined;
}
