/**
 * Makes characters that cannot be seen, or that rearrange what is seen, visible as `⟨U+202E⟩` escapes.
 *
 * A topic `hostile/\u202Eko/strela` renders as `hostile/alerts/ok` (a right-to-left override), and
 * `admin\u200B/login` renders exactly like `admin/login`. Topics, payload text and MQTT 5 properties are
 * chosen by whoever publishes, so every place that shows them runs this first and shows a warning mark
 * when `hidden > 0`.
 *
 * Revealed, always:
 * - C0 controls (U+0000–U+001F), DEL and C1 controls (U+007F–U+009F); with `multiline` TAB, LF and CR
 *   are kept, since a multi-line view shows them as what they are. In one-line contexts (topics, table
 *   cells, previews) a TAB is revealed too: there it is indistinguishable from a space.
 * - bidi controls: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069;
 * - invisible and zero-width characters: U+00AD (soft hyphen), U+034F, U+115F, U+1160, U+17B4, U+17B5,
 *   U+180E, U+200B, U+2060–U+2065, U+206A–U+206F, U+3164, U+FEFF, U+FFA0, U+FFF0–U+FFFB, U+1BCA0–U+1BCA3,
 *   U+1D173–U+1D17A, and the default-ignorable plane-14 code points U+E0000–U+E0FFF (tag characters
 *   included, which can smuggle whole ASCII strings invisibly);
 * - U+2028 and U+2029 (line/paragraph separators: a line break inside a one-line field);
 * - lone surrogates (a JSON string can carry one).
 *
 * Revealed unless they do their legitimate job (decided by the neighbouring code points):
 * - ZWNJ U+200C and ZWJ U+200D are kept between two visible non-ASCII characters: emoji sequences
 *   (👨‍👩‍👧), Persian and Indic text need them. Next to ASCII (`admin\u200D/login`) they are revealed.
 * - Variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF, Mongolian U+180B–U+180D, U+180F) are kept after
 *   a visible non-ASCII character (❤️, CJK ideographic variants), and VS15/VS16 also before U+20E3 (keycaps
 *   such as 1️⃣). After ASCII or at the start they change nothing visible, so they are revealed: keeping
 *   VS16 everywhere would let `admin\uFE0F/login` pass for `admin/login`.
 * - Tag characters are kept only as an emoji subdivision flag: U+1F3F4, 2–6 tag letters/digits, U+E007F
 *   (🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland). Any other tag run is revealed character by character.
 *
 * Not revealed: visible spaces (NBSP, thin spaces), look-alike letters (Cyrillic `а` for Latin `a`) and
 * combining marks. They are visible, if confusable; a confusables check is a different feature.
 */

export interface RevealOptions {
  /** Keep TAB, LF and CR (text and pretty views). Default false: one-line fields reveal them too. */
  multiline?: boolean;
}

export interface Revealed {
  /** The input with every hidden character replaced by `⟨U+XXXX⟩` (at least 4 upper-case hex digits). */
  text: string;
  /** How many code points were replaced; 0 means `text` is the input itself. */
  hidden: number;
}

/** The words next to every warning mark (its title and accessible name). */
export const HIDDEN_CHARS_LABEL = 'Contains hidden or control characters';

// Revealed wherever they appear. Written for a `u` regex: `\uD800-\uDFFF` then matches lone surrogates
// only, and astral ranges are single code points.
const ALWAYS =
  '\\u007F-\\u009F\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180E\\u200B\\u200E\\u200F' +
  '\\u2028-\\u202E\\u2060-\\u206F\\u3164\\uFEFF\\uFFA0\\uFFF0-\\uFFFB\\u{1BCA0}-\\u{1BCA3}' +
  '\\u{1D173}-\\u{1D17A}\\u{E0080}-\\u{E00FF}\\u{E01F0}-\\u{E0FFF}\\uD800-\\uDFFF';
// Revealed unless their neighbours show they do a legitimate job (see above).
const JOINERS = '\\u200C\\u200D';
const SELECTORS = '\\u180B-\\u180D\\u180F\\uFE00-\\uFE0F\\u{E0100}-\\u{E01EF}';
const TAG_RUN = '[\\u{E0000}-\\u{E007F}]+';
const C0_ALL = '\\u0000-\\u001F';
const C0_KEEP_LINES = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F';

function candidates(c0: string, flags: string): RegExp {
  return new RegExp(`${TAG_RUN}|[${c0}${ALWAYS}${JOINERS}${SELECTORS}]`, flags);
}

