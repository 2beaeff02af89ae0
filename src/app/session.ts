import { Ingest } from '../ingest/ingest';
import type { IngestFrame, LogEntry } from '../ingest/types';
import { WorkerConnection } from '../ingest/workerConnection';
import { entryPreview } from '../log/entryPreview';
import { compileLogQuery, parseLogQuery } from '../log/filterEntries';
import { LogIndex } from '../log/logIndex';
import type { Connection, ConnectionListener } from '../mqtt/MqttConnection';
import type { ConnectionState, QoS, SubscriptionResult } from '../mqtt/types';
import {
  createFirehoseStore,
  type FirehoseState,
  type FirehoseStore,
  type Notice,
  type Subscription,
} from '../store/store';
import { validateFilter } from '../topics/validateFilter';
import { validateBrokerUrl } from '../url/brokerUrl';

export const MIN_CAPACITY = 100;
export const MAX_CAPACITY = 1_000_000;
/** The store (log rows and counters) is updated at most 20 times a second. */
export const VIEW_MIN_INTERVAL_MS = 50;

/** Read-only counters for tools (the benchmark, e2e, a curious user in the console). */
export interface FirehoseStats {
  readonly received: number;
  readonly subscribed: number;
  readonly buffered: number;
  readonly evicted: number;
}

/**
 * A viewer session: one connection, one ingest pipeline, one store, and the actions the UI calls.
 * Components never touch mqtt.js or the ring buffer's writer; they call these methods and read the store.
 */
export class Session {
  readonly store: FirehoseStore;
  readonly ingest: Ingest;
  readonly index = new LogIndex();
  private readonly connection: Connection;
  private noticeId = 0;
  private viewedVersion = -1;
  private lastViewAt = Number.NEGATIVE_INFINITY;
  private viewTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * `createConnection` defaults to the ingest worker, which keeps WebSocket delivery and mqtt.js parsing
   * off the main thread; pass `(l) => new MqttConnection(l)` to run the client in place (e.g. in Node).
   */
  constructor(
    store: FirehoseStore = createFirehoseStore(),
    createConnection: (listener: ConnectionListener) => Connection = (l) => new WorkerConnection(l),
  ) {
    this.store = store;
    this.ingest = new Ingest((frame) => this.onFrame(frame), store.getState().capacity);
    const listener: ConnectionListener = {
      onState: (state) => this.onConnectionState(state),
      onMessage: (message) => this.ingest.push(message),
      onSubscription: (filter, result) => this.onSubscription(filter, result),
    };
    this.connection = createConnection(listener);
    this.ingest.startRateTicker();
  }

  /**
   * Ingest flushes at most once per animation frame; this passes it on to the store at most every
   * VIEW_MIN_INTERVAL_MS (20 times a second), and bumps the log's rows (`viewVersion`) only when there
   * is something new. Under a flood every visible row is replaced on every redraw, and the counters'
   * text changes too: nobody can read 60 such screens a second, and the redraws and their layouts cost
   * most of the main thread (`npm run bench`: redrawn every frame, 20,000 msgs/s arrived 0.6 s late;
   * at 20 updates/s the app keeps up to 28,000–32,000). A trailing timer draws the end of a burst.
   */
  private onFrame(frame: IngestFrame): void {
    const now = performance.now();
    const wait = this.lastViewAt + VIEW_MIN_INTERVAL_MS - now;
    if (wait > 0) {
      this.viewTimer ??= setTimeout(() => {
        this.viewTimer = null;
        this.ingest.requestFlush();
      }, wait);
      return;
    }
    this.lastViewAt = now;
    if (this.store.getState().paused || frame.version === this.viewedVersion) {
      this.store.setState({ stats: frame });
      return;
    }
    this.viewedVersion = frame.version;
    this.index.update(this.ingest.buffer);
    this.store.setState((s) => ({ stats: frame, viewVersion: s.viewVersion + 1 }));
  }

  get stats(): FirehoseStats {
    const ingest = this.ingest;
    const store = this.store;
    return Object.freeze({
      get received() {
        return ingest.receivedTotal;
      },
      get subscribed() {
        return store.getState().subscriptions.filter((s) => s.status.kind === 'granted').length;
      },
      get buffered() {
        return ingest.buffer.size;
      },
      get evicted() {
        return ingest.buffer.evicted;
      },
    });
  }

