import { useId } from 'react';
import { formatCount } from '../payload/format';
import type { ShownMatches } from './ProgressiveText';

/**
 * `Search in payload`: a box whose text is marked in the JSON and Text views, with the number of matches
 * next to it (`3 matches`). The views mark at most MAX_MARKS and search only what they show.
 */
export function PayloadSearch({
  text,
  onText,
  matches,
  searchable,
}: {
  text: string;
  onText: (text: string) => void;
  matches: ShownMatches | null;
  /** The current view marks matches (JSON and Text do; Tree, Hex and Base64 do not). */
  searchable: boolean;
}) {
  const id = useId();
  let said = '';
  if (text !== '') {
    if (!searchable) said = 'Search marks matches in the JSON and Text views.';
    else if (matches) {
      const n = matches.count;
      said =
        n === 0
          ? 'No match'
          : `${formatCount(n)}${matches.capped ? '+' : ''} ${n === 1 ? 'match' : 'matches'}` +
            (matches.marked < n ? ` (first ${formatCount(matches.marked)} marked)` : '');
      if (!matches.complete) said += ' in the part shown';
    }
  }
  return (
    <div className="payload-search">
      <label htmlFor={id}>Search in payload</label>
      <input
        id={id}
        type="search"
        spellCheck={false}
        value={text}
        aria-describedby={`${id}-count`}
        onChange={(e) => onText(e.target.value)}
        onKeyDown={(e) => {
          // Escape in a box with text clears it (the browser's own behaviour), and does not close the inspector.
          if (e.key === 'Escape' && text !== '') {
            e.stopPropagation();
            onText('');
          }
        }}
      />
      <output id={`${id}-count`} className="search-count" aria-live="polite">
        {said}
      </output>
    </div>
  );
}
