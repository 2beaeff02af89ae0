import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterWarnings, utf8ByteLength, validateFilter, validateTopicName } from './validateFilter';

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

  it('rejects an unpaired surrogate, names it and says where it is', () => {
    expect(validateFilter('a/b\ud83d')).toEqual({
      code: 'lone-surrogate',
      message:
        'Topic filter contains an unpaired surrogate (U+D83D) at position 4, which cannot be sent as UTF-8',
    });
    // A low surrogate with no high one before it, and a high one followed by a non-surrogate.
    expect(validateFilter('\ude00/a')?.message).toContain('(U+DE00) at position 1');
    expect(validateFilter('\ud83dx')?.code).toBe('lone-surrogate');
    // Two highs in a row: the first is unpaired even though the second is not.
    expect(validateFilter('\ud83d\ud83d\ude00')?.message).toContain('position 1');
  });

  it('accepts surrogate pairs (astral characters such as emoji)', () => {
    expect(validateFilter('😀/+/#')).toBeNull();
    expect(validateFilter('\u{10FFFD}')).toBeNull();
  });

  it('refuses exactly the strings that TextEncoder would alter', () => {
    // TextEncoder replaces lone surrogates by U+FFFD, so a round trip through UTF-8 detects them.
    const decoder = new TextDecoder();
    const encoder = new TextEncoder();
    const unit = fc.constantFrom('a', '/', '\ud83d', '\ude00', '\ud800', '\udfff', 'é');
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 8 }), (units) => {
        const s = units.join('');
        const survives = decoder.decode(encoder.encode(s)) === s;
        expect(validateFilter(s)?.code === 'lone-surrogate').toBe(!survives);
      }),
    );
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

  it('rejects an unpaired surrogate', () => {
    expect(validateTopicName('x/\udc00')).toEqual({
      code: 'lone-surrogate',
      message:
        'Topic name contains an unpaired surrogate (U+DC00) at position 3, which cannot be sent as UTF-8',
    });
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

describe('filterWarnings', () => {
  it('has nothing to say about ordinary filters', () => {
    expect(filterWarnings('sport/+/player1/#')).toEqual([]);
    expect(filterWarnings('😀/\u00A0/\uFFFD')).toEqual([]);
  });

  it('warns about a control character and says which one and where', () => {
    expect(filterWarnings('a/b/\u0007')).toEqual([
      'Contains a control character (U+0007) at position 5: brokers such as Mosquitto close the connection on it',
    ]);
  });

  it.each([
    ['\u0001', 'U+0001'],
    ['\u001F', 'U+001F'],
    ['\u007F', 'U+007F'],
    ['\u0080', 'U+0080'],
    ['\u009F', 'U+009F'],
  ])('counts %j as a control character', (ch, name) => {
    expect(filterWarnings(`x${ch}`)[0]).toContain(`(${name}) at position 2`);
  });

  it('does not count tab-free printable neighbours of the control ranges', () => {
    expect(filterWarnings(' ~\u00A0')).toEqual([]);
  });

  it.each([
    ['\uFDD0', 'U+FDD0'],
    ['\uFDEF', 'U+FDEF'],
    ['\uFFFE', 'U+FFFE'],
    ['\uFFFF', 'U+FFFF'],
    ['\u{1FFFE}', 'U+1FFFE'],
    ['\u{10FFFF}', 'U+10FFFF'],
  ])('warns about the noncharacter %j and names it', (ch, name) => {
    expect(filterWarnings(`a/${ch}`)).toEqual([
      `Contains the Unicode noncharacter ${name} at position 3: brokers such as Mosquitto close the connection on it`,
    ]);
  });

  it('does not mistake the neighbours of noncharacters for noncharacters', () => {
    expect(filterWarnings('\uFDCF\uFDF0\uFFFD\u{1FFFD}\u{20000}')).toEqual([]);
  });

  it('warns about more than 201 levels, counting levels by splitting on /', () => {
    expect(filterWarnings(`${'a/'.repeat(200)}a`)).toEqual([]); // 201 levels
    expect(filterWarnings('/'.repeat(201))).toEqual([
      'Has 202 levels: brokers such as Mosquitto close the connection on filters of more than 201 levels',
    ]);
    expect(filterWarnings(`${'+/'.repeat(249)}#`)[0]).toBe(
      'Has 250 levels: brokers such as Mosquitto close the connection on filters of more than 201 levels',
    );
  });

  it('reports each kind of problem once, at its first occurrence', () => {
    const warnings = filterWarnings(`${'\u0001/'.repeat(300)}\uFFFF\uFFFF`);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain('(U+0001) at position 1');
    expect(warnings[1]).toContain('U+FFFF at position 601');
    expect(warnings[2]).toContain('Has 301 levels');
  });

  it('stays fast on a maximal 65,535-character filter', () => {
    const filter = `${'/'.repeat(65_533)}\u0001\uFFFF`;
    const start = performance.now();
    for (let i = 0; i < 20; i++) expect(filterWarnings(filter)).toHaveLength(3);
    // ~1 ms a call on a laptop; the bound only catches an accidentally quadratic scan.
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('agrees with a character-by-character reference on arbitrary strings', () => {
    const isControl = (cp: number) => (cp >= 0x01 && cp <= 0x1f) || (cp >= 0x7f && cp <= 0x9f);
    const isNonchar = (cp: number) => (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
    const ch = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 3 }),
      fc.constantFrom('\u0001', '\u009F', '\uFDD0', '\uFFFE', '\u{10FFFF}', '/'),
    );
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        const cps = [...s].map((c) => c.codePointAt(0) as number);
        const text = filterWarnings(s).join('\n');
        expect(text.includes('control character')).toBe(cps.some(isControl));
        expect(text.includes('noncharacter')).toBe(cps.some(isNonchar));
      }),
    );
  });
});
