import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import {
  type CSSProperties,
  type FocusEvent,
  type KeyboardEvent,
  useCallback,
  useEffect,
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

/** The last screenful of rows and the overscan above it: what the log shows at its end. */
function tailRange({ startIndex, endIndex, overscan, count }: Range): number[] {
  const from = Math.max(0, count - (endIndex - startIndex + 1) - overscan);
  return Array.from({ length: count - from }, (_, i) => from + i);
}

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
  const following = useRef(true);
  following.current = atEnd;
  /** The row count of the last render: what the screen showed before the messages that just came. */
  const drawnCount = useRef(0);
  const rangeExtractor = useCallback((range: Range) => {
    // Following the tail when messages arrive (the screen showed the end of what was drawn), the rows
    // drawn are those on screen once the log has scrolled to its new end, in the same render, not those
    // above it that this frame scrolls away. Otherwise the frame would show the new end without its
    // rows (they came with the scroll event, a frame later), and that scroll's render would remove and
    // add rows, leaving the next frame's render a fresh layout to force.
    const arriving = following.current && range.endIndex >= drawnCount.current - 1;
    const out = arriving ? tailRange(range) : defaultRangeExtractor(range);
    const keep = keepIndex.current;
    if (keep >= 0 && keep < range.count && !out.includes(keep)) {
      out.push(keep);
      out.sort((a, b) => a - b);
    }
    return out;
  }, []);

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
  drawnCount.current = count;
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
    </>
  );
}
