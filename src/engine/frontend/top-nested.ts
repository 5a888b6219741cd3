// top-nested: one level per clause (`top-nested N of Expr by Aggregation [asc|desc]`); output
// names come from Kusto.Language (the value column, then the aggregate column, per level).
import { NotSupportedError } from '../errors';
import type { Plan, TopNestedLevel } from '../ir/plan';
import { lowerAggregation } from './aggregation';
import { lowerExpression } from './expressions';
import type { OperatorContext } from './operators';
import { child, elements, kindName, named, text, type Node } from './syntax';
import { fieldsOf } from './types';

export function lowerTopNested(node: Node, input: Plan, ctx: OperatorContext): Plan {
  const fields = fieldsOf(node);
  const clauses = elements<Node>(child(node, 'Clauses'));
  if (fields.length !== 2 * clauses.length) throw new NotSupportedError(`top-nested with ${fields.length} output columns for ${clauses.length} levels`);
  const levels = clauses.map((clause, i): TopNestedLevel => {
    if (child(clause, 'WithOthersClause')) throw new NotSupportedError('top-nested with others');
    let by = child<Node>(clause, 'ByExpression')!;
    let descending = true;
    if (kindName(by) === 'OrderedExpression') {
      const ordering = child<Node>(by, 'Ordering')!;
      if (child(ordering, 'NullsClause')) throw new NotSupportedError(`top-nested ... by ${text(by)}`);
      descending = text(child<Node>(ordering, 'AscOrDescKeyword') ?? ordering).toLowerCase() !== 'asc';
      by = child<Node>(by, 'Expression')!;
    }
    const count = child<Node>(clause, 'Expression');
    return {
      name: fields[2 * i].name,
      expr: lowerExpression(named(child<Node>(clause, 'OfExpression')!).expr, ctx),
      aggregateName: fields[2 * i + 1].name,
      aggregation: lowerAggregation(named(by).expr, ctx),
      count: count ? lowerExpression(count, ctx) : undefined,
      descending,
    };
  });
  return { kind: 'top-nested', input, levels, fields };
}
