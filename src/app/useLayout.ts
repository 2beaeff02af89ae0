import { useCallback, useEffect, useState } from 'react';
import {
  clampWidth,
  INSPECTOR,
  LAYOUT_KEY,
  type LayoutPrefs,
  parseLayout,
  SIDEBAR,
  serializeLayout,
} from './layoutPrefs';

function load(): LayoutPrefs {
  try {
    return parseLayout(window.localStorage.getItem(LAYOUT_KEY));
  } catch {
    // Storage blocked (privacy mode, sandboxed frame): the defaults, every time.
    return parseLayout(null);
  }
}

/**
 * The panel layout, remembered across reloads. Written as soon as it changes: a change followed at once by
 * a reload or a closed tab is still remembered (a small JSON string; cheaper than the render it follows).
 */
export function useLayout() {
  const [layout, setLayout] = useState(load);
  useEffect(() => {
    try {
      window.localStorage.setItem(LAYOUT_KEY, serializeLayout(layout));
    } catch {
      // Full or blocked storage: the layout lasts this visit only.
    }
  }, [layout]);
  const update = useCallback((patch: Partial<LayoutPrefs>) => {
    setLayout((prev) => {
      const next = { ...prev, ...patch };
      next.sidebarWidth = clampWidth(next.sidebarWidth, SIDEBAR);
      next.inspectorWidth = clampWidth(next.inspectorWidth, INSPECTOR);
      return next;
    });
  }, []);
  return [layout, update] as const;
}
