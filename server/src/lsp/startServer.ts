import { Connection, TextDocuments, TextDocumentSyncKind, InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_NAME } from '../../../common/constants';
import { VERSION } from '../version';

/** Wires the pure language service to an LSP connection. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);

  connection.onInitialize((): InitializeResult => ({
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
    serverInfo: { name: SERVER_NAME, version: VERSION },
  }));

  documents.onDidChangeContent((e) => {
    void connection.sendDiagnostics({ uri: e.document.uri, version: e.document.version, diagnostics: [] });
  });
  documents.onDidClose((e) => void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));

  documents.listen(connection);
  connection.listen();
}
