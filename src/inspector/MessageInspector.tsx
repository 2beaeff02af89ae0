import { useMemo, useState } from 'react';
import type { LogEntry } from '../ingest/types';
import { decodePayload } from '../payload/decode';
import { formatBytes, formatTime } from '../payload/format';
import { hexDumpLines } from '../payload/hexDump';
import { useFirehose, useSession } from '../session/SessionContext';
import { JsonTree } from './JsonTree';
import { PropertiesTable } from './PropertiesTable';

type View = 'pretty' | 'tree' | 'text' | 'hex';
/** Lines of hex dump rendered at once (16 bytes each): 64 kB; more on request. */
const HEX_PAGE_LINES = 4096;

/** The selected message in full. Decodes only this one message, once per selection. */
export function MessageInspector() {
  const session = useSession();
  const seq = useFirehose((s) => s.selectedSeq);
  const entry = seq === null ? undefined : session.entry(seq);
  if (seq === null) return null;
  return (
    <section className="inspector" aria-label="Message inspector">
      <header className="inspector-head">
        <h2>Message</h2>
        <button
          type="button"
          className="icon"
          aria-label="Close inspector"
          onClick={() => session.log.select(null)}
        >
          ×
        </button>
      </header>
      {entry ? (
        <EntryDetails key={seq} entry={entry} />
      ) : (
        <p className="hint">This message has been evicted from the buffer.</p>
      )}
    </section>
  );
}

function EntryDetails({ entry }: { entry: LogEntry }) {
  const decoded = useMemo(() => decodePayload(entry.payload), [entry]);
  const defaultView: View =
    decoded.kind === 'json' && decoded.pretty !== undefined
      ? 'pretty'
      : decoded.kind === 'binary'
        ? 'hex'
        : 'text';
  const [view, setView] = useState<View>(defaultView);
  const [hexLines, setHexLines] = useState(HEX_PAGE_LINES);
  // Above the pretty-print limit there is no `pretty`, and a JSON button would open an empty pane.
  const jsonViews: View[] =
    decoded.pretty !== undefined ? ['pretty', 'tree', 'text', 'hex'] : ['tree', 'text', 'hex'];
  const views: View[] =
    decoded.kind === 'json' ? jsonViews : decoded.kind === 'binary' ? ['hex'] : ['text', 'hex'];
  const labels: Record<View, string> = { pretty: 'JSON', tree: 'Tree', text: 'Text', hex: 'Hex' };
  const totalLines = Math.ceil(entry.payload.byteLength / 16);

  return (
    <div className="inspector-body">
      <dl className="meta">
        <dt>Topic</dt>
        <dd className="mono">{entry.topic}</dd>
        <dt>Time</dt>
        <dd>
          <time dateTime={new Date(entry.time).toISOString()}>{formatTime(entry.time)}</time>
        </dd>
        <dt>QoS</dt>
        <dd>{entry.qos}</dd>
        <dt>Retain</dt>
        <dd>{entry.retain ? 'yes' : 'no'}</dd>
        <dt>Dup</dt>
        <dd>{entry.dup ? 'yes' : 'no'}</dd>
        <dt>Payload size</dt>
        <dd>
          {formatBytes(entry.payload.byteLength)} ({entry.payload.byteLength.toLocaleString('en-US')} bytes)
        </dd>
        <dt>Format</dt>
        <dd>
          {decoded.kind === 'json'
            ? 'JSON'
            : decoded.kind === 'text'
              ? 'UTF-8 text'
              : decoded.kind === 'binary'
                ? 'binary'
                : 'empty'}
        </dd>
      </dl>
      {entry.props && <PropertiesTable props={entry.props} />}
      {decoded.error && <p className="hint">{decoded.error}</p>}
      <div className="view-switch" role="radiogroup" aria-label="Payload view">
        {views.map((v) => (
          // biome-ignore lint/a11y/useSemanticElements: a segmented control of toggle buttons, labelled as radios
          <button key={v} type="button" role="radio" aria-checked={view === v} onClick={() => setView(v)}>
            {labels[v]}
          </button>
        ))}
        <button
          type="button"
          className="ghost"
          onClick={() =>
            void navigator.clipboard?.writeText(decoded.text ?? hexDumpLines(entry.payload).join('\n'))
          }
        >
          Copy payload
        </button>
      </div>
      <section className="payload" aria-label="Payload">
        {decoded.kind === 'empty' && <p className="hint">Empty payload</p>}
        {view === 'pretty' && <pre className="mono">{decoded.pretty}</pre>}
        {view === 'tree' && <JsonTree value={decoded.json} />}
        {view === 'text' && decoded.text !== undefined && <pre className="mono wrap">{decoded.text}</pre>}
        {view === 'hex' && (
          <>
            <pre className="mono hex">{hexDumpLines(entry.payload, 0, hexLines).join('\n')}</pre>
            {hexLines < totalLines && (
              <button type="button" onClick={() => setHexLines((n) => n + HEX_PAGE_LINES)}>
                Show more ({formatBytes((totalLines - hexLines) * 16)} left)
              </button>
            )}
          </>
        )}
      </section>
    </div>
  );
}
