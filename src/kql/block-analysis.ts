// One analysed query block: Kusto.Language's KustoCode and editor service, with every
// answer converted to plain types and block-relative offsets.
import { kustoLanguage, toArray } from './kusto';
import type {
  KqlCompletion, KqlCompletionKind, KqlHover, KqlRelated, KqlSignatureHelp, KqlSymbol, KqlTextEdit,
} from './types';

export interface RawDiagnostic {
  start: number;
  end: number;
  severity: string;
  code: string;
  message: string;
}

export class BlockAnalysis {
  private serviceCache?: Kusto.Language.Editor.KustoCodeService;

  constructor(readonly text: string, private readonly code: Kusto.Language.KustoCode) {}

  static analyze(text: string, globals: Kusto.Language.GlobalState): BlockAnalysis {
    return new BlockAnalysis(text, kustoLanguage().KustoCode.ParseAndAnalyze(text, globals)!);
  }

  private get service(): Kusto.Language.Editor.KustoCodeService {
    this.serviceCache ??= new (kustoLanguage().Editor.KustoCodeService.ctor)(this.code);
    return this.serviceCache;
  }

  diagnostics(): RawDiagnostic[] {
    return toArray(this.code.GetDiagnostics()).map((d) => ({
      start: d.Start,
      end: d.End,
      severity: d.Severity ?? 'Error',
      code: d.Code ?? '',
      message: d.Message ?? '',
    }));
  }

  /** Codes of the block's syntax (parse) diagnostics, as opposed to semantic ones. */
  syntaxCodes(): Set<string> {
    return new Set(toArray(this.code.GetSyntaxDiagnostics()).map((d) => d.Code ?? ''));
  }

  syntaxErrorCount(): number {
    return toArray(this.code.GetSyntaxDiagnostics()).filter((d) => d.Severity === 'Error').length;
  }

  completions(offset: number): KqlCompletion[] {
    const info = this.service.GetCompletionItems(offset);
    if (!info) return [];
    return toArray(info.Items).map((item) => ({
      label: item.DisplayText ?? '',
      kind: completionKind(item.Kind),
      insertText: item.BeforeText ?? item.DisplayText ?? '',
      afterText: item.AfterText ?? '',
      filterText: item.MatchText ?? item.DisplayText ?? '',
      sortText: item.OrderText ?? item.DisplayText ?? '',
      replaceStart: info.EditStart,
      replaceEnd: info.EditStart + info.EditLength,
    }));
  }

  hover(offset: number): KqlHover | undefined {
    const info = this.service.GetQuickInfo(offset);
    const text = info?.Text?.trim();
    if (!text) return undefined;
    const token = this.code.Syntax!.GetTokenAt(offset);
    const start = token ? token.TextStart : offset;
    return { start, end: token ? start + token.Width : offset, text };
  }

  signatureHelp(offset: number): KqlSignatureHelp | undefined {
    const call = enclosingCall(this.code.Syntax!, offset);
    if (!call) return undefined;
    const symbol = call.node.ReferencedSymbol as Kusto.Language.Symbols.FunctionSymbol | null;
    const signatures = symbol && 'Signatures' in symbol ? toArray(symbol.Signatures).filter((s) => !s.IsHidden) : [];
    if (signatures.length === 0) return undefined;
    const active = call.node.ReferencedSignature ? Math.max(0, signatures.indexOf(call.node.ReferencedSignature)) : 0;
    return {
      activeSignature: active,
      activeParameter: call.argumentIndex,
      signatures: signatures.map((signature) => {
        const parameters = toArray(signature.Parameters).map((p) => ({
          label: parameterLabel(p),
          documentation: p.Description ?? undefined,
        }));
        return {
          label: `${symbol!.Name}(${parameters.map((p) => p.label).join(', ')})`,
          documentation: symbol!.Description ?? undefined,
          parameters,
        };
      }),
    };
  }

  related(offset: number): KqlRelated {
    const L = kustoLanguage();
    const info = this.service.GetRelatedElements(offset);
    const result: KqlRelated = { declarations: [], references: [] };
    for (const element of toArray(info?.Elements)) {
      const range = { start: element.Start, end: element.End };
      if (element.Kind === L.Editor.RelatedElementKind.Declaration) result.declarations.push(range);
      else if (element.Kind === L.Editor.RelatedElementKind.Reference) result.references.push(range);
    }
    return result;
  }

