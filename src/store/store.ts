import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_CAPACITY } from '../ingest/ingest';
import type { IngestFrame } from '../ingest/types';
import type { ConnectionState, MqttVersionChoice, QoS, SubscriptionResult } from '../mqtt/types';
import { DEFAULT_DISPLAY, type LogDisplay } from '../payload/logDisplay';
import type { QueryError } from '../query/query';
import type { SyntaxId } from '../topics/syntax';
import type { Theme } from '../url/viewState';

/**
 * The only state React reads, in slices by domain (zustand's slices pattern). Each slice's actions are
 * the only code that writes it: features and the session call `getState().setTheme(…)` and friends,
 * never `setState` (a Biome plugin, `tools/lint/no-set-state.grit`, enforces that outside `store/`).
 *
 * The firehose itself is not in here: the log lives in the ring buffer owned by `ingest/`, the topic
 * tree in its own model, and this store holds version numbers bumped at most once per frame plus
 * counters, so a burst of messages is one store update, not thousands.
 */

export interface ConnectionForm {
  url: string;
  username: string;
  password: string;
  clientId: string;
  version: MqttVersionChoice;
  /** Ask the broker to keep the session (subscriptions, queued QoS 1/2 messages) across outages. */
  keepSession: boolean;
  /** Share one connection with the other tabs and widgets of this browser on the same broker. */
  share: boolean;
}

export type SubscriptionStatus =
  | { kind: 'inactive' }
  | { kind: 'pending' }
  | { kind: 'granted'; qos: QoS }
  | { kind: 'refused'; reason: string }
  | { kind: 'error'; reason: string }
  /** The broker closed the connection right after this SUBSCRIBE: it is not sent again until retried. */
  | { kind: 'hung-up' };

export interface Subscription {
  /** The filter as the user wrote it, in the session's topic syntax (MQTT filter or AMQP pattern). */
  filter: string;
  qos: QoS;
  /** What was sent on the wire for it (differs from `filter` only in the AMQP syntax). */
  wire: string;
  /** The wire filter is broader than the pattern; the app narrows deliveries to the pattern. */
  narrowed: boolean;
  status: SubscriptionStatus;
}

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  text: string;
}

export interface ConnectionSlice {
  form: ConnectionForm;
  connection: ConnectionState;
  syntax: SyntaxId;
  /** How many other views share this view's connection. */
  sharedWith: number;
  setSharedWith(others: number): void;
  setForm(patch: Partial<ConnectionForm>): void;
  setConnection(connection: ConnectionState): void;
  setSyntax(syntax: SyntaxId): void;
}

export interface SubscriptionsSlice {
  subscriptions: Subscription[];
  setSubscriptions(subscriptions: Subscription[]): void;
  /** Records the broker's answer for every subscription sent as `wire`. */
  setSubscriptionResult(wire: string, result: SubscriptionResult | { kind: 'hung-up' }): void;
}

/** How far a filter pass has got: matches found among the messages tested so far. */
export interface SearchProgress {
  matching: number;
  total: number;
  scanned: number;
  pending: boolean;
}

export interface LogSlice {
  stats: IngestFrame;
  /** Null while no filter is applied. */
  search: SearchProgress | null;
  /** Bumped whenever the rows the log shows change (new messages unless paused, filter, clear). */
  viewVersion: number;
  capacity: number;
  /** The filter applied (always a valid one: the last valid text while the box holds an invalid one). */
  filterText: string;
  /** Why the text in the box is not applied, with where in it; null when it is. */
  filterError: (QueryError & { input: string }) | null;
  paused: boolean;
  selectedSeq: number | null;
  publishFrame(stats: IngestFrame, rowsChanged: boolean, search: SearchProgress | null): void;
  setLogView(
    patch: Partial<Pick<LogSlice, 'filterText' | 'filterError' | 'paused' | 'selectedSeq' | 'search'>>,
  ): void;
  setFilterError(error: LogSlice['filterError']): void;
  setCapacity(capacity: number): void;
  select(seq: number | null): void;
}

export interface TreeSlice {
  /** Bumped when the topic tree changed and is worth redrawing (a few times a second at most). */
  treeVersion: number;
  topicCount: number;
  prunedTopics: number;
  bumpTree(topicCount: number, prunedTopics: number): void;
}

