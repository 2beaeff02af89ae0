import { useState } from 'react';
import type { LogEntry } from '../ingest/types';
import { formatBytes, formatTime } from '../payload/format';
import { useFirehose, useSession } from '../session/SessionContext';
import { focusAfterInspector } from '../ui/focus';
import { PayloadActions } from './PayloadActions';
import { PayloadPane } from './PayloadPane';
import { PropertiesTable } from './PropertiesTable';
import { effectiveKind, formatLabel, VIEW_LABELS, type View, viewsFor } from './payloadViews';
import { RevealedText } from './Revealed';
import { inspectionOf, useWholeCheck } from './useInspection';

/** The selected message in full. Decodes only this one message, once (memoised by payload). */
export function MessageInspector({ onHide }: { onHide?: () => void }) {
  const session = useSession();
  const seq = useFirehose((s) => s.selectedSeq);
  const entry = seq === null ? undefined : session.entry(seq);
  if (seq === null) return null;
  return (
    <section id="inspector" className="inspector" aria-label="Message inspector">
      <header className="inspector-head">
        <h2>Message</h2>
        {onHide && (
          <button
            type="button"
            className="icon"
            aria-label="Hide inspector"
            title="Hide inspector"
            aria-expanded={true}
            aria-controls="inspector"
            onClick={onHide}
          >
            »
          </button>
        )}
        <button
          type="button"
          className="icon"
          aria-label="Close inspector"
          onClick={() => {
            session.log.select(null);
            focusAfterInspector(seq);
          }}
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
  const bytes = entry.payload;
  const inspection = inspectionOf(bytes);
  const whole = useWholeCheck(bytes, inspection.unchecked);
  const kind = effectiveKind(inspection, whole);
  const { views, initial } = viewsFor(inspection, whole);
  const [chosen, setChosen] = useState<View | null>(null);
  // The worker may turn a previewed "text" payload into binary: a choice that no longer exists falls back.
  const view = chosen !== null && views.includes(chosen) ? chosen : initial;
  const checking = inspection.unchecked && whole === undefined;
  const error = whole?.error ?? inspection.error;

  return (
    <div className="inspector-body">
      <dl className="meta">
        <dt>Topic</dt>
        <dd className="mono">
          <RevealedText text={entry.topic} />
        </dd>
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
          {formatBytes(bytes.byteLength)} ({bytes.byteLength.toLocaleString('en-US')} bytes)
        </dd>
        <dt>Format</dt>
        <dd>
          {formatLabel(kind)}
          {checking && ' (checking the whole payload…)'}
        </dd>
      </dl>
      {entry.props && <PropertiesTable props={entry.props} />}
      {inspection.note && kind !== 'binary' && <p className="hint">{inspection.note}</p>}
      {error && <p className="hint">{error}</p>}
      <div className="payload-tools">
        <div className="view-switch" role="radiogroup" aria-label="Payload view">
          {views.map((v) => (
            // biome-ignore lint/a11y/useSemanticElements: a segmented control of toggle buttons, labelled as radios
            <button key={v} type="button" role="radio" aria-checked={view === v} onClick={() => setChosen(v)}>
              {VIEW_LABELS[v]}
            </button>
          ))}
        </div>
        <PayloadActions bytes={bytes} kind={kind} inspection={inspection} name={`payload-${entry.seq}`} />
      </div>
      <section className="payload" aria-label="Payload">
        {kind === 'empty' && <p className="hint">Empty payload</p>}
        <PayloadPane key={view} bytes={bytes} inspection={inspection} view={view} />
      </section>
    </div>
  );
}
