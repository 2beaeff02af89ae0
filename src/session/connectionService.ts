import type { Ingest } from '../ingest/ingest';
import type { Delivery } from '../ingest/types';
import type { Transport, TransportListener } from '../ingest/workerConnection';
import type { ConnectionState, ConnectSettings, QoS, SubscriptionResult } from '../mqtt/types';
import { formatTime } from '../payload/format';
import type { FirehoseStore, Subscription } from '../store/store';
import { convertFilter, type SyntaxId, type TopicSyntax, topicSyntax } from '../topics/syntax';
import { validateBrokerUrl } from '../url/brokerUrl';
import { stableClientId } from './clientId';

/**
 * The connection and its subscriptions. Filters are kept as the user wrote them, in the session's
 * topic syntax; what goes on the wire is `syntax.toWire(filter)`. Several patterns can share one wire
 * filter (AMQP `pulp.#.finish` and `pulp.#.start` are both sent as `pulp/#`): the wire filter is
 * subscribed once, at the highest QoS asked, and unsubscribed when the last pattern using it goes.
 * Where a wire filter is broader than its pattern, ingest narrows deliveries to the patterns, so the
 * user sees exactly what an AMQP binding would deliver, whatever was sent.
 */
export class ConnectionService {
  readonly transport: Transport;
  /** When the connection that was up went down, while it is down. */
  private lostAt: number | null = null;
  /** Subscriptions being re-sent after a reconnect, reported in one log row once all are answered. */
  private resubscribing: Map<string, string> | null = null;
  private keptSession = false;
  /** Gap rows written since the session started (outages the log shows). */
  gaps = 0;

  constructor(
    private readonly store: FirehoseStore,
    private readonly ingest: Ingest,
    createTransport: (listener: TransportListener) => Transport,
  ) {
    const state = () => store.getState();
    this.transport = createTransport({
      onState: (connection) => {
        this.noteGap(connection);
        state().setConnection(connection);
      },
      onSubscription: (wire, result) => {
        state().setSubscriptionResult(wire, result);
        this.noteResubscription(wire, result);
      },
      onBatch: (batch) => ingest.pushBatch(batch),
      onPeers: (others) => state().setSharedWith(others),
    });
  }

  /**
   * Outages leave a trace in the log: a row between the last message before the loss and the first
   * after it, saying when and for how long, and whether the broker kept the session.
   */
  private noteGap(next: ConnectionState): void {
    const prev = this.store.getState().connection.phase;
    const now = Date.now();
    if (prev === 'connected' && next.phase !== 'connected') {
      // A deliberate Disconnect is not an outage.
      this.lostAt = next.phase === 'offline' ? null : now;
      return;
    }
    if (next.phase !== 'connected') return;
    if (this.lostAt !== null) {
      const seconds = Math.max(1, Math.round((now - this.lostAt) / 1000));
      const span = `connection lost ${formatTime(this.lostAt).slice(0, 8)} – ${formatTime(now).slice(0, 8)}, ${seconds} s`;
      const what = next.sessionPresent
        ? 'session resumed: the broker queued QoS 1/2 messages meanwhile and sends them now; QoS 0 messages published meanwhile are lost'
        : this.keptSession
          ? 'the broker had not kept the session: messages published meanwhile are missing'
          : 'messages published meanwhile may be missing (turn on Keep session and use QoS 1 to have the broker queue them)';
      this.ingest.mark(`${span}; ${what}`);
      this.gaps++;
      this.lostAt = null;
      const { subscriptions } = this.store.getState();
      this.resubscribing = new Map(
        subscriptions.filter((s) => s.status.kind !== 'hung-up').map((s) => [s.wire, '']),
      );
      if (this.resubscribing.size === 0) this.resubscribing = null;
    }
  }

  /** After a reconnect: one row once every subscription sent again has its answer. */
  private noteResubscription(wire: string, result: SubscriptionResult): void {
    const pending = this.resubscribing;
    if (!pending?.has(wire)) return;
    const subs = this.store.getState().subscriptions.filter((s) => s.wire === wire);
    const names = subs.map((s) => s.filter).join(', ');
    pending.set(
      wire,
      result.kind === 'granted'
        ? `${names} granted QoS ${result.qos}`
        : result.kind === 'refused'
          ? `${names} REFUSED (${result.reason})`
          : result.kind === 'error'
            ? `${names} failed (${result.reason})`
            : `${names}: the broker disconnected on this filter`,
    );
    if ([...pending.values()].some((v) => v === '')) return;
    this.resubscribing = null;
    this.ingest.mark(`resubscribed after reconnecting: ${[...pending.values()].join('; ')}`);
  }

  /** Skips the wait before the next reconnect attempt. */
  reconnectNow(): void {
    this.transport.reconnectNow();
  }

  get syntax(): TopicSyntax {
    return topicSyntax(this.store.getState().syntax);
  }

