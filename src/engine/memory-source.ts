// Tables held in memory: for tests, and for callers that already have their rows.
import type { WorkspaceSchema } from '../kql/schema';
import type { Table } from './data/table';
import type { TableSource } from './exec/context';

export class MemorySource implements TableSource {
  constructor(private readonly tables: ReadonlyMap<string, Table>) {}

  get schema(): WorkspaceSchema {
    return {
      tables: [...this.tables].map(([name, table]) => ({ name, columns: table.schema })),
      functions: [],
      complete: true,
    };
  }

  tableNames(): string[] {
    return [...this.tables.keys()];
  }

  async read(name: string): Promise<Table> {
    const table = this.tables.get(name);
    if (!table) throw new Error(`no table ${name}; the tables are ${this.tableNames().join(', ')}`);
    return table;
  }
}
