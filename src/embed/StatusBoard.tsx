import { useMemo, useRef } from 'react';
import type { LogEntry } from '../ingest/types';
import { formatCount } from '../payload/format';
import { revealInvisible } from '../payload/reveal';
import { topicTermOf } from '../query/query';
import { useFirehose, useSession } from '../session/SessionContext';
import { topicSyntax } from '../topics/syntax';
import { FieldHeaders, keepOnly, MessageCells, type ParsedCache, Shown, type Summarize } from './cells';
import { boardAge } from './widgetModel';

/**
 * `mode=latest`: one row per topic with its latest (or retained) value and its age, amber with "stale"
 * past `stale=` seconds. Reads the session's topic tree (the same one the full app's tree and Latest
 * values read; no second store), redrawn when the tree is (≤ 4 times a second) and by the clock. Rows are
 * in the tree's name order, so a row keeps its place on the board; at most `rows` of them.
 */
export function StatusBoard({
  rows,
  fields,
  staleAfterSeconds,
  now,
  summarize,
}: {
  rows: number;
  fields: readonly string[];
  staleAfterSeconds: number | undefined;
  now: number;
  summarize: Summarize;
}) {
  const session = useSession();
  const treeVersion = useFirehose((s) => s.treeVersion);
  const paused = useFirehose((s) => s.paused);
  const filterText = useFirehose((s) => s.filterText);
  const syntaxId = useFirehose((s) => s.syntax);
  const parsed = useRef<ParsedCache>(new Map());
  const tree = session.topics.tree;
  // Paused: the board keeps the version it had, as the log keeps its rows.
  const frozen = useRef(treeVersion);
  if (!paused) frozen.current = treeVersion;
  const version = frozen.current;

  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the redraw trigger for the mutable tree
  const { shown, total } = useMemo(() => {
    const syntax = topicSyntax(syntaxId);
    const under = topicTermOf(filterText);
    const match = under && !syntax.validate(under) ? syntax.compile(under) : undefined;
    const shown = tree.topics({ sort: 'name', now: Date.now(), limit: rows, ...(match ? { match } : {}) });
    const total = match ? tree.matching(match, Date.now()).topics : tree.topicCount;
    // Copied out: the tree's nodes change under a paused board.
    return { shown: shown.map((n) => ({ topic: n.path, latest: n.latest as LogEntry })), total };
  }, [tree, version, rows, filterText, syntaxId]);

  keepOnly(parsed.current, new Set(shown.map((s) => s.latest.seq)));
  const columns = 2 + Math.max(1, fields.length);

  return (
    <table className="widget-rows board" aria-label="Latest value per topic">
      <caption className="board-count">
        {total > shown.length
          ? `${formatCount(shown.length)} of ${formatCount(total)} topics`
          : `${formatCount(total)} ${total === 1 ? 'topic' : 'topics'}`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Topic</th>
          <FieldHeaders fields={fields} />
          <th scope="col" className="w-age">
            Age
          </th>
        </tr>
      </thead>
      <tbody>
        {shown.length === 0 && (
          <tr>
            <td colSpan={columns} className="w-empty">
              No topic has a value yet.
            </td>
          </tr>
        )}
        {shown.map(({ topic, latest }) => {
          const age = boardAge(latest.time, now, staleAfterSeconds);
          return (
            <tr key={topic} className={age.stale ? 'w-stale' : undefined}>
              <th scope="row" className="w-topic" title={revealInvisible(topic).text}>
                <Shown text={topic} />
              </th>
              <MessageCells entry={latest} fields={fields} parsed={parsed.current} summarize={summarize} />
              <td className="w-age" title={new Date(latest.time).toISOString()}>
                {age.text}
                {latest.retain && <span className="w-retained"> · retained</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
