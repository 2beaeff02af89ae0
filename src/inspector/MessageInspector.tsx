import { type KeyboardEvent, useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { LogEntry } from '../ingest/types';
import { formatBytes, formatTime } from '../payload/format';
import { textMatcher } from '../payload/textSearch';
import { useFirehose, useSession } from '../session/SessionContext';
import { focusAfterInspector } from '../ui/focus';
import { ComparePanel } from './ComparePanel';
import { DecoderPanel } from './DecoderPanel';
import './inspector.css';
import { PayloadActions } from './PayloadActions';
import { PayloadPane } from './PayloadPane';
import { PayloadSearch } from './PayloadSearch';
import type { ShownMatches } from './ProgressiveText';
import { PropertiesTable } from './PropertiesTable';
import { effectiveKind, formatLabel, type View, viewsFor } from './payloadViews';
import { RevealedText } from './Revealed';
import { inspectionOf, useWholeCheck } from './useInspection';
import { ViewSwitch } from './ViewSwitch';

/** The selected message in full. Decodes only this one message, once (memoised by payload). */
export function MessageInspector({ onHide }: { onHide?: () => void }) {
  const session = useSession();
  const seq = useFirehose((s) => s.selectedSeq);
  const entry = seq === null ? undefined : session.entry(seq);
  if (seq === null) return null;
  const close = () => {
    focusAfterInspector(seq);
    session.log.select(null);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    close();
  };
  return (
    <section id="inspector" className="inspector" aria-label="Message inspector" onKeyDown={onKeyDown}>
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
        <button type="button" className="icon" aria-label="Close inspector" onClick={close}>
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
  const [search, setSearch] = useState('');
  // Typing stays responsive: marking 256 kB of text waits for a pause in the keystrokes.
  const deferred = useDeferredValue(search);
  const matcher = useMemo(() => textMatcher(deferred), [deferred]);
  const [matches, setMatches] = useState<ShownMatches | null>(null);
  const onMatches = useCallback((m: ShownMatches) => setMatches(m), []);
  const searchable = view === 'pretty' || view === 'text';

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
      {kind !== 'empty' && <DecoderPanel entry={entry} kind={kind} />}
      <div className="payload-tools">
        <ViewSwitch
          views={views}
          view={view}
          onChange={(v) => {
            setChosen(v);
            setMatches(null);
          }}
        />
        <PayloadActions bytes={bytes} kind={kind} inspection={inspection} name={`payload-${entry.seq}`} />
      </div>
      <PayloadSearch text={search} onText={setSearch} matches={matches} searchable={searchable} />
      <ComparePanel entry={entry} />
      <section className="payload" aria-label="Payload">
        {kind === 'empty' && <p className="hint">Empty payload</p>}
        <PayloadPane
          key={view}
          bytes={bytes}
          inspection={inspection}
          view={view}
          search={searchable ? matcher : null}
          onMatches={onMatches}
        />
      </section>
    </div>
  );
}
