/**
 * Set maths on MQTT wire filters (AMQP patterns are sent as MQTT filters too, see syntax.ts): does one
 * filter take in every topic of another, can two filters both match some topic, and the narrowest
 * filter that takes in both. The shared connection uses these to keep the broker's subscriptions
 * free of overlaps, so each publish reaches it once whatever the broker's duplicate policy.
 *
 * Filters are assumed valid. Shared subscriptions (`$share/g/…`) are opaque here: they are delivered
 * by their own rules, so one only covers or overlaps an identical one.
 */

const SHARE_PREFIX = '$share/';

function isShared(filter: string): boolean {
  return filter.startsWith(SHARE_PREFIX);
}

/** A first level that is a wildcard never matches `$…` topics (MQTT 3.1.1 §4.7.2). */
function isWild(level: string | undefined): boolean {
  return level === '+' || level === '#';
}

function isDollar(level: string | undefined): boolean {
  return level?.startsWith('$') === true;
}

/** True when every topic `inner` matches is matched by `outer`. */
export function covers(outer: string, inner: string): boolean {
  if (outer === inner) return true;
  if (isShared(outer) || isShared(inner)) return false;
  const a = outer.split('/');
  const b = inner.split('/');
  if (isWild(a[0]) && isDollar(b[0])) return false;
  for (let i = 0; ; i++) {
    const x = a[i];
    const y = b[i];
    if (x === '#') return true; // also the parent level: `x/#` takes in `x`
    if (y === undefined) return x === undefined;
    // Every topic has a first level, so `+/#` takes in all that `#` does.
    if (y === '#') return i === 0 && x === '+' && a[1] === '#';
    if (x === undefined) return false;
    if (x !== '+' && (y === '+' || x !== y)) return false;
  }
}

/** True when some topic is matched by both filters. */
export function overlaps(p: string, q: string): boolean {
  if (p === q) return true;
  if (isShared(p) || isShared(q)) return false;
  const a = p.split('/');
  const b = q.split('/');
  if ((isWild(a[0]) && isDollar(b[0])) || (isWild(b[0]) && isDollar(a[0]))) return false;
  for (let i = 0; ; i++) {
    const x = a[i];
    const y = b[i];
    if (x === '#' || y === '#') return true;
    if (x === undefined || y === undefined) return x === y;
    if (x !== '+' && y !== '+' && x !== y) return false;
  }
}

/**
 * The narrowest filter of this shape (same levels kept, differing ones `+`, a `#` from the first level
 * where one filter ends or has `#`) that covers both. Only for two overlapping, non-shared filters:
 * then their first levels are equal or neither is a `$` level, so the result keeps the `$` rule.
 */
export function generalize(p: string, q: string): string {
  if (covers(p, q)) return p;
  if (covers(q, p)) return q;
  if (!overlaps(p, q)) throw new Error(`generalize: ${p} and ${q} do not overlap`);
  const a = p.split('/');
  const b = q.split('/');
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined && y === undefined) break;
    if (x === undefined || y === undefined || x === '#' || y === '#') {
      out.push('#');
      break;
    }
    out.push(x === y ? x : '+');
  }
  return out.join('/');
}
