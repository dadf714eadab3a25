import {
  CancellationToken,
  CodeActionParams,
  CodeActionRequest,
  CompletionParams,
  CompletionRequest,
  Connection,
  DefinitionParams,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverParams,
  HoverRequest,
  ReferenceParams,
  ReferencesRequest,
  ResponseError,
  SignatureHelpParams,
  SignatureHelpRequest,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RecipeSettings } from '../../../common/settings';
import { fileKindOf } from '../service/fileKind';
import type { LanguageService } from '../service/LanguageService';
import { checkParams, type ParamNeeds } from './checkParams';

/**
 * Maps each LSP request onto the pure service. Every handler honours cancellation and never
 * throws across the boundary: a failure is logged and answered with an empty result.
 */
export function registerFeatureHandlers(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: () => LanguageService,
  settingsFor: (uri: string) => Promise<RecipeSettings>,
): void {
  function handle<P extends { textDocument: { uri: string } }, R>(
    name: string,
    empty: R,
    fn: (doc: TextDocument, p: P, s: RecipeSettings) => R | Promise<R>,
    needs: ParamNeeds = {},
  ) {
    return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
      const invalid = checkParams(name, params, needs);
      if (invalid) return invalid;
      const doc = documents.get(params.textDocument.uri);
      if (!doc || token.isCancellationRequested) return empty;
      try {
        const result = await fn(doc, params, await settingsFor(doc.uri));
        return token.isCancellationRequested ? empty : (result ?? empty);
      } catch (e) {
        connection.console.error(`${name} failed for ${doc.uri}: ${e instanceof Error ? e.stack : String(e)}`);
        return empty;
      }
    };
  }

  // Registered with onRequest(type) rather than onHover & co.: those read params.workDoneToken before any handler
  // runs, so null params became a TypeError (-32603) instead of -32602 Invalid params.
  const at = { position: true };
  connection.onRequest(
    CompletionRequest.type,
    handle('completion', [], (d, p: CompletionParams, s) => service().complete(d, p.position, s), at),
  );
  connection.onRequest(
    HoverRequest.type,
    handle('hover', null, (d, p: HoverParams, s) => service().hover(d, p.position, s), at),
  );
  connection.onRequest(
    SignatureHelpRequest.type,
    handle('signatureHelp', null, (d, p: SignatureHelpParams, s) => service().signatureHelp(d, p.position, s), at),
  );
  // actions.py outline and folding come from the tree-sitter model: wait for the parser on a first request.
  const parsed = async (d: TextDocument) => {
    if (fileKindOf(d.uri) === 'actions')
      await service()
        .actionsReady()
        .catch(() => undefined);
  };
  connection.onRequest(
    DocumentSymbolRequest.type,
    handle('documentSymbol', [], async (d) => {
      await parsed(d);
      return service().documentSymbols(d);
    }),
  );
  connection.onRequest(
    FoldingRangeRequest.type,
    handle('foldingRange', [], async (d) => {
      await parsed(d);
      return service().foldingRanges(d);
    }),
  );
  connection.onRequest(
    DefinitionRequest.type,
    handle('definition', null, (d, p: DefinitionParams, s) => service().definition(d, p.position, s), at),
  );
  connection.onRequest(
    ReferencesRequest.type,
    handle('references', [], (d, p: ReferenceParams) => service().references(d, p.position), at),
  );
  connection.onRequest(
    DocumentFormattingRequest.type,
    handle('formatting', [], (d) => service().format(d)),
  );
  connection.onRequest(
    CodeActionRequest.type,
    handle(
      'codeAction',
      [],
      (d, p: CodeActionParams, s) => service().codeActions(d, p.range, p.context.diagnostics, s),
      { range: true, diagnostics: true },
    ),
  );
}