  /** Validates the form and opens the connection. Returns the error shown inline, or null. */
  connect(options: { persistent?: boolean; batchMs?: number } = {}): string | null {
    const { form, subscriptions } = this.store.getState();
    const checked = validateBrokerUrl(form.url);
    if (!checked.ok) return checked.error;
    for (const [wire, qos] of wireFilters(subscriptions)) this.transport.subscribe(wire, qos);
    this.lostAt = null;
    this.resubscribing = null;
    this.keptSession = form.keepSession;
    const settings: ConnectSettings = {
      url: checked.url,
      version: form.version,
      ...(form.share ? {} : { share: false }),
      ...(options.persistent ? { persistent: true } : {}),
      ...(options.batchMs !== undefined ? { batchMs: options.batchMs } : {}),
      ...(form.username ? { username: form.username } : {}),
      ...(form.password ? { password: form.password } : {}),
      ...(form.clientId ? { clientId: form.clientId } : {}),
    };
    if (!form.keepSession) {
      this.transport.open(settings);
      return null;
    }
    // A kept session is found again by client id: a stable one per browser and broker unless typed.
    this.store.getState().setConnection({ phase: 'connecting' });
    const id = form.clientId ? Promise.resolve(form.clientId) : stableClientId(checked.url);
    void id.then((clientId) => this.transport.open({ ...settings, clientId, keepSession: true }));
    return null;
  }

  disconnect(): void {
    this.transport.close();
  }

  /** Problems a broker may hang up on (control characters, > 201 levels): shown before sending. */
  warnings(filter: string): string[] {
    return this.syntax.validate(filter) ? [] : this.syntax.warnings(filter);
  }

  /**
   * Adds (or re-QoSes, or retries) a subscription. Returns the inline error for an invalid filter, or
   * null.
   */
  subscribe(filter: string, qos: QoS): string | null {
    const syntax = this.syntax;
    const error = syntax.validate(filter);
    if (error) return error.message;
    const { subscriptions, connection } = this.store.getState();
    const wire = syntax.toWire(filter);
    const sibling = subscriptions.find((s) => s.wire === wire.filter && s.filter !== filter);
    const connected = connection.phase === 'connected';
    const next: Subscription = {
      filter,
      qos,
      wire: wire.filter,
      narrowed: !wire.exact,
      status: { kind: connected ? 'pending' : 'inactive' },
    };
    const list = subscriptions.some((x) => x.filter === filter)
      ? subscriptions.map((x) => (x.filter === filter ? next : x))
      : [...subscriptions, next];
    const wireQos = Math.max(...list.filter((s) => s.wire === wire.filter).map((s) => s.qos)) as QoS;
    // A wire filter another pattern already holds at this QoS is not sent again: it shares the answer.
    const shared = sibling && sibling.status.kind === 'granted' && sibling.status.qos >= wireQos;
    if (shared) next.status = sibling.status;
    this.store.getState().setSubscriptions(list);
    this.updateDelivery();
    if (!shared) this.transport.subscribe(wire.filter, wireQos);
    return null;
  }

  unsubscribe(filter: string): void {
    const { subscriptions } = this.store.getState();
    const gone = subscriptions.find((s) => s.filter === filter);
    if (!gone) return;
    const rest = subscriptions.filter((s) => s.filter !== filter);
    if (!rest.some((s) => s.wire === gone.wire)) this.transport.unsubscribe(gone.wire);
    this.store.getState().setSubscriptions(rest);
    this.updateDelivery();
  }

  /**
   * Switches the topic syntax (offline only: topics on screen and on the wire change meaning).
   * Subscriptions are converted where the other syntax can say the same thing; the rest are dropped
   * and named in the returned notice.
   */
  setSyntax(id: SyntaxId): string | null {
    const state = this.store.getState();
    if (state.syntax === id) return null;
    const from = state.syntax;
    const kept: Array<{ filter: string; qos: QoS }> = [];
    const dropped: string[] = [];
    for (const s of state.subscriptions) {
      const converted = convertFilter(s.filter, from, id);
      if (converted === null) dropped.push(s.filter);
      else kept.push({ filter: converted, qos: s.qos });
    }
    for (const s of state.subscriptions) this.unsubscribe(s.filter);
    state.setSyntax(id);
    for (const s of kept) this.subscribe(s.filter, s.qos);
    this.updateDelivery();
    return dropped.length > 0
      ? `Dropped subscriptions with no ${topicSyntax(id).label} equivalent: ${dropped.join(', ')}`
      : null;
  }

  /** Tells ingest how to show topics and which deliveries the patterns accept. */
  private updateDelivery(): void {
    const { syntax: id, subscriptions } = this.store.getState();
    const syntax = topicSyntax(id);
    const delivery: Delivery = { topic: id === 'mqtt' ? null : (t) => syntax.fromWire(t), accept: null };
    if (subscriptions.some((s) => s.narrowed)) {
      // Array, not Set: a handful of patterns, tested in order for every message on this path.
      const matchers = subscriptions.map((s) => syntax.compile(s.filter));
      delivery.accept = (topic) => {
        for (const m of matchers) if (m(topic)) return true;
        return false;
      };
    }
    this.ingest.setDelivery(delivery);
  }
}

/** Each distinct wire filter once, at the highest QoS any pattern sent as it asks for. */
function wireFilters(subscriptions: readonly Subscription[]): Map<string, QoS> {
  const wires = new Map<string, QoS>();
  for (const s of subscriptions) {
    if (s.status.kind === 'hung-up') continue;
    wires.set(s.wire, Math.max(wires.get(s.wire) ?? 0, s.qos) as QoS);
  }
  return wires;
}
