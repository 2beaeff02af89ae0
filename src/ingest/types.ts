import type { RawMessage } from '../mqtt/types';

/**
 * One message in the live log. The payload stays as bytes; the preview string is computed the first
 * time a row or the filter needs it and then kept, so ingest itself never decodes anything.
 */
export interface LogEntry extends RawMessage {
  /** Sequence number in the ring buffer: stable key for rows and selection. */
  seq: number;
  /** Receive time, epoch milliseconds. */
  time: number;
  preview: string | undefined;
  /**
   * What the log's columns show (summary, JSON field cells, highlight colour), computed the first time
   * the row is drawn under a given column setup (`gen`) and then kept. Counted in ENTRY_OVERHEAD_BYTES.
   */
  view: EntryView | undefined;
  /**
   * Set on the app's own rows in the log (not messages): "connection lost 12:00:01 – 12:00:09, …",
   * "resubscribed: …". Never counted as received, never filtered out, not fed to sinks.
   */
  marker?: string | undefined;
}

/** What ingest publishes to the UI, at most once per animation frame. */
export interface IngestFrame {
  /** Changes whenever the buffer's content changes (next sequence number, or a bump on clear). */
  version: number;
  received: number;
  buffered: number;
  bufferedBytes: number;
  evicted: number;
  perSecond: number;
  /**
   * Messages the broker delivered that no subscription's pattern accepts, dropped before the log: an
   * AMQP pattern such as `pulp.#.finish` is sent as the broader MQTT filter `pulp/#` and narrowed here.
   */
  narrowedOut: number;
}

/**
 * A consumer of ingested messages: the log's ring buffer is the first, then the topic tree, the
 * widget's host events, later a capture recorder. Each gets the whole batch at once (oldest first,
 * already stamped with seq and time), never one call per message.
 */
export interface IngestSink {
  ingest(entries: readonly LogEntry[], now: number): void;
  /** The log was cleared. */
  clear?(): void;
  /**
   * A Clear was undone: what it dropped is back in the buffer. `since` is the first seq that arrived
   * after the Clear (already passed to `ingest`).
   */
  restore?(since: number): void;
  /** The Clear can no longer be undone: let go of what was kept for it. */
  forgetCleared?(): void;
}

/**
 * How the session's topic syntax shapes deliveries: `topic` turns a topic as delivered into the one
 * shown (AMQP: `a/b/c` → `a.b.c`), `accept` keeps only what the user's patterns mean. Null = as is.
 */
export interface Delivery {
  topic: ((wire: string) => string) | null;
  accept: ((topic: string) => boolean) | null;
}

/** The log row's computed texts for one column setup; see session/rowText.ts. */
export interface EntryView {
  gen: number;
  /** One-line summary (≤ 200 characters), or null when no template applies. */
  summary: string | null;
  /** One text per JSON field column (≤ 60 characters each, at most 6). */
  cells: readonly string[];
  /** Colour of the first highlight rule the message matches. */
  color: string | null;
}
