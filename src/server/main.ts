// The KQL language server: its own process, the only one (with the CLI) that loads
// Kusto.Language. Standard LSP features plus the schema request of ./protocol.
import {
  createConnection, DocumentHighlightKind, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type CancellationToken,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { KqlLanguageService, builtinSchema, kustoLanguageVersion, mergeSchemas, parseWorkspaceSchema, warmUp } from '../kql';
import {
  toCompletionItem, toDocumentSymbol, toHover, toRange, toSignatureHelp, toTextEdit,
} from './convert';
import {
  READY_NOTIFICATION, SET_SCHEMA_REQUEST, type ReadyParams, type SetSchemaParams, type SetSchemaResult,
} from './protocol';
import { ValidationScheduler } from './validation-scheduler';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let kql: KqlLanguageService | undefined;

function service(): KqlLanguageService {
  kql ??= new KqlLanguageService(builtinSchema());
  return kql;
}

const validation = new ValidationScheduler(service, (uri, version, diagnostics) => {
  void connection.sendDiagnostics({ uri, version: version || undefined, diagnostics });
});

connection.onInitialize((): InitializeResult => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    completionProvider: { triggerCharacters: [' ', '|', '.', '(', ','] },
    hoverProvider: true,
    signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    documentSymbolProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    // Blank-line-separated query blocks fold; the language configuration cannot express it.
    foldingRangeProvider: true,
  },
  serverInfo: { name: 'Sentinel Hunt KQL language server' },
}));

connection.onInitialized(() => {
  const started = Date.now();
  warmUp();
  service();
  const params: ReadyParams = { kustoLanguageVersion: kustoLanguageVersion(), warmUpMs: Date.now() - started };
  void connection.sendNotification(READY_NOTIFICATION, params);
  connection.console.log(`Kusto.Language ${params.kustoLanguageVersion} ready in ${params.warmUpMs} ms`);
});

documents.onDidOpen((event) => validation.schedule(event.document, 0));
documents.onDidChangeContent((event) => validation.schedule(event.document));
documents.onDidClose((event) => validation.forget(event.document.uri));

/** Runs a request against an open document unless it was cancelled while queued. */
function withDocument<T>(uri: string, token: CancellationToken, none: T, answer: (document: TextDocument) => T): T {
  const document = documents.get(uri);
  if (!document || token.isCancellationRequested) return none;
  return answer(document);
}

connection.onCompletion((params, token) => withDocument(params.textDocument.uri, token, [], (document) =>
  service().completions(document.getText(), document.offsetAt(params.position))
    .map((item, index) => toCompletionItem(document, item, index))));

connection.onHover((params, token) => withDocument(params.textDocument.uri, token, null, (document) => {
  const hover = service().hover(document.getText(), document.offsetAt(params.position));
  return hover ? toHover(document, hover) : null;
}));

connection.onSignatureHelp((params, token) => withDocument(params.textDocument.uri, token, null, (document) => {
  const help = service().signatureHelp(document.getText(), document.offsetAt(params.position));
  return help ? toSignatureHelp(help) : null;
}));

connection.onDocumentFormatting((params, token) => withDocument(params.textDocument.uri, token, [], (document) =>
  service().format(document.getText(), params.options.tabSize).map((edit) => toTextEdit(document, edit))));

connection.onDocumentRangeFormatting((params, token) => withDocument(params.textDocument.uri, token, [], (document) =>
  service().format(document.getText(), params.options.tabSize, document.offsetAt(params.range.start), document.offsetAt(params.range.end))
    .map((edit) => toTextEdit(document, edit))));

connection.onDocumentSymbol((params, token) => withDocument(params.textDocument.uri, token, [], (document) =>
  service().symbols(document.getText()).map((symbol) => toDocumentSymbol(document, symbol))));

connection.onDefinition((params, token) => withDocument(params.textDocument.uri, token, [], (document) =>
  service().related(document.getText(), document.offsetAt(params.position)).declarations
    .map((r) => ({ uri: document.uri, range: toRange(document, r.start, r.end) }))));

connection.onReferences((params, token) => withDocument(params.textDocument.uri, token, [], (document) => {
  const related = service().related(document.getText(), document.offsetAt(params.position));
  const ranges = params.context.includeDeclaration ? [...related.declarations, ...related.references] : related.references;
  return ranges.map((r) => ({ uri: document.uri, range: toRange(document, r.start, r.end) }));
}));

connection.onDocumentHighlight((params, token) => withDocument(params.textDocument.uri, token, [], (document) => {
  const related = service().related(document.getText(), document.offsetAt(params.position));
  return [
    ...related.declarations.map((r) => ({ range: toRange(document, r.start, r.end), kind: DocumentHighlightKind.Write })),
    ...related.references.map((r) => ({ range: toRange(document, r.start, r.end), kind: DocumentHighlightKind.Read })),
  ];
}));

connection.onFoldingRanges((params, token) => withDocument(params.textDocument.uri, token, [], (document) =>
  service().blocks(document.getText())
    .map((block) => ({ startLine: document.positionAt(block.start).line, endLine: document.positionAt(block.end).line }))
    .filter((range) => range.endLine > range.startLine)));

connection.onRequest(SET_SCHEMA_REQUEST, (params: SetSchemaParams): SetSchemaResult => {
  const schema = params?.schema == null
    ? builtinSchema()
    : mergeSchemas(builtinSchema(), parseWorkspaceSchema(params.schema, `schema from ${params.source ?? 'the extension'}`));
  service().setSchema(schema);
  for (const document of documents.all()) validation.schedule(document, 0);
  return { tables: schema.tables.length, functions: schema.functions.length };
});

documents.listen(connection);
connection.listen();
