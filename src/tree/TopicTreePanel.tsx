import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useId, useMemo, useRef, useState } from 'react';
import type { LogEntry } from '../ingest/types';
import { formatAge, formatCount, formatTopicRate } from '../payload/format';
import { HIDDEN_CHARS_LABEL } from '../payload/reveal';
import { topicTermOf, withTopicTerm } from '../query/query';
import { entryPreview } from '../session/entryPreview';
import { useFirehose, useSession } from '../session/SessionContext';
import { useNow } from '../session/useNow';
import { topicSyntax } from '../topics/syntax';
import type { TreeRow, TreeSort } from '../topics/topicTree';
import { TreeActions } from './TreeActions';
import { levelShown, shownText } from './treeLabels';

const ROW_HEIGHT = 26;
/** Keys typed within this long count as one type-ahead word (the WAI-ARIA tree pattern). */
const TYPE_AHEAD_MS = 600;

/**
 * Every topic seen since connecting, as a hierarchy. The WAI-ARIA tree pattern with the DOM focus on
 * the tree and `aria-activedescendant` naming the active row, so focus survives rows being recycled
 * by the virtualizer. Arrows move and expand/collapse, Home/End jump, letters search by name, Enter
 * or a click selects a node: the log is filtered to its subtree (a `topic:` term in the filter).
 * It redraws when the tree service bumps `treeVersion` (at most 4 times a second) and once a second
 * for ages and rates.
 */