  /** One edit that replaces the block with its formatted text, if formatting changes it. */
  format(indentSize: number): KqlTextEdit | undefined {
    const L = kustoLanguage();
    const options = L.Editor.FormattingOptions.Default!
      .WithIndentationSize(indentSize)!
      .WithPipeOperatorStyle(L.Editor.PlacementStyle.NewLine);
    // Kusto.Language writes \r\n; keep the document's own line ends.
    const eol = this.text.includes('\r\n') ? '\r\n' : '\n';
    const formatted = this.service.GetFormattedText(options)?.Text?.replace(/\r?\n/g, eol);
    if (formatted == null || formatted === this.text) return undefined;
    return { start: 0, end: this.text.length, newText: formatted };
  }

  letSymbols(): KqlSymbol[] {
    const L = kustoLanguage();
    const symbols: KqlSymbol[] = [];
    this.code.Syntax!.WalkElements((element) => {
      if (element.Kind !== L.Syntax.SyntaxKind.LetStatement) return;
      const statement = element as unknown as Kusto.Language.Syntax.LetStatement;
      const name = statement.Name;
      if (!name || !name.SimpleName) return;
      const value = statement.Expression;
      const isFunction = value?.Kind === L.Syntax.SyntaxKind.FunctionDeclaration;
      const isTabular = !isFunction && value?.ResultType?.IsTabular === true;
      symbols.push({
        name: name.SimpleName,
        kind: isFunction ? 'function' : isTabular ? 'table' : 'variable',
        start: statement.TextStart,
        end: statement.End,
        nameStart: name.TextStart,
        nameEnd: name.End,
        detail: firstLine(value ? value.ToString(L.Syntax.IncludeTrivia.Minimal) ?? '' : ''),
      });
    });
    return symbols;
  }
}

function enclosingCall(root: Kusto.Language.Syntax.SyntaxNode, offset: number):
  { node: Kusto.Language.Syntax.FunctionCallExpression; argumentIndex: number } | undefined {
  const L = kustoLanguage();
  let element: Kusto.Language.Syntax.SyntaxElement | null = root.GetTokenAt(offset);
  // At the end of an argument (`f(a|`) the token under the cursor may be the next one.
  if (element && element.TextStart >= offset) element = (element as Kusto.Language.Syntax.SyntaxToken).GetPreviousToken() ?? element;
  for (; element; element = element.Parent) {
    if (element.Kind !== L.Syntax.SyntaxKind.FunctionCallExpression) continue;
    const call = element as unknown as Kusto.Language.Syntax.FunctionCallExpression;
    const args = call.ArgumentList;
    if (!args?.OpenParen || offset <= args.OpenParen.TextStart) continue;
    const close = args.CloseParen;
    if (close && !close.IsMissing && offset > close.TextStart) continue;
    let argumentIndex = 0;
    for (const separated of toArray(args.Expressions)) {
      const separator = (separated as unknown as Kusto.Language.Syntax.SeparatedElement).Separator;
      if (separator && !separator.IsMissing && separator.TextStart < offset) argumentIndex++;
    }
    return { node: call, argumentIndex };
  }
  return undefined;
}

function parameterLabel(parameter: Kusto.Language.Symbols.Parameter): string {
  const types = toArray(parameter.DeclaredTypes).map((t) => t.Name).filter(Boolean);
  const typed = types.length > 0 ? `${parameter.Name}: ${types.join(' | ')}` : parameter.Name ?? '';
  return parameter.IsOptional ? `${typed}?` : typed;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0].trim();
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

function completionKind(kind: Kusto.Language.Editor.CompletionKind): KqlCompletionKind {
  const K = kustoLanguage().Editor.CompletionKind;
  switch (kind) {
    case K.Keyword: case K.QueryPrefix: case K.CommandPrefix: case K.TabularPrefix: case K.TabularSuffix: case K.ScalarPrefix:
      return 'keyword';
    case K.ScalarInfix: case K.Punctuation: return 'operator';
    case K.BuiltInFunction: case K.LocalFunction: case K.DatabaseFunction: return 'function';
    case K.AggregateFunction: return 'aggregate';
    case K.Column: return 'column';
    case K.Table: case K.MaterialiedView: case K.StoredQueryResult: case K.EntityGroup: case K.Graph: return 'table';
    case K.Variable: return 'variable';
    case K.Parameter: return 'parameter';
    case K.Database: case K.Cluster: return 'database';
    case K.ScalarType: return 'type';
    case K.Option: case K.RenderChart: return 'option';
    case K.Example: case K.Syntax: return 'snippet';
    default: return 'text';
  }
}
