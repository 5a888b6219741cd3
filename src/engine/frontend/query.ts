// Lowers a whole analysed query (its statements) into a QueryPlan.
import type { Field } from '../data/table';
import { NotSupportedError } from '../errors';
import type { Expr, Plan, QueryPlan, Visualization } from '../ir/plan';
import { lowerExpression, type ExprContext } from './expressions';
import { lowerOperator } from './operators';
import { Scope } from './scope';
import { child, elements, kindName, text, type Node } from './syntax';
import { engineType, fieldsOf } from './types';
import { dynamicValue, literalValue } from './literals';
import type { KqlType, Value } from '../data/column';

/** The input of an operator that has none in the text: the rows an mv-apply subquery runs over. */
export interface ImplicitInput {
  plan: Plan;
  fields: Field[];
}

export class QueryLowering {
  private visualization: Visualization | null = null;

  constructor(private readonly globals: Kusto.Language.GlobalState) {}

  /** Whether a function call is a call of an aggregate function (count(), sum() ...). */
  isAggregate(call: Node): boolean {
    const symbol = call.ReferencedSymbol;
    return !!symbol && this.globals.IsAggregateFunction(symbol as Kusto.Language.Symbols.FunctionSymbol);
  }

  lower(root: Node): QueryPlan {
    const scope = new Scope();
    const result = this.lowerStatements(elements<Node>(child(root, 'Statements')), scope);
    if (!result || result.kind !== 'tabular') throw new NotSupportedError('a query without a tabular result');
    return { plan: result.plan, visualization: this.visualization };
  }

  setVisualization(visualization: Visualization): void {
    this.visualization = visualization;
  }

  /** Binds let statements in order; returns the value of the last expression statement. */
  private lowerStatements(statements: Node[], scope: Scope): { kind: 'tabular'; plan: Plan } | { kind: 'scalar'; expr: Expr } | undefined {
    let last: { kind: 'tabular'; plan: Plan } | { kind: 'scalar'; expr: Expr } | undefined;
    for (const statement of statements) {
      switch (kindName(statement)) {
        case 'LetStatement': this.bindLet(statement, scope); break;
        case 'ExpressionStatement': last = this.lowerValue(child<Node>(statement, 'Expression')!, { scope, query: this }); break;
        case 'QueryParametersStatement': throw new NotSupportedError('declare query_parameters');
        case 'SetOptionStatement': throw new NotSupportedError(`the set statement (${text(statement)})`);
        default: throw new NotSupportedError(`the ${kindName(statement)}`);
      }
    }
    return last;
  }

  private bindLet(statement: Node, scope: Scope): void {
    const name = child<Node>(statement, 'Name')!;
    const value = child<Node>(statement, 'Expression')!;
    if (kindName(value) === 'FunctionDeclaration') return; // calls are lowered from their expansion
    const binding = this.lowerValue(value, { scope, query: this });
    if (binding.kind === 'tabular') {
      scope.bindSymbol(name.ReferencedSymbol, { kind: 'tabular', plan: { kind: 'shared', id: scope.nextId(), plan: binding.plan } });
    } else {
      scope.bindSymbol(name.ReferencedSymbol, binding);
    }
  }

  /** A tabular or scalar value; a scalar is lowered in `ctx` (the row context it is used in). */
  private lowerValue(node: Node, ctx: ExprContext): { kind: 'tabular'; plan: Plan } | { kind: 'scalar'; expr: Expr } {
    if (isTabular(node)) return { kind: 'tabular', plan: this.lowerTabular(node, ctx.scope) };
    return { kind: 'scalar', expr: lowerExpression(node, ctx) };
  }

  /** A tabular expression; `implicit` is the input of its first operator when the text has none (mv-apply). */
  lowerTabular(node: Node, scope: Scope, implicit?: ImplicitInput): Plan {
    const kind = kindName(node);
    switch (kind) {
      case 'PipeExpression': {
        const input = this.lowerTabular(child<Node>(node, 'Expression')!, scope, implicit);
        return lowerOperator(child<Node>(node, 'Operator')!, input, { scope, query: this, inputFields: fieldsOf(child<Node>(node, 'Expression')!) });
      }
      case 'ParenthesizedExpression': return this.lowerTabular(child<Node>(node, 'Expression')!, scope, implicit);
      case 'NameReference': return this.lowerTableName(node, scope);
      case 'DataTableExpression': return this.lowerDataTable(node);
      case 'MaterializeExpression': return { kind: 'shared', id: scope.nextId(), plan: this.lowerTabular(child<Node>(node, 'Expression')!, scope) };
      case 'FunctionCallExpression': {
        const expansion = node.GetExpansion();
        if (!expansion) throw new NotSupportedError(`the tabular function ${text(child<Node>(node, 'Name') ?? node)}`);
        return this.lowerExpansion(node, expansion, { scope, query: this }, 'tabular') as Plan;
      }
      default:
        if (kind.endsWith('Operator')) return lowerOperator(node, implicit?.plan ?? null, { scope, query: this, inputFields: implicit?.fields ?? [] });
        throw new NotSupportedError(`${kind} as a table`);
    }
  }

