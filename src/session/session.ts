import { Ingest } from '../ingest/ingest';
import { ViewTransport } from '../ingest/sharedConnection';
import type { LogEntry } from '../ingest/types';
import type { Transport, TransportListener } from '../ingest/workerConnection';
import { createFirehoseStore, type FirehoseStore, type Notice } from '../store/store';
import { type SyntaxId, topicSyntax } from '../topics/syntax';
import { ConnectionService } from './connectionService';
import { LiveLog } from './liveLog';
import { TopicTreeService } from './topicTreeService';

/** Read-only counters for tools (the benchmark, e2e, a curious user in the console). */
export interface FirehoseStats {
  readonly received: number;
  readonly subscribed: number;
  readonly buffered: number;
  readonly evicted: number;
  readonly topics: number;
  /** Outages marked in the log with a gap row. */
  readonly gaps: number;
  /** The log filter's pass over the buffer: matching so far, and whether it is still running. */
  readonly search: { matching: number; total: number; scanned: number; pending: boolean } | null;
}

/** How a view that is not the full app (a widget) trims its session. */
export interface SessionOptions {
  /** Least time between two redraws for arriving messages (`Ingest.minFlushIntervalMs`). */
  minFlushIntervalMs?: number;
  /** The least time between two redraws under a flood, and what a flood is (`Ingest.floodFlushIntervalMs`). */
  flood?: { intervalMs: number; messages: number };
  /** Keep the live topic tree (default true); a log widget never reads it. */
  topicTree?: boolean;
}

/**
 * A viewer session, split by concern: `connection` (the transport and subscriptions), `log` (the
 * ring buffer, its filtered index, pause and selection) and `topics` (the live topic tree), all fed by
 * one `Ingest` and writing one store through its actions. Features read the store and call these;
 * none of them touches mqtt.js, the worker or the ring buffer's writer.
 */
export class Session {
  readonly store: FirehoseStore;
  readonly ingest: Ingest;
  readonly connection: ConnectionService;
  readonly log: LiveLog;
  readonly topics: TopicTreeService;

  /**
   * `createTransport` defaults to the ingest worker, which keeps WebSocket delivery and mqtt.js parsing
   * off the main thread: one shared with this browser's other views on the same broker, unless the
   * form's `share` is off or SharedWorker is missing.
   */
  constructor(
    createTransport: (listener: TransportListener) => Transport = (l) => new ViewTransport(l),
    store: FirehoseStore = createFirehoseStore(),
    options: SessionOptions = {},
  ) {
    this.store = store;
    this.ingest = new Ingest(store.getState().capacity);
    this.ingest.minFlushIntervalMs = options.minFlushIntervalMs ?? 0;
    if (options.flood) {
      this.ingest.floodFlushIntervalMs = options.flood.intervalMs;
      this.ingest.floodMessages = options.flood.messages;
    }
    this.connection = new ConnectionService(store, this.ingest, createTransport);
    this.log = new LiveLog(store, this.ingest, () => this.connection.syntax);
    this.topics = new TopicTreeService(
      store,
      this.ingest,
      this.connection.syntax.separator,
      options.topicTree ?? true,
    );
    this.ingest.startRateTicker();
  }

  get stats(): FirehoseStats {
    const { ingest, store, topics, connection } = this;
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
      get topics() {
        return topics.tree.topicCount;
      },
      get gaps() {
        return connection.gaps;
      },
      get search() {
        const s = store.getState().search;
        return s && { matching: s.matching, total: s.total, scanned: s.scanned, pending: s.pending };
      },
    });
  }

  /**
   * Switches the topic syntax: subscriptions are converted, buffered topics relabelled (`a/b` ↔
   * `a.b`), the tree rebuilt on the new separator and the log filter re-read.
   */
  setSyntax(id: SyntaxId): void {
    const from = topicSyntax(this.store.getState().syntax);
    const to = topicSyntax(id);
    if (from.id === to.id) return;
    const dropped = this.connection.setSyntax(id);
    if (dropped) this.notify('warning', dropped);
    this.log.relabel((topic) => to.join(from.split(topic)));
    this.topics.setSeparator(to.separator);
    this.log.reapplyFilter();
  }

  entry(seq: number): LogEntry | undefined {
    return this.log.entry(seq);
  }

  notify(level: Notice['level'], text: string): void {
    this.store.getState().notify(level, text);
  }

  dispose(): void {
    this.log.dispose();
    this.connection.disconnect();
    this.connection.transport.dispose?.();
    this.ingest.stop();
  }
}
