import mqtt, { type IClientOptions, type IPublishPacket, type MqttClient } from 'mqtt';
import type {
  ConnectionState,
  ConnectSettings,
  DownCause,
  MessageProps,
  QoS,
  RawMessage,
  SubscriptionResult,
} from './types';

/** What the connection tells its single owner. No React here: the owner writes into the store. */
export interface ConnectionListener {
  onState(state: ConnectionState): void;
  onMessage(message: RawMessage): void;
  onSubscription(filter: string, result: SubscriptionResult): void;
  /**
   * A SUBACK for `filter` arrived, told in stream order: before the messages that follow it (its
   * retained messages), whereas mqtt.js's subscribe callback runs after them. For the shared worker.
   */
  onSubAck?(filter: string): void;
}

/** What a session needs from a connection: MqttConnection here, or WorkerConnection running it in a worker. */
export interface Connection {
  open(settings: ConnectSettings): void;
  close(): void;
  /** Skips the backoff wait: tries again at once (the `Reconnect now` button). */
  reconnectNow(): void;
  subscribe(filter: string, qos: QoS): void;
  unsubscribe(filter: string): void;
}

/** CONNACK codes that mean "speak another protocol version": 1 in 3.1.1 (aedes), 0x84 in MQTT 5. */
const VERSION_REFUSED = new Set([1, 0x84]);
/** CONNACK codes about credentials: 4/5 in 3.1.1, 0x86 (bad user name or password) / 0x87 in MQTT 5. */
const AUTH_REFUSED = new Set([4, 5, 0x86, 0x87]);
const CONNECT_TIMEOUT_MS = 10_000;
/** Reconnect backoff after a connection that once worked drops: 1 s doubling to 30 s, with jitter. */
const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
/**
 * The backoff starts again from 1 s only once a connection has stayed up this long: a broker that
 * accepts CONNECT and then hangs up at once (a filter it dislikes, an overloaded proxy) would otherwise
 * be hammered once a second forever, since every CONNACK would reset the wait.
 */
const STABLE_AFTER_MS = 10_000;
/**
 * mqtt.js pings after this many idle seconds and gives up when the answer has not come by the next
 * interval, so a frozen broker is noticed within 2 × 15 s instead of the 90 s of a 60 s keepalive.
 */
export const KEEPALIVE_S = 15;
/** With `Keep session`: how long the broker keeps the session (subscriptions, queued QoS 1/2) offline. */
export const SESSION_EXPIRY_S = 3_600;
/**
 * A close this soon after a SUBSCRIBE that has no SUBACK yet is blamed on that filter. Mosquitto
 * answers SUBSCRIBEs in order within a millisecond on loopback, so the first unanswered one is the
 * filter it hung up on; 3 s leaves room for a slow link without blaming a filter for a later outage.
 */
const HANG_UP_WINDOW_MS = 3_000;

/**
 * One MQTT-over-WebSocket session with an explicit lifecycle: `open()`, `close()`, `subscribe()`,
 * `unsubscribe()`. It owns reconnection itself (mqtt.js's own reconnect is off) so that it can
 * (a) fall back from MQTT 5 to 3.1.1 when the broker refuses 5, (b) tell a first failure, which is an
 * error the user must fix, from a drop of a working connection, which is retried with backoff, and
 * (c) re-send every subscription and record the broker's answer on every (re)connect.
 */
export class MqttConnection implements Connection {
  private client: MqttClient | null = null;
  private settings: ConnectSettings | null = null;
  private attemptVersion: 5 | 4 = 5;
  private everConnected = false;
  private fallbackNote: string | undefined;
  private backoff = BACKOFF_MIN_MS;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped on every attempt so late events from an abandoned client are ignored. */
  private generation = 0;
  private connectedAt = 0;
  private readonly subscriptions = new Map<string, QoS>();
  /** SUBSCRIBEs sent on the current client and not yet answered, in send order, with when. */
  private readonly unanswered = new Map<string, number>();
  /** Filters the broker hung up on: not sent again until `subscribe` is called for them anew. */
  private readonly hungUp = new Set<string>();

