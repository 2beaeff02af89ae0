import { useEffect, useState } from 'react';
import { alignedDelay } from '../lib/clock';

/**
 * The wall clock, re-read on every boundary of `intervalMs` (each whole second for 1,000): ages and
 * rates on screen move on with no messages, and every component and widget of a page ticks in the same
 * frame instead of each at its own moment.
 */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const next = () => {
      timer = setTimeout(tick, alignedDelay(intervalMs));
    };
    const tick = () => {
      setNow(Date.now());
      next();
    };
    next();
    return () => clearTimeout(timer);
  }, [intervalMs]);
  return now;
}
