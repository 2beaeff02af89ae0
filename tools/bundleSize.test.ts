import { beforeAll, describe, expect, it } from 'vitest';
import { buildAndMeasure, type EntrySize } from './bundleSize';

/** The widget's budget: status pages load it cold. mqtt.js (~105 kB gz) and React (~60 kB gz) are most of it. */
const WIDGET_BUDGET_GZIP = 200 * 1024;

describe('built bundles', () => {
  let widget: EntrySize;
  let full: EntrySize;

  beforeAll(async () => {
    const sizes = await buildAndMeasure();
    widget = sizes.find((s) => s.entry === 'embed.html') as EntrySize;
    full = sizes.find((s) => s.entry === 'index.html') as EntrySize;
  }, 120_000);

  it('keeps the embeddable widget under 200 kB of gzipped JavaScript', () => {
    expect(widget.gzipTotal).toBeLessThan(WIDGET_BUDGET_GZIP);
  });

  it('leaves the log, inspector, tree and dialogs out of the widget', () => {
    const fullOnly = widget.modules.filter((m) =>
      /src\/(inspector|connection|subscriptions)\/|src\/log\/(LogView|LogRow|FilterBar)|react-virtual|virtual-core|EmbedDialog/.test(
        m,
      ),
    );
    expect(fullOnly).toEqual([]);
    expect(widget.modules.some((m) => m.includes('src/embed/EmbedApp'))).toBe(true);
  });

  it('loads less code for the widget than for the full app', () => {
    expect(widget.gzipTotal).toBeLessThan(full.gzipTotal);
  });
});
