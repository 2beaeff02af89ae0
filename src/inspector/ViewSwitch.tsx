import { type KeyboardEvent, useRef } from 'react';
import { VIEW_LABELS, type View } from './payloadViews';

const NEXT: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * `Payload view`: one radio group, one tab stop (the checked radio). The arrow keys move to the next or
 * previous view and select it, wrapping round; Home and End go to the first and last (WAI-ARIA radio group).
 */
export function ViewSwitch({
  views,
  view,
  onChange,
}: {
  views: readonly View[];
  view: View;
  onChange: (view: View) => void;
}) {
  const group = useRef<HTMLDivElement>(null);

  const onKeyDown = (e: KeyboardEvent) => {
    const at = views.indexOf(view);
    let target: number | undefined;
    if (e.key in NEXT) target = (at + (NEXT[e.key] as number) + views.length) % views.length;
    else if (e.key === 'Home') target = 0;
    else if (e.key === 'End') target = views.length - 1;
    if (target === undefined) return;
    e.preventDefault();
    const next = views[target] as View;
    onChange(next);
    group.current?.querySelector<HTMLElement>(`[data-view="${next}"]`)?.focus();
  };

  return (
    <div
      ref={group}
      className="view-switch"
      role="radiogroup"
      aria-label="Payload view"
      onKeyDown={onKeyDown}
    >
      {views.map((v) => (
        // biome-ignore lint/a11y/useSemanticElements: a segmented control of toggle buttons, labelled as radios
        <button
          key={v}
          type="button"
          role="radio"
          data-view={v}
          aria-checked={view === v}
          tabIndex={view === v ? 0 : -1}
          onClick={() => onChange(v)}
        >
          {VIEW_LABELS[v]}
        </button>
      ))}
    </div>
  );
}
