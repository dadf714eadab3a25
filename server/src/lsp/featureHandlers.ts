import { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RecipeSettings } from '../../../common/settings';
import { RecipeLanguageService, fileKindOf } from '../service/RecipeLanguageService';

/**
 * Maps each LSP request onto the pure service. Every handler honours cancellation and never
 * throws across the boundary: a failure is logged and answered with an empty result.
 */
export function registerFeatureHandlers(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: () => RecipeLanguageService,
  settingsFor: (uri: string) => Promise<RecipeSettings>,
): void {
  function handle<P extends { textDocument: { uri: string } }, R>(
    name: string, empty: R, fn: (doc: TextDocument, p: P, s: RecipeSettings) => R | Promise<R>,
  ) {
    return async (params: P, token: CancellationToken): Promise<R> => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc || token.isCancellationRequested) return empty;
      try {
        const result = await fn(doc, params, await settingsFor(doc.uri));
        return token.isCancellationRequested ? empty : result ?? empty;
      } catch (e) {
        connection.console.error(`${name} failed for ${doc.uri}: ${e instanceof Error ? e.stack : String(e)}`);
        return empty;
      }
    };
  }

  connection.onCompletion(handle('completion', [], (d, p, s) => service().complete(d, p.position, s)));
  connection.onHover(handle('hover', null, (d, p, s) => service().hover(d, p.position, s)));
  connection.onSignatureHelp(handle('signatureHelp', null, (d, p, s) => service().signatureHelp(d, p.position, s)));
  // actions.py outline and folding come from the tree-sitter model: wait for the parser on a first request.
  const parsed = async (d: TextDocument) => { if (fileKindOf(d.uri) === 'actions') await service().actionsReady().catch(() => undefined); };
  connection.onDocumentSymbol(handle('documentSymbol', [], async (d) => { await parsed(d); return service().documentSymbols(d); }));
  connection.onFoldingRanges(handle('foldingRange', [], async (d) => { await parsed(d); return service().foldingRanges(d); }));
  connection.onDefinition(handle('definition', null, (d, p, s) => service().definition(d, p.position, s)));
  connection.onReferences(handle('references', [], (d, p) => service().references(d, p.position)));
  connection.onDocumentFormatting(handle('formatting', [], (d) => service().format(d)));
  connection.onCodeAction(handle('codeAction', [], (d, p, s) => service().codeActions(d, p.range, p.context.diagnostics, s)));
}
