// Recent results by id, for the webview's export and open-in-tab requests.
import type { QueryResultPayload } from '../../webview/protocol';

const KEEP = 20;

export class ResultStore {
  private readonly results = new Map<string, QueryResultPayload>();

  add(result: QueryResultPayload): void {
    this.results.delete(result.id);
    this.results.set(result.id, result);
    while (this.results.size > KEEP) this.results.delete(this.results.keys().next().value as string);
  }

  get(id: string): QueryResultPayload | undefined {
    return this.results.get(id);
  }

  last(): QueryResultPayload | undefined {
    return [...this.results.values()].pop();
  }
}