// One non-global regex per mode for the fast path (`test` keeps no state), one global for `replace`.
const TEST_LINE = candidates(C0_ALL, 'u');
const TEST_MULTI = candidates(C0_KEEP_LINES, 'u');
const FIND_LINE = candidates(C0_ALL, 'gu');
const FIND_MULTI = candidates(C0_KEEP_LINES, 'gu');
const IS_ALWAYS = new RegExp(`^[${C0_ALL}${ALWAYS}]$`, 'u');
const IS_JOINER = new RegExp(`^[${JOINERS}]$`, 'u');
const IS_SELECTOR = new RegExp(`^[${SELECTORS}]$`, 'u');
/** A subdivision flag's tag letters/digits and the cancel tag, e.g. `gbsct` + U+E007F. */
const FLAG_TAGS = /^[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{2,6}\u{E007F}$/u;
const BLACK_FLAG = 0x1f3f4;
const KEYCAP = 0x20e3;

/** `⟨U+202E⟩`, `⟨U+000A⟩`, `⟨U+E0041⟩`. */
export function escapeCodePoint(cp: number): string {
  return `⟨U+${cp.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** The code point that ends just before `index`, or -1 at the start. */
function codePointBefore(s: string, index: number): number {
  if (index <= 0) return -1;
  const low = s.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = s.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  }
  return low;
}

function isJoiner(cp: number): boolean {
  return cp >= 0 && IS_JOINER.test(String.fromCodePoint(cp));
}

function isSelector(cp: number): boolean {
  return cp >= 0 && IS_SELECTOR.test(String.fromCodePoint(cp));
}

/** A character a joiner or selector may attach to: visible, and not ASCII. */
function isVisibleNonAscii(cp: number): boolean {
  if (cp < 0x80) return false;
  const ch = String.fromCodePoint(cp);
  return !IS_ALWAYS.test(ch) && !IS_JOINER.test(ch) && !isSelector(cp) && !/^\s$/u.test(ch);
}

/** Whether a contextual match is doing its legitimate job and stays as it is. */
function keeps(match: string, offset: number, whole: string): boolean {
  const cp = match.codePointAt(0) ?? 0;
  const before = codePointBefore(whole, offset);
  const after = whole.codePointAt(offset + match.length) ?? -1;
  if (cp >= 0xe0000 && cp <= 0xe007f) return before === BLACK_FLAG && FLAG_TAGS.test(match);
  if (isJoiner(cp)) {
    // 🏳️‍🌈 is U+1F3F3 U+FE0F U+200D U+1F308: a selector may sit before a joiner.
    const left =
      isVisibleNonAscii(before) ||
      (isSelector(before) && isVisibleNonAscii(codePointBefore(whole, offset - 1)));
    return left && isVisibleNonAscii(after);
  }
  if (isSelector(cp)) {
    if ((cp === 0xfe0e || cp === 0xfe0f) && after === KEYCAP) return true;
    return isVisibleNonAscii(before);
  }
  return false;
}

function revealWith(find: RegExp, test: RegExp, text: string): Revealed {
  if (!test.test(text)) return { text, hidden: 0 };
  let hidden = 0;
  const out = text.replace(find, (match: string, offset: number, whole: string) => {
    if (IS_ALWAYS.test(match)) {
      hidden++;
      return escapeCodePoint(match.codePointAt(0) ?? 0);
    }
    if (keeps(match, offset, whole)) return match;
    let escaped = '';
    for (const ch of match) {
      hidden++;
      escaped += escapeCodePoint(ch.codePointAt(0) ?? 0);
    }
    return escaped;
  });
  return hidden === 0 ? { text, hidden: 0 } : { text: out, hidden };
}

/**
 * Replaces hidden, bidi and control characters by `⟨U+XXXX⟩` and counts them. Returns the input string
 * itself (same reference) when there is nothing to reveal; that common case costs one regex test, so it
 * may run for every visible row.
 */
export function revealInvisible(text: string, opts?: RevealOptions): Revealed {
  return opts?.multiline ? revealWith(FIND_MULTI, TEST_MULTI, text) : revealWith(FIND_LINE, TEST_LINE, text);
}

/** True if `revealInvisible(text, opts)` would reveal anything. */
export function hasInvisible(text: string, opts?: RevealOptions): boolean {
  return revealInvisible(text, opts).hidden > 0;
}
