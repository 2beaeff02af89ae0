import { useDeferredValue, useMemo } from 'react';
import { formatCount, formatTopicRate } from '../payload/format';
import { useFirehose, useSession } from '../session/SessionContext';
import { topicSyntax } from '../topics/syntax';

/** Completions offered at most: a datalist longer than a screen helps nobody. */
const COMPLETIONS = 20;

/**
 * Under the `Topic filter` field: level completions from the topics seen so far (a native datalist),
 * and, before subscribing, how many known topics the filter matches and their combined rate.
 * Deferred, so typing never waits for a walk over 100,000 topics.
 */
export function FilterPreview({ filter, listId }: { filter: string; listId: string }) {
  const session = useSession();
  const treeVersion = useFirehose((s) => s.treeVersion);
  const syntaxId = useFirehose((s) => s.syntax);
  const typed = useDeferredValue(filter);
  const tree = session.topics.tree;
  const syntax = topicSyntax(syntaxId);

  // biome-ignore lint/correctness/useExhaustiveDependencies: treeVersion is the redraw trigger for the mutable tree
  const { completions, matches } = useMemo(() => {
    const completions = tree.completions(typed, COMPLETIONS);
    const valid = typed !== '' && syntax.validate(typed) === null;
    const matches = valid ? tree.matching(syntax.compile(typed), Date.now()) : null;
    return { completions, matches };
  }, [tree, treeVersion, typed, syntaxId]);

  return (
    <>
      <datalist id={listId}>
        {completions.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      {matches && (
        <p className="filter-matches" aria-live="polite" data-testid="filter-matches">
          Matches {formatCount(matches.topics)} known {matches.topics === 1 ? 'topic' : 'topics'} ·{' '}
          {formatTopicRate(matches.rate)} msgs/s
        </p>
      )}
    </>
  );
}
