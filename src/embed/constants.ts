/** Rows the widget shows when the link has no `rows=`. */
export const DEFAULT_ROWS = 10;
