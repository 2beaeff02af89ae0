import type { LogEntry } from '../ingest/types';
import { decodePayload } from '../payload/decode';

/**
 * The widget's postMessage API to the page that embeds it (documented in the README). Messages go to
 * any parent origin ('*'): the widget shows a public firehose and carries no secrets, and a status page
 * on any origin must be able to listen. A host should still check `event.source === iframe.contentWindow`.
 */
export type HostMessage =
  | { type: 'firehose:resize'; height: number }
  | {
      type: 'firehose:message';
      topic: string;
      /** Parsed JSON when the payload is JSON, the text when it is UTF-8, otherwise null. */
      payload: unknown;
      binary: boolean;
      retained: boolean;
      /** Receive time, epoch ms. */
      time: number;
    }
  | {
      type: 'firehose:status';
      level: 'live' | 'stale' | 'down' | 'connecting';
      text: string;
      /** While something is wrong: why, in one sentence. */
      reason?: string;
    }
  /** The answer to a host → widget command: obeyed, or ignored and why. */
  | { type: 'firehose:ack'; command: string; accepted: boolean; reason?: string };

export function postToHost(message: HostMessage): void {
  if (window.parent === window) return;
  window.parent.postMessage(message, '*');
}

/** Parsed JSON when the payload is JSON, the text when it is UTF-8, otherwise null with `binary`. */
export function hostPayload(entry: LogEntry): { payload: unknown; binary: boolean } {
  const decoded = decodePayload(entry.payload, { maxPrettyBytes: 0 });
  if (decoded.kind === 'json') return { payload: decoded.json, binary: false };
  if (decoded.kind === 'binary') return { payload: null, binary: true };
  return { payload: decoded.text ?? '', binary: false };
}