  /** Validates the form and opens the connection. Returns the error shown inline, or null. */
  connect(options: { persistent?: boolean } = {}): string | null {
    const { form, subscriptions } = this.store.getState();
    const checked = validateBrokerUrl(form.url);
    if (!checked.ok) return checked.error;
    for (const s of subscriptions) this.connection.subscribe(s.filter, s.qos);
    this.connection.open({
      url: checked.url,
      version: form.version,
      ...(options.persistent ? { persistent: true } : {}),
      ...(form.username ? { username: form.username } : {}),
      ...(form.password ? { password: form.password } : {}),
      ...(form.clientId ? { clientId: form.clientId } : {}),
    });
    return null;
  }

  disconnect(): void {
    this.connection.close();
  }

  /** Adds (or re-QoSes) a subscription. Returns the inline error for an invalid filter, or null. */
  subscribe(filter: string, qos: QoS): string | null {
    const error = validateFilter(filter);
    if (error) return error.message;
    const connected = this.store.getState().connection.phase === 'connected';
    const next: Subscription = { filter, qos, status: { kind: connected ? 'pending' : 'inactive' } };
    this.store.setState((s) => ({
      subscriptions: s.subscriptions.some((x) => x.filter === filter)
        ? s.subscriptions.map((x) => (x.filter === filter ? next : x))
        : [...s.subscriptions, next],
    }));
    this.connection.subscribe(filter, qos);
    return null;
  }

  unsubscribe(filter: string): void {
    this.connection.unsubscribe(filter);
    this.store.setState((s) => ({ subscriptions: s.subscriptions.filter((x) => x.filter !== filter) }));
  }

  setFilter(text: string): void {
    const { query, errors } = parseLogQuery(text);
    const match = compileLogQuery(query);
    this.index.setPredicate(
      match
        ? (entry: LogEntry) => {
            entryPreview(entry);
            return match(entry as LogEntry & { preview: string });
          }
        : null,
    );
    this.refreshView({ filterText: text, filterErrors: errors });
  }

  setPaused(paused: boolean): void {
    if (paused) this.store.setState({ paused });
    else this.refreshView({ paused });
  }

  private refreshView(patch: Partial<FirehoseState>): void {
    this.index.update(this.ingest.buffer);
    this.store.setState((s) => ({ ...patch, viewVersion: s.viewVersion + 1 }));
  }

  select(seq: number | null): void {
    this.store.setState({ selectedSeq: seq });
  }

  entry(seq: number): LogEntry | undefined {
    return this.ingest.buffer.bySeq(seq);
  }

  clear(): void {
    this.ingest.clear();
    this.refreshView({ selectedSeq: null });
  }

  setCapacity(capacity: number): string | null {
    if (!Number.isInteger(capacity) || capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
      return `Buffer size must be a whole number from ${MIN_CAPACITY.toLocaleString('en-US')} to ${MAX_CAPACITY.toLocaleString('en-US')}`;
    }
    this.ingest.setCapacity(capacity);
    this.store.setState({ capacity });
    return null;
  }

  notify(level: Notice['level'], text: string): void {
    const notice: Notice = { id: ++this.noticeId, level, text };
    this.store.setState((s) => ({ notices: [...s.notices, notice].slice(-5) }));
  }

  dismissNotice(id: number): void {
    this.store.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  }

  dispose(): void {
    if (this.viewTimer) clearTimeout(this.viewTimer);
    this.connection.close();
    this.ingest.stop();
  }

  private onConnectionState(connection: ConnectionState): void {
    const phase = connection.phase;
    this.store.setState((s) => ({
      connection,
      subscriptions: s.subscriptions.map((x) => ({
        ...x,
        status: phase === 'connected' ? { kind: 'pending' } : { kind: 'inactive' },
      })),
    }));
  }

  private onSubscription(filter: string, result: SubscriptionResult): void {
    this.store.setState((s) => ({
      subscriptions: s.subscriptions.map((x) =>
        x.filter === filter
          ? {
              ...x,
              status:
                result.kind === 'granted'
                  ? { kind: 'granted', qos: result.qos }
                  : result.kind === 'refused'
                    ? { kind: 'refused', reason: result.reason }
                    : { kind: 'error', reason: result.reason },
            }
          : x,
      ),
    }));
  }
}
