import { type Revealed, revealInvisible } from '../payload/reveal';

/**
 * A level's name as shown: an empty level (`a//b`, a leading `/`) is a real level and gets a visible
 * name, and hidden, bidi and control characters are revealed as `⟨U+202E⟩` (a publisher picks the name).
 */
export function levelShown(name: string): Revealed {
  return name === '' ? { text: '(empty)', hidden: 0 } : revealInvisible(name);
}

/** `levelShown(name).text`. */
export function levelLabel(name: string): string {
  return levelShown(name).text;
}

/** A topic path or payload preview as shown in the tree and Latest values, hidden characters revealed. */
export function shownText(text: string): Revealed {
  return revealInvisible(text);
}
