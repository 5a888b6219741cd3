// The contract between the executor and the scalar function library.
import type { Column, KqlType } from '../data/column';

export interface EvalContext {
  /** now() for the whole query, in microseconds since the epoch (fixed by the caller). */
  readonly now: number;
}

/**
 * A scalar function or operator, evaluated column-wise. Arguments arrive as columns of the
 * row count (a literal is a column repeating one value; a string literal is a StringColumn
 * whose dictionary has one entry, so kernels can spot it). Kusto.Language has already
 * type-checked the call; `resultType` is the type it computed.
 */
export interface ScalarFunction {
  evaluate(args: readonly Column[], resultType: KqlType, rowCount: number, context: EvalContext): Column;
}

/** Thrown for a function or argument form the local engine does not implement. */
export class NotSupportedError extends Error {
  constructor(what: string) {
    super(`not supported by the local engine: ${what}`);
  }
}
