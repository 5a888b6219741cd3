// Converts the KQL service's plain, offset-based answers to LSP types.
import {
  CompletionItemKind, DiagnosticSeverity, InsertTextFormat, MarkupKind, SymbolKind,
  type CompletionItem, type Diagnostic, type DocumentSymbol, type Hover, type Range, type SignatureHelp, type TextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  KqlCompletion, KqlCompletionKind, KqlDiagnostic, KqlHover, KqlSeverity, KqlSignatureHelp, KqlSymbol, KqlTextEdit,
} from '../kql/types';

export const DIAGNOSTIC_SOURCE = 'kql';

export function toRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

const severities: Record<KqlSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(document: TextDocument, d: KqlDiagnostic): Diagnostic {
  return {
    range: toRange(document, d.start, d.end),
    severity: severities[d.severity],
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
  };
}

const completionKinds: Record<KqlCompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  operator: CompletionItemKind.Operator,
  function: CompletionItemKind.Function,
  aggregate: CompletionItemKind.Method,
  column: CompletionItemKind.Field,
  table: CompletionItemKind.Class,
  variable: CompletionItemKind.Variable,
  parameter: CompletionItemKind.TypeParameter,
  database: CompletionItemKind.Module,
  type: CompletionItemKind.TypeParameter,
  option: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
  text: CompletionItemKind.Text,
};

export function toCompletionItem(document: TextDocument, c: KqlCompletion, index: number): CompletionItem {
  const range = toRange(document, c.replaceStart, c.replaceEnd);
  const snippet = c.afterText !== '';
  const newText = snippet ? `${escapeSnippet(c.insertText)}$0${escapeSnippet(c.afterText)}` : c.insertText;
  return {
    label: c.label,
    kind: completionKinds[c.kind],
    detail: c.kind,
    // Kusto.Language returns items in its own ranked order; keep it.
    sortText: String(index).padStart(5, '0'),
    filterText: c.filterText,
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range, newText },
  };
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (ch) => `\\${ch}`);
}

export function toHover(document: TextDocument, hover: KqlHover): Hover {
  const [signature, ...description] = hover.text.split(/\r?\n/);
  const markdown = ['```kql', signature, '```', ...(description.length ? ['', escapeMarkdown(description.join('\n').trim())] : [])].join('\n');
  return { range: toRange(document, hover.start, hover.end), contents: { kind: MarkupKind.Markdown, value: markdown } };
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+\-!<>|])/g, '\\$1');
}

export function toSignatureHelp(help: KqlSignatureHelp): SignatureHelp {
  return {
    activeSignature: help.activeSignature,
    activeParameter: help.activeParameter,
    signatures: help.signatures.map((s) => ({
      label: s.label,
      documentation: s.documentation,
      parameters: s.parameters.map((p) => ({ label: p.label, documentation: p.documentation })),
    })),
  };
}

export function toTextEdit(document: TextDocument, edit: KqlTextEdit): TextEdit {
  return { range: toRange(document, edit.start, edit.end), newText: edit.newText };
}

export function toDocumentSymbol(document: TextDocument, s: KqlSymbol): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: s.kind === 'function' ? SymbolKind.Function : s.kind === 'table' ? SymbolKind.Struct : SymbolKind.Variable,
    range: toRange(document, s.start, s.end),
    selectionRange: toRange(document, s.nameStart, s.nameEnd),
  };
}
