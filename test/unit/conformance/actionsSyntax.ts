/** The `actions-syntax` verdict of the port on one actions.py: the first error (0-based line), or undefined. */
import { analyzeActionsFileSync } from '../../../server/src/service/python/analyzeActions';
import { DEFAULT_SETTINGS } from '../../../common/settings';

export function checkActionsSyntax(text: string): { line: number; message: string } | undefined {
  const diags = analyzeActionsFileSync(text, { settings: DEFAULT_SETTINGS, folderName: 'image_x' }) ?? [];
  const syn = diags.filter((d) => d.code === 'actions-syntax').sort((a, b) => a.range.start.line - b.range.start.line);
  return syn.length ? { line: syn[0].range.start.line, message: String(syn[0].message) } : undefined;
}
