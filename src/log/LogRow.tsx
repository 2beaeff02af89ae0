import { memo } from 'react';
import type { LogEntry } from '../ingest/types';
import { formatBytes } from '../payload/format';
import { formatTimeAs, fullDate, type TimeFormat, topicColorIndex } from '../payload/logDisplay';
import { HIDDEN_CHARS_LABEL, revealInvisible } from '../payload/reveal';
import { entryPreview } from '../session/entryPreview';
import type { Highlight } from '../session/liveLog';
import type { RowText } from '../session/rowText';
import type { Column } from './columns';
import { Highlighted } from './Highlighted';

interface Props {
  entry: LogEntry | undefined;
  seq: number;
  index: number;
  selected: boolean;
  focusable: boolean;
  measure: (el: HTMLElement | null) => void;
  onOpen: (seq: number) => void;
  /** The applied filter's terms, marked in topic and message. */
  highlight: Highlight;
  columns: readonly Column[];
  rowText: RowText;
  time: TimeFormat;
  /** The clock for relative times (0 unless the time format is relative, so rows stay memoised). */
  now: number;
}

/** The message part of a row's accessible name: a screen reader reads time, topic and this, not 250 characters. */
const NAME_MESSAGE_CHARS = 80;

/**
 * One message, one grid row. Text only (React escapes it), so a payload full of HTML or script shows as
 * inert characters. The virtualizer owns the row's vertical position (direct DOM updates).
 */
export const LogRow = memo(function LogRow({
  entry,
  seq,
  index,
  selected,
  focusable,
  measure,
  onOpen,
  highlight,
  columns,
  rowText,
  time,
  now,
}: Props) {
  if (!entry) {
    return (
      <div ref={measure} data-index={index} role="row" aria-rowindex={index + 2} className="row row-evicted">
        <span role="gridcell" className="c-span">
          message #{seq} evicted from the buffer
        </span>
      </div>
    );
  }
  const timeText = formatTimeAs(entry.time, time, now);
  // ARIA grid rows with div cells: a <table> cannot hold the virtualizer's absolutely placed rows.
  const timeCell = (
    <span key="time" role="gridcell" className="c-time" title={fullDate(entry.time)}>
      {timeText}
    </span>
  );
  if (entry.marker !== undefined) {
    // The app's own row: an outage or a resubscription, between the messages it separates.
    return (
      <div
        ref={measure}
        data-index={index}
        data-seq={seq}
        role="row"
        aria-rowindex={index + 2}
        tabIndex={focusable ? 0 : -1}
        className="row row-marker"
        title={entry.marker}
      >
        {timeCell}
        <span role="gridcell" className="c-marker">
          <span role="note">⚠ {entry.marker}</span>
        </span>
      </div>
    );
  }
  // Topics and payloads are written by strangers: bidi overrides and zero-width characters are shown
  // as ⟨U+202E⟩ escapes, so `hostile/\u202Eko/strela` cannot pass for `hostile/alerts/ok`.
  const topic = revealInvisible(entry.topic);
  const view = rowText.of(entry);
  const raw = view.summary === null;
  const message = revealInvisible(view.summary ?? entryPreview(entry));
  const hidden = topic.hidden + message.hidden > 0;
  const root = entry.topic.split(/[/.]/, 1)[0] ?? '';
  const name = `${timeText}, ${topic.text}, ${message.text.length > NAME_MESSAGE_CHARS ? `${message.text.slice(0, NAME_MESSAGE_CHARS - 1)}…` : message.text}`;
  let field = 0;
  return (
    <div
      ref={measure}
      data-index={index}
      data-seq={seq}
      role="row"
      aria-rowindex={index + 2}
      aria-label={name}
      aria-selected={selected}
      tabIndex={focusable ? 0 : -1}
      className={`row${selected ? ' selected' : ''}${view.color ? ` hl-${view.color}` : ''}`}
      onClick={() => onOpen(seq)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(seq);
        }
      }}
    >
      {columns.map((col) => {
        switch (col.kind) {
          case 'time':
            return timeCell;
          case 'topic':
            return (
              <span
                key="topic"
                role="gridcell"
                className={`c-topic topic-c${topicColorIndex(root)}`}
                title={topic.text}
              >
                {hidden && (
                  <span
                    className="hidden-mark"
                    role="img"
                    aria-label={HIDDEN_CHARS_LABEL}
                    title={HIDDEN_CHARS_LABEL}
                  >
                    ⚠{' '}
                  </span>
                )}
                <Highlighted text={topic.text} highlight={highlight} />
              </span>
            );
          case 'summary':
            return (
              <span key="summary" role="gridcell" className={raw ? 'c-preview' : 'c-summary'}>
                <Highlighted text={message.text} highlight={highlight} />
              </span>
            );
          case 'field': {
            const text = view.cells[field++] ?? '—';
            return (
              <span key={col.id} role="gridcell" className="c-field" title={text}>
                {text}
              </span>
            );
          }
          case 'size':
            return (
              <span key="size" role="gridcell" className="c-size">
                {formatBytes(entry.payload.byteLength)}
              </span>
            );
          case 'flags':
            return (
              <span key="flags" role="gridcell" className="c-flags">
                {entry.retain && (
                  <abbr className="badge retained" title="Retained message">
                    retained
                  </abbr>
                )}
                {entry.dup && (
                  <abbr
                    className="badge redelivered"
                    title="Redelivered (DUP): the broker sent this QoS 1/2 message again after a reconnect; it may be a duplicate"
                  >
                    redelivered
                  </abbr>
                )}
              </span>
            );
          default:
            return null;
        }
      })}
    </div>
  );
});
