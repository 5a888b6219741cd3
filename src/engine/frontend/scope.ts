// What names mean while lowering: `let` bindings by symbol, and a called function's
// parameters by name (Kusto.Language's expansion of a call refers to them by name).
import type { Expr, Plan } from '../ir/plan';

export type Binding = { kind: 'scalar'; expr: Expr } | { kind: 'tabular'; plan: Plan };

export class Scope {
  private readonly bySymbol = new Map<unknown, Binding>();
  private readonly byName = new Map<string, Binding>();

  constructor(private readonly parent?: Scope, private readonly ids: { next: number } = parent?.ids ?? { next: 1 }) {}

  nextId(): number {
    return this.ids.next++;
  }

  bindSymbol(symbol: unknown, binding: Binding): void {
    this.bySymbol.set(symbol, binding);
  }

  bindName(name: string, binding: Binding): void {
    this.byName.set(name, binding);
  }

  lookup(symbol: unknown, name: string): Binding | undefined {
    return this.bySymbol.get(symbol) ?? this.byName.get(name) ?? this.parent?.lookup(symbol, name);
  }

  child(): Scope {
    return new Scope(this, this.ids);
  }
}
