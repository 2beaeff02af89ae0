import { memo } from 'react';
import type { LogEntry } from '../ingest/types';
import { formatBytes, formatTime } from '../payload/format';
import { HIDDEN_CHARS_LABEL, revealInvisible } from '../payload/reveal';
import { entryPreview } from '../session/entryPreview';
import type { Highlight } from '../session/liveLog';
import { Highlighted } from './Highlighted';

interface Props {
  entry: LogEntry | undefined;
  seq: number;
  index: number;
  selected: boolean;
  focusable: boolean;
  measure: (el: HTMLElement | null) => void;
  onOpen: (seq: number) => void;
  /** The applied filter's terms, marked in topic and preview. */
  highlight: Highlight;
}

/**
 * One message. Text only (React escapes it), so a payload full of HTML or script shows as inert
 * characters. The virtualizer owns the row's vertical position (direct DOM updates).
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
}: Props) {
  if (!entry) {
    return (
      <div ref={measure} data-index={index} className="row row-evicted">
        message #{seq} evicted from the buffer
      </div>
    );
  }
  if (entry.marker !== undefined) {
    // The app's own row: an outage or a resubscription, between the messages it separates.
    return (
      <div
        ref={measure}
        data-index={index}
        data-seq={seq}
        role="note"
        tabIndex={focusable ? 0 : -1}
        className="row row-marker"
        title={entry.marker}
      >
        <time className="c-time">{formatTime(entry.time)}</time>
        <span className="c-marker">⚠ {entry.marker}</span>
      </div>
    );
  }
  // Topics and payloads are written by strangers: bidi overrides and zero-width characters are shown
  // as ⟨U+202E⟩ escapes, so `hostile/\u202Eko/strela` cannot pass for `hostile/alerts/ok`.
  const topic = revealInvisible(entry.topic);
  const preview = revealInvisible(entryPreview(entry));
  const hidden = topic.hidden + preview.hidden > 0;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <button> cannot hold the row's grid layout of spans reliably across browsers
    <div
      ref={measure}
      data-index={index}
      data-seq={seq}
      role="button"
      tabIndex={focusable ? 0 : -1}
      aria-current={selected ? 'true' : undefined}
      className={selected ? 'row selected' : 'row'}
      onClick={() => onOpen(seq)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(seq);
        }
      }}
    >
      <time className="c-time">{formatTime(entry.time)}</time>
      <span className="c-topic" title={topic.text}>
        {hidden && (
          <span className="hidden-mark" role="img" aria-label={HIDDEN_CHARS_LABEL} title={HIDDEN_CHARS_LABEL}>
            ⚠{' '}
          </span>
        )}
        <Highlighted text={topic.text} highlight={highlight} />
      </span>
      <span className="c-preview">
        <Highlighted text={preview.text} highlight={highlight} />
      </span>
      <span className="c-size">{formatBytes(entry.payload.byteLength)}</span>
      <span className="c-flags">
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
    </div>
  );
});
