/**
 * An iterative, resumable 2-space JSON pretty-printer: the same text as `JSON.stringify(value, null, 2)`,
 * produced a chunk at a time.
 *
 * `JSON.stringify` recurses, so 10,000 levels of nesting throw a RangeError, and it builds the whole
 * string at once: 100 levels of indentation over half a million array elements is a 50 MB string and
 * seconds of blocked tab. This printer keeps its own stack, stops after about `maxChars` characters at a
 * line end, and carries on from there on the next call, so a view can render a first screenful at once
 * and the rest a chunk per animation frame, or never.
 */

import type { ChunkSource } from './chunks';

type Frame = {
  value: unknown;
  keys: string[] | null;
  length: number;
  index: number;
  depth: number;
  /** Whether the closing bracket is followed by a comma (this container is not its parent's last item). */
  comma: boolean;
};

const INDENT = '  ';
const indents: string[] = [''];

function indent(depth: number): string {
  for (let d = indents.length; d <= depth; d++) indents[d] = (indents[d - 1] ?? '') + INDENT;
  return indents[depth] ?? '';
}

/** `JSON.stringify` of a scalar; only values JSON.parse can produce are expected (no undefined, no functions). */
function scalar(v: unknown): string {
  // Numbers are most of a big document; String() is what JSON.stringify gives for finite ones, -0 included.
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return JSON.stringify(v) ?? 'null';
}

/**
 * A chunk source over the pretty text of `value`. The printer works a line at a time; each `next()`
 * returns whole lines (each but the document's last ending in `\n`) and stops at the first line end
 * after `chunkChars` (or `max`, if smaller) characters, so it may pass `max` by part of a line.
 * Chunks concatenate to exactly `JSON.stringify(value, null, 2)`.
 * `position` counts characters produced so far; `total` is unknown (NaN) until the end.
 */
export function prettyJsonChunks(value: unknown, chunkChars = 32_768): ChunkSource {
  const stack: Frame[] = [];
  let started = false;
  let done = false;
  let position = 0;

  /** The line that opens `v` (or holds all of it, if it is a scalar or empty); pushes a frame if not. */
  function open(v: unknown, head: string, depth: number, comma: boolean): string {
    const tail = comma ? ',' : '';
    if (v === null || typeof v !== 'object') return head + scalar(v) + tail;
    const keys = Array.isArray(v) ? null : Object.keys(v);
    const length = keys ? keys.length : (v as unknown[]).length;
    const brackets = keys ? '{}' : '[]';
    if (length === 0) return head + brackets + tail;
    stack.push({ value: v, keys, length, index: 0, depth, comma });
    return head + brackets[0];
  }

  function line(): string {
    if (!started) {
      started = true;
      return open(value, '', 0, false);
    }
    const top = stack[stack.length - 1] as Frame;
    if (top.index < top.length) {
      const i = top.index++;
      const pad = indent(top.depth + 1);
      const comma = i < top.length - 1;
      if (top.keys) {
        const key = top.keys[i] as string;
        const child = (top.value as Record<string, unknown>)[key];
        return open(child, `${pad}${JSON.stringify(key)}: `, top.depth + 1, comma);
      }
      return open((top.value as unknown[])[i], pad, top.depth + 1, comma);
    }
    stack.pop();
    return `${indent(top.depth)}${top.keys ? '}' : ']'}${top.comma ? ',' : ''}`;
  }

  return {
    get position() {
      return position;
    },
    get total() {
      return done ? position : Number.NaN;
    },
    next(max = Number.POSITIVE_INFINITY): string | null {
      if (done) return null;
      const out: string[] = [];
      const target = Math.max(1, Math.min(chunkChars, max));
      let size = 0;
      while (size < target) {
        const text = line();
        out.push(text);
        size += text.length;
        if (stack.length === 0) {
          done = true;
          break;
        }
        out.push('\n');
        size += 1;
      }
      const chunk = out.join('');
      position += chunk.length;
      return chunk;
    },
  };
}

export type PrettyResult = { text: string; complete: boolean };

/**
 * The pretty text of `value`, or its first lines up to about `maxChars` characters (complete: false).
 * For callers that want one string rather than a chunk source.
 */
export function prettyJson(value: unknown, maxChars = Number.POSITIVE_INFINITY): PrettyResult {
  const source = prettyJsonChunks(value, Math.min(maxChars, 65_536));
  const parts: string[] = [];
  let size = 0;
  for (let chunk = source.next(); chunk !== null; chunk = source.next()) {
    if (size >= maxChars) return { text: parts.join(''), complete: false };
    parts.push(chunk);
    size += chunk.length;
  }
  return { text: parts.join(''), complete: true };
}
