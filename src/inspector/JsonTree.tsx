import type { ReactNode } from 'react';

/** Children shown per object/array before a "… N more" line: keeps a 100k-element array cheap. */
const MAX_CHILDREN = 200;

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="j-null">null</span>;
  switch (typeof value) {
    case 'string':
      return <span className="j-string">{JSON.stringify(value)}</span>;
    case 'number':
      return <span className="j-number">{String(value)}</span>;
    case 'boolean':
      return <span className="j-bool">{String(value)}</span>;
    default:
      return <span>{String(value)}</span>;
  }
}

function Node({ name, value, depth }: { name: ReactNode; value: unknown; depth: number }) {
  if (value === null || typeof value !== 'object') {
    return (
      <li>
        {name}
        <Scalar value={value} />
      </li>
    );
  }
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value as Record<string, unknown>);
  const open = Array.isArray(value) ? '[' : '{';
  const close = Array.isArray(value) ? ']' : '}';
  return (
    <li>
      <details open={depth < 2}>
        <summary>
          {name}
          <span className="j-punct">
            {open}
            {entries.length === 0
              ? close
              : ` ${entries.length} ${entries.length === 1 ? 'item' : 'items'} ${close}`}
          </span>
        </summary>
        <ul>
          {entries.slice(0, MAX_CHILDREN).map(([k, v]) => (
            <Node
              key={k}
              name={<span className="j-key">{Array.isArray(value) ? k : JSON.stringify(k)}: </span>}
              value={v}
              depth={depth + 1}
            />
          ))}
          {entries.length > MAX_CHILDREN && (
            <li className="j-more">… {entries.length - MAX_CHILDREN} more</li>
          )}
        </ul>
      </details>
    </li>
  );
}

/** A collapsible JSON tree on native <details>: keyboard-operable with no extra code, text only. */
export function JsonTree({ value }: { value: unknown }) {
  return (
    <ul className="json-tree" aria-label="JSON tree">
      <Node name={null} value={value} depth={0} />
    </ul>
  );
}
