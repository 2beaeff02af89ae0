/**
 * Pure logic of the embeddable widget: is the feed alive, how old is it, and which JSON fields to show.
 * No React, no DOM: unit-tested in Node.
 */

export type LivenessLevel = 'live' | 'stale' | 'down' | 'connecting';

export interface Liveness {
  level: LivenessLevel;
  text: string;
}

export interface LivenessInput {
  phase: 'offline' | 'connecting' | 'connected' | 'reconnecting' | 'error';
  /** Epoch ms of the latest message, if any arrived. */
  lastMessageAt?: number;
  /** Epoch ms when the current connection was established. */
  connectedAt?: number;
  now: number;
  /** `stale=` seconds: after this long without events the feed counts as dead. */
  staleAfterSeconds?: number;
}

/** "12 s", "4 min", "3 h", "2 d": the unit a status page reader wants, rounded down. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} d`;
}

export function liveness(input: LivenessInput): Liveness {
  const { phase, lastMessageAt, connectedAt, now, staleAfterSeconds } = input;
  if (phase === 'connecting') return { level: 'connecting', text: 'connecting' };
  if (phase !== 'connected') return { level: 'down', text: 'disconnected' };
  const since = lastMessageAt ?? connectedAt ?? now;
  const age = now - since;
  if (staleAfterSeconds !== undefined && age >= staleAfterSeconds * 1000) {
    return { level: 'stale', text: `no events for ${formatAge(age)}` };
  }
  if (lastMessageAt === undefined) return { level: 'live', text: 'live, waiting for events' };
  return { level: 'live', text: `live, latest ${formatAge(age)} ago` };
}

/** Reads `payload.change.project` from `{ payload, topic, … }`; undefined when any step is missing. */
export function readPath(root: Record<string, unknown>, path: string): unknown {
  let value: unknown = root;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    if (!Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A field value as one short line of text for a table cell. */
export function fieldText(value: unknown, maxChars = 80): string {
  if (value === undefined || value === null) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const line = text.replace(/\s+/g, ' ');
  return line.length > maxChars ? `${line.slice(0, maxChars - 1)}…` : line;
}

/** The last label of a field path, used as its column header: `payload.change.project` → `project`. */
export function fieldLabel(path: string): string {
  return path.split('.').at(-1) ?? path;
}
