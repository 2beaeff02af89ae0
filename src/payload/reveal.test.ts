import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeCodePoint, HIDDEN_CHARS_LABEL, hasInvisible, revealInvisible } from './reveal';

const r = (s: string, multiline = false) => revealInvisible(s, { multiline });

describe('revealInvisible', () => {
  it('returns the very same string and 0 when nothing is hidden', () => {
    const topic = 'openstack/nova/gerrit/comment-added';
    const out = r(topic);
    expect(out.hidden).toBe(0);
    expect(out.text).toBe(topic);
    expect(r('héllo ✓ 😀 日本語 مرحبا').hidden).toBe(0);
  });

  it('shows a right-to-left override in a topic instead of letting it reorder the text', () => {
    expect(r('hostile/\u202Eko/strela')).toEqual({ text: 'hostile/⟨U+202E⟩ko/strela', hidden: 1 });
  });

  it('shows a zero-width space that makes one topic look like another', () => {
    expect(r('hostile/admin\u200B/login')).toEqual({ text: 'hostile/admin⟨U+200B⟩/login', hidden: 1 });
  });

  it.each([
    ['U+202A–U+202E embeddings and overrides', [0x202a, 0x202b, 0x202c, 0x202d, 0x202e]],
    ['U+2066–U+2069 isolates', [0x2066, 0x2067, 0x2068, 0x2069]],
    ['LRM, RLM and the Arabic letter mark', [0x200e, 0x200f, 0x061c]],
    ['zero-width space and word joiner family', [0x200b, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064]],
    ['BOM, Mongolian vowel separator, soft hyphen, grapheme joiner', [0xfeff, 0x180e, 0x00ad, 0x034f]],
    ['Hangul fillers', [0x115f, 0x1160, 0x3164, 0xffa0]],
    ['line and paragraph separators', [0x2028, 0x2029]],
    ['DEL and C1 controls', [0x7f, 0x80, 0x85, 0x9f]],
    ['interlinear annotation and other ignorables', [0xfff9, 0xfffb, 0x17b4, 0x1d173, 0x1bca0, 0xe0200]],
  ])('reveals %s', (_name, codePoints) => {
    for (const cp of codePoints) {
      const ch = String.fromCodePoint(cp);
      expect(r(`a${ch}b`)).toEqual({ text: `a${escapeCodePoint(cp)}b`, hidden: 1 });
      expect(r(`a${ch}b`, true).hidden).toBe(1);
    }
  });

  it('reveals every C0 control in one-line mode, TAB, LF and CR included', () => {
    for (let cp = 0; cp < 0x20; cp++) {
      expect(r(`x${String.fromCharCode(cp)}y`).text).toBe(`x${escapeCodePoint(cp)}y`);
    }
    expect(r('a\tb\nc\r\nd')).toEqual({ text: 'a⟨U+0009⟩b⟨U+000A⟩c⟨U+000D⟩⟨U+000A⟩d', hidden: 4 });
  });

  it('keeps TAB, LF and CR in multiline mode but still reveals the other C0 controls', () => {
    expect(r('a\tb\nc\r\nd', true)).toEqual({ text: 'a\tb\nc\r\nd', hidden: 0 });
    expect(r('bell\u0007\nesc\u001b[0m', true)).toEqual({
      text: 'bell⟨U+0007⟩\nesc⟨U+001B⟩[0m',
      hidden: 2,
    });
    expect(r('nul\u0000', true).text).toBe('nul⟨U+0000⟩');
  });

  it('counts each revealed code point', () => {
    expect(r('\u202E\u202E\u200Bx\u2066').hidden).toBe(4);
  });

  it('writes astral code points with five digits and never splits a surrogate pair', () => {
    expect(escapeCodePoint(0xe0041)).toBe('⟨U+E0041⟩');
    expect(escapeCodePoint(0x7)).toBe('⟨U+0007⟩');
    // Tag characters spelling "hi" hidden after ordinary text ("ASCII smuggling").
    const smuggled = `ok\u{E0068}\u{E0069}`;
    expect(smuggled.length).toBe(6);
    expect(r(smuggled)).toEqual({ text: 'ok⟨U+E0068⟩⟨U+E0069⟩', hidden: 2 });
  });

  it('keeps emoji and astral letters around revealed characters intact', () => {
    expect(r('😀\u202E😀')).toEqual({ text: '😀⟨U+202E⟩😀', hidden: 1 });
    expect(r('𝒜\u200B𝒜').text).toBe('𝒜⟨U+200B⟩𝒜');
  });

  it('reveals lone surrogates but not surrogate pairs', () => {
    expect(r('a\uD83Db')).toEqual({ text: 'a⟨U+D83D⟩b', hidden: 1 });
    expect(r('a\uDE00b')).toEqual({ text: 'a⟨U+DE00⟩b', hidden: 1 });
    expect(r('end\uD83D').text).toBe('end⟨U+D83D⟩');
    expect(r('\uD83D\uDE00').hidden).toBe(0);
  });

  describe('zero-width joiner and non-joiner', () => {
    it('keeps them inside emoji sequences and non-Latin words', () => {
      for (const s of ['👨\u200D👩\u200D👧', '🏳️\u200D🌈', 'می\u200Cخواهم', 'क्\u200Dष']) {
        expect(r(s)).toEqual({ text: s, hidden: 0 });
      }
    });

    it('reveals them next to ASCII, at the ends, and next to other hidden characters', () => {
      expect(r('admin\u200D/login').text).toBe('admin⟨U+200D⟩/login');
      expect(r('ad\u200Cmin').text).toBe('ad⟨U+200C⟩min');
      expect(r('\u200D👩').hidden).toBe(1);
      expect(r('👩\u200D').hidden).toBe(1);
      expect(r('👩\u200D\u200B👩').hidden).toBe(2);
      expect(r('👩 \u200D👩').hidden).toBe(1);
    });
  });

  describe('variation selectors', () => {
    it('keeps VS16 and VS15 after an emoji or symbol, and in keycaps', () => {
      for (const s of ['❤️', '☺︎', '#️⃣', '1️⃣', '©️', '🏳️\u200D🌈']) {
        expect(r(s)).toEqual({ text: s, hidden: 0 });
      }
    });

    it('keeps ideographic variation selectors after a CJK ideograph', () => {
      expect(r('葛\u{E0100}').hidden).toBe(0);
    });

    it('reveals selectors after ASCII, at the start, or doubled', () => {
      expect(r('admin\uFE0F/login').text).toBe('admin⟨U+FE0F⟩/login');
      expect(r('\uFE0Fx').text).toBe('⟨U+FE0F⟩x');
      expect(r('a\u{E0100}').text).toBe('a⟨U+E0100⟩');
      expect(r('a\uFE00').hidden).toBe(1);
      expect(r('❤\uFE0F\uFE0F').hidden).toBe(1);
    });
  });

  describe('tag characters', () => {
    const scotland = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';

    it('keeps a subdivision flag', () => {
      expect(r(`go ${scotland}!`)).toEqual({ text: `go ${scotland}!`, hidden: 0 });
    });

    it('reveals tags that are not a well-formed flag, one escape per character', () => {
      expect(r('\u{1F3F4}\u{E0041}\u{E007F}').hidden).toBe(2);
      expect(r('x\u{E0067}\u{E0062}\u{E007F}').hidden).toBe(3);
      const long = `\u{1F3F4}${'\u{E0061}'.repeat(7)}\u{E007F}`;
      expect(r(long).hidden).toBe(8);
    });
  });

  it('does not reveal visible look-alikes such as NBSP or thin spaces', () => {
    expect(r('a\u00A0b\u2009c\u202Fd').hidden).toBe(0);
  });

  it('is lossless: turning the escapes back into code points gives the input', () => {
    const restore = (t: string) =>
      t.replace(/⟨U\+([0-9A-F]{4,6})⟩/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.boolean(), (s, multiline) => {
        fc.pre(!s.includes('⟨'));
        expect(restore(r(s, multiline).text)).toBe(s);
      }),
      { numRuns: 60 },
    );
  }, 30_000);

  it('is idempotent and leaves nothing of the hidden sets behind in one-line mode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const once = r(s);
        const twice = r(once.text);
        expect(twice.hidden).toBe(0);
        expect(twice.text).toBe(once.text);
        expect(
          /[\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}]/u.test(once.text),
        ).toBe(false);
      }),
      { numRuns: 60 },
    );
  }, 30_000);
});

describe('hasInvisible', () => {
  it('agrees with revealInvisible', () => {
    expect(hasInvisible('plain/topic')).toBe(false);
    expect(hasInvisible('a\u202Eb')).toBe(true);
    expect(hasInvisible('line\nbreak')).toBe(true);
    expect(hasInvisible('line\nbreak', { multiline: true })).toBe(false);
    expect(hasInvisible('❤️')).toBe(false);
  });
});

describe('HIDDEN_CHARS_LABEL', () => {
  it('is the words the warning mark carries', () => {
    expect(HIDDEN_CHARS_LABEL).toBe('Contains hidden or control characters');
  });
});
