import type { LogEntry } from '../ingest/types';
import { useFirehose, useSession } from '../session/SessionContext';
import { topicSyntax } from '../topics/syntax';
import type { TopicNode } from '../topics/topicTree';

/**
 * Subscriptions built from the tree, for the active node: its whole subtree, its next level, and the
 * exact topic when messages were published to it. A filter that is already subscribed offers
 * `Unsubscribe` instead. A toolbar after the tree rather than buttons inside tree items, which the
 * ARIA tree pattern does not allow; Tab from the tree reaches it.
 */
export function TreeActions({ node, hasChildren }: { node: TopicNode<LogEntry>; hasChildren: boolean }) {
  const session = useSession();
  const syntaxId = useFirehose((s) => s.syntax);
  const subscribed = useFirehose((s) => s.subscriptions);
  const syntax = topicSyntax(syntaxId);
  const filters = [syntax.subtreeFilter(node.levels)];
  if (hasChildren) filters.push(syntax.childrenFilter(node.levels));
  if (node.latest) filters.push(syntax.exactFilter(node.levels));
  return (
    <div role="toolbar" aria-label={`Actions for ${node.path}`} className="tree-actions">
      {filters.map((filter) => {
        const existing = subscribed.find((s) => s.filter === filter);
        return existing ? (
          <button key={filter} type="button" onClick={() => session.connection.unsubscribe(filter)}>
            Unsubscribe {filter}
          </button>
        ) : (
          <button key={filter} type="button" onClick={() => session.connection.subscribe(filter, 0)}>
            Subscribe to {filter}
          </button>
        );
      })}
    </div>
  );
}