  /**
   * `copyPayloads` (default true): copy each payload out of mqtt.js's parser chunk, which the ring
   * buffer would otherwise keep alive; the ingest worker turns it off as it copies into its batches.
   */
  constructor(
    private readonly listener: ConnectionListener,
    private readonly options: { copyPayloads?: boolean } = {},
  ) {}

  isOpen(): boolean {
    return this.settings !== null;
  }

  open(settings: ConnectSettings): void {
    this.close();
    this.settings = settings;
    this.everConnected = false;
    this.fallbackNote = undefined;
    this.backoff = BACKOFF_MIN_MS;
    this.attemptVersion = settings.version === '3.1.1' ? 4 : 5;
    this.attempt('connecting');
  }

  /**
   * Whether a first failure is retried (a widget) or final (the app), while open: a shared connection
   * retries as long as one of its views is a widget.
   */
  setPersistent(persistent: boolean): void {
    if (this.settings) this.settings = { ...this.settings, persistent };
  }

  reconnectNow(): void {
    if (!this.retryTimer || !this.settings) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempt('reconnecting', 'Reconnecting now');
  }

  close(): void {
    const wasOpen = this.settings !== null;
    this.settings = null;
    this.generation++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.client?.end(true);
    this.client = null;
    if (wasOpen) this.listener.onState({ phase: 'offline' });
  }

  subscribe(filter: string, qos: QoS): void {
    this.subscriptions.set(filter, qos);
    this.hungUp.delete(filter);
    if (this.client?.connected) this.sendSubscribe(this.client, filter, qos);
  }

  unsubscribe(filter: string): void {
    this.subscriptions.delete(filter);
    this.hungUp.delete(filter);
    this.unanswered.delete(filter);
    if (this.client?.connected) this.client.unsubscribe(filter);
  }

