import { type KeyboardEvent, type PointerEvent, useRef } from 'react';
import type { PanelBounds } from './layoutPrefs';

const STEP = 16;
const BIG_STEP = 64;

interface Props {
  label: string;
  /** The id of the panel it sizes. */
  controls: string;
  width: number;
  bounds: PanelBounds;
  /** Which edge of the separator the panel is on: dragging toward the panel shrinks it. */
  panel: 'left' | 'right';
  onChange: (width: number) => void;
}

/**
 * A focusable window splitter (WAI-ARIA APG): drag it, or focus it and use the arrow keys (Shift for
 * bigger steps), Home and End. The value is the panel's width in pixels.
 */
export function Splitter({ label, controls, width, bounds, panel, onChange }: Props) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  const sign = panel === 'left' ? 1 : -1;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? BIG_STEP : STEP;
    const moves: Record<string, number> = {
      ArrowRight: width + sign * step,
      ArrowLeft: width - sign * step,
      Home: bounds.min,
      End: bounds.max,
    };
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    onChange(next);
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, width };
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (start) onChange(start.width + sign * (e.clientX - start.x));
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable window splitter has no HTML element; <hr> cannot take focus or keys
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={width}
      aria-valuemin={bounds.min}
      aria-valuemax={bounds.max}
      tabIndex={0}
      className="splitter"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    />
  );
}