  private lowerTableName(node: Node, scope: Scope): Plan {
    const symbol = node.ReferencedSymbol;
    const name = (node as unknown as { SimpleName: string }).SimpleName;
    const binding = scope.lookup(symbol, name);
    if (binding?.kind === 'tabular') return binding.plan;
    const symbolKind = symbol ? (symbol.constructor as unknown as { $$name: string }).$$name : '';
    if (symbolKind.endsWith('TableSymbol')) return { kind: 'scan', table: symbol!.Name!, fields: fieldsOf(node) };
    if (symbolKind.endsWith('FunctionSymbol')) {
      const expansion = node.GetExpansion();
      if (expansion) return this.lowerExpansion(node, expansion, { scope, query: this }, 'tabular') as Plan;
    }
    throw new NotSupportedError(`the table ${name}`);
  }

  private lowerDataTable(node: Node): Plan {
    const fields: Field[] = fieldsOf(node);
    const values = elements<Node>(child(node, 'Values'));
    if (fields.length === 0 || values.length % fields.length !== 0) throw new NotSupportedError('a datatable whose values do not fill its rows');
    const rows: Value[][] = [];
    for (let r = 0; r < values.length / fields.length; r++) {
      rows.push(fields.map((field, c) => datatableValue(values[r * fields.length + c], field.type)));
    }
    return { kind: 'values', fields, rows };
  }

  /**
   * A call of a user or database function: Kusto.Language's expansion of its body, with the
   * arguments bound by name. `ctx` is where the call is: its arguments are lowered there, and a
   * scalar body is evaluated over the same rows.
   */
  lowerExpansion(call: Node, expansion: Node, ctx: ExprContext, want: 'scalar' | 'tabular'): Expr | Plan {
    const inner = ctx.scope.child();
    const innerCtx: ExprContext = { ...ctx, scope: inner };
    const signature = call.ReferencedSignature;
    const argumentList = child<Node>(call, 'ArgumentList');
    const args = argumentList ? elements<Node>(child(argumentList, 'Expressions')) : [];
    if (signature) {
      const parameters = signature.GetArgumentParameters(args as unknown as System.Collections.Generic.IReadOnlyList$1<Kusto.Language.Syntax.Expression>);
      args.forEach((arg, i) => {
        const parameter = parameters?.getItem(i);
        if (!parameter?.Name) return;
        const value = kindName(arg) === 'SimpleNamedExpression' ? child<Node>(arg, 'Expression')! : arg;
        inner.bindName(parameter.Name, this.lowerValue(value, ctx));
      });
      const bound = new Set(args.map((_, i) => parameters?.getItem(i)?.Name));
      for (let i = 0; i < (signature.Parameters?.Count ?? 0); i++) {
        const parameter = signature.Parameters!.getItem(i);
        if (bound.has(parameter.Name) || !parameter.DefaultValue) continue;
        inner.bindName(parameter.Name!, this.lowerValue(parameter.DefaultValue as unknown as Node, ctx));
      }
    }
    const statements = elements<Node>(child(expansion, 'Statements'));
    const body = child<Node>(expansion, 'Expression');
    const result = this.lowerStatements(statements, inner) ?? (body ? this.lowerValue(body, innerCtx) : undefined);
    const last = body && statements.length > 0 ? this.lowerValue(body, innerCtx) : result;
    if (!last) throw new NotSupportedError(`a function body without a result (${text(call)})`);
    if (want === 'tabular' && last.kind === 'tabular') return last.plan;
    if (want === 'scalar' && last.kind === 'scalar') return last.expr;
    throw new NotSupportedError(`the function call ${text(call)} used as a ${want} value`);
  }
}

function isTabular(node: Node): boolean {
  const type = node.ResultType;
  return !!type && 'Columns' in type;
}

function datatableValue(node: Node, type: KqlType): Value {
  const kind = kindName(node);
  if (type === 'dynamic') return dynamicValue(node);
  if (kind === 'UnaryMinusExpression') {
    const inner = datatableValue(child<Node>(node, 'Expression')!, type);
    return typeof inner === 'number' ? -inner : inner;
  }
  if (kind === 'NullLiteralExpression') return null;
  const literalType = engineType(node.ResultType?.Name, () => text(node));
  const value = literalValue(node, literalType);
  if (literalType === type || value === null) return value;
  if ((literalType === 'long' || literalType === 'int' || literalType === 'real') && (type === 'long' || type === 'int' || type === 'real' || type === 'decimal')) return value;
  throw new NotSupportedError(`the ${literalType} value ${text(node)} in a ${type} datatable column`);
}
