import type { ReactNode } from 'react';
import { highlightRanges } from '../query/highlight';
import type { Highlight } from '../session/liveLog';

/** Text with the applied filter's words and regexes wrapped in `<mark>`. */
export function Highlighted({ text, highlight }: { text: string; highlight: Highlight }) {
  const ranges = highlightRanges(text, highlight.needles, highlight.regexes);
  if (ranges.length === 0) return text;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
