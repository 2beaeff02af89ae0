/**
 * Focus that has somewhere sensible to go. When the control that had focus disappears (a closed panel,
 * an unsubscribed filter's button), browsers drop focus on <body> and keyboard users start over from
 * the top of the page; these put it on the nearest control that still exists instead.
 */

/** The log's one tab stop: the focused or selected row if rendered, else the last rendered row. */
export const LOG_TAB_STOP = '[role="log"] [data-seq][tabindex="0"]';
export const LOG = '[role="log"]';
export const FILTER_INPUT = '#log-filter';

function visible(el: HTMLElement): boolean {
  return el.getClientRects().length > 0;
}

/** Focuses the first selector that matches a visible element; true if one took focus. */
export function focusFirst(selectors: readonly string[], root: ParentNode = document): boolean {
  for (const selector of selectors) {
    const el = root.querySelector<HTMLElement>(selector);
    if (el && visible(el)) {
      el.focus();
      if (document.activeElement === el) return true;
    }
  }
  return false;
}

/** After the next render: React has not removed or added the elements yet when an action returns. */
export function focusFirstSoon(selectors: readonly string[]): void {
  requestAnimationFrame(() => {
    focusFirst(selectors);
  });
}

/**
 * Where focus goes when the inspector closes: the message's row, else the log itself (the row is scrolled
 * away, filtered out or evicted), else the filter. Call it before closing: the element that has focus may
 * go with the inspector, and the browser would drop focus on <body>.
 */
export function focusAfterInspector(seq: number | null): void {
  focusFirst([...(seq === null ? [] : [`[role="log"] [data-seq="${seq}"]`]), LOG, FILTER_INPUT]);
}

/** True when the key went to a place that types or has its own keys (fields, lists, menus). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
  }
  return false;
}
