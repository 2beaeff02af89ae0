import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MQTT_SYNTAX } from '../topics/syntax';
import { fieldTerm, queryPath } from './fieldTerm';
import { buildFilter, type MessageFacts } from './query';

function matches(filter: string, doc: unknown): boolean {
  const { predicate, error } = buildFilter(filter, MQTT_SYNTAX);
  expect(error).toBeNull();
  const payload = JSON.stringify(doc);
  const m: MessageFacts = {
    topic: 't',
    text: () => payload,
    lowerText: () => payload.toLowerCase(),
    payloadText: () => payload,
    lowerPayloadText: () => payload.toLowerCase(),
    json: () => doc,
    qos: 0,
    retain: false,
    size: payload.length,
    time: 0,
  };
  if (!predicate) throw new Error(`empty filter from ${filter}`);
  return predicate(m);
}

/** Puts `value` at `keys` in a fresh document (objects for string keys, arrays for indexes). */
function docWith(keys: Array<string | number>, value: unknown): unknown {
  let doc = value;
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i] as string | number;
    if (typeof key === 'number') {
      const arr: unknown[] = Array.from({ length: key + 1 }, () => 'other');
      arr[key] = doc;
      doc = arr;
    } else {
      const obj: Record<string, unknown> = { other: 'other' };
      Object.defineProperty(obj, key, { value: doc, enumerable: true, writable: true, configurable: true });
      doc = obj;
    }
  }
  return doc;
}

const key = fc.oneof(fc.string({ minLength: 0, maxLength: 8 }), fc.nat({ max: 4 }));
const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('2', '-1.5', 'true', 'null', 'a b', 'x"y', 'a\\b', '(x', 'x)', 'openstack/nova', ''),
  fc.constantFrom(2, -1.5, 0),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.parse(JSON.stringify(n)) as number),
  fc.boolean(),
  fc.constant(null),
);

describe('fieldTerm', () => {
  it('writes the filter of the issue for a plain string', () => {
    expect(fieldTerm(['change', 'project'], 'openstack/nova')).toBe('payload.change.project=openstack/nova');
    expect(fieldTerm(['approvals', 0, 'type'], 'Code-Review')).toBe('payload.approvals[0].type=Code-Review');
  });

  it('quotes values with spaces, quotes or that would read as numbers, and keys that need brackets', () => {
    expect(fieldTerm(['change', 'subject'], 'Fix race "now"')).toBe(
      'payload.change.subject="Fix race \\"now\\""',
    );
    expect(fieldTerm(['approvals', 0, 'value'], '2')).toBe('payload.approvals[0].value="2"');
    expect(fieldTerm(['patchSet', 'number'], 3)).toBe('payload.patchSet.number=3');
    expect(fieldTerm(['a b', 'c'], true)).toBe('payload["a b"].c=true');
    expect(fieldTerm(['x'], null)).toBe('payload.x=null');
  });

  it('offers no term for objects, arrays or the whole payload', () => {
    expect(fieldTerm(['a'], { b: 1 })).toBeNull();
    expect(fieldTerm(['a'], [1])).toBeNull();
    expect(fieldTerm([], 'x')).toBeNull();
  });

  it('parses, and matches a document holding that value at that path, for any key and scalar', () => {
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 4 }), scalar, (keys, value) => {
        const term = fieldTerm(keys, value);
        expect(term).not.toBeNull();
        expect(matches(term as string, docWith(keys, value))).toBe(true);
      }),
    );
  });

  it('does not match a document holding another value there', () => {
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 3 }), scalar, scalar, (keys, value, other) => {
        fc.pre(JSON.stringify(value) !== JSON.stringify(other));
        // A bare number also equals a numeric string (Gerrit sends approval values as "2"): by design.
        fc.pre(!(typeof value === 'number' && typeof other === 'string' && Number(other) === value));
        // Likewise `=null` and `=true` compare as text too, so the strings "null" and "true" match them.
        fc.pre(!((value === null || typeof value === 'boolean') && other === String(value)));
        expect(matches(fieldTerm(keys, value) as string, docWith(keys, other))).toBe(false);
      }),
    );
  });

  it('writes paths as the query language reads them', () => {
    expect(queryPath(['change', 'owner', 'email'])).toBe('payload.change.owner.email');
    expect(queryPath([])).toBe('payload');
  });
});
