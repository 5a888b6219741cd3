// The engine's intermediate representation: plain data, no Kusto.Language objects. The front
// end lowers an analysed query into it once; the executor runs it column-wise. Names and
// types come from Kusto.Language's binder, so the executor never resolves or infers anything.
import type { KqlType, Value } from '../data/column';
import type { Field } from '../data/table';

export type Expr =
  | { kind: 'literal'; type: KqlType; value: Value }
  | { kind: 'column'; name: string; type: KqlType }
  /** A scalar function or operator of the function registry (operators by their token). */
  | { kind: 'call'; name: string; args: Expr[]; type: KqlType }
  /** x.key, x['key'], x[0] on a dynamic value. */
  | { kind: 'member'; target: Expr; key: string | number | Expr; type: KqlType }
  /**
   * toscalar(...) (the first row's first column) or, with `list`, a subquery used as a list
   * (`x in (T | project a)`: the first column's values): evaluated once per query.
   */
  | { kind: 'scalar-of'; id: number; plan: Plan; type: KqlType; list?: boolean };

export interface Assignment {
  name: string;
  expr: Expr;
}

export type AggregateCall =
  | { kind: 'aggregate'; name: string; fn: string; args: Expr[]; type: KqlType }
  /**
   * One row per group, from which `outputs` are taken: arg_max / arg_min pick the row with the
   * largest / smallest `by[0]`; take_any(a, b) / take_any(*) a row where the `by` have values.
   */
  | { kind: 'pick-row'; pick: 'max' | 'min' | 'any'; by: Expr[]; outputs: Assignment[] }
  /** percentiles(x, p1, p2 ...): one output column per p. */
  | { kind: 'percentiles'; value: Expr; percents: number[]; names: string[]; type: KqlType };

/**
 * An aggregation as make-series and top-nested compute it per group: the aggregate calls into
 * hidden columns, then `value`, an expression over those columns (`sum(a) / count()`).
 */
export interface Aggregation {
  calls: Extract<AggregateCall, { kind: 'aggregate' }>[];
  value: Expr;
}

/** One column captured by parse / parse-where: the regex group `group`, converted to `type`. */
export interface ParseCapture {
  name: string;
  type: KqlType;
  group: string;
}

export interface SeriesAggregate {
  name: string;
  aggregation: Aggregation;
  /** default= (a literal or a constant expression), for bins without rows. */
  defaultValue: Expr;
}

export interface TopNestedLevel {
  /** The output column of the level's values, and the expression that gives them. */
  name: string;
  expr: Expr;
  /** The output column of the level's aggregate. */
  aggregateName: string;
  aggregation: Aggregation;
  /** top-nested N: absent for every value. */
  count?: Expr;
  descending: boolean;
}

export interface SortKey {
  expr: Expr;
  descending: boolean;
  nullsFirst: boolean;
}

export type JoinKind = 'innerunique' | 'inner' | 'leftouter' | 'rightouter' | 'fullouter' | 'leftanti' | 'rightanti' | 'leftsemi' | 'rightsemi';

export type Plan =
  | { kind: 'scan'; table: string; fields: Field[] }
  | { kind: 'values'; fields: Field[]; rows: Value[][] }
  | { kind: 'print'; columns: Assignment[] }
  | { kind: 'range'; name: string; type: KqlType; from: Expr; to: Expr; step: Expr }
  | { kind: 'filter'; input: Plan; predicate: Expr }
  /** Output exactly these columns (project, and the `select` form of project-away/rename/reorder/keep). */
  | { kind: 'project'; input: Plan; columns: Assignment[] }
  /** Adds or replaces columns, keeping the others in place. */
  | { kind: 'extend'; input: Plan; columns: Assignment[] }
  | { kind: 'summarize'; input: Plan; by: Assignment[]; aggregates: AggregateCall[]; fields: Field[] }
  | { kind: 'sort'; input: Plan; keys: SortKey[] }
  | { kind: 'take'; input: Plan; count: Expr }
  | { kind: 'top'; input: Plan; count: Expr; keys: SortKey[] }
  | { kind: 'distinct'; input: Plan; columns: Assignment[] }
  | { kind: 'count'; input: Plan; name: string }
  | { kind: 'union'; inputs: Plan[]; fields: Field[]; sourceColumn?: string; sourceNames: string[] }
  | { kind: 'join'; left: Plan; right: Plan; joinKind: JoinKind; leftKeys: string[]; rightKeys: string[]; fields: Field[] }
  | { kind: 'mv-expand'; input: Plan; columns: { name: string; expr: Expr; type: KqlType }[]; limit?: number }
  /** A tabular `let` or materialize() used more than once: evaluated once per query. */
  | { kind: 'shared'; id: number; plan: Plan }
  | { kind: 'getschema'; input: Plan }
  /** serialize: the input, in its order, marked as serialized for window functions. */
  | { kind: 'serialize'; input: Plan }
  /**
   * parse / parse-where: `pattern` (RE2 syntax, anchored, with named groups) matched against
   * `source`; each capture converted to its type. A row matches when the pattern does and
   * (unless `relaxed`) every capture converts. parse gives nulls for other rows, parse-where
   * drops them. `flags` are RE2 flag letters (i, m, s). With `newlinesAmbiguous`, a value with
   * a line break whose result would depend on whether `.` matches it is refused.
   */
  | { kind: 'parse'; input: Plan; source: Expr; pattern: string; flags: string; captures: ParseCapture[]; relaxed: boolean; dropUnmatched: boolean; newlinesAmbiguous: boolean }
  /**
   * make-series: one row per `by` group with an array per aggregate over the bins of `axis`.
   * `range`: from/to/step (`to` exclusive, bins aligned on `from`; either bound absent means
   * the data's) or `in range(start, stop, step)` (stop inclusive, bins aligned as bin()).
   */
  | {
    kind: 'make-series'; input: Plan; by: Assignment[]; aggregates: SeriesAggregate[];
    axis: { name: string; expr: Expr; type: KqlType };
    range: { syntax: 'from-to' | 'in-range'; from?: Expr; to?: Expr; step: Expr };
    nonEmpty: boolean; fields: Field[];
  }
  | { kind: 'top-nested'; input: Plan; levels: TopNestedLevel[]; fields: Field[] }
  /**
   * mv-apply: for each input row, the rows of `columns` expanded (as mv-expand does) are the
   * input of `subquery`, which reads them through an `apply-input` node with the same id.
   * Output columns are the subquery's, and the input row's for names the subquery lacks.
   */
  | { kind: 'mv-apply'; input: Plan; id: number; columns: { name: string; expr: Expr; type: KqlType }[]; limit?: number; subquery: Plan; fields: Field[] }
  /** The current group of rows of the enclosing mv-apply. */
  | { kind: 'apply-input'; id: number; fields: Field[] };

/** The `render` of a query, as the Log Analytics API returns it with includeVisualization. */
export interface Visualization {
  visualization: string;
  title?: string;
  xcolumn?: string;
  ycolumns?: string[];
  series?: string[];
  kind?: string;
  xtitle?: string;
  ytitle?: string;
  legend?: string;
  ysplit?: string;
  accumulate?: boolean;
  [property: string]: unknown;
}

export interface QueryPlan {
  plan: Plan;
  visualization: Visualization | null;
}
