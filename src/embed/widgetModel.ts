/**
 * Pure logic of the embeddable widget: is the feed alive, how old is it, why is it down, which JSON
 * fields to show, what the status board lists, and whom it takes orders from. No React, no DOM:
 * unit-tested in Node.
 */
import type { DownCause } from '../mqtt/types';

export type LivenessLevel = 'live' | 'stale' | 'down' | 'connecting';

export interface Liveness {
  level: LivenessLevel;
  /** The indicator's few words: "live, latest 3 s ago", "disconnected: broker unreachable". */
  text: string;
  /** While something is wrong: one sentence saying what and what the widget does about it. */
  reason?: string;
}

/** The connection and subscription facts the widget words its trouble from (a slice of the store). */
export interface TroubleInput {
  connection: { phase: LivenessInput['phase']; detail?: string; cause?: DownCause; authRequired?: boolean };
  subscriptions: ReadonlyArray<{ filter: string; status: { kind: string; reason?: string } }>;
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
  /** What `trouble()` found; without it a down connection only says "disconnected". */
  trouble?: Trouble | null;
  /**
   * A subscription is sent and not yet answered: messages published now may not be delivered yet, so
   * the widget does not say "live" until the broker has answered every one.
   */
  subscribing?: boolean;
}

export interface Trouble {
  /** Short, for the indicator: "broker unreachable", "credentials refused", "subscription refused". */
  short: string;
  /** One sentence for the line under the title. */
  sentence: string;
  /** No subscription delivers anything: the widget is down even while connected. */
  blocking: boolean;
}

/**
 * Why a widget shows nothing, in a status page reader's words: the broker cannot be reached, it
 * refused the login (a widget link carries no credentials, so only retrying with a different broker
 * helps), it refused a subscription, or it closed the connection on one (Mosquitto does on some
 * filters). Subscription trouble outlives reconnects, so it is read from the subscriptions.
 */
export function trouble({ connection: c, subscriptions }: TroubleInput): Trouble | null {
  const detail = c.detail ? ` (${c.detail})` : '';
  if (c.phase === 'error' || c.phase === 'reconnecting') {
    const retrying = c.phase === 'reconnecting' ? '; retrying' : '';
    if (c.authRequired || c.cause === 'auth')
      return {
        short: 'credentials refused',
        sentence: `The broker refused the connection without credentials${detail}. A widget link never carries a password: embed a broker that allows anonymous reading.`,
        blocking: true,
      };
    switch (c.cause) {
      case 'unreachable':
        return {
          short: 'broker unreachable',
          sentence: `The broker cannot be reached: connection refused, host not found, or not an MQTT WebSocket endpoint${retrying}.`,
          blocking: true,
        };
      case 'hung-up':
        return {
          short: 'broker hung up on a filter',
          sentence: `${c.detail ?? 'The broker closed the connection on a subscription'}; reconnecting without it.`,
          blocking: true,
        };
      case 'refused':
        return {
          short: 'connection refused',
          sentence: `The broker refused the connection${detail}${retrying}.`,
          blocking: true,
        };
      case 'no-answer':
        return {
          short: 'broker not answering',
          sentence: `The broker does not answer${detail}${retrying}.`,
          blocking: true,
        };
      case 'lost':
        return {
          short: 'connection lost',
          sentence: `The connection to the broker was lost${retrying}.`,
          blocking: true,
        };
    }
    return c.detail
      ? { short: 'connection failed', sentence: `${c.detail}${retrying}.`, blocking: true }
      : null;
  }
  const bad = subscriptions.filter((s) => ['refused', 'error', 'hung-up'].includes(s.status.kind));
  if (bad.length === 0) return null;
  const blocking = bad.length === subscriptions.length;
  const hungUp = bad.filter((s) => s.status.kind === 'hung-up');
  const refused = bad.filter((s) => s.status.kind !== 'hung-up');
  const parts: string[] = [];
  if (refused.length > 0)
    parts.push(
      `The broker refused ${refused.length === 1 ? 'the subscription' : 'the subscriptions'} ${refused
        .map((s) => `${s.filter}${s.status.reason ? ` (${s.status.reason})` : ''}`)
        .join(', ')}`,
    );
  if (hungUp.length > 0)
    parts.push(
      `The broker closed the connection on ${hungUp.map((s) => s.filter).join(', ')}, so ${hungUp.length === 1 ? 'it is' : 'they are'} no longer subscribed`,
    );
  return {
    short: hungUp.length > 0 && refused.length === 0 ? 'broker hung up on a filter' : 'subscription refused',
    sentence: `${parts.join('. ')}.`,
    blocking,
  };
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
  const t = input.trouble ?? null;
  const why = t ? { reason: t.sentence } : {};
  if (phase === 'connecting') return { level: 'connecting', text: 'connecting' };
  if (phase !== 'connected')
    return { level: 'down', text: t ? `disconnected: ${t.short}` : 'disconnected', ...why };
  if (t?.blocking) return { level: 'down', text: t.short, ...why };
  if (input.subscribing) return { level: 'connecting', text: 'subscribing', ...why };
  const since = lastMessageAt ?? connectedAt ?? now;
  const age = now - since;
  if (staleAfterSeconds !== undefined && age >= staleAfterSeconds * 1000) {
    return { level: 'stale', text: `no events for ${formatAge(age)}`, ...why };
  }
  if (lastMessageAt === undefined) return { level: 'live', text: 'live, waiting for events', ...why };
  return { level: 'live', text: `live, latest ${formatAge(age)} ago`, ...why };
}

