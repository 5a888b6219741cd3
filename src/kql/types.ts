// Plain results of KQL analysis. Offsets are UTF-16 code unit offsets into the analysed
// text (the document, not a block); the server converts them to LSP positions.

export type KqlSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface KqlDiagnostic {
  start: number;
  end: number;
  severity: KqlSeverity;
  code: string;
  message: string;
}

export type KqlCompletionKind =
  | 'keyword' | 'operator' | 'function' | 'aggregate' | 'column' | 'table' | 'variable'
  | 'parameter' | 'database' | 'type' | 'option' | 'snippet' | 'text';

export interface KqlCompletion {
  label: string;
  kind: KqlCompletionKind;
  /** Text inserted before the cursor position; `afterText` goes after it. */
  insertText: string;
  afterText: string;
  filterText: string;
  sortText: string;
  /** The range of existing text the completion replaces. */
  replaceStart: number;
  replaceEnd: number;
}

export interface KqlHover {
  start: number;
  end: number;
  /** Plain text lines: the symbol's signature or type, then its description. */
  text: string;
}

export interface KqlSignatureHelp {
  signatures: { label: string; documentation?: string; parameters: { label: string; documentation?: string }[] }[];
  activeSignature: number;
  activeParameter: number;
}

export interface KqlTextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface KqlRange {
  start: number;
  end: number;
}

export interface KqlRelated {
  /** Where the symbol under the cursor is declared, if in this document. */
  declarations: KqlRange[];
  references: KqlRange[];
}

export interface KqlSymbol {
  name: string;
  kind: 'variable' | 'function' | 'table';
  /** The whole let statement. */
  start: number;
  end: number;
  /** The declared name. */
  nameStart: number;
  nameEnd: number;
  detail: string;
}
