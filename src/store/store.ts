import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_CAPACITY } from '../ingest/ingest';
import type { IngestFrame } from '../ingest/types';
import type { ConnectionState, MqttVersionChoice, QoS } from '../mqtt/types';
import type { Theme } from '../url/viewState';

/**
 * The only state React reads. The firehose itself is not in here: the log lives in the ring buffer
 * owned by `ingest/`, and this store holds only `stats.version` (bumped at most once per frame) plus
 * counters, so a burst of messages is one store update, not thousands.
 */

export interface ConnectionForm {
  url: string;
  username: string;
  password: string;
  clientId: string;
  version: MqttVersionChoice;
}

export type SubscriptionStatus =
  | { kind: 'inactive' }
  | { kind: 'pending' }
  | { kind: 'granted'; qos: QoS }
  | { kind: 'refused'; reason: string }
  | { kind: 'error'; reason: string };

export interface Subscription {
  filter: string;
  qos: QoS;
  status: SubscriptionStatus;
}

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  text: string;
}

export interface FirehoseState {
  form: ConnectionForm;
  connection: ConnectionState;
  subscriptions: Subscription[];
  stats: IngestFrame;
  /** Bumped whenever the rows the log shows change (new messages unless paused, filter, clear). */
  viewVersion: number;
  capacity: number;
  filterText: string;
  filterErrors: string[];
  paused: boolean;
  theme: Theme;
  selectedSeq: number | null;
  notices: Notice[];
}

export const EMPTY_FRAME: IngestFrame = {
  version: 0,
  received: 0,
  buffered: 0,
  bufferedBytes: 0,
  evicted: 0,
  perSecond: 0,
};

export function initialState(): FirehoseState {
  return {
    form: { url: '', username: '', password: '', clientId: '', version: 'auto' },
    connection: { phase: 'offline' },
    subscriptions: [],
    stats: EMPTY_FRAME,
    viewVersion: 0,
    capacity: DEFAULT_CAPACITY,
    filterText: '',
    filterErrors: [],
    paused: false,
    theme: 'auto',
    selectedSeq: null,
    notices: [],
  };
}

export type FirehoseStore = StoreApi<FirehoseState>;

/** One store per mounted viewer, so two widgets on one page share nothing. */
export function createFirehoseStore(overrides: Partial<FirehoseState> = {}): FirehoseStore {
  return createStore<FirehoseState>()(() => ({ ...initialState(), ...overrides }));
}
