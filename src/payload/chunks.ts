/**
 * Text produced a piece at a time, for views that must never lay out megabytes in one frame.
 *
 * Measured in Chromium 156 on the 2-core target: appending a 32 k-character block to a `<pre>` costs
 * 7–20 ms of layout on a quiet machine and up to 100 ms on one loaded by parallel test runs, and a single
 * 256 kB line several hundred. So a view renders a chunk or a few of about 16 k characters per animation
 * frame and stops at a limit until asked for more. Every source here yields chunks that
 * concatenate to exactly the full text, and ends a chunk at a line end where it can (a chunk is a block
 * on screen, so a cut inside a line shows as a line break).
 */

import { toBase64 } from './copyPlan';
import { hexDumpLines } from './hexDump';

export interface ChunkSource {
  /**
   * The next piece of text, or null once everything has been produced. `max` caps how far this piece may
   * move `position` (so a view can stop exactly at a limit); sources that cannot cut exactly ignore it.
   */
  next(max?: number): string | null;
  /** How far the source has got, in its own unit (characters of a string, bytes of a payload). */
  readonly position: number;
  /** The size of the whole, in the same unit; NaN while unknown. */
  readonly total: number;
}

/** ~16 k characters: 5–40 ms of layout as one long wrapped line, less as short lines. */
export const CHUNK_CHARS = 16_384;

function isAsciiAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 0x80;
}

/**
 * Where to end a chunk of `text` that starts at `start` and may hold `max` characters: after the last line
 * break in the second half of the window; else between two ASCII characters near the end (so a reveal
 * never sees a joiner or selector without its neighbour); else anywhere but inside a surrogate pair.
 */
export function chunkEnd(text: string, start: number, max: number): number {
  const limit = start + Math.max(1, max);
  if (limit >= text.length) return text.length;
  // Searched within the window only: lastIndexOf would scan back to the start of a text without breaks,
  // making every chunk cost as much as all the text before it.
  for (let i = limit - 1; i >= start + max / 2; i--) {
    if (text.charCodeAt(i) === 0x0a) return i + 1;
  }
  for (let i = limit; i > limit - 256 && i > start + 1; i--) {
    if (isAsciiAt(text, i - 1) && isAsciiAt(text, i)) return i;
  }
  const c = text.charCodeAt(limit - 1);
  if (c < 0xd800 || c > 0xdbff) return limit;
  // A high surrogate last: end before it, or after its pair if it is the chunk's only character.
  return limit - 1 > start ? limit - 1 : limit + 1;
}

/** A string in chunks of about `chunkChars`; position and total in characters. */
export function stringChunks(text: string, chunkChars = CHUNK_CHARS): ChunkSource {
  let position = 0;
  return {
    get position() {
      return position;
    },
    total: text.length,
    next(max = Number.POSITIVE_INFINITY) {
      if (position >= text.length) return null;
      const end = chunkEnd(text, position, Math.max(1, Math.min(chunkChars, max)));
      const chunk = text.slice(position, end);
      position = end;
      return chunk;
    },
  };
}

/**
 * UTF-8 `bytes` decoded a window of about `chunkBytes` at a time, leniently (an invalid sequence becomes
 * U+FFFD, as the whole-payload check reports separately). A window ends after its last LF byte when
 * that is in its second half. Position and total in bytes.
 */
export function utf8Chunks(bytes: Uint8Array, chunkBytes = CHUNK_CHARS): ChunkSource {
  const decoder = new TextDecoder('utf-8');
  let position = 0;
  return {
    get position() {
      return position;
    },
    total: bytes.length,
    next(max = Number.POSITIVE_INFINITY) {
      if (position >= bytes.length) return null;
      const window = Math.max(1, Math.min(chunkBytes, max));
      let end = Math.min(bytes.length, position + window);
      if (end < bytes.length) {
        // Within the window's second half only (see chunkEnd).
        const half = Math.ceil(window / 2);
        const lf = bytes.subarray(position + half, end).lastIndexOf(0x0a);
        if (lf >= 0) end = position + half + lf + 1;
      }
      const last = end >= bytes.length;
      const text = decoder.decode(bytes.subarray(position, end), { stream: !last });
      position = end;
      return text;
    },
  };
}

/** `hexdump -C` lines, `linesPerChunk` at a time (16 bytes a line); position and total in bytes. */
export function hexChunks(bytes: Uint8Array, linesPerChunk = 256): ChunkSource {
  let position = 0;
  return {
    get position() {
      return position;
    },
    total: bytes.length,
    next(max = Number.POSITIVE_INFINITY) {
      if (position >= bytes.length) return null;
      const count = Math.max(1, Math.min(linesPerChunk, Math.ceil(max / 16)));
      const lines = hexDumpLines(bytes, position, count);
      position = Math.min(bytes.length, position + count * 16);
      return position < bytes.length ? `${lines.join('\n')}\n` : lines.join('\n');
    },
  };
}

/**
 * Base64 of the bytes, `chunkBytes` bytes at a time (a multiple of 3, so the pieces concatenate to the
 * base64 of the whole); position and total in bytes. One line: the view wraps it.
 */
export function base64Chunks(bytes: Uint8Array, chunkBytes = 12_288): ChunkSource {
  const step = Math.max(3, chunkBytes - (chunkBytes % 3));
  let position = 0;
  return {
    get position() {
      return position;
    },
    total: bytes.length,
    next(max = Number.POSITIVE_INFINITY) {
      if (position >= bytes.length) return null;
      const count = Math.max(3, Math.min(step, Math.floor(max / 3) * 3));
      const end = Math.min(bytes.length, position + count);
      const text = toBase64(bytes.subarray(position, end));
      position = end;
      return text;
    },
  };
}
