/**
 * One-line payload previews for log rows, computed once at ingest for every message.
 *
 * Cost is what matters here: a firehose can deliver thousands of messages a second, some of them
 * megabytes long, so only the first ~4 bytes per shown character are ever decoded (UTF-8 needs at most 4
 * bytes per code point, so that is always enough to fill the preview).
 */

import { hasControlChars } from './decode';
import { formatBytes } from './format';

// Non-fatal: invalid UTF-8 becomes U+FFFD instead of throwing, which keeps the common (binary) path free of
// exception costs. The strict decoder is consulted only when a U+FFFD shows up.
const lenientUtf8 = new TextDecoder('utf-8');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

const HEX_PREVIEW_BYTES = 16;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Backs `end` up to the start of a UTF-8 sequence so a cut never splits a character into a fake U+FFFD. */
function utf8Boundary(bytes: Uint8Array, end: number): number {
  let cut = end;
  // Continuation bytes look like 10xxxxxx; a character has at most 3 of them.
  while (cut > 0 && end - cut < 3 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return cut;
}

/** Decodes as text, or returns null when the bytes are binary (invalid UTF-8 or control characters). */
function decodeText(head: Uint8Array): string | null {
  let text = lenientUtf8.decode(head);
  if (text.includes('\ufffd')) {
    // Either invalid UTF-8 or a genuine U+FFFD in the text; only the strict decoder can tell.
    try {
      text = strictUtf8.decode(head);
    } catch {
      return null;
    }
  }
  return hasControlChars(text) ? null : text;
}

function hexPreview(bytes: Uint8Array): string {
  const n = Math.min(bytes.length, HEX_PREVIEW_BYTES);
  let out = `<binary ${formatBytes(bytes.length)}>`;
  for (let i = 0; i < n; i++) out += ` ${HEX[bytes[i] ?? 0]}`;
  return bytes.length > n ? `${out} …` : out;
}

/**
 * A single-line preview: whitespace runs (newlines included) collapse to one space and the result is cut
 * to `maxChars` with a trailing '…'. Binary payloads read `<binary 1.2 kB> 89 50 4e 47 …`.
 */
export function previewPayload(bytes: Uint8Array, maxChars = 200): string {
  if (bytes.length === 0) return '(empty)';
  const limit = Math.max(1, maxChars) * 4;
  const truncated = bytes.length > limit;
  const end = truncated ? utf8Boundary(bytes, limit) : bytes.length;
  const text = decodeText(bytes.subarray(0, end));
  if (text === null) return hexPreview(bytes);

  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length === 0) return truncated ? '…' : '(whitespace)';
  if (line.length > maxChars) {
    let cut = Math.max(0, maxChars - 1);
    // Do not leave half a surrogate pair (an emoji) dangling before the ellipsis.
    const last = line.charCodeAt(cut - 1);
    if (last >= 0xd800 && last <= 0xdbff) cut--;
    return `${line.slice(0, cut)}…`;
  }
  return truncated ? `${line}…` : line;
}
