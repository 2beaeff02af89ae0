/** Builds the `<iframe>` a user pastes into a status page. Pure; every attribute value is escaped. */
export interface SnippetOptions {
  src: string;
  title: string;
  width: number;
  height: number;
  /**
   * `bg=transparent`: the iframe element gets `color-scheme: light`, the scheme a transparent widget
   * always uses. A frame whose scheme differs from its iframe element's gets an opaque canvas, and the
   * element otherwise takes the host page's scheme (dark on a page with `color-scheme: dark`).
   */
  transparent?: boolean;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function iframeSnippet({ src, title, width, height, transparent }: SnippetOptions): string {
  return (
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" ` +
    `width="${Math.round(width)}" height="${Math.round(height)}" ` +
    `style="border:0${transparent ? ';color-scheme:light' : ''}" loading="lazy" ` +
    `referrerpolicy="no-referrer"></iframe>`
  );
}

/**
 * The widget's own height (px) for `rows` rows, with nothing else to say (no notice, no ignored
 * parameter): padding 8 + 6, header 30, column header 26, 25 per row, and in `mode=latest` the
 * "N topics" line under the board (18). The widget reserves the rows' room even before they arrive,
 * so at this height there is neither a scrollbar nor empty space. Checked against the rendered
 * widget in e2e/embed-status-board.spec.ts.
 */
export function widgetHeight(rows: number, mode: 'log' | 'latest' = 'log'): number {
  return 8 + 30 + 6 + 26 + rows * 25 + (mode === 'latest' ? 18 : 0);
}
