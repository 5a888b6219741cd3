// Runs a QueryPlan: loads the tables its scans need, then evaluates the plan tree.
import type { Table } from '../data/table';
import { EngineLimitError, NotSupportedError } from '../errors';
import type { Plan, QueryPlan, Visualization } from '../ir/plan';
import { pruneColumns } from '../ir/prune-columns';
import type { ExecContext, TableSource } from './context';
import { join } from './join';
import { makeSeries } from './make-series';
import { applyInput, mvApply } from './mv-apply';
import { mvExpand } from './mv-expand';
import { parse } from './parse';
import { countRows, distinct, extend, filter, getschema, project, take } from './relational';
import { sort, top } from './sort';
import { print, range, scan, values } from './sources';
import { summarize } from './summarize';
import { topNested } from './top-nested';
import { union } from './union';

export interface QueryResult {
  table: Table;
  visualization: Visualization | null;
}

export async function execute(query: QueryPlan, source: TableSource, now: number): Promise<QueryResult> {
  const tables = new Map<string, Table>();
  for (const name of scannedTables(query.plan)) tables.set(name, await source.read(name));
  const context: ExecContext = { now, tables, memo: new Map() };
  try {
    return { table: executePlan(pruneColumns(query.plan), context), visualization: query.visualization };
  } catch (error) {
    throw isOutOfMemory(error)
      ? new EngineLimitError('the query needs more memory than the local engine has (an array could not be allocated); filter or summarize earlier')
      : error;
  }
}

/** An allocation the JavaScript engine refused: recoverable, unlike running out of heap. */
function isOutOfMemory(error: unknown): boolean {
  return error instanceof RangeError && /allocation failed|Invalid array length|Invalid typed array length|Invalid string length/i.test(error.message);
}

export function executePlan(plan: Plan, context: ExecContext): Table {
  switch (plan.kind) {
    case 'scan': return scan(plan, context);
    case 'values': return values(plan);
    case 'print': return print(plan, context);
    case 'range': return range(plan, context);
    case 'filter': return filter(executePlan(plan.input, context), plan, context);
    case 'project': return project(executePlan(plan.input, context), plan, context);
    case 'extend': return extend(executePlan(plan.input, context), plan, context);
    case 'summarize': return summarize(executePlan(plan.input, context), plan, context);
    case 'sort': return sort(executePlan(plan.input, context), plan, context);
    case 'take': return take(executePlan(plan.input, context), plan, context);
    case 'top': return top(executePlan(plan.input, context), plan, context);
    case 'distinct': return distinct(executePlan(plan.input, context), plan, context);
    case 'count': return countRows(executePlan(plan.input, context), plan);
    case 'union': return union(plan.inputs.map((input) => executePlan(input, context)), plan);
    case 'join': return join(executePlan(plan.left, context), executePlan(plan.right, context), plan);
    case 'mv-expand': return mvExpand(executePlan(plan.input, context), plan, context);
    case 'getschema': return getschema(executePlan(plan.input, context));
    case 'parse': return parse(executePlan(plan.input, context), plan, context);
    case 'make-series': return makeSeries(executePlan(plan.input, context), plan, context);
    case 'top-nested': return topNested(executePlan(plan.input, context), plan, context);
    case 'mv-apply': return mvApply(executePlan(plan.input, context), plan, context);
    case 'apply-input': return applyInput(plan, context);
    case 'serialize': return executePlan(plan.input, context);
    case 'shared': {
      if (!context.memo.has(plan.id)) context.memo.set(plan.id, executePlan(plan.plan, context));
      return context.memo.get(plan.id) as Table;
    }
    default: throw new NotSupportedError(`the plan node ${(plan as Plan).kind}`);
  }
}

function scannedTables(plan: Plan, names = new Set<string>()): Set<string> {
  if (plan.kind === 'scan') names.add(plan.table);
  for (const value of Object.values(plan)) {
    if (value && typeof value === 'object') {
      if ('kind' in value && typeof value.kind === 'string' && !Array.isArray(value)) scannedTables(value as Plan, names);
      if (Array.isArray(value)) for (const item of value) if (item && typeof item === 'object') scannedTables(item as Plan, names);
    }
  }
  return names;
}
