/**
 * What the inspector learns about one payload when it is opened, within a frame's budget.
 *
 * Budget, measured in Chromium 156 on the 2-core target (idle → loaded by a parallel e2e run):
 * decoding 10 MB of UTF-8 takes 40–500 ms, JSON.parse of 1 MB of small numbers 15–50 ms, and of a 20 kB
 * document nested 10,000 levels deep 30–130 ms (V8's parser slows down sharply past a few thousand
 * levels). So on the page:
 * - a payload over LARGE_PAYLOAD_BYTES (1 MiB) is decoded only for its first PREVIEW_BYTES (256 kB), and
 *   not parsed; the rest is decoded on request, a chunk per frame;
 * - JSON nested deeper than MAX_JSON_DEPTH (1,000) is not parsed: a bracket count (a few ms for 1 MB)
 *   finds the depth first;
 * - whatever the page skipped is flagged `unchecked`, and `checkWhole` (run in a worker) classifies the
 *   whole payload.
 * Nothing here throws: a RangeError from JSON.parse is a value like any other parse error.
 */

import { decodePayload, hasControlChars, jsonShape, type PayloadKind } from './decode';
import { formatBytes, formatCount } from './format';

/** Payloads above this are opened as a preview of their first PREVIEW_BYTES, never parsed on the page. */
export const LARGE_PAYLOAD_BYTES = 1024 * 1024;
/** How much of a large payload is decoded when it is opened. */
export const PREVIEW_BYTES = 256 * 1024;
/** JSON nested deeper than this is shown as raw text: no parse, pretty view or tree on the page. */
export const MAX_JSON_DEPTH = 1000;

export interface Inspection {
  /** For a `partial` or `unchecked` payload, what the page could tell; `checkWhole` has the last word. */
  kind: PayloadKind;
  size: number;
  /** Only the first PREVIEW_BYTES were decoded (the payload is over LARGE_PAYLOAD_BYTES). */
  partial: boolean;
  /** The decoded text: all of it, or the head of a partial payload. Absent for binary. */
  text?: string;
  /** True when `json` holds the parsed value (a JSON value can itself be null or false). */
  parsed: boolean;
  json?: unknown;
  /** Nesting depth of a JSON document, counted before parsing. */
  depth?: number;
  /** Why the pretty and tree views are not offered. */
  note?: string;
  /** A payload that starts like JSON but does not parse. */
  error?: string;
  /** Part of the payload was not examined on the page (partial, or too deep to parse): see checkWhole. */
  unchecked: boolean;
}

// Fatal: invalid UTF-8 throws, which is how binary is told apart from text. Stateless without `stream`.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Backs `end` up to the start of a UTF-8 sequence so a cut never splits a character. */
export function utf8Boundary(bytes: Uint8Array, end: number): number {
  if (end >= bytes.length) return bytes.length;
  let cut = end;
  // Continuation bytes look like 10xxxxxx; a character has at most 3 of them.
  while (cut > 0 && end - cut < 3 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return cut;
}

/**
 * The deepest nesting of `[`/`{` outside strings. Linear, no allocation; used before JSON.parse so that
 * absurdly deep documents are never parsed on the page. Unbalanced input just gives a number.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: to the next quote not escaped by a backslash.
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return max;
}

function decodeStrict(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

function parse(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

function tooLargeNote(size: number): string {
  return `Payload is ${formatBytes(size)}, too large to pretty-print or show as a tree (limit ${formatBytes(LARGE_PAYLOAD_BYTES)}); showing the raw text.`;
}

function tooDeepNote(depth: number): string {
  return `Nested ${formatCount(depth)} levels deep, too deep to pretty-print or show as a tree (limit ${formatCount(MAX_JSON_DEPTH)} levels); showing the raw text.`;
}

/** Classifies and, where it is cheap enough, decodes and parses a payload for the inspector. */
export function inspectPayload(bytes: Uint8Array): Inspection {
  const size = bytes.length;
  if (size === 0) return { kind: 'empty', size, partial: false, text: '', parsed: false, unchecked: false };

  if (size > LARGE_PAYLOAD_BYTES) {
    const head = decodeStrict(bytes.subarray(0, utf8Boundary(bytes, PREVIEW_BYTES)));
    // Invalid UTF-8 or control characters in the head make the whole payload binary: nothing to check.
    if (head === null || hasControlChars(head))
      return { kind: 'binary', size, partial: true, parsed: false, unchecked: false };
    return {
      kind: 'text',
      size,
      partial: true,
      text: head,
      parsed: false,
      unchecked: true,
      ...(jsonShape(head) === 'structure' ? { note: tooLargeNote(size) } : {}),
    };
  }

  const text = decodeStrict(bytes);
  if (text === null || hasControlChars(text))
    return { kind: 'binary', size, partial: false, parsed: false, unchecked: false };
  const shape = jsonShape(text);
  if (shape === null) return { kind: 'text', size, partial: false, text, parsed: false, unchecked: false };
  const depth = shape === 'structure' ? jsonDepth(text) : 0;
  if (depth > MAX_JSON_DEPTH) {
    return {
      kind: 'text',
      size,
      partial: false,
      text,
      parsed: false,
      depth,
      note: tooDeepNote(depth),
      unchecked: true,
    };
  }
  const result = parse(text);
  if (result.ok)
    return {
      kind: 'json',
      size,
      partial: false,
      text,
      parsed: true,
      json: result.value,
      depth,
      unchecked: false,
    };
  // `3 apples` starts like a number but is ordinary text; only `{…`/`[…` earn a "Not valid JSON" error.
  return {
    kind: 'text',
    size,
    partial: false,
    text,
    parsed: false,
    unchecked: false,
    ...(shape === 'structure' ? { error: `Not valid JSON: ${result.message}` } : {}),
  };
}

export interface WholeCheck {
  kind: PayloadKind;
  /** `Not valid JSON: …` for a payload that starts like a JSON structure but does not parse. */
  error?: string;
}

/**
 * Classifies the whole payload, however large or deep: full UTF-8 validation, control characters, and a
 * JSON.parse whose value is dropped. Seconds for 100 MB; meant for a worker, never the page.
 */
export function checkWhole(bytes: Uint8Array): WholeCheck {
  const d = decodePayload(bytes, { maxPrettyBytes: 0 });
  if (d.kind === 'text' && d.error !== undefined) return { kind: 'text', error: d.error };
  return { kind: d.kind };
}
