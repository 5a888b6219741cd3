// A context menu in the page (VS Code's own menus are not available to a webview): opened by
// right click, Shift+F10 or the context menu key; arrows, Enter and Escape work in it.
import { el } from '../dom';

export interface MenuItem {
  label: string;
  shortcut?: string;
  disabled?: boolean;
  run(): void;
}

export class ContextMenu {
  private readonly element: HTMLElement;
  private returnFocus: HTMLElement | null = null;

  constructor(parent: HTMLElement) {
    this.element = el('div', { className: 'context-menu', attrs: { role: 'menu', tabindex: '-1' } });
    this.element.hidden = true;
    parent.appendChild(this.element);
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    this.element.addEventListener('focusout', (e) => {
      if (!this.element.contains(e.relatedTarget as Node | null)) this.close(false);
    });
    document.addEventListener('pointerdown', (e) => {
      if (!this.element.hidden && !this.element.contains(e.target as Node)) this.close(false);
    }, true);
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(x: number, y: number, items: MenuItem[]): void {
    this.returnFocus = document.activeElement as HTMLElement | null;
    this.element.replaceChildren(...items.map((item) => {
      const row = el('div', { className: 'context-menu-item', attrs: { role: 'menuitem', tabindex: '-1' } }, [
        el('span', { className: 'label', text: item.label }),
        el('span', { className: 'shortcut', text: item.shortcut ?? '' }),
      ]);
      if (item.disabled) row.setAttribute('aria-disabled', 'true');
      row.addEventListener('click', () => this.choose(item));
      row.addEventListener('pointermove', () => row.focus());
      return row;
    }));
    this.element.hidden = false;
    const { innerWidth, innerHeight } = window;
    const rect = this.element.getBoundingClientRect();
    this.element.style.left = `${Math.max(0, Math.min(x, innerWidth - rect.width - 4))}px`;
    this.element.style.top = `${Math.max(0, Math.min(y, innerHeight - rect.height - 4))}px`;
    this.items()[0]?.focus();
  }

  close(restoreFocus = true): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    if (restoreFocus) this.returnFocus?.focus();
  }

  private items(): HTMLElement[] {
    return Array.from(this.element.querySelectorAll<HTMLElement>('.context-menu-item:not([aria-disabled])'));
  }

  private choose(item: MenuItem): void {
    if (item.disabled) return;
    this.close();
    item.run();
  }

  private onKey(e: KeyboardEvent): void {
    const items = this.items();
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const step = e.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if (e.key === 'Home') items[0]?.focus();
    else if (e.key === 'End') items[items.length - 1]?.focus();
    else if (e.key === 'Enter' || e.key === ' ') (document.activeElement as HTMLElement | null)?.click();
    else if (e.key === 'Escape' || e.key === 'Tab') this.close();
    else return;
    e.preventDefault();
    e.stopPropagation();
  }
}
