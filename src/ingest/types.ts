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
  preview?: string;
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
}
