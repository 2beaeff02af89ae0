import { useRef } from 'react';
import type { LogEntry } from '../ingest/types';
import { revealInvisible } from '../payload/reveal';
import { useFirehose, useSession } from '../session/SessionContext';
import { FieldHeaders, keepOnly, MessageCells, type ParsedCache, Shown, type Summarize } from './cells';

function clockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** `mode=log` (the default): the latest `rows` messages, newest first, redrawn once per store frame. */
export function LogRows({
  rows,
  fields,
  summarize,
}: {
  rows: number;
  fields: readonly string[];
  summarize: Summarize;
}) {
  const session = useSession();
  useFirehose((s) => s.viewVersion);
  const parsed = useRef<ParsedCache>(new Map());

  const index = session.log.index;
  const entries: LogEntry[] = [];
  for (let i = index.length - 1; i >= 0 && entries.length < rows; i--) {
    const entry = session.entry(index.seqAt(i));
    if (entry && entry.marker === undefined) entries.push(entry);
  }
  keepOnly(parsed.current, new Set(entries.map((e) => e.seq)));

  return (
    <table className="widget-rows" aria-label="Latest messages">
      <thead>
        <tr>
          <th scope="col" className="w-time">
            Time
          </th>
          <th scope="col">Topic</th>
          <FieldHeaders fields={fields} />
        </tr>
      </thead>
      <tbody>
        {entries.map((e, slot) => (
          // Keyed by place, not by message: a flood replaces every row at each redraw, and rows that stay
          // have their text updated instead of being removed and rebuilt (the page's main thread 13 % less
          // with ten widgets, bench/README.md). A row holds no state of its own: no focus, no selection.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <tr key={slot}>
            <td className="w-time">{clockTime(e.time)}</td>
            <td className="w-topic" title={revealInvisible(e.topic).text}>
              <Shown text={e.topic} />
            </td>
            <MessageCells entry={e} fields={fields} parsed={parsed.current} summarize={summarize} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
