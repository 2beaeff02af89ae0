import { type ReactNode, useMemo, useState } from 'react';
import { formatCount } from '../payload/format';
import {
  CHILD_PAGE,
  childCount,
  childrenSlice,
  containerSummary,
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
  const { name, value } = props;
  if (!isContainer(value)) {
    return (
      <li>
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
    <li>
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

/**
 * A collapsible JSON tree on native <details>, keyboard-operable with no extra code, text only. Bounded
 * whatever the document (see jsonTreeModel): closed nodes render no children, open ones CHILD_PAGE at a
 * time, and below MAX_VISIBLE_DEPTH levels a node can become the root of the view.
 */
export function JsonTree({ value }: { value: unknown }) {
  const [focus, setFocus] = useState<Focus | null>(null);
  const root = focus ?? { path: null, value };
  const openDepth = useMemo(() => initialOpenDepth(root.value), [root.value]);
  return (
    <div className="json-tree-view">
      {focus && (
        <p className="json-focus">
          Showing <code>{pathLabel(focus.path)}</code>, {formatCount(pathDepth(focus.path))} levels down.{' '}
          <button type="button" onClick={() => setFocus(null)}>
            Back to the top
          </button>
        </p>
      )}
      <ul className="json-tree" aria-label="JSON tree">
        <Node
          key={focus ? pathLabel(focus.path, Number.POSITIVE_INFINITY) : '$'}
          name={null}
          value={root.value}
          path={root.path}
          depth={0}
          openDepth={openDepth}
          onFocus={setFocus}
        />
      </ul>
    </div>
  );
}