  private attempt(phase: 'connecting' | 'reconnecting', detail?: string, cause?: DownCause): void {
    const settings = this.settings;
    if (!settings) return;
    const generation = ++this.generation;
    const version = this.attemptVersion;
    this.listener.onState({ phase, ...(detail ? { detail } : {}), ...(cause ? { cause } : {}) });
    const options: IClientOptions = {
      protocolVersion: version,
      reconnectPeriod: 0,
      connectTimeout: CONNECT_TIMEOUT_MS,
      resubscribe: false,
      keepalive: KEEPALIVE_S,
      // `Keep session`: the broker keeps the subscriptions and queues QoS 1/2 messages while we are
      // away (MQTT 5: for SESSION_EXPIRY_S; 3.1.1: until the same client id cleans it).
      clean: !settings.keepSession,
      ...(settings.keepSession && version === 5
        ? { properties: { sessionExpiryInterval: SESSION_EXPIRY_S } }
        : {}),
      ...(settings.clientId ? { clientId: settings.clientId } : {}),
      ...(settings.username ? { username: settings.username } : {}),
      ...(settings.password ? { password: settings.password } : {}),
    };
    let connackSeen = false;
    let refused = false;
    const client = mqtt.connect(settings.url, options);
    this.client = client;
    const current = () => generation === this.generation;

    if (this.listener.onSubAck) {
      // One filter per SUBSCRIBE (sendSubscribe): its packet id names the filter its SUBACK answers.
      const sentIds = new Map<number, string>();
      client.on('packetsend', (packet) => {
        if (packet.cmd !== 'subscribe' || packet.messageId === undefined) return;
        const topic = packet.subscriptions[0]?.topic;
        if (topic !== undefined) sentIds.set(packet.messageId, topic);
      });
      client.on('packetreceive', (packet) => {
        if (packet.cmd !== 'suback' || packet.messageId === undefined || !current()) return;
        const filter = sentIds.get(packet.messageId);
        sentIds.delete(packet.messageId);
        if (filter !== undefined) this.listener.onSubAck?.(filter);
      });
    }

    client.on('connect', (connack) => {
      if (!current()) return;
      connackSeen = true;
      this.everConnected = true;
      this.connectedAt = Date.now();
      this.listener.onState({
        phase: 'connected',
        protocolVersion: version,
        sessionPresent: connack.sessionPresent === true,
        ...(this.fallbackNote ? { fallbackNote: this.fallbackNote } : {}),
      });
      this.unanswered.clear();
      for (const [filter, qos] of this.subscriptions) {
        if (!this.hungUp.has(filter)) this.sendSubscribe(client, filter, qos);
      }
    });

    client.on('message', (topic: string, payload: Uint8Array, packet: IPublishPacket) => {
      // Copy: mqtt.js may hand out a view into a larger parser chunk, which would pin it in memory
      // for as long as the ring buffer keeps the message.
      // One object of one shape per message (no spread): this runs up to tens of thousands of times a second.
      const message: RawMessage = {
        topic,
        payload:
          this.options.copyPayloads === false || payload.byteLength === payload.buffer.byteLength
            ? payload
            : payload.slice(),
        qos: packet.qos,
        retain: packet.retain,
        dup: packet.dup,
      };
      if (packet.properties) message.props = toMessageProps(packet.properties);
      this.listener.onMessage(message);
    });

    client.on('error', (err: Error & { code?: number | string }) => {
      if (!current()) return;
      const code = typeof err.code === 'number' ? err.code : undefined;
      if (!connackSeen && code !== undefined) {
        // A CONNACK refusal: the broker answered, so this is final unless it only refused the version.
        refused = true;
        if (this.canFallBack() && VERSION_REFUSED.has(code)) {
          this.fallBack(`The broker refused MQTT 5 (${err.message}); connected with MQTT 3.1.1`);
          return;
        }
        const auth = AUTH_REFUSED.has(code);
        this.fail(`${err.message}${code ? ` (code ${code})` : ''}`, auth ? 'auth' : 'refused', auth);
        return;
      }
      if (err.message === 'connack timeout') {
        refused = true;
        this.fail(
          `No answer from the broker within ${CONNECT_TIMEOUT_MS / 1000} s (is this an MQTT endpoint?)`,
          'no-answer',
        );
      } else if (err.message === 'Keepalive timeout') {
        refused = true; // the close that follows is this one
        this.scheduleRetry(
          `No answer to a ping within ${KEEPALIVE_S} s: the broker or the network froze`,
          'no-answer',
        );
      }
    });

    client.on('close', () => {
      if (!current() || refused) return;
      if (!connackSeen) {
        // RabbitMQ 3.x answers an MQTT 5 CONNECT by closing the socket without a CONNACK.
        if (this.canFallBack()) {
          this.fallBack('The broker closed the connection on MQTT 5; connected with MQTT 3.1.1');
          return;
        }
        if (this.everConnected || settings.persistent) {
          this.scheduleRetry('Broker unreachable', 'unreachable');
          return;
        }
        this.fail(
          `Could not connect to ${settings.url}: connection refused, host not found, or not an MQTT WebSocket endpoint`,
          'unreachable',
        );
        return;
      }
      // A connection that stayed up long enough earns a fresh backoff; one that drops at once does not.
      if (Date.now() - this.connectedAt >= STABLE_AFTER_MS) this.backoff = BACKOFF_MIN_MS;
      const culprit = this.blameHangUp();
      this.scheduleRetry(
        culprit ? `The broker closed the connection on the subscription ${culprit}` : 'Connection lost',
        culprit ? 'hung-up' : 'lost',
      );
    });
  }

  private canFallBack(): boolean {
    return this.settings?.version === 'auto' && this.attemptVersion === 5 && !this.everConnected;
  }

  private fallBack(note: string): void {
    this.fallbackNote = note;
    this.attemptVersion = 4;
    this.dropClient();
    this.attempt('connecting', 'Retrying with MQTT 3.1.1');
  }

  /**
   * A failure. Only a refused login is final once a connection has worked (or for a `persistent`
   * widget): anything else — no answer, a refusal such as "server unavailable", a dropped socket — is
   * retried with backoff for as long as the user keeps the connection open.
   */
  private fail(detail: string, cause: DownCause, authRequired = false): void {
    if ((this.settings?.persistent || this.everConnected) && !authRequired) {
      this.scheduleRetry(detail, cause);
      return;
    }
    this.dropClient();
    this.settings = null;
    this.listener.onState({ phase: 'error', detail, cause, ...(authRequired ? { authRequired } : {}) });
  }

