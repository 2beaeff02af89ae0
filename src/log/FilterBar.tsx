import { useEffect, useRef, useState } from 'react';
import { UNDO_CLEAR_MS } from '../session/liveLog';
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

  // Clear asks nothing; for UNDO_CLEAR_MS an Undo button puts everything back.
  const [cleared, setCleared] = useState<{ count: number; at: number } | null>(null);
  const clearButton = useRef<HTMLButtonElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!cleared) return;
    const timer = setTimeout(() => {
      // The Undo button goes: if it had focus, focus stays nearby instead of falling to the page body.
      if (document.activeElement === undoButton.current) clearButton.current?.focus();
      setCleared(null);
    }, UNDO_CLEAR_MS);
    return () => clearTimeout(timer);
  }, [cleared]);
  const undo = () => {
    session.log.undoClear();
    setCleared(null);
    clearButton.current?.focus();
  };

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
      <button
        ref={clearButton}
        type="button"
        onClick={() => setCleared({ count: session.log.clear(), at: Date.now() })}
      >
        Clear
      </button>
      <span className="undo-clear" aria-live="polite">
        {cleared && (
          <>
            Cleared {cleared.count.toLocaleString('en-US')} {cleared.count === 1 ? 'message' : 'messages'}{' '}
            <button ref={undoButton} type="button" className="small" onClick={undo}>
              Undo
            </button>
          </>
        )}
      </span>
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
