/**
 * The filter term that selects messages whose JSON payload holds a value at a path, as the inspector's
 * `Filter by this value` writes it into `Filter messages`: `payload.change.project=openstack/nova`,
 * `payload.approvals[0].value="2"`, `payload.change.subject="Fix race in live migration"`.
 *
 * It must read back (query.ts) as exactly that value: strings that would read as a number, `true`,
 * `false` or `null`, or that hold whitespace, quotes, parentheses or backslashes, are quoted (a quoted
 * value compares as a string only); numbers, booleans and null are written bare.
 */

import { formatPath, type PathSegment } from './jsonPath';

export type PathKey = string | number;

const NUMBER_LIKE = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const SAFE_BARE = /^[^\s"()\\]+$/;

/** A path of object keys and array indexes as the query language writes it: `payload.approvals[0].type`. */
export function queryPath(keys: readonly PathKey[]): string {
  return formatPath(
    keys.map(
      (key): PathSegment => (typeof key === 'number' ? { kind: 'index', index: key } : { kind: 'key', key }),
    ),
  );
}

/** A string as a filter value: bare when it reads back as itself, else in quotes with `\` and `"` escaped. */
export function queryValue(text: string): string {
  const bare =
    SAFE_BARE.test(text) && !NUMBER_LIKE.test(text) && text !== 'true' && text !== 'false' && text !== 'null';
  return bare ? text : `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * `path=value` for a scalar at `keys` (not the root: the query language has no term for a whole payload
 * equal to a value), or null when there is no such term (objects, arrays, the root).
 */
export function fieldTerm(keys: readonly PathKey[], value: unknown): string | null {
  if (keys.length === 0) return null;
  const path = queryPath(keys);
  if (typeof value === 'string') return `${path}=${queryValue(value)}`;
  if (typeof value === 'number' && Number.isFinite(value)) return `${path}=${JSON.stringify(value)}`;
  if (typeof value === 'boolean' || value === null) return `${path}=${String(value)}`;
  return null;
}