/**
 * The widget's default title: its subscriptions as written, `gerrit/openstack/# + pulp/#`. A bare `#`
 * (or AMQP `#`) says nothing to a reader, so it reads "all topics on <broker host>"; past three
 * subscriptions the rest are counted, so the title stays one readable line.
 */
export function defaultTitle(filters: readonly string[], broker?: string): string {
  let host = '';
  try {
    if (broker) host = new URL(broker).host;
  } catch {
    host = '';
  }
  const all = host ? `all topics on ${host}` : 'all topics';
  if (filters.length === 0) return host || 'Firehose';
  if (filters.every((f) => f === '#')) return all.charAt(0).toUpperCase() + all.slice(1);
  const named = filters.filter((f) => f !== '#');
  const shown = named.slice(0, 3);
  const more = named.length - shown.length;
  return [
    ...shown,
    ...(more > 0 ? [`${more} more`] : []),
    ...(named.length < filters.length ? [all] : []),
  ].join(' + ');
}

/** A topic's latest message as the status board needs it. */
export interface BoardTopic {
  topic: string;
  /** Receive time of its latest message, epoch ms. */
  time: number;
  retained: boolean;
}

/** Age text and staleness of one status-board row. Stale when `stale=` is set and the value is that old. */
export function boardAge(
  time: number,
  now: number,
  staleAfterSeconds?: number,
): { text: string; stale: boolean } {
  const age = Math.max(0, now - time);
  const stale = staleAfterSeconds !== undefined && age >= staleAfterSeconds * 1000;
  return { text: stale ? `stale, ${formatAge(age)}` : formatAge(age), stale };
}

/**
 * Whether a host → widget message may be obeyed: only from an origin the link's `host=` names, exactly
 * (scheme, host and port). With no `host=`, none is: a page that frames the widget is not thereby trusted
 * to steer it, and `frame-ancestors *` lets any page frame it.
 */
export function isTrustedOrigin(origin: string, hosts: readonly string[]): boolean {
  return origin !== 'null' && hosts.includes(origin);
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

/** Longest filter a host may send: the same order as a link's whole budget. */
export const MAX_HOST_FILTER_CHARS = 8_000;

/** Messages a trusted host page may send the widget (see README, "postMessage API"). */
export type HostCommand =
  | { type: 'firehose:set-filter'; filter: string }
  | { type: 'firehose:pause' }
  | { type: 'firehose:resume' };

/** Reads a host message; anything not exactly one of the commands is an error value, never a throw. */
export function parseHostCommand(data: unknown): { command: HostCommand } | { error: string } {
  if (data === null || typeof data !== 'object') return { error: 'not a firehose command' };
  const { type, filter } = data as { type?: unknown; filter?: unknown };
  switch (type) {
    case 'firehose:pause':
    case 'firehose:resume':
      return { command: { type } };
    case 'firehose:set-filter':
      if (typeof filter !== 'string') return { error: 'filter must be a string' };
      if (filter.length > MAX_HOST_FILTER_CHARS)
        return { error: `filter is longer than ${MAX_HOST_FILTER_CHARS} characters` };
      return { command: { type, filter } };
    default:
      return { error: 'not a firehose command' };
  }
}
