/** What the UI needs to know about the connection, in words a user reads. */
export type ConnectionPhase = 'offline' | 'connecting' | 'connected' | 'reconnecting' | 'error';

export interface ConnectionState {
  phase: ConnectionPhase;
  /** Human-readable reason: the broker's own CONNACK reason, a network failure, or a note. */
  detail?: string;
  /** Protocol version in use once connected: 5 or 4 (3.1.1). */
  protocolVersion?: 5 | 4;
  /** Set when `Auto` fell back from MQTT 5 to 3.1.1, so the user knows why. */
  fallbackNote?: string;
  /**
   * Why the connection is down, as a code a compact view (the widget) can word without parsing `detail`:
   * no socket or no MQTT endpoint, a CONNACK refusal, no answer, the broker closing on a SUBSCRIBE, or a
   * connection that was up and dropped.
   */
  cause?: DownCause;
  /** The broker refused the credentials (or their absence): the UI asks for them. */
  authRequired?: boolean;
  /** While reconnecting: when the next attempt starts (epoch ms), for a countdown. */
  retryAt?: number;
  /** On connect: the broker resumed a kept session (its subscriptions and queued messages). */
  sessionPresent?: boolean;
}

export type DownCause = 'unreachable' | 'refused' | 'auth' | 'no-answer' | 'hung-up' | 'lost';

export type MqttVersionChoice = 'auto' | '5' | '3.1.1';

export interface ConnectSettings {
  url: string;
  username?: string;
  password?: string;
  clientId?: string;
  version: MqttVersionChoice;
  /**
   * Keep retrying even when the very first attempt fails (a status-page widget must recover on its
   * own). Refused credentials still stop it: retrying cannot fix them.
   */
  persistent?: boolean;
  /** Ask the broker to keep the session while disconnected (needs a stable `clientId`). */
  keepSession?: boolean;
  /** Share the connection with other views of this origin (default); false: a worker of its own. */
  share?: boolean;
  /**
   * How long the worker gathers messages into one batch for this view (default 8 ms). A widget, redrawn
   * four times a second, takes 250 ms: four wake-ups of its page a second instead of up to 125.
   */
  batchMs?: number;
}

export type QoS = 0 | 1 | 2;

/** The broker's answer to one SUBSCRIBE. */
export type SubscriptionResult =
  | { kind: 'granted'; qos: QoS }
  | { kind: 'refused'; code: number; reason: string }
  | { kind: 'error'; reason: string }
  /** The broker closed the connection right after this SUBSCRIBE (Mosquitto does on some filters). */
  | { kind: 'hung-up' };

/** MQTT 5 publish properties, copied into plain data so they can cross a worker boundary later. */
export interface MessageProps {
  contentType?: string;
  responseTopic?: string;
  correlationData?: Uint8Array;
  messageExpiryInterval?: number;
  payloadFormatIndicator?: boolean;
  userProperties?: Array<[string, string]>;
  subscriptionIdentifier?: number | number[];
}

/** One received message as the transport hands it to ingest. */
export interface RawMessage {
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  retain: boolean;
  dup: boolean;
  props?: MessageProps;
  /** Receive time (epoch ms) when stamped where the socket is (the ingest worker); else set by ingest. */
  time?: number;
}
