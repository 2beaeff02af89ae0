import { type KeyboardEvent, type PointerEvent, useRef } from 'react';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from '../payload/logDisplay';
import { useSession } from '../session/SessionContext';
import type { Column } from './columns';

const KEY_STEP = 16;

/**
 * The log's header row: one column header per column, each with a handle to resize it (drag, or focus
 * the handle and use ←/→). Widths are kept in the saved log layout.
 */
export function LogHeader({ columns }: { columns: readonly Column[] }) {
  const session = useSession();
  const drag = useRef<{ id: string; startX: number; startW: number } | null>(null);

  const setWidth = (id: string, w: number) => {
    const width = Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, w)));
    session.store
      .getState()
      .setDisplay({ widths: { ...session.store.getState().display.widths, [id]: width } });
  };
  const widthOf = (el: HTMLElement | null) =>
    el?.closest('[role="columnheader"]')?.getBoundingClientRect().width ?? 100;

  const onPointerDown = (id: string) => (e: PointerEvent<HTMLElement>) => {
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { id, startX: e.clientX, startW: widthOf(e.currentTarget) };
  };
  const onPointerMove = (e: PointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (d) setWidth(d.id, d.startW + e.clientX - d.startX);
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (id: string) => (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    e.stopPropagation();
    const current = session.store.getState().display.widths[id] ?? widthOf(e.currentTarget);
    setWidth(id, current + (e.key === 'ArrowRight' ? KEY_STEP : -KEY_STEP));
  };

  return (
    <div role="row" aria-rowindex={1} className="row row-head">
      {columns.map((col) => (
        <div
          key={col.id}
          role="columnheader"
          className={`c-head c-head-${col.kind === 'field' ? 'field' : col.id}`}
          title={col.kind === 'field' ? col.id : undefined}
        >
          <span className="c-head-label">{col.label}</span>
          <span
            role="separator"
            aria-orientation="vertical"
            aria-label={`Resize ${col.label} column`}
            aria-valuenow={col.width}
            aria-valuemin={MIN_COLUMN_WIDTH}
            aria-valuemax={MAX_COLUMN_WIDTH}
            tabIndex={0}
            className="col-resize"
            onPointerDown={onPointerDown(col.id)}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onKeyDown={onKeyDown(col.id)}
            onClick={(e) => e.stopPropagation()}
          />
        </div>
      ))}
    </div>
  );
}
