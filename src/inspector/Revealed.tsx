import { HIDDEN_CHARS_LABEL, revealInvisible } from '../payload/reveal';

/** The warning next to text in which hidden, bidi or control characters were made visible. */
export function HiddenMark() {
  return (
    <span className="hidden-mark" role="img" aria-label={HIDDEN_CHARS_LABEL} title={HIDDEN_CHARS_LABEL}>
      ⚠
    </span>
  );
}

/** Publisher-chosen text (a topic, a property) with hidden characters shown as `⟨U+XXXX⟩`, and the mark. */
export function RevealedText({ text, multiline = false }: { text: string; multiline?: boolean }) {
  const shown = revealInvisible(text, { multiline });
  return (
    <>
      {shown.text}
      {shown.hidden > 0 && <HiddenMark />}
    </>
  );
}
