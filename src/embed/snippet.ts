/** Builds the `<iframe>` a user pastes into a status page. Pure; every attribute value is escaped. */
export interface SnippetOptions {
  src: string;
  title: string;
  width: number;
  height: number;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function iframeSnippet({ src, title, width, height }: SnippetOptions): string {
  return (
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" ` +
    `width="${Math.round(width)}" height="${Math.round(height)}" style="border:0" loading="lazy" ` +
    `referrerpolicy="no-referrer"></iframe>`
  );
}

/** Header + column header + rows: the height at which the default widget needs no scrollbar. */
export function widgetHeight(rows: number): number {
  return 46 + 26 + rows * 25 + 6;
}
