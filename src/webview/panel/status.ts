// The top of the panel: what runs (with Cancel) or what came back (rows, time, target), and the
// notices over the rows: truncation, partial failure, error, cancellation.
import { button, el, formatCount, formatDuration } from '../dom';
import type { QueryResultPayload } from '../protocol';

export type Notice = { kind: 'info' | 'warning' | 'error'; text: string };

export class StatusBar {
  readonly element: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly cancel: HTMLButtonElement;
  private readonly notices: HTMLElement;
  private timer: number | undefined;

  constructor(onCancel: () => void) {
    this.summary = el('div', { className: 'summary', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.cancel = button('Cancel', onCancel, { className: 'cancel', attrs: { 'aria-label': 'Cancel the running query' } });
    this.cancel.hidden = true;
    this.notices = el('div', { className: 'notices' });
    this.element = el('header', { className: 'status' }, [el('div', { className: 'status-line' }, [this.summary, this.cancel]), this.notices]);
  }

  running(target: string, query: string): void {
    this.stopTimer();
    const started = Date.now();
    const elapsed = el('span', { className: 'elapsed' });
    const tick = () => (elapsed.textContent = formatDuration(Date.now() - started));
    tick();
    this.timer = window.setInterval(tick, 250);
    this.summary.replaceChildren(
      el('span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } }),
      el('span', { text: 'Running on ' }),
      el('span', { className: 'target', text: target }),
      el('span', { className: 'sep', text: ' · ' }),
      elapsed,
    );
    this.summary.title = query;
    this.cancel.hidden = false;
    this.cancel.disabled = false;
    this.setNotices([]);
  }

  result(result: QueryResultPayload, shownRows: number): void {
    this.stopTimer();
    this.cancel.hidden = true;
    const total = result.rows.length;
    const rows = shownRows === total ? `${formatCount(total)} ${total === 1 ? 'row' : 'rows'}` : `${formatCount(shownRows)} of ${formatCount(total)} rows`;
    this.summary.replaceChildren(
      el('span', { className: 'rows', text: rows }),
      el('span', { className: 'sep', text: ' · ' }),
      el('span', { className: 'duration', text: formatDuration(result.durationMs) }),
      el('span', { className: 'sep', text: ' · ' }),
      el('span', { className: 'target', text: result.target }),
    );
    this.summary.title = result.query;
  }

  message(text: string): void {
    this.stopTimer();
    this.cancel.hidden = true;
    this.summary.replaceChildren(el('span', { text }));
    this.summary.removeAttribute('title');
  }

  setNotices(notices: Notice[]): void {
    this.notices.replaceChildren(...notices.map((n) => el('div', {
      className: `notice ${n.kind}`,
      text: n.text,
      attrs: n.kind === 'info' ? { role: 'note' } : { role: 'alert' },
    })));
  }

  private stopTimer(): void {
    if (this.timer !== undefined) window.clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** The notices a result carries. */
export function resultNotices(result: QueryResultPayload): Notice[] {
  const notices: Notice[] = [];
  if (result.warning) notices.push({ kind: 'warning', text: `Partial results: ${result.warning}` });
  if (result.truncated) {
    const { shown, total } = result.truncated;
    notices.push({
      kind: 'info',
      text: total !== undefined
        ? `Showing the first ${formatCount(shown)} of ${formatCount(total)} rows.`
        : `Showing the first ${formatCount(shown)} rows; the query returned more.`,
    });
  }
  return notices;
}
