import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import {
  type CSSProperties,
  type FocusEvent,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { RowText } from '../session/rowText';
import { useFirehose, useSession } from '../session/SessionContext';
import { useNow } from '../session/useNow';
import { topicSyntax } from '../topics/syntax';
import { logColumns } from './columns';
import { LogHeader } from './LogHeader';
import { LogRow } from './LogRow';
import { LogSetup } from './LogSetup';

const ROW_HEIGHT = 28;
/** The sticky header row sits over the virtualizer's leading padding. */
const HEADER_HEIGHT = 28;
/** Within this many pixels of the bottom counts as "at the tail": the log follows new messages. */
const TAIL_THRESHOLD = 8;

const OVERSCAN = 8;

/**
 * The live log: a virtualized list over the ring buffer. It re-renders once per animation frame at
 * most (when the session bumps `viewVersion`), and only ~30 rows exist in the DOM whatever the
 * buffer holds. It follows the tail while the user is at the bottom, and keeps the rows under the
 * user's eyes still when they have scrolled up, even as old rows are evicted.
 *
 * Following costs no layout read and no scroll write: while at the tail the rows drawn are the last
 * ones, and the browser's own scroll anchoring (CSS `overflow-anchor`) keeps the view on the
 * `.log-tail` mark after them as the list grows. The virtualizer's `followOnAppend` did it by reading
 * `scrollHeight` after each update, a forced layout that took 28 % of the main thread at 5,000 msgs/s
 * (`npm run bench -- --profile`). Scrolled up, rows leaving the head are made up for by moving the
 * scroll position up by as many rows (fixed heights: no measuring).
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
  const display = useFirehose((s) => s.display);
  const syntaxId = useFirehose((s) => s.syntax);
  const rowText = useMemo(() => new RowText(display, topicSyntax(syntaxId)), [display, syntaxId]);
  const columns = useMemo(() => logColumns(display), [display]);
  const relative = display.time === 'relative';
  const clock = useNow(relative ? 1000 : 3_600_000);
  const now = relative ? clock : 0;
  // The focused row stays rendered while the log follows the tail, however far it scrolls off: a row
  // the virtualizer unmounts takes keyboard focus with it (to the page body, after ~6 s at a live rate).
  const focusIndex = focusSeq === null ? -1 : index.indexOf(focusSeq);
  const keepIndex = useRef(-1);
  keepIndex.current = focusIndex;
  // The truth is the ref, set at once by scroll events and the tail mark's observer; the state redraws.
  const following = useRef(true);
  const setFollowing = useCallback((on: boolean) => {
    following.current = on;
    setAtEnd(on);
  }, []);
  const tailRef = useRef<HTMLDivElement>(null);
  const lastOffset = useRef(0);
  const viewportRows = useRef(40);
  // A new function when following starts or stops: the virtualizer caches the rows it drew for a range.
  const rangeExtractor = useCallback(
    (range: Range) => {
      // At the tail, the last rows: where the browser's scroll anchoring takes the view this frame,
      // whatever offset the virtualizer last read.
      const out = atEnd
        ? tailRange(range.count, viewportRows.current + range.overscan)
        : defaultRangeExtractor(range);
      const keep = keepIndex.current;
      if (keep >= 0 && keep < range.count && !out.includes(keep)) {
        out.push(keep);
        out.sort((a, b) => a - b);
      }
      return out;
    },
    [atEnd],
  );

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
    rangeExtractor,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    overscan: OVERSCAN,
    directDomUpdates: true,
    // From the virtualizer's own sizes and offset, never the element's: getDistanceFromEnd() reads
    // scrollHeight, a forced layout on every change (27 % of the main thread at 10,000 msgs/s).
    onChange: (v) => {
      const height = v.scrollRect?.height ?? 0;
      if (height > 0) viewportRows.current = Math.ceil(height / ROW_HEIGHT);
      // Following stops when the view moves up away from the end (the user scrolled, or a key moved the
      // focus up); rows added under a view that follows them only look "away from the end" until the
      // anchoring's scroll event, and must not stop it. It starts again when the tail mark is in view.
      const offset = v.scrollOffset ?? 0;
      const movedUp = offset < lastOffset.current - 1;
      lastOffset.current = offset;
      if (movedUp && v.getTotalSize() - offset - height > TAIL_THRESHOLD) setFollowing(false);
    },
  });

  // Rows that left the head while the user reads further up: scrolled up by as many, so the rows under
  // their eyes stay put. At the tail the anchoring does it; a new list (filter, clear) starts afresh.
  const dropped = useRef({ count: index.dropped, generation: index.generation });
  useLayoutEffect(() => {
    const was = dropped.current;
    dropped.current = { count: index.dropped, generation: index.generation };
    const rows = index.dropped - was.count;
    const el = parentRef.current;
    if (!el || rows <= 0 || index.generation !== was.generation || following.current) return;
    el.scrollTop = Math.max(0, el.scrollTop - rows * ROW_HEIGHT);
  });

  // The tail mark in view: following. Out of view while following, though nobody scrolled up: the rows
  // grew where anchoring does not act (at offset 0, the first time they overflow), so go to the end.
  const hasRows = count > 0;
  useEffect(() => {
    const el = parentRef.current;
    const mark = tailRef.current;
    if (!hasRows || !el || !mark) return;
    const observer = new IntersectionObserver(
      (records) => {
        const last = records.at(-1);
        if (last?.isIntersecting) setFollowing(true);
        else if (following.current) el.scrollTop = el.scrollHeight;
      },
      { root: el },
    );
    observer.observe(mark);
    return () => observer.disconnect();
  }, [hasRows, setFollowing]);

  const open = useCallback(
    (seq: number) => {
      session.log.select(seq);
      setFocusSeq(seq);
    },
    [session],
  );

  // The focused message was evicted from the buffer: focus goes to the log, never to the page body.
  useEffect(() => {
    if (focusSeq !== null && focusIndex < 0 && document.activeElement === document.body)
      parentRef.current?.focus();
  }, [focusSeq, focusIndex]);

  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-seq]');
    if (row) setFocusSeq(Number(row.dataset.seq));
  };

  const moveFocus = (i: number) => {
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
    moveFocus(next);
  };

  const items = virtualizer.getVirtualItems();
  // Keep one row in the tab order: the focused one if it is rendered, else the last rendered one.
  const tabSeq = focusIndex >= 0 ? (focusSeq as number) : index.seqAt(items.at(-1)?.index ?? 0);
  const gridStyle = { '--log-cols': columns.map((c) => c.track).join(' ') } as CSSProperties;

  return (
    <>
      <LogSetup />
      <div className="log-wrap">
        <div
          ref={parentRef}
          role="log"
          aria-label="Message log"
          aria-live="off"
          tabIndex={count === 0 ? 0 : -1}
          className="log"
          style={gridStyle}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
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
            <div role="grid" aria-label="Messages" aria-rowcount={count + 1} className="log-grid">
              <LogHeader columns={columns} />
              <div ref={virtualizer.containerRef} role="rowgroup" className="log-inner">
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
                      columns={columns}
                      rowText={rowText}
                      time={display.time}
                      now={now}
                    />
                  );
                })}
              </div>
              <div ref={tailRef} className="log-tail" aria-hidden="true" />
            </div>
          )}
        </div>
        {!atEnd && count > 0 && (
          <button
            type="button"
            className="jump-latest"
            onClick={() => {
              const el = parentRef.current;
              setFollowing(true);
              if (el) el.scrollTop = el.scrollHeight;
            }}
          >
            ↓ Jump to latest
          </button>
        )}
        <span hidden data-testid="log-render-count">
          {renders.current}
        </span>
      </div>
    </>
  );
}

/** The last `n` indexes of `count`. */
function tailRange(count: number, n: number): number[] {
  const out: number[] = [];
  for (let i = Math.max(0, count - n); i < count; i++) out.push(i);
  return out;
}
