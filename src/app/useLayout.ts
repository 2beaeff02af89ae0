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

/** The panel layout, remembered across reloads. Written a moment after the last change, not per pixel. */
export function useLayout() {
  const [layout, setLayout] = useState(load);
  useEffect(() => {
    const timer = setTimeout(() => {
      try {
        window.localStorage.setItem(LAYOUT_KEY, serializeLayout(layout));
      } catch {
        // Full or blocked storage: the layout lasts this visit only.
      }
    }, 200);
    return () => clearTimeout(timer);
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
