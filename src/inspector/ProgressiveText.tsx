import { useEffect, useRef, useState } from 'react';
import { CHUNK_CHARS, type ChunkSource } from '../payload/chunks';
import { formatCount } from '../payload/format';
import { revealInvisible } from '../payload/reveal';
import { HiddenMark } from './Revealed';

type Chunk = { at: number; text: string };

/** The first chunk is laid out in the same task as the inspector itself: a screenful, not 16 k. */
const FIRST_CHUNK = 4096;
/**
 * Characters (or bytes) added per step, adapted to the machine: a step normally lands every other frame
 * (render, commit, effect, next frame: ~33 ms), so a gap under FAST_GAP_MS grows the step and one over
 * SLOW_GAP_MS halves it. Measured on the 2-core target: appending a 16 k-character block each frame keeps
 * frames at ~18 ms on average, a 64 k one at ~27 ms.
 */
const FAST_GAP_MS = 50;
const SLOW_GAP_MS = 100;
/**
 * Never below one chunk: on a machine loaded by other processes the gap stays long whatever this view
 * does, and smaller steps would only stretch a 3 MB "Show all" from seconds to minutes.
 */
const MIN_STEP = CHUNK_CHARS;
const MAX_STEP = 65_536;
type Shown = { chunks: Chunk[]; hidden: number };

function take(source: ChunkSource, reveal: boolean, shown: Shown, until: number): Shown {
  const at = source.position;
  const raw = source.next(until - at);
  if (raw === null) return shown;
  const { text, hidden } = reveal ? revealInvisible(raw, { multiline: true }) : { text: raw, hidden: 0 };
  return { chunks: [...shown.chunks, { at, text }], hidden: shown.hidden + hidden };
}

function isDone(source: ChunkSource): boolean {
  return source.position >= source.total;
}

export interface ProgressiveTextProps {
  /** Called once per mount. Remount (a `key`) to start over with another source. */
  makeSource: () => ChunkSource;
  className: string;
  /** Reveal hidden and control characters (text views); the hex dump is ASCII by construction. */
  reveal: boolean;
  /** Render chunks until the source's position reaches this, then wait for the button. */
  limit: number;
  /** How far one press of the button moves the limit (Infinity: to the end). */
  step: number;
  /** The button's label, given what is left in the source's unit. */
  moreLabel: (left: number) => string;
  /** A line above the text saying how much is shown, while it waits at a limit. */
  summary?: (position: number, total: number) => string;
}

/**
 * A `<pre>` filled a step per animation frame, each step sized to what the machine keeps up with (see
 * FAST_GAP_MS), and stopped at `limit` until the user asks for more. Each chunk is a block of its own:
 * appending one lays out only it. `textContent` is exactly the text produced so far.
 */
export function ProgressiveText({
  makeSource,
  className,
  reveal,
  limit,
  step,
  moreLabel,
  summary,
}: ProgressiveTextProps) {
  // The first chunk is rendered with the component, so the pane is never empty for a frame. Source and
  // first chunk come from one initializer: StrictMode runs initializers twice and keeps one result.
  const [init] = useState(() => {
    const source = makeSource();
    return { source, shown: take(source, reveal, { chunks: [], hidden: 0 }, Math.min(limit, FIRST_CHUNK)) };
  });
  const source = init.source;
  const [shown, setShown] = useState<Shown>(init.shown);
  const [until, setUntil] = useState(limit);
  const done = isDone(source);
  const waiting = !done && source.position >= until;

  const pace = useRef({ budget: CHUNK_CHARS, last: 0 });
  useEffect(() => {
    if (done || waiting) return;
    const frame = requestAnimationFrame((now) => {
      const p = pace.current;
      if (p.last > 0) {
        const gap = now - p.last;
        if (gap < FAST_GAP_MS) p.budget = Math.min(MAX_STEP, p.budget * 1.5);
        else if (gap > SLOW_GAP_MS) p.budget = Math.max(MIN_STEP, p.budget / 2);
      }
      p.last = now;
      // Read outside the updater: `next()` advances the source and must run once per chunk.
      let next = shown;
      const from = source.position;
      while (source.position - from < p.budget && !isDone(source) && source.position < until) {
        next = take(source, reveal, next, until);
      }
      setShown(next);
    });
    return () => cancelAnimationFrame(frame);
  }, [source, reveal, shown, done, waiting, until]);

  const line = waiting && summary ? summary(source.position, source.total) : null;
  return (
    <>
      {shown.hidden > 0 && (
        <p className="hidden-note">
          <HiddenMark /> {formatCount(shown.hidden)} hidden or control{' '}
          {shown.hidden === 1 ? 'character is' : 'characters are'} shown as ⟨U+…⟩ codes.
        </p>
      )}
      {line && <p className="hint">{line}</p>}
      <pre className={className} aria-busy={!done && !waiting}>
        {shown.chunks.map((c) => (
          <span key={c.at} className="chunk">
            {c.text}
          </span>
        ))}
      </pre>
      {waiting && (
        <button type="button" onClick={() => setUntil((u) => u + step)}>
          {moreLabel(source.total - source.position)}
        </button>
      )}
    </>
  );
}
