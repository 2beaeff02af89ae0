import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useRef, useState } from 'react';
import { useFirehose, useSession } from '../session/SessionContext';
import { LogRow } from './LogRow';

const ROW_HEIGHT = 28;
/** Within this many pixels of the bottom counts as "at the tail": the log follows new messages. */
const TAIL_THRESHOLD = 8;

/**
 * The live log: a virtualized list over the ring buffer. It re-renders once per animation frame at
 * most (when the session bumps `viewVersion`), and only ~30 rows exist in the DOM whatever the
 * buffer holds. Anchored to the end: it follows the tail while the user is at the bottom, and keeps
 * the rows under the user's eyes still when they have scrolled up, even as old rows are evicted.
 */
export function LogView() {
  const session = useSession();
  useFirehose((s) => s.viewVersion);
  const selectedSeq = useFirehose((s) => s.selectedSeq);
  const hasSubs = useFirehose((s) => s.subscriptions.length > 0);
  const filterText = useFirehose((s) => s.filterText);
  const index = session.log.index;
  const count = index.length;
  const parentRef = useRef<HTMLDivElement>(null);
  const renders = useRef(0);
  renders.current++;
  const [atEnd, setAtEnd] = useState(true);
  const [focusSeq, setFocusSeq] = useState<number | null>(null);

  // Stable identity: a new key function per render makes the virtualizer rebuild all 50,000 measurements.
  const getItemKey = useCallback((i: number) => index.seqAt(i), [index]);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Rows have a fixed height. The default measurer reads offsetHeight of every newly mounted row,
    // between the virtualizer's own style writes, forcing a layout each time: ~31 forced layouts per
    // frame and 31 % of the main thread at 10,000 msgs/s in the benchmark's profile.
    measureElement: () => ROW_HEIGHT,
    getItemKey,
    overscan: 8,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: TAIL_THRESHOLD,
    directDomUpdates: true,
    // From the virtualizer's own sizes and offset: getDistanceFromEnd() reads scrollHeight, a forced
    // layout on every change, which a profile at 10,000 msgs/s put at 27 % of the main thread.
    onChange: (v) =>
      setAtEnd(v.getTotalSize() - (v.scrollOffset ?? 0) - (v.scrollRect?.height ?? 0) <= TAIL_THRESHOLD),
  });

  const open = useCallback(
    (seq: number) => {
      session.log.select(seq);
      setFocusSeq(seq);
    },
    [session],
  );

  const focusIndex = (i: number) => {
    const target = Math.max(0, Math.min(count - 1, i));
    const seq = index.seqAt(target);
    setFocusSeq(seq);
    virtualizer.scrollToIndex(target, { align: 'auto' });
    requestAnimationFrame(() => {
      parentRef.current?.querySelector<HTMLElement>(`[data-seq="${seq}"]`)?.focus();
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (count === 0) return;
    // Start from the row that has focus: a row reached with Tab never set `focusSeq`, and starting from
    // that stale value made the first ArrowUp after tabbing into the log a no-op.
    const focusedRow = (e.target as HTMLElement).closest<HTMLElement>('[data-seq]');
    const fromSeq = focusedRow ? Number(focusedRow.dataset.seq) : focusSeq;
    const current = fromSeq === null ? -1 : index.indexOf(fromSeq);
    const page = Math.max(1, Math.floor((parentRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: current < 0 ? count - 1 : current + 1,
      ArrowUp: current < 0 ? count - 1 : current - 1,
      PageDown: current + page,
      PageUp: Math.max(0, current - page),
      Home: 0,
      End: count - 1,
    };
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    focusIndex(next);
  };

  const items = virtualizer.getVirtualItems();
  // Keep one row in the tab order: the focused one if it is rendered, else the last rendered one.
  const tabSeq =
    focusSeq !== null && index.indexOf(focusSeq) >= 0 ? focusSeq : index.seqAt(items.at(-1)?.index ?? 0);

  return (
    <div className="log-wrap">
      <div
        ref={parentRef}
        role="log"
        aria-label="Message log"
        aria-live="off"
        tabIndex={count === 0 ? 0 : -1}
        className="log"
        onKeyDown={onKeyDown}
      >
        {count === 0 ? (
          <p className="log-empty">
            {filterText
              ? 'No buffered message matches the filter.'
              : hasSubs
                ? 'Waiting for messages…'
                : 'Subscribe to a topic filter to see messages here.'}
          </p>
        ) : (
          <div ref={virtualizer.containerRef} className="log-inner">
            {items.map((item) => {
              const seq = index.seqAt(item.index);
              return (
                <LogRow
                  key={item.key as number}
                  entry={session.entry(seq)}
                  seq={seq}
                  index={item.index}
                  selected={seq === selectedSeq}
                  focusable={seq === tabSeq}
                  measure={virtualizer.measureElement}
                  onOpen={open}
                  highlight={session.log.highlight}
                />
              );
            })}
          </div>
        )}
      </div>
      {!atEnd && count > 0 && (
        <button type="button" className="jump-latest" onClick={() => virtualizer.scrollToEnd()}>
          ↓ Jump to latest
        </button>
      )}
      <span hidden data-testid="log-render-count">
        {renders.current}
      </span>
    </div>
  );
}
