import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, INSPECTOR, parseLayout, SIDEBAR, serializeLayout } from './layoutPrefs';

describe('parseLayout', () => {
  it('gives the default layout when nothing was saved', () => {
    expect(parseLayout(null)).toEqual(DEFAULT_LAYOUT);
  });

  it.each(['{not json', '[]', '42', 'null', '"wide"'])('ignores a corrupt value %s safely', (raw) => {
    expect(parseLayout(raw)).toEqual(DEFAULT_LAYOUT);
  });

  it('round-trips a layout the user chose', () => {
    const chosen = { sidebarWidth: 420, inspectorWidth: 500, sidebarHidden: true, inspectorHidden: false };
    expect(parseLayout(serializeLayout(chosen))).toEqual(chosen);
  });

  it('clamps widths into their bounds and drops wrong types field by field', () => {
    expect(
      parseLayout(
        JSON.stringify({ sidebarWidth: 5, inspectorWidth: 1e9, sidebarHidden: 'yes', inspectorHidden: true }),
      ),
    ).toEqual({
      sidebarWidth: SIDEBAR.min,
      inspectorWidth: INSPECTOR.max,
      sidebarHidden: false,
      inspectorHidden: true,
    });
    expect(parseLayout(JSON.stringify({ sidebarWidth: '300px', inspectorWidth: null }))).toEqual(
      DEFAULT_LAYOUT,
    );
  });
});
