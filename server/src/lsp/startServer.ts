import {
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  InitializeParams,
  InitializeResult,
  RequestType0,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_NAME } from '../../../common/constants';
import { RECIPES_REQUEST, RecipeInfo, RecipeText, VALIDATE_TEXTS_REQUEST } from '../../../common/protocol';
import { createLanguageService, type LanguageService } from '../service/LanguageService';
import { pathToUri } from '../service/uriPath';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { validateRecipeTexts } from '../service/validateRecipeTexts';
import { VERSION } from '../version';
import { DiagnosticScheduler } from './DiagnosticScheduler';
import { SettingsCache } from './SettingsCache';
import { WorkspaceSync } from './WorkspaceSync';
import { registerFeatureHandlers } from './featureHandlers';
import { withRuleLinks } from './ruleLinks';

/** Wires the pure language service to an LSP connection: no rule logic lives here. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let settings: SettingsCache;
  let service: LanguageService;
  let scheduler: DiagnosticScheduler;
  let workspace: WorkspaceSync;
  let delayOverride: number | undefined;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as {
      settings?: unknown;
      diagnosticDelay?: number;
      indexProgressDelay?: number;
    };
    settings = new SettingsCache(connection, init.settings);
    settings.canPull = !!params.capabilities.workspace?.configuration;
    delayOverride = typeof init.diagnosticDelay === 'number' ? init.diagnosticDelay : undefined;
    service = createLanguageService({ settings: settings.defaults, fs: nodeFileSystem });
    scheduler = new DiagnosticScheduler(
      async (doc) => service.documentDiagnostics(doc, await settings.forResource(doc.uri)),
      (uri, diagnostics, version) =>
        void connection.sendDiagnostics({ uri, diagnostics: withRuleLinks(diagnostics), version }),
      () => delayOverride ?? settings.defaults.validation.debounceMs,
      (uri, e) => connection.console.error(`validation of ${uri} failed: ${e instanceof Error ? e.stack : String(e)}`),
    );
    workspace = new WorkspaceSync(connection, service, scheduler, () => settings.defaults);
    if (typeof init.indexProgressDelay === 'number') workspace.progressDelayMs = init.indexProgressDelay;
    workspace.openDocuments = () => documents.all();
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    workspace.setFolders(folders);
    settings.setFolders(folders.map((f) => f.uri));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: ['.', ':', "'", '(', '$', ',', ' ', '='], resolveProvider: false },
        hoverProvider: true,
        signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME, version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (settings.canPull) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    settings.prefetch();
    workspace.start();
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as Record<string, unknown> | undefined)?.aysRecipes;
    const excludeBefore = JSON.stringify(settings.defaults.validation.exclude);
    settings.reset(pushed);
    service.updateSettings(settings.defaults);
    // Rescan only when the exclude globs changed; otherwise re-rate what the index already has.
    if (JSON.stringify(settings.defaults.validation.exclude) !== excludeBefore) workspace.refresh();
    else workspace.republish();
    for (const doc of documents.all()) scheduler.schedule(doc, true);
  });

  documents.onDidOpen((e) => scheduler.schedule(e.document, true));
  documents.onDidChangeContent((e) => {
    workspace.documentChanged(e.document);
    scheduler.schedule(e.document);
    // actions.py rules read the sibling service.hrd (its last dest): revalidate the open documents of the same recipe folder.
    for (const other of workspace.openSiblingsOf(e.document)) scheduler.schedule(other);
  });
  documents.onDidSave((e) => scheduler.schedule(e.document, true));
  documents.onDidClose((e) => {
    service.forget(e.document.uri);
    scheduler.close(e.document.uri);
    // the unsaved text of a closed editor is gone: the index goes back to the disk (or forgets a file never saved)
    workspace.documentClosed(e.document.uri);
  });

  registerFeatureHandlers(
    connection,
    documents,
    () => service,
    (uri) => settings.forResource(uri),
  );
  // The recipes of the workspace (folder, display name, export URL, template name) for the images view.
  connection.onRequest(new RequestType0<RecipeInfo[], void>(RECIPES_REQUEST), () => {
    try {
      return service.recipes();
    } catch (e) {
      connection.console.error(`recipes: ${String(e)}`);
      return [];
    }
  });

  // Validation of given recipe texts (the pushed version before an install): see service/validateRecipeTexts.ts.
  connection.onRequest(VALIDATE_TEXTS_REQUEST, async (files: RecipeText[]) =>
    validateRecipeTexts(files, nodeFileSystem, await settings.forResource(pathToUri(files[0]?.path ?? '/'))),
  );

  connection.onShutdown(() => {
    scheduler?.dispose();
    workspace?.dispose();
  });
  documents.listen(connection);
  connection.listen();
}