export function TopicTreePanel() {
  const session = useSession();
  const treeVersion = useFirehose((s) => s.treeVersion);
  const topicCount = useFirehose((s) => s.topicCount);
  const pruned = useFirehose((s) => s.prunedTopics);
  const syntaxId = useFirehose((s) => s.syntax);
  const filterText = useFirehose((s) => s.filterText);
  const syntax = topicSyntax(syntaxId);
  const now = useNow(1000);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [sort, setSort] = useState<TreeSort>('name');
  const [search, setSearch] = useState('');
  const [activePath, setActivePath] = useState<string | null>(null);
  const typed = useRef({ text: '', at: 0 });
  const parentRef = useRef<HTMLDivElement>(null);
  const baseId = useId();
  const tree = session.topics.tree;

  // biome-ignore lint/correctness/useExhaustiveDependencies: treeVersion and now are the redraw triggers for the mutable tree
  const rows = useMemo(
    () => tree.rows({ expanded, sort, now, search: search.trim() || undefined }),
    [tree, treeVersion, expanded, sort, now, search],
  );
  const selectedFilter = topicTermOf(filterText);
  const activeIndex = activePath === null ? -1 : rows.findIndex((r) => r.node.path === activePath);
  const active = activeIndex >= 0 ? rows[activeIndex] : undefined;

  const getItemKey = useCallback((i: number) => rows[i]?.node.path ?? i, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    measureElement: () => ROW_HEIGHT,
    getItemKey,
    overscan: 10,
  });

  const rowId = (i: number) => `${baseId}-row-${i}`;

  const toggle = (path: string, open?: boolean) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      const shouldOpen = open ?? !next.has(path);
      if (shouldOpen) next.add(path);
      else next.delete(path);
      return next;
    });
  };

  const moveTo = (index: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    setActivePath(row.node.path);
    virtualizer.scrollToIndex(rows.indexOf(row), { align: 'auto' });
  };

  const selectRow = (row: TreeRow<LogEntry>) => {
    const filter = syntax.subtreeFilter(row.node.levels);
    setActivePath(row.node.path);
    // Selecting the selected node again shows everything again.
    session.log.setFilter(withTopicTerm(filterText, selectedFilter === filter ? null : filter));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0) return;
    const i = Math.max(0, activeIndex);
    const row = rows[i];
    if (!row) return;
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(activeIndex < 0 ? 0 : i + 1);
        break;
      case 'ArrowUp':
        moveTo(activeIndex < 0 ? 0 : i - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (row.hasChildren && !row.expanded) toggle(row.node.path, true);
        else if (row.hasChildren) moveTo(i + 1);
        break;
      case 'ArrowLeft':
        if (row.expanded) toggle(row.node.path, false);
        else if (row.node.parent && row.node.parent.depth > 0) {
          const parent = rows.findIndex((r) => r.node === row.node.parent);
          if (parent >= 0) moveTo(parent);
        }
        break;
      case 'Enter':
      case ' ':
        selectRow(row);
        break;
      default:
        handled = typeAhead(e.key, i);
    }
    if (handled) e.preventDefault();
  };

  const typeAhead = (key: string, from: number): boolean => {
    if (key.length !== 1 || key === ' ') return false;
    const t = Date.now();
    const state = typed.current;
    state.text = t - state.at > TYPE_AHEAD_MS ? key.toLowerCase() : state.text + key.toLowerCase();
    state.at = t;
    // A repeated first letter cycles through the names that start with it; a longer word refines.
    const start = state.text.length === 1 ? from + 1 : from;
    for (let k = 0; k < rows.length; k++) {
      const row = rows[(start + k) % rows.length];
      if (row?.node.name.toLowerCase().startsWith(state.text)) {
        moveTo(rows.indexOf(row));
        break;
      }
    }
    return true;
  };

  const items = virtualizer.getVirtualItems();
  return (
    <section className="topic-tree" aria-labelledby={`${baseId}-heading`}>
      <div className="tree-head">
        <h2 id={`${baseId}-heading`}>Topics</h2>
        <span className="tree-count">
          {formatCount(topicCount)} {topicCount === 1 ? 'topic' : 'topics'}
          {pruned > 0 && (
            <span className="tree-pruned" title="Least recently seen topics pruned to bound memory">
              {' '}
              · {formatCount(pruned)} pruned
            </span>
          )}
        </span>
      </div>
      <div className="tree-tools">
        <input
          type="search"
          aria-label="Search topics"
          placeholder="Search topics"
          spellCheck={false}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select
          aria-label="Sort topics by"
          value={sort}
          onChange={(e) => setSort(e.target.value as TreeSort)}
        >
          <option value="name">Name</option>
          <option value="count">Count</option>
          <option value="rate">Rate</option>
        </select>
      </div>
      <div
        ref={parentRef}
        role="tree"
        aria-label="Topic tree"
        tabIndex={0}
        className="tree"
        aria-activedescendant={activeIndex >= 0 ? rowId(activeIndex) : undefined}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (activeIndex < 0 && rows[0]) setActivePath(rows[0].node.path);
        }}
      >
        {rows.length === 0 ? (
          <p className="tree-empty">
            {search ? 'No known topic matches the search.' : 'Topics appear here as messages arrive.'}
          </p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              const { node } = row;
              const rate = tree.rate(node, now);
              const name = levelShown(node.name);
              const preview = !row.hasChildren && node.latest ? shownText(entryPreview(node.latest)) : null;
              const filter = syntax.subtreeFilter(node.levels);
              const warning = name.hidden > 0 ? `, ${HIDDEN_CHARS_LABEL.toLowerCase()}` : '';
              const label = `${name.text}${warning}, ${formatCount(node.count)} ${node.count === 1 ? 'message' : 'messages'}, ${formatTopicRate(rate)}/s, last ${formatAge(now - node.lastTime)} ago${node.retained ? ', retained' : ''}`;
              return (
                // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/useFocusableInteractive: the tree owns focus and keys (aria-activedescendant), as the ARIA tree pattern allows
                <div
                  key={item.key}
                  id={rowId(item.index)}
                  role="treeitem"
                  aria-level={row.level}
                  aria-setsize={row.setSize}
                  aria-posinset={row.posInSet}
                  aria-expanded={row.hasChildren ? row.expanded : undefined}
                  aria-selected={selectedFilter === filter}
                  aria-label={label}
                  className={`tree-row${item.index === activeIndex ? ' active' : ''}${selectedFilter === filter ? ' selected' : ''}`}
                  style={{
                    transform: `translateY(${item.start}px)`,
                    paddingLeft: `${(row.level - 1) * 14 + 4}px`,
                  }}
                  onClick={() => selectRow(row)}
                >
                  <span
                    className="tree-toggle"
                    aria-hidden="true"
                    onClick={(e) => {
                      e.stopPropagation();
                      setActivePath(node.path);
                      if (row.hasChildren) toggle(node.path);
                    }}
                  >
                    {row.hasChildren ? (row.expanded ? '▾' : '▸') : ''}
                  </span>
                  <span className="tree-name" title={shownText(node.path).text}>
                    {name.text}
                  </span>
                  {name.hidden > 0 && (
                    <span
                      className="hidden-mark"
                      role="img"
                      aria-label={HIDDEN_CHARS_LABEL}
                      title={HIDDEN_CHARS_LABEL}
                    >
                      ⚠
                    </span>
                  )}
                  {node.retained && (
                    <abbr className="badge retained" title="Latest message retained">
                      R
                    </abbr>
                  )}
                  {preview && (
                    <span className="tree-preview">
                      {preview.hidden > 0 && (
                        <span
                          className="hidden-mark"
                          role="img"
                          aria-label={HIDDEN_CHARS_LABEL}
                          title={HIDDEN_CHARS_LABEL}
                        >
                          ⚠
                        </span>
                      )}
                      {preview.text}
                    </span>
                  )}
                  <span className="tree-figures">
                    <span className="tree-n">{formatCount(node.count)}</span>
                    <span className="tree-rate">{formatTopicRate(rate)}/s</span>
                    <span className="tree-age">{formatAge(now - node.lastTime)}</span>
                  </span>
                </div>
              );
            })}
          </div>
        )}
      </div>
      {active && <TreeActions node={active.node} hasChildren={active.hasChildren} />}
    </section>
  );
}
