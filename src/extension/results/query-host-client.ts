// Starts the query host (dist/query-host.js, a Node process with the embedded engine) and talks
// to it over IPC. The engine cannot be interrupted mid-query, so cancelling the running query
// kills the process; the next query starts a fresh one (and re-reads its tables).
import { fork, type ChildProcess } from 'node:child_process';
import { parseHostResponse, type HostError, type HostResponse, type HostResult, type RunRequest } from '../../query-host/protocol';

/** The query was cancelled (or timed out) and its host stopped. */
export class QueryCancelledError extends Error {
  constructor() {
    super('the query was cancelled');
    this.name = 'QueryCancelledError';
  }
}

interface Pending {
  resolve(answer: HostResult | HostError): void;
  reject(error: Error): void;
}

export interface QueryHostStatus {
  pid?: number;
  /** Processes started so far (a cancel kills one). */
  starts: number;
  kustoLanguageVersion?: string;
}

export class QueryHostClient {
  private child: ChildProcess | undefined;
  private readonly pending = new Map<string, Pending>();
  private running: string | undefined;
  private starts = 0;
  private kustoVersion: string | undefined;
  private stderrTail = '';

  constructor(private readonly script: string, private readonly log: (line: string) => void) {}

  /** Starts the host ahead of the first query (it loads Kusto.Language, about a second). */
  warmUp(): void {
    this.ensure();
  }

  status(): QueryHostStatus {
    return { pid: this.child?.pid, starts: this.starts, kustoLanguageVersion: this.kustoVersion };
  }

  run(request: Omit<RunRequest, 'type'>): Promise<HostResult | HostError> {
    const child = this.ensure();
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      child.send({ type: 'run', ...request } satisfies RunRequest, (error) => {
        if (error) this.settle(request.id, (p) => p.reject(new Error(`could not send the query to the local query host: ${error.message}`)));
      });
    });
  }

  /** Cancels a query: a queued one is dropped, the running one stops with its process. */
  cancel(id: string): boolean {
    if (!this.pending.has(id)) return false;
    if (this.running === id || this.running === undefined) this.stop(id);
    this.settle(id, (p) => p.reject(new QueryCancelledError()));
    return true;
  }

  dispose(): void {
    this.stop();
    for (const id of [...this.pending.keys()]) this.settle(id, (p) => p.reject(new Error('Sentinel Hunt is shutting down')));
  }

  private ensure(): ChildProcess {
    if (this.child) return this.child;
    // ELECTRON_RUN_AS_NODE: in desktop VS Code process.execPath is Electron, which must act as Node.
    const child = fork(this.script, [], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    this.starts++;
    this.running = undefined;
    this.stderrTail = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => this.log(`[query host] ${text.trimEnd()}`));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-2000);
      this.log(`[query host] ${text.trimEnd()}`);
    });
    child.on('message', (value: unknown) => this.receive(value));
    child.on('error', (error) => this.log(`[query host] ${error.message}`));
    child.on('exit', (code, signal) => this.exited(child, code, signal));
    return child;
  }

  private receive(value: unknown): void {
    const message: HostResponse | undefined = parseHostResponse(value);
    if (!message) {
      this.log(`[query host] dropped a malformed message: ${JSON.stringify(value)?.slice(0, 200)}`);
      return;
    }
    switch (message.type) {
      case 'ready':
        this.kustoVersion = message.kustoLanguageVersion;
        this.log(`Local query host ready (pid ${this.child?.pid}): Kusto.Language ${message.kustoLanguageVersion}, warm-up ${message.warmUpMs} ms`);
        return;
      case 'started':
        this.running = message.id;
        return;
      default:
        if (this.running === message.id) this.running = undefined;
        this.settle(message.id, (p) => p.resolve(message));
    }
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return; // an old process we stopped on purpose
    this.child = undefined;
    this.running = undefined;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    const memory = /heap out of memory|allocation failed/i.test(this.stderrTail);
    const lastLine = this.stderrTail.trim().split('\n').pop()?.trim();
    const why = memory ? ' It ran out of memory: narrow the query or the tables it reads.' : lastLine ? ` It said: ${lastLine}` : '';
    for (const id of [...this.pending.keys()]) {
      this.settle(id, (p) => p.reject(new Error(`The local query host stopped unexpectedly (${how}).${why}`)));
    }
  }

  private stop(cancelled?: string): void {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    this.running = undefined;
    child.removeAllListeners('message');
    child.kill('SIGKILL');
    // Other queued queries died with the process.
    for (const id of [...this.pending.keys()]) {
      if (id !== cancelled) this.settle(id, (p) => p.reject(new Error('the local query host was restarted to cancel another query')));
    }
  }

  private settle(id: string, how: (pending: Pending) => void): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    how(pending);
  }
}
