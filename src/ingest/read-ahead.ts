// A source's pages, one ahead: the next page is asked for as soon as the pipeline takes one, so
// that the source's round trip (a Graph request, its wait for the request budget) overlaps the
// pipeline's own work on the page and the sink's uploads. At most one page waits.

/**
 * The pages `read` yields. `read` gets a signal of its own: when the consumer stops early (an
 * error, a break), the page being fetched is abandoned rather than awaited, which could take
 * minutes when it waits for Graph's request budget. An abort of `signal` is passed on as is.
 */
export async function* readAhead<T>(read: (signal: AbortSignal) => AsyncIterable<T>, signal?: AbortSignal): AsyncGenerator<T> {
  const stop = new AbortController();
  const forward = (): void => stop.abort(signal?.reason);
  if (signal?.aborted) forward();
  else signal?.addEventListener('abort', forward, { once: true });
  const pages = read(stop.signal)[Symbol.asyncIterator]();
  let finished = false;
  try {
    let next = pages.next();
    for (;;) {
      const result = await next;
      if (result.done) {
        finished = true;
        return;
      }
      next = pages.next();
      // Seen when awaited; until then (or if never, the consumer having stopped) not unhandled.
      next.catch(() => undefined);
      yield result.value;
    }
  } finally {
    signal?.removeEventListener('abort', forward);
    if (!finished) {
      stop.abort(new DOMException('the pipeline stopped reading', 'AbortError'));
      await Promise.resolve(pages.return?.()).catch(() => undefined);
    }
  }
}
