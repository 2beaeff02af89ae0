import { type ReactNode, useMemo, useState } from 'react';
import type { LogEntry } from '../ingest/types';
import { formatCount, formatTime } from '../payload/format';
import { diffJson, type JsonChange } from '../payload/jsonDiff';
import { revealInvisible } from '../payload/reveal';
import { diffText } from '../payload/textDiff';
import { queryPath } from '../query/fieldTerm';
import { useSession } from '../session/SessionContext';
import type { Session } from '../session/session';
import { inspectionOf } from './useInspection';

/** Characters of an old or new value shown in the table; the inspector of that message has the rest. */
const VALUE_CHARS = 300;

/**
 * The newest message before `entry` on the same topic that is still in the buffer (the app's own marker
 * rows skipped). Walks back at most the buffer's length, once per press of `Compare with previous`.
 */
function previousOnTopic(session: Session, entry: LogEntry): LogEntry | undefined {
  for (let seq = entry.seq - 1; ; seq--) {
    const e = session.entry(seq);
    if (e === undefined) return undefined;
    if (e.marker === undefined && e.topic === entry.topic) return e;
  }
}

function shown(v: unknown): string {
  const json = JSON.stringify(v) ?? String(v);
  const cut = json.length > VALUE_CHARS ? `${json.slice(0, VALUE_CHARS)}…` : json;
  return revealInvisible(cut).text;
}

const KIND_LABEL: Record<JsonChange['kind'], string> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
};

function JsonChanges({ before, after }: { before: unknown; after: unknown }) {
  const { changes, truncated } = useMemo(() => diffJson(before, after), [before, after]);
  if (changes.length === 0 && !truncated) return <p>Same JSON as the previous message.</p>;
  return (
    <>
      <p>
        {formatCount(changes.length)} {changes.length === 1 ? 'change' : 'changes'}
        {truncated && ' shown; the documents differ in more than the comparison looks at'}.
      </p>
      <table className="diff-table" aria-label="Changes from the previous message">
        <thead>
          <tr>
            <th scope="col">Change</th>
            <th scope="col">Path</th>
            <th scope="col">Previous</th>
            <th scope="col">This message</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c, i) => {
            const path = revealInvisible(queryPath(c.path)).text;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: a change is its place in this fixed list
              <tr key={i} className={`diff-${c.kind}`}>
                <td>{KIND_LABEL[c.kind]}</td>
                <td className="mono">{path}</td>
                <td className="mono">{c.kind === 'added' ? '' : shown(c.oldValue)}</td>
                <td className="mono">{c.kind === 'removed' ? '' : shown(c.value)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function TextChanges({ before, after }: { before: string; after: string }) {
  const result = useMemo(() => diffText(before, after), [before, after]);
  if (result.tooDifferent) {
    return <p>The texts differ in too many lines to list (over 1,000 lines changed).</p>;
  }
  if (result.lines.every((l) => l.kind === 'same')) {
    return <p>Same text as the previous message{result.cut ? ' in the first 64 k characters' : ''}.</p>;
  }
  return (
    <>
      {result.cut && <p className="hint">Comparing the first 64 k characters of each.</p>}
      <pre className="mono wrap text-diff">
        {result.lines.map((l, i) => {
          const text = revealInvisible(l.text).text;
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their place
          if (l.kind === 'added') return <ins key={i}>{`+ ${text}\n`}</ins>;
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          if (l.kind === 'removed') return <del key={i}>{`- ${text}\n`}</del>;
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          return <span key={i}>{`  ${text}\n`}</span>;
        })}
      </pre>
    </>
  );
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function Comparison({ entry }: { entry: LogEntry }) {
  const session = useSession();
  // Looked up once when opened: the previous message does not change while this one is inspected.
  const [previous] = useState(() => previousOnTopic(session, entry));
  if (!previous) {
    return (
      <p>
        No previous message on <code>{revealInvisible(entry.topic).text}</code> is in the buffer.
      </p>
    );
  }
  const before = inspectionOf(previous.payload);
  const after = inspectionOf(entry.payload);
  let body: ReactNode;
  if (before.parsed && after.parsed) body = <JsonChanges before={before.json} after={after.json} />;
  else if (before.text !== undefined && after.text !== undefined)
    body = <TextChanges before={before.text} after={after.text} />;
  else {
    const at = firstDifference(previous.payload, entry.payload);
    body = (
      <p>
        {at < 0
          ? 'Same bytes as the previous message.'
          : `The bytes differ from offset ${formatCount(at)} (0x${at.toString(16)}); sizes ${formatCount(previous.payload.length)} and ${formatCount(entry.payload.length)} bytes.`}
      </p>
    );
  }
  return (
    <>
      <p className="hint">
        Previous message on this topic: received{' '}
        <time dateTime={new Date(previous.time).toISOString()}>{formatTime(previous.time)}</time>.
      </p>
      {body}
    </>
  );
}

/** `Compare with previous`: this message against the previous one on its topic still in the buffer. */
export function ComparePanel({ entry }: { entry: LogEntry }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="compare">
      <button type="button" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        Compare with previous
      </button>
      {open && (
        <section className="comparison" aria-label="Comparison with previous">
          <Comparison entry={entry} />
        </section>
      )}
    </div>
  );
}
