import type { LogEntry } from '../ingest/types';
import { HIDDEN_CHARS_LABEL, revealInvisible } from '../payload/reveal';
import { entryPreview } from '../session/entryPreview';
import { hostPayload } from './hostMessages';
import { fieldLabel, fieldText, readPath } from './widgetModel';

/**
 * One line of text for a message: the seam for event summaries. Returns undefined when it has nothing to
 * say, and the row falls back to the payload preview. The default is the preview itself.
 */
export type Summarize = (entry: LogEntry) => string | undefined;

export const previewSummary: Summarize = (entry) => entryPreview(entry);

/** Parsed payloads keyed by seq, kept only for the rows on screen, so `fields=` parses each message once. */
export type ParsedCache = Map<number, { payload: unknown; binary: boolean }>;

/** Publisher-chosen text with hidden characters revealed, and a warning mark when there were some. */
export function Shown({ text }: { text: string }) {
  const shown = revealInvisible(text);
  return (
    <>
      {shown.hidden > 0 && (
        <span className="hidden-mark" role="img" aria-label={HIDDEN_CHARS_LABEL} title={HIDDEN_CHARS_LABEL}>
          ⚠
        </span>
      )}
      {shown.text}
    </>
  );
}

export function FieldHeaders({ fields }: { fields: readonly string[] }) {
  if (fields.length === 0) return <th scope="col">Message</th>;
  return (
    <>
      {fields.map((f) => (
        <th scope="col" key={f} title={f}>
          {fieldLabel(f)}
        </th>
      ))}
    </>
  );
}

/** The `fields=` cells of a message, or its summary (the preview by default) in one cell. */
export function MessageCells({
  entry,
  fields,
  parsed,
  summarize,
}: {
  entry: LogEntry;
  fields: readonly string[];
  parsed: ParsedCache;
  summarize: Summarize;
}) {
  if (fields.length === 0) {
    return (
      <td className="w-preview">
        <Shown text={summarize(entry) ?? entryPreview(entry)} />
      </td>
    );
  }
  let decoded = parsed.get(entry.seq);
  if (!decoded) {
    decoded = hostPayload(entry);
    parsed.set(entry.seq, decoded);
  }
  const root = { topic: entry.topic, qos: entry.qos, retain: entry.retain, payload: decoded.payload };
  return (
    <>
      {fields.map((f) => (
        <td key={f}>
          <Shown text={fieldText(readPath(root, f))} />
        </td>
      ))}
    </>
  );
}

/** Keeps only the cache entries of the rows on screen (call after rendering a page of rows). */
export function keepOnly(parsed: ParsedCache, seqs: ReadonlySet<number>): void {
  for (const seq of parsed.keys()) if (!seqs.has(seq)) parsed.delete(seq);
}
