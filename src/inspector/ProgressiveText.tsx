import { type ReactElement, useEffect, useMemo, useRef, useState } from 'react';
import { CHUNK_CHARS, type ChunkSource } from '../payload/chunks';
import { formatCount } from '../payload/format';
import { revealInvisible } from '../payload/reveal';
import { findMatches, type TextMatches } from '../payload/textSearch';
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
  /** `Search in payload`: matches are marked in the text shown, and counted. */
  search?: RegExp | null;
  onMatches?: (matches: ShownMatches) => void;
}

/** What `Search in payload` found in the text shown so far. */
export interface ShownMatches {
  count: number;
  /** The count stopped at its cap (see textSearch). */
  capped: boolean;
  /** Matches marked on screen (at most MAX_MARKS). */
  marked: number;
  /** Everything the view will show is shown: false while filling or waiting at a limit. */
  complete: boolean;
}

/** Per chunk, kept while the search stays the same: a chunk appended costs only its own scan. */
const matchCache = new WeakMap<Chunk, TextMatches & { search: RegExp | null }>();

/** Marks on screen at most: each is an element, and 1 MB of text can hold 100,000 matches. */
export const MAX_MARKS = 1_000;

function Marked({ text, ranges }: { text: string; ranges: ReadonlyArray<[number, number]> }) {
  if (ranges.length === 0) return text;
  const parts: Array<string | ReactElement> = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
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
  search = null,
  onMatches,
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

  const found = useMemo(() => {
    let count = 0;
    let capped = false;
    const marks: Array<ReadonlyArray<[number, number]>> = [];
    let marked = 0;
    for (const chunk of shown.chunks) {
      let m = matchCache.get(chunk);
      if (m?.search !== search) {
        m = { search, ...findMatches(chunk.text, search, MAX_MARKS) };
        matchCache.set(chunk, m);
      }
      count += m.count;
      capped ||= m.capped;
      const ranges = m.ranges.slice(0, Math.max(0, MAX_MARKS - marked));
      marked += ranges.length;
      marks.push(ranges);
    }
    return { count, capped, marked, marks };
  }, [shown, search]);
  const complete = done;
  useEffect(() => {
    onMatches?.({ count: found.count, capped: found.capped, marked: found.marked, complete });
  }, [found, complete, onMatches]);

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
        {shown.chunks.map((c, i) => (
          <span key={c.at} className="chunk">
            <Marked text={c.text} ranges={found.marks[i] ?? []} />
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
