/**
 * The panel layout the user chose (widths, which panels are hidden), remembered in localStorage. Pure:
 * parse and serialize only, so corrupt or foreign values are tested without a browser.
 */
export interface LayoutPrefs {
  sidebarWidth: number;
  inspectorWidth: number;
  sidebarHidden: boolean;
  inspectorHidden: boolean;
}

/** Versioned: a later shape gets a new key instead of being misread from this one. */
export const LAYOUT_KEY = 'firehose-viewer:layout:v1';

export interface PanelBounds {
  min: number;
  max: number;
  initial: number;
}
/** 200 px keeps the Subscribe form usable; 560 px leaves the log most of a laptop screen. */
export const SIDEBAR: PanelBounds = { min: 200, max: 560, initial: 300 };
/**
 * 280 px still shows a payload line. The default fits the hex dump's 78-character lines at 1440 px (issue 8:
 * it needs ~470 px of pane at its smallest font, scroll bar included); below ~1390 px the CSS cap of 36vw
 * binds first, so at 1024 px the log keeps its width.
 */
export const INSPECTOR: PanelBounds = { min: 280, max: 900, initial: 500 };

export const DEFAULT_LAYOUT: LayoutPrefs = {
  sidebarWidth: SIDEBAR.initial,
  inspectorWidth: INSPECTOR.initial,
  sidebarHidden: false,
  inspectorHidden: false,
};

export function clampWidth(width: number, bounds: PanelBounds): number {
  if (!Number.isFinite(width)) return bounds.initial;
  return Math.round(Math.min(bounds.max, Math.max(bounds.min, width)));
}

/** Reads a stored layout; anything unreadable falls back, field by field, to the defaults. */
export function parseLayout(raw: string | null): LayoutPrefs {
  if (raw === null) return DEFAULT_LAYOUT;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return DEFAULT_LAYOUT;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return DEFAULT_LAYOUT;
  const o = json as Record<string, unknown>;
  const width = (v: unknown, b: PanelBounds) => (typeof v === 'number' ? clampWidth(v, b) : b.initial);
  return {
    sidebarWidth: width(o.sidebarWidth, SIDEBAR),
    inspectorWidth: width(o.inspectorWidth, INSPECTOR),
    sidebarHidden: o.sidebarHidden === true,
    inspectorHidden: o.inspectorHidden === true,
  };
}

export function serializeLayout(p: LayoutPrefs): string {
  return JSON.stringify({
    sidebarWidth: clampWidth(p.sidebarWidth, SIDEBAR),
    inspectorWidth: clampWidth(p.inspectorWidth, INSPECTOR),
    sidebarHidden: p.sidebarHidden,
    inspectorHidden: p.inspectorHidden,
  });
}
