import { useEffect, useRef, useState } from 'react';

/** Samples kept per line: one a second, so the last minute. */
export const SPARK_SAMPLES = 60;

/**
 * Samples `read()` once a second into a fixed-length history, oldest first. One timer and one state
 * update a second however fast messages arrive: rates come from meters that already exist, never from
 * React seeing messages.
 */
export function useSampledHistory<K extends string>(
  read: () => Record<K, number>,
  samples = SPARK_SAMPLES,
): Record<K, readonly number[]> {
  const readRef = useRef(read);
  readRef.current = read;
  const [history, setHistory] = useState<Record<K, readonly number[]>>(() => ({}) as Record<K, number[]>);
  useEffect(() => {
    const tick = () => {
      const now = readRef.current();
      setHistory((prev) => {
        const next = {} as Record<K, readonly number[]>;
        for (const key of Object.keys(now) as K[]) {
          const line = prev[key] ?? [];
          next[key] = [...line.slice(line.length >= samples ? 1 : 0), now[key]];
        }
        return next;
      });
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [samples]);
  return history;
}

const round = (n: number) => (n >= 10 ? Math.round(n) : Math.round(n * 10) / 10);

/** A small line of recent values, named for assistive technology with the current and peak values. */
export function Sparkline({
  values,
  label,
  width = 60,
  height = 16,
}: {
  values: readonly number[];
  label: string;
  width?: number;
  height?: number;
}) {
  const peak = Math.max(0, ...values);
  const last = values.at(-1) ?? 0;
  const step = width / Math.max(1, SPARK_SAMPLES - 1);
  const offset = (SPARK_SAMPLES - values.length) * step;
  const points = values
    .map((v, i) => {
      const y = peak > 0 ? height - 1 - (v / peak) * (height - 2) : height - 1;
      return `${(offset + i * step).toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={`${label}: ${round(last)} now, peak ${round(peak)} in the last minute`}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      {values.length > 1 && <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />}
    </svg>
  );
}
