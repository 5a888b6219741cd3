// The expanded value of a cell: JSON pretty-printed, long or multi-line text in full.
import { button, el } from '../dom';
import { detailText } from '../table/cell-text';

export class DetailView {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly body: HTMLElement;
  private text = '';

  constructor(onCopy: (text: string) => void, private readonly onClose: () => void) {
    this.title = el('span', { className: 'detail-title' });
    this.body = el('pre', { className: 'detail-body', attrs: { tabindex: '0' } });
    const bar = el('div', { className: 'detail-bar' }, [
      this.title,
      button('Copy', () => onCopy(this.text), { className: 'secondary' }),
      button('Close', () => this.close(), { className: 'secondary', attrs: { 'aria-label': 'Close the value view (Escape)' } }),
    ]);
    this.element = el('section', { className: 'detail', attrs: { 'aria-label': 'Cell value' } }, [bar, this.body]);
    this.element.hidden = true;
    this.element.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        this.close();
      }
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(value: unknown, title: string): void {
    this.text = detailText(value);
    this.title.textContent = title;
    this.body.textContent = this.text;
    this.element.hidden = false;
  }

  close(): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    this.onClose();
  }
}
