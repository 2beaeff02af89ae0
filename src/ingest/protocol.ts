import type { ConnectionState, ConnectSettings, QoS, SubscriptionResult } from '../mqtt/types';
import type { PackedBatch } from './batch';

/**
 * The boundary between the page and the ingest worker that owns the MQTT connection: two discriminated
 * unions. Messages cross in packed batches (one postMessage per ~8 ms, not one per message, payload
 * bytes transferred), each message stamped with its receive time in the worker.
 */
export type ToWorker =
  | { type: 'open'; settings: ConnectSettings }
  | { type: 'close' }
  | { type: 'reconnect-now' }
  | { type: 'subscribe'; filter: string; qos: QoS }
  | { type: 'unsubscribe'; filter: string }
  /** Shared worker only: the view holds this Web Lock until its page is gone (crash included). */
  | { type: 'hello'; lock: string | null }
  /** Shared worker only: the view's page is going away (pagehide). */
  | { type: 'bye' }
  /** Shared worker only, where Web Locks are missing: the view is alive. */
  | { type: 'ping' };

export type FromWorker =
  | { type: 'state'; state: ConnectionState }
  | { type: 'subscription'; filter: string; result: SubscriptionResult }
  | { type: 'batch'; batch: PackedBatch }
  /** Shared worker only: how many other views use this view's connection. */
  | { type: 'peers'; others: number };
