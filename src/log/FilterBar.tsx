import { useEffect, useState } from 'react';
import { useFirehose, useSession } from '../session/SessionContext';
import { FilterField } from './FilterField';
import { TransferButtons } from './TransferButtons';

/** Search the buffered log, pause the view, clear it, export or import it, and size the buffer. */
export function FilterBar() {
  const session = useSession();
  const paused = useFirehose((s) => s.paused);
  const capacity = useFirehose((s) => s.capacity);
  const [capacityText, setCapacityText] = useState(String(capacity));
  const [capacityError, setCapacityError] = useState<string | null>(null);

  useEffect(() => setCapacityText(String(capacity)), [capacity]);

  const applyCapacity = () => {
    const n = Number(capacityText.replace(/[,_\s]/g, ''));
    setCapacityError(session.log.setCapacity(n));
  };

  return (
    <div className="filter-bar">
      <FilterField />
      <button type="button" aria-pressed={paused} onClick={() => session.log.setPaused(!paused)}>
        {paused ? 'Resume' : 'Pause'}
      </button>
      <button type="button" onClick={() => session.log.clear()}>
        Clear
      </button>
      <TransferButtons />
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
