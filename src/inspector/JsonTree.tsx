import { type ReactNode, useMemo, useState } from 'react';
import { formatCount } from '../payload/format';
import { useSession } from '../session/SessionContext';
import {
  CHILD_PAGE,
  childCount,
  childrenSlice,
  containerSummary,
  copyValueText,
  expandAllDepth,
  initialOpenDepth,
  isContainer,
  type JsonContainer,
  type JsonPath,
  keyLabel,
  MAX_VISIBLE_DEPTH,
  pathDepth,
  pathLabel,
  scalarLabel,
} from './jsonTreeModel';
import { NodeActions, type NodeActionsApi, NodeActionsContext } from './NodeActions';
import { HiddenMark } from './Revealed';

type Focus = { path: JsonPath; value: unknown };

interface NodeProps {
  name: ReactNode;
  value: unknown;
  path: JsonPath;
  /** Levels below the tree's current root. */
  depth: number;
  openDepth: number;
  onFocus: (focus: Focus) => void;
}

function className(v: unknown): string {
  if (v === null) return 'j-null';
  switch (typeof v) {
    case 'string':
      return 'j-string';
    case 'number':
      return 'j-number';
    case 'boolean':
      return 'j-bool';
    default:
      return '';
  }
}

function Scalar({ value }: { value: unknown }) {
  const label = scalarLabel(value);
  return (
    <>
      <span className={className(value)}>{label.text}</span>
      {label.hidden > 0 && <HiddenMark />}
      {label.cut > 0 && (
        <span className="j-more"> ({formatCount(label.cut)} more characters in the Text view)</span>
      )}
    </>
  );
}

function Node(props: NodeProps) {
  const { name, value, path } = props;
  if (!isContainer(value)) {
    return (
      <li className="j-node">
        <NodeActions path={path} value={value} />
        {name}
        <Scalar value={value} />
      </li>
    );
  }
  return <Container {...props} value={value} />;
}

/** A container renders its children only while open: a closed node costs one row whatever it holds. */
function Container({ name, value, path, depth, openDepth, onFocus }: NodeProps & { value: JsonContainer }) {
  const [open, setOpen] = useState(depth < openDepth);
  return (
    <li className="j-node">
      <NodeActions path={path} value={value} />
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          {name}
          <span className="j-punct">{containerSummary(value)}</span>
        </summary>
        {open &&
          (depth >= MAX_VISIBLE_DEPTH ? (
            <p className="j-deeper">
              <button type="button" onClick={() => onFocus({ path, value })}>
                Show deeper levels from here
              </button>
            </p>
          ) : (
            <Children value={value} path={path} depth={depth} openDepth={openDepth} onFocus={onFocus} />
          ))}
      </details>
    </li>
  );
}

function Children({
  value,
  path,
  depth,
  openDepth,
  onFocus,
}: Omit<NodeProps, 'name' | 'value'> & { value: JsonContainer }) {
  const count = childCount(value);
  const [shown, setShown] = useState(Math.min(count, CHILD_PAGE));
  const children = childrenSlice(value, 0, shown);
  const next = Math.min(CHILD_PAGE, count - shown);
  return (
    <ul>
      {children.map(({ key, value: child }) => {
        const label = keyLabel(key);
        return (
          <Node
            key={key}
            name={
              <span className="j-key">
                {label.text}
                {label.hidden > 0 && <HiddenMark />}:{' '}
              </span>
            }
            value={child}
            path={{ parent: path, key }}
            depth={depth + 1}
            openDepth={openDepth}
            onFocus={onFocus}
          />
        );
      })}
      {next > 0 && (
        <li className="j-more">
          <button type="button" onClick={() => setShown((n) => Math.min(count, n + CHILD_PAGE))}>
            Show next {formatCount(next)} (of {formatCount(count)})
          </button>
        </li>
      )}
    </ul>
  );
}

type OpenMode = 'default' | 'all' | 'none';

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A collapsible JSON tree on native <details>, keyboard-operable with no extra code, text only. Bounded
 * whatever the document (see jsonTreeModel): closed nodes render no children, open ones CHILD_PAGE at a
 * time, below MAX_VISIBLE_DEPTH levels a node can become the root of the view, and `Expand all` opens only
 * as many levels as EXPAND_ALL_BUDGET rows allow. Each node offers to copy its value or path and to filter
 * the log by its value.
 */
export function JsonTree({ value }: { value: unknown }) {
  const session = useSession();
  const [focus, setFocus] = useState<Focus | null>(null);
  // `gen` remounts the nodes, so each takes its open state from the new mode.
  const [mode, setMode] = useState<{ kind: OpenMode; gen: number }>({ kind: 'default', gen: 0 });
  const [actionsOpen, setActionsOpen] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const root = focus ?? { path: null, value };
  const defaultDepth = useMemo(() => initialOpenDepth(root.value), [root.value]);
  const expanded = useMemo(
    () => (mode.kind === 'all' ? expandAllDepth(root.value) : null),
    [mode.kind, root.value],
  );
  const openDepth = expanded ? expanded.depth : mode.kind === 'none' ? 1 : defaultDepth;

  const api = useMemo<NodeActionsApi>(
    () => ({
      open: actionsOpen,
      setOpen: setActionsOpen,
      copyValue: (path, v) => {
        const text = copyValueText(v);
        if (text === null) {
          setNote(`Not copied: the value of ${path} is over 1 MB. Use Download.`);
          return;
        }
        void writeClipboard(text).then((ok) =>
          setNote(
            ok
              ? `Copied the value of ${path}`
              : 'Not copied: the browser did not allow access to the clipboard.',
          ),
        );
      },
      copyPath: (path) => {
        void writeClipboard(path).then((ok) =>
          setNote(ok ? `Copied ${path}` : 'Not copied: the browser did not allow access to the clipboard.'),
        );
      },
      filterBy: (term) => {
        session.log.setFilter(term);
        setNote(`Filter messages: ${term}`);
      },
    }),
    [actionsOpen, session],
  );

  const reopen = (kind: OpenMode) => {
    setMode((m) => ({ kind, gen: m.gen + 1 }));
    setActionsOpen(null);
  };

  return (
    <div className="json-tree-view">
      <div className="json-tree-tools">
        <button type="button" onClick={() => reopen('all')}>
          Expand all
        </button>
        <button type="button" onClick={() => reopen('none')}>
          Collapse all
        </button>
        <span className="copy-note" aria-live="polite">
          {note}
        </span>
      </div>
      {expanded && !expanded.complete && (
        <p className="hint">
          Expanded {formatCount(expanded.depth)} {expanded.depth === 1 ? 'level' : 'levels'} (
          {formatCount(expanded.rows)} rows): opening every level would render too many rows for the page.
          Open deeper nodes one by one.
        </p>
      )}
      {focus && (
        <p className="json-focus">
          Showing <code>{pathLabel(focus.path)}</code>, {formatCount(pathDepth(focus.path))} levels down.{' '}
          <button type="button" onClick={() => setFocus(null)}>
            Back to the top
          </button>
        </p>
      )}
      <NodeActionsContext.Provider value={api}>
        <ul className="json-tree" aria-label="JSON tree">
          <Node
            key={`${mode.gen}:${focus ? pathLabel(focus.path, Number.POSITIVE_INFINITY) : '$'}`}
            name={null}
            value={root.value}
            path={root.path}
            depth={0}
            openDepth={openDepth}
            onFocus={setFocus}
          />
        </ul>
      </NodeActionsContext.Provider>
    </div>
  );
}
