import type { ConnectionState, ConnectSettings, QoS, SubscriptionResult } from '../mqtt/types';
import type { PackedBatch } from './batch';
import type { FromWorker, ToWorker } from './protocol';

/** What the transport tells the session: state changes, SUBACKs, and messages in packed batches. */
export interface TransportListener {
  onState(state: ConnectionState): void;
  onSubscription(filter: string, result: SubscriptionResult): void;
  onBatch(batch: PackedBatch): void;
  /** How many other views share this connection (0: none, or a connection of its own). */
  onPeers?(others: number): void;
}

/** Hands one message from a connection worker (dedicated or shared) to the session's listener. */
export function deliver(listener: TransportListener, msg: FromWorker): void {
  switch (msg.type) {
    case 'state':
      listener.onState(msg.state);
      break;
    case 'subscription':
      listener.onSubscription(msg.filter, msg.result);
      break;
    case 'batch':
      listener.onBatch(msg.batch);
      break;
    case 'peers':
      listener.onPeers?.(msg.others);
      break;
  }
}

/** What a session needs from a transport: the ingest worker here, or a test double in unit tests. */
export interface Transport {
  open(settings: ConnectSettings): void;
  close(): void;
  reconnectNow(): void;
  subscribe(filter: string, qos: QoS): void;
  unsubscribe(filter: string): void;
  /** Lets go of the worker for good (no more events). */
  dispose?(): void;
}

/**
 * Main-thread handle on the MqttConnection that runs in `ingest.worker.ts`. Messages cross in packed
 * batches and are handed on as such: the session's ingest unpacks each batch once, for all its sinks.
 */
export class WorkerConnection implements Transport {
  private readonly worker: Worker;

  constructor(listener: TransportListener) {
    this.worker = new Worker(new URL('./ingest.worker.ts', import.meta.url), {
      type: 'module',
      name: 'mqtt-ingest',
    });
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => deliver(listener, event.data);
    this.worker.onerror = (event) => {
      listener.onState({ phase: 'error', detail: `The connection worker failed: ${event.message}` });
    };
  }

  open(settings: ConnectSettings): void {
    this.send({ type: 'open', settings });
  }

  close(): void {
    this.send({ type: 'close' });
  }

  reconnectNow(): void {
    this.send({ type: 'reconnect-now' });
  }

  subscribe(filter: string, qos: QoS): void {
    this.send({ type: 'subscribe', filter, qos });
  }

  unsubscribe(filter: string): void {
    this.send({ type: 'unsubscribe', filter });
  }

  dispose(): void {
    this.worker.terminate();
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }
}