  private scheduleRetry(reason: string, cause: DownCause): void {
    this.dropClient();
    // Equal jitter: between half and all of the backoff, so many viewers dropped by one broker restart
    // do not all come back in the same second.
    const delay = Math.round(this.backoff * (0.5 + Math.random() * 0.5));
    this.backoff = Math.min(BACKOFF_MAX_MS, this.backoff * 2);
    this.listener.onState({ phase: 'reconnecting', detail: reason, cause, retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.attempt('reconnecting', reason, cause);
    }, delay);
  }

  private dropClient(): void {
    this.generation++;
    this.client?.end(true);
    this.client = null;
  }

  /** The first unanswered SUBSCRIBE sent just before a close, marked and held back; or null. */
  private blameHangUp(): string | null {
    const now = Date.now();
    for (const [filter, sentAt] of this.unanswered) {
      if (now - sentAt > HANG_UP_WINDOW_MS) continue;
      this.unanswered.clear();
      this.hungUp.add(filter);
      this.listener.onSubscription(filter, { kind: 'hung-up' });
      return filter;
    }
    this.unanswered.clear();
    return null;
  }

  private sendSubscribe(client: MqttClient, filter: string, qos: QoS): void {
    const generation = this.generation;
    this.unanswered.delete(filter); // re-inserted last: the Map keeps send order
    this.unanswered.set(filter, Date.now());
    client.subscribe(filter, { qos }, (err, granted, packet) => {
      if (generation !== this.generation || !this.subscriptions.has(filter)) return;
      // mqtt.js fails unanswered SUBSCRIBEs with this just before it emits 'close'; the close handler
      // decides whether this filter was the cause.
      if (err && !packet && err.message === 'Connection closed') return;
      this.unanswered.delete(filter);
      // The SUBACK's reason code is only on the packet: on a refusal mqtt.js 5.16 leaves `granted[].qos`
      // at the QoS we asked for and puts no `code` on the error (seen against Mosquitto 2.0.11: 0x87
      // Not authorized in MQTT 5, 0x80 in 3.1.1; see tools/mosquitto.check.ts).
      const fromAck = packet?.granted?.[0];
      const code = typeof fromAck === 'number' ? fromAck : granted?.[0]?.qos;
      if (code !== undefined && code >= 0x80) {
        this.listener.onSubscription(filter, { kind: 'refused', code, reason: reasonText(err, code) });
      } else if (err) {
        this.listener.onSubscription(filter, { kind: 'error', reason: err.message });
      } else {
        this.listener.onSubscription(filter, { kind: 'granted', qos: (code ?? qos) as QoS });
      }
    });
  }
}

function reasonText(err: Error | null | undefined, code: number): string {
  const fromClient = err?.message.replace(/^Subscribe error:\s*/, '');
  return fromClient && fromClient !== 'undefined' ? fromClient : `failure code 0x${code.toString(16)}`;
}

function toMessageProps(p: NonNullable<IPublishPacket['properties']>): MessageProps {
  const props: MessageProps = {};
  if (p.contentType !== undefined) props.contentType = p.contentType;
  if (p.responseTopic !== undefined) props.responseTopic = p.responseTopic;
  if (p.correlationData !== undefined) props.correlationData = new Uint8Array(p.correlationData);
  if (p.messageExpiryInterval !== undefined) props.messageExpiryInterval = p.messageExpiryInterval;
  if (p.payloadFormatIndicator !== undefined) props.payloadFormatIndicator = p.payloadFormatIndicator;
  if (p.subscriptionIdentifier !== undefined) props.subscriptionIdentifier = p.subscriptionIdentifier;
  if (p.userProperties) {
    const pairs: Array<[string, string]> = [];
    for (const [key, value] of Object.entries(p.userProperties)) {
      for (const v of Array.isArray(value) ? value : [value]) pairs.push([key, String(v)]);
    }
    props.userProperties = pairs;
  }
  return props;
}
