import { useMemo } from 'react';
import type { LogEntry } from '../ingest/types';
import { formatAge, formatCount, formatTime } from '../payload/format';
import { HIDDEN_CHARS_LABEL } from '../payload/reveal';
import { topicTermOf } from '../query/query';
import { entryPreview } from '../session/entryPreview';
import { useFirehose, useSession } from '../session/SessionContext';
import { useNow } from '../session/useNow';
import { topicSyntax } from '../topics/syntax';
import { shownText } from './treeLabels';

/**
 * Rows shown at once. A status board is read, not scrolled through: past this many topics the table
 * says how many it leaves out and the tree's search or selection narrows it.
 */
export const LATEST_VALUES_LIMIT = 500;

/**
 * One row per topic with its latest (or retained) message and its age, updated live: what a person
 * watching status topics wants. Follows the tree's selection (the filter's `topic:` term).
 */
export function LatestValues() {
  const session = useSession();
  const treeVersion = useFirehose((s) => s.treeVersion);
  const topicCount = useFirehose((s) => s.topicCount);
  const filterText = useFirehose((s) => s.filterText);
  const syntaxId = useFirehose((s) => s.syntax);
  const now = useNow(1000);
  const tree = session.topics.tree;
  const under = topicTermOf(filterText);
  const syntax = topicSyntax(syntaxId);

  // biome-ignore lint/correctness/useExhaustiveDependencies: treeVersion is the redraw trigger for the mutable tree
  const { shown, total } = useMemo(() => {
    const match = under && !syntax.validate(under) ? syntax.compile(under) : undefined;
    // One page, found without listing every topic; the total comes from a count that allocates nothing.
    const shown = tree.topics({ sort: 'name', now, limit: LATEST_VALUES_LIMIT, ...(match ? { match } : {}) });
    const total = match ? tree.matching(match, now).topics : tree.topicCount;
    return { shown, total };
  }, [tree, treeVersion, under, syntaxId]);

  return (
    <section className="latest-values" aria-label="Latest values">
      {shown.length === 0 ? (
        <p className="log-empty">
          {topicCount === 0
            ? 'Latest values appear here as messages arrive.'
            : 'No topic matches the selection.'}
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">Latest message</th>
              <th scope="col">Age</th>
              <th scope="col">Messages</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((node) => {
              const latest = node.latest as LogEntry;
              const topic = shownText(node.path);
              const preview = shownText(entryPreview(latest));
              return (
                <tr key={node.path} className={node.retained ? 'retained' : undefined}>
                  <th scope="row" className="lv-topic" title={topic.text}>
                    {topic.text}
                    {topic.hidden > 0 && <HiddenMark />}
                  </th>
                  <td className="lv-preview">
                    {node.retained && (
                      <abbr className="badge retained" title="Retained message">
                        retained
                      </abbr>
                    )}{' '}
                    {preview.hidden > 0 && <HiddenMark />}
                    {preview.text}
                  </td>
                  <td className="lv-age" title={formatTime(latest.time)}>
                    {formatAge(now - latest.time)}
                  </td>
                  <td className="lv-count">{formatCount(node.count)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {total > shown.length && (
        <p className="hint lv-hint">
          Showing {formatCount(shown.length)} of {formatCount(total)} topics; select a subtree in the topic
          tree to narrow.
        </p>
      )}
    </section>
  );
}

/** Next to a topic or preview in which hidden, bidi or control characters were revealed. */
function HiddenMark() {
  return (
    <span className="hidden-mark" role="img" aria-label={HIDDEN_CHARS_LABEL} title={HIDDEN_CHARS_LABEL}>
      ⚠
    </span>
  );
}
