import type { LogEntry } from '../ingest/types';
import { previewPayload } from '../payload/preview';

/** The single-line preview, computed the first time a row or the filter asks and then kept. */
export function entryPreview(entry: LogEntry): string {
  entry.preview ??= previewPayload(entry.payload);
  return entry.preview;
}
