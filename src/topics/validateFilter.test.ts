import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8ByteLength, validateFilter, validateTopicName } from './validateFilter';

describe('validateFilter', () => {
  it.each([
    'a',
    'a/b/c',
    '#',
    '+',
    'sport/#',
    'sport/+/player1',
    '+/+',
    '/',
    '/finance',
    '$SYS/#',
    'a//b',
    '$share/group/a/+',
    '$share/g/#',
  ])('accepts the valid filter %j', (filter) => {
    expect(validateFilter(filter)).toBeNull();
  });

  it('rejects an empty filter', () => {
    expect(validateFilter('')).toEqual({ code: 'empty', message: 'Topic filter is empty' });
  });

  it('rejects a NUL character and says where it is', () => {
    const err = validateFilter('a/\u0000b');
    expect(err?.code).toBe('nul');
    expect(err?.message).toContain('position 3');
  });

  it('rejects a filter longer than 65,535 UTF-8 bytes and names the byte count', () => {
    // 21,846 three-byte characters = 65,538 bytes although the string is only 21,846 units long.
    const err = validateFilter('€'.repeat(21_846));
    expect(err?.code).toBe('too-long');
    expect(err?.message).toContain('65,538 bytes');
  });

  it('accepts a filter of exactly 65,535 bytes', () => {
    expect(validateFilter('a'.repeat(65_535))).toBeNull();
  });

  it("rejects '#' that is not the last level and says which level it is", () => {
    expect(validateFilter('a/#/b')).toEqual({
      code: 'hash-not-last',
      message: "'#' must be the last level, but it is level 2 of 3",
    });
  });

  it("rejects '#' sharing a level with other characters and names the level", () => {
    const err = validateFilter('a/b#');
    expect(err?.code).toBe('hash-not-alone');
    expect(err?.message).toContain("Level 2 'b#'");
  });

  it("rejects '+' sharing a level with other characters and names the level", () => {
    const err = validateFilter('a+/b');
    expect(err?.code).toBe('plus-not-alone');
    expect(err?.message).toContain("Level 1 'a+'");
  });

  it('shortens a very long offending level in the message', () => {
    const err = validateFilter(`${'x'.repeat(500)}+`);
    expect(err?.message.length).toBeLessThan(150);
    expect(err?.message).toContain('…');
  });

  it('rejects a shared subscription without a group or without a filter', () => {
    expect(validateFilter('$share//a')?.code).toBe('share-invalid');
    expect(validateFilter('$share/g')?.code).toBe('share-invalid');
    expect(validateFilter('$share/g/')?.code).toBe('share-invalid');
    expect(validateFilter('$share/g+/a')?.code).toBe('share-invalid');
  });

  it('counts levels of a shared subscription across the whole filter', () => {
    expect(validateFilter('$share/g/a/#/b')?.message).toBe(
      "'#' must be the last level, but it is level 4 of 5",
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const err = validateFilter(s);
        expect(err === null || err.message.length > 0).toBe(true);
      }),
    );
  });
});

describe('validateTopicName', () => {
  it('accepts plain topic names including empty levels and $ topics', () => {
    expect(validateTopicName('a/b')).toBeNull();
    expect(validateTopicName('/a//b/')).toBeNull();
    expect(validateTopicName('$SYS/broker/load')).toBeNull();
  });

  it('rejects empty, NUL and over-long names', () => {
    expect(validateTopicName('')).toEqual({ code: 'empty', message: 'Topic name is empty' });
    expect(validateTopicName('a\u0000')?.code).toBe('nul');
    expect(validateTopicName('a'.repeat(65_536))?.code).toBe('too-long');
  });

  it('rejects wildcards and names the level holding them', () => {
    expect(validateTopicName('a/+')).toEqual({
      code: 'wildcard',
      message: "Topic names cannot contain wildcards; level 2 '+' contains '+'",
    });
    expect(validateTopicName('a#b/c')?.message).toContain("level 1 'a#b' contains '#'");
  });
});

describe('utf8ByteLength', () => {
  it('agrees with TextEncoder for well-formed strings', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(utf8ByteLength(s)).toBe(encoder.encode(s).length);
      }),
    );
  });

  it('counts a lone surrogate as the 3-byte replacement character', () => {
    expect(utf8ByteLength('\ud800')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
  });
});