export interface UiSlice {
  theme: Theme;
  /** How the log shows messages: summaries, columns, time format, highlight rules (payload/logDisplay.ts). */
  display: LogDisplay;
  setDisplay(patch: Partial<LogDisplay>): void;
  notices: Notice[];
  setTheme(theme: Theme): void;
  notify(level: Notice['level'], text: string): void;
  dismissNotice(id: number): void;
}

export type FirehoseState = ConnectionSlice & SubscriptionsSlice & LogSlice & TreeSlice & UiSlice;

export const EMPTY_FRAME: IngestFrame = {
  version: 0,
  received: 0,
  buffered: 0,
  bufferedBytes: 0,
  evicted: 0,
  perSecond: 0,
  narrowedOut: 0,
};

type Set = StoreApi<FirehoseState>['setState'];

const connectionSlice = (set: Set): ConnectionSlice => ({
  form: {
    url: '',
    username: '',
    password: '',
    clientId: '',
    version: 'auto',
    keepSession: false,
    share: true,
  },
  connection: { phase: 'offline' },
  sharedWith: 0,
  setSharedWith: (sharedWith) => set({ sharedWith }),
  syntax: 'mqtt',
  setForm: (patch) => set((s) => ({ form: { ...s.form, ...patch } })),
  setConnection: (connection) => {
    const phase = connection.phase;
    set((s) => ({
      connection,
      subscriptions: s.subscriptions.map((x) =>
        // A filter the broker hung up on stays marked until the user retries it.
        x.status.kind === 'hung-up'
          ? x
          : { ...x, status: phase === 'connected' ? { kind: 'pending' } : { kind: 'inactive' } },
      ),
    }));
  },
  setSyntax: (syntax) => set({ syntax }),
});

const subscriptionsSlice = (set: Set): SubscriptionsSlice => ({
  subscriptions: [],
  setSubscriptions: (subscriptions) => set({ subscriptions }),
  setSubscriptionResult: (wire, result) =>
    set((s) => ({
      subscriptions: s.subscriptions.map((x) => {
        if (x.wire !== wire) return x;
        const status: SubscriptionStatus =
          result.kind === 'granted'
            ? { kind: 'granted', qos: result.qos }
            : result.kind === 'refused'
              ? { kind: 'refused', reason: result.reason }
              : result.kind === 'error'
                ? { kind: 'error', reason: result.reason }
                : { kind: 'hung-up' };
        return { ...x, status };
      }),
    })),
});

const logSlice = (set: Set): LogSlice => ({
  stats: EMPTY_FRAME,
  search: null,
  viewVersion: 0,
  capacity: DEFAULT_CAPACITY,
  filterText: '',
  filterError: null,
  paused: false,
  selectedSeq: null,
  publishFrame: (stats, rowsChanged, search) =>
    set(rowsChanged ? (s) => ({ stats, search, viewVersion: s.viewVersion + 1 }) : { stats, search }),
  setLogView: (patch) => set((s) => ({ ...patch, viewVersion: s.viewVersion + 1 })),
  setCapacity: (capacity) => set({ capacity }),
  setFilterError: (filterError) => set({ filterError }),
  select: (selectedSeq) => set({ selectedSeq }),
});

const treeSlice = (set: Set): TreeSlice => ({
  treeVersion: 0,
  topicCount: 0,
  prunedTopics: 0,
  bumpTree: (topicCount, prunedTopics) =>
    set((s) => ({ treeVersion: s.treeVersion + 1, topicCount, prunedTopics })),
});

const MAX_NOTICES = 5;

const uiSlice = (set: Set): UiSlice => {
  let noticeId = 0;
  return {
    theme: 'auto',
    display: DEFAULT_DISPLAY,
    notices: [],
    setTheme: (theme) => set({ theme }),
    setDisplay: (patch) => set((s) => ({ display: { ...s.display, ...patch } })),
    notify: (level, text) => {
      const notice: Notice = { id: ++noticeId, level, text };
      set((s) => ({ notices: [...s.notices, notice].slice(-MAX_NOTICES) }));
    },
    dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  };
};

export type FirehoseStore = StoreApi<FirehoseState>;

/** One store per mounted viewer, so two widgets on one page share nothing. */
export function createFirehoseStore(): FirehoseStore {
  return createStore<FirehoseState>()((set) => ({
    ...connectionSlice(set),
    ...subscriptionsSlice(set),
    ...logSlice(set),
    ...treeSlice(set),
    ...uiSlice(set),
  }));
}
