/**
 * Paths into a parsed JSON payload, as the filter box writes them after `payload`:
 *
 *   payload.change.project   payload.approvals[0].type   payload.approvals[].type   payload["odd key"]
 *
 * `[]` (or `[*]`) stands for every element of an array, and a path holding one is existential: the test
 * passes when SOME value it reaches passes, so `payload.approvals[].type=Code-Review` asks "is any approval
 * a Code-Review". Negative indexes count from the end (`[-1]` is the last element).
 *
 * Walking a path allocates nothing: the predicate runs over the whole log window on every keystroke, so the
 * only per-message cost is the (cached) JSON.parse the caller already did.
 */

export type PathSegment =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'each' };

export type JsonPath = readonly PathSegment[];

/** A malformed path, with character offsets into the scanned input (the same shape as a QueryError). */
export interface PathError {
  message: string;
  start: number;
  end: number;
}

/**
 * Characters that end a bare key: whitespace, path punctuation, the operators that may follow a path, the
 * filter box's grouping and quotes. Anything else (`-`, `:`, `@`, non-ASCII) is part of the key, so
 * `payload.a-b` and `payload.x:y` need no brackets.
 */
const KEY_STOP = /[\s.[\]=!<>~()"]/;
const INTEGER = /^-?\d+$/;

function readQuoted(input: string, at: number): { text: string; end: number } | null {
  // at is the opening quote. Only \" and \\ are escapes, as in the filter box's phrases.
  let text = '';
  let i = at + 1;
  while (i < input.length) {
    const c = input[i] as string;
    if (c === '"') return { text, end: i + 1 };
    if (c === '\\' && (input[i + 1] === '"' || input[i + 1] === '\\')) {
      text += input[i + 1];
      i += 2;
    } else {
      text += c;
      i++;
    }
  }
  return null;
}

/**
 * Reads path segments starting at `at` (just after the word `payload`) for as long as a `.` or `[` follows.
 * Returns the segments and where they end, or the first malformed segment.
 */
export function scanPath(input: string, at: number): { path: PathSegment[]; end: number } | PathError {
  const path: PathSegment[] = [];
  let i = at;
  for (;;) {
    const c = input[i];
    if (c === '.') {
      let j = i + 1;
      while (j < input.length && !KEY_STOP.test(input[j] as string)) j++;
      if (j === i + 1) {
        return { message: `Expected a field name after '.'`, start: i, end: i + 1 };
      }
      path.push({ kind: 'key', key: input.slice(i + 1, j) });
      i = j;
    } else if (c === '[') {
      const close = input.indexOf(']', i + 1);
      if (input[i + 1] === '"') {
        const quoted = readQuoted(input, i + 1);
        if (quoted === null || input[quoted.end] !== ']') {
          return { message: `Unclosed '[': write ["key"]`, start: i, end: quoted?.end ?? input.length };
        }
        path.push({ kind: 'key', key: quoted.text });
        i = quoted.end + 1;
        continue;
      }
      if (close === -1) return { message: `Unclosed '['`, start: i, end: i + 1 };
      const inside = input.slice(i + 1, close);
      if (inside === '' || inside === '*') path.push({ kind: 'each' });
      else if (INTEGER.test(inside)) path.push({ kind: 'index', index: Number(inside) });
      else {
        return {
          message: `Expected an index, [] for any element, or a quoted key inside [ ]`,
          start: i,
          end: close + 1,
        };
      }
      i = close + 1;
    } else {
      return { path, end: i };
    }
  }
}

const BARE_KEY = /^[^\s.[\]=!<>~()"]+$/;

/** The path as the filter box would read it back: `payload.a["b c"][0][]`. */
export function formatPath(path: JsonPath): string {
  let out = 'payload';
  for (const seg of path) {
    if (seg.kind === 'each') out += '[]';
    else if (seg.kind === 'index') out += `[${seg.index}]`;
    else if (BARE_KEY.test(seg.key)) out += `.${seg.key}`;
    else out += `["${seg.key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"]`;
  }
  return out;
}

const CANONICAL_INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * One step down. Own properties only: JSON.parse builds plain objects, so `payload.constructor` or
 * `payload.toString` must not find Object.prototype's members, and `payload.list.length` must not find an
 * array's length.
 */
function step(value: unknown, seg: PathSegment): unknown {
  if (seg.kind === 'index') {
    if (!Array.isArray(value)) return undefined;
    return value[seg.index < 0 ? value.length + seg.index : seg.index];
  }
  if (seg.kind !== 'key' || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) return CANONICAL_INDEX.test(seg.key) ? value[Number(seg.key)] : undefined;
  return Object.hasOwn(value, seg.key) ? (value as Record<string, unknown>)[seg.key] : undefined;
}

function someFrom(value: unknown, path: JsonPath, from: number, test: (v: unknown) => boolean): boolean {
  let v = value;
  for (let i = from; i < path.length; i++) {
    const seg = path[i] as PathSegment;
    if (seg.kind === 'each') {
      if (!Array.isArray(v)) return false;
      for (let e = 0; e < v.length; e++) {
        if (someFrom(v[e], path, i + 1, test)) return true;
      }
      return false;
    }
    v = step(v, seg);
    if (v === undefined) return false;
  }
  return test(v);
}

/**
 * Whether `test` passes for some value that `path` reaches in `root`. Missing values never reach `test`
 * (so every test sees a defined value, and `has:` is `() => true`); JSON `null` does.
 */
export function someAt(root: unknown, path: JsonPath, test: (v: unknown) => boolean): boolean {
  if (root === undefined) return false;
  return someFrom(root, path, 0, test);
}
