// Small readers over Kusto.Language's syntax tree, used by the lowering code.
import { kustoLanguage, toArray } from '../../kql/kusto';

/** A syntax node; expressions also carry the type Kusto.Language's binder gave them. */
export type Node = Kusto.Language.Syntax.SyntaxNode & { ResultType?: Kusto.Language.Symbols.TypeSymbol | null };
export type Element = Kusto.Language.Syntax.SyntaxElement;

export function kindName(element: Element): string {
  return (kustoLanguage().Syntax.SyntaxKind as unknown as { $names: string[] }).$names[element.Kind];
}

/** The elements of a SyntaxList of SeparatedElements (or of plain elements). */
export function elements<T = Node>(list: Element | null | undefined): T[] {
  if (!list) return [];
  const items: T[] = [];
  for (let i = 0; i < list.ChildCount; i++) {
    const child = list.GetChild(i);
    if (!child) continue;
    items.push((kindName(child) === 'SeparatedElement' ? (child as unknown as { Element: T }).Element : child) as T);
  }
  return items;
}

/** A named child (Kusto.Language's syntax classes expose children as properties). */
export function child<T = Node>(node: Element, name: string): T | null {
  return ((node as unknown as Record<string, unknown>)[name] ?? null) as T | null;
}

/** The text of a node without trivia (comments, whitespace). */
export function text(element: Element): string {
  return element.ToString(kustoLanguage().Syntax.IncludeTrivia.Minimal) ?? '';
}

/** Operator parameters such as `kind=leftouter`, `isfuzzy=true`, `withsource=T`: lower-case name -> text. */
export function parameters(operator: Node): Map<string, string> {
  const result = new Map<string, string>();
  for (const parameter of elements(child(operator, 'Parameters'))) {
    const name = child<{ SimpleName: string }>(parameter, 'Name');
    const value = child<Element>(parameter, 'Expression');
    if (name && value) result.set(name.SimpleName.toLowerCase(), text(value));
  }
  return result;
}

export function resultColumns(node: Node): { name: string; type: string }[] {
  const type = node.ResultType as Kusto.Language.Symbols.TableSymbol | null;
  if (!type || !('Columns' in type)) return [];
  return toArray(type.Columns).map((column) => ({ name: column.Name ?? '', type: column.Type?.Name ?? 'dynamic' }));
}

/** 1-based line and column of an offset. */
export function lineColumn(textValue: string, offset: number): { line: number; column: number } {
  const before = textValue.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The name of a NameReference / NameDeclaration / FunctionCallExpression's name. */
export function simpleName(node: Element): string {
  return (node as unknown as { SimpleName: string }).SimpleName;
}

/** The argument expressions of a FunctionCallExpression. */
export function callArguments(call: Node): Node[] {
  return elements<Node>(child(child<Node>(call, 'ArgumentList')!, 'Expressions'));
}

/** The lower-case function name of a FunctionCallExpression. */
export function callName(call: Node): string {
  return simpleName(child<Node>(call, 'Name') ?? call).toLowerCase();
}

/** `Name = expr` or a bare `expr`: the declared name, if any, and the expression. */
export function named(node: Node): { name?: string; expr: Node } {
  if (kindName(node) !== 'SimpleNamedExpression') return { expr: node };
  return { name: simpleName(child<Node>(node, 'Name')!), expr: child<Node>(node, 'Expression')! };
}
