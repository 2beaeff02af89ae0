import { useEffect, useState } from 'react';
import { useFirehose, useSession } from '../session/SessionContext';

const FILTER_DEBOUNCE_MS = 150;

/** Search the buffered log, pause the view, clear it, and size the buffer. */
export function FilterBar() {
  const session = useSession();
  const filterText = useFirehose((s) => s.filterText);
  const filterErrors = useFirehose((s) => s.filterErrors);
  const paused = useFirehose((s) => s.paused);
  const capacity = useFirehose((s) => s.capacity);
  const syntax = useFirehose((s) => s.syntax);
  const [text, setText] = useState(filterText);
  const [capacityText, setCapacityText] = useState(String(capacity));
  const [capacityError, setCapacityError] = useState<string | null>(null);

  useEffect(() => setText(filterText), [filterText]);
  useEffect(() => setCapacityText(String(capacity)), [capacity]);

  // Debounced: re-filtering 50,000 buffered messages per keystroke would make typing stutter.
  useEffect(() => {
    if (text === session.store.getState().filterText) return;
    const timer = setTimeout(() => session.log.setFilter(text), FILTER_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, session]);

  const applyCapacity = () => {
    const n = Number(capacityText.replace(/[,_\s]/g, ''));
    setCapacityError(session.log.setCapacity(n));
  };

  return (
    <div className="filter-bar">
      <div className="field grow">
        <label htmlFor="log-filter">Filter messages</label>
        <input
          id="log-filter"
          type="search"
          spellCheck={false}
          placeholder={`text, "a phrase", -exclude, ${syntax === 'amqp' ? 'topic:pulp.*.*.*.finish' : 'topic:gerrit/+/+/change-merged'}, payload:merged`}
          value={text}
          aria-describedby={filterErrors.length > 0 ? 'log-filter-errors' : undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') session.log.setFilter(text);
          }}
          // Leaving the box applies at once: "Copy link" right after typing must include the filter.
          onBlur={() => {
            if (text !== session.store.getState().filterText) session.log.setFilter(text);
          }}
        />
        {filterErrors.length > 0 && (
          <p id="log-filter-errors" className="inline-error" role="alert">
            {filterErrors.join('; ')}
          </p>
        )}
      </div>
      <button type="button" aria-pressed={paused} onClick={() => session.log.setPaused(!paused)}>
        {paused ? 'Resume' : 'Pause'}
      </button>
      <button type="button" onClick={() => session.log.clear()}>
        Clear
      </button>
      <div className="field capacity">
        <label htmlFor="buffer-size">Buffer size</label>
        <input
          id="buffer-size"
          inputMode="numeric"
          value={capacityText}
          aria-invalid={capacityError !== null}
          aria-describedby={capacityError ? 'buffer-size-error' : undefined}
          onChange={(e) => setCapacityText(e.target.value)}
          onBlur={applyCapacity}
          onKeyDown={(e) => {
            if (e.key === 'Enter') applyCapacity();
          }}
        />
        {capacityError && (
          <p id="buffer-size-error" className="inline-error" role="alert">
            {capacityError}
          </p>
        )}
      </div>
    </div>
  );
}
