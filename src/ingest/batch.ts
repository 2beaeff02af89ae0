import { alignedDelay } from '../lib/clock';
import type { MessageProps, RawMessage } from '../mqtt/types';

/** How long a worker gathers messages into one batch for the app. */
export const BATCH_MS = 8;

/**
 * Time until the current batch of a view taking `batchMs` is sent: the app's 8 ms from its first
 * message; a widget's longer batches end on the wall-clock boundaries its page flushes on (Ingest).
 */
export function batchDelay(batchMs: number): number {
  return batchMs > BATCH_MS ? alignedDelay(batchMs) : BATCH_MS;
}

/**
 * Messages packed for the trip from the ingest worker to the page: columns instead of one object per
 * message, and every payload copied once into a single ArrayBuffer that is transferred, not cloned.
 * Cloning 40,000 small objects with a Uint8Array each per second cost the worker more than mqtt.js did.
 * On the page, payloads are views into the batch's buffer: no second copy. A batch buffer lives until
 * the last of its messages leaves the ring buffer; batches are ~8 ms of traffic and leave in order.
 */
export interface PackedBatch {
  topics: string[];
  /** bits 0-1: QoS, bit 2: retain, bit 3: dup */
  flags: Uint8Array;
  times: Float64Array;
  /** offsets[i]..offsets[i+1] is message i's payload in `data` */
  offsets: Uint32Array;
  data: ArrayBuffer;
  /** MQTT 5 properties, only for the messages that carried some: [index, props] */
  props: Array<[number, MessageProps]>;
}

export class BatchBuilder {
  private topics: string[] = [];
  private flags: number[] = [];
  private times: number[] = [];
  private payloads: Uint8Array[] = [];
  private props: Array<[number, MessageProps]> = [];
  private bytes = 0;

  get size(): number {
    return this.topics.length;
  }

  add(message: RawMessage, time: number): void {
    const index = this.topics.length;
    this.topics.push(message.topic);
    this.flags.push(message.qos | (message.retain ? 4 : 0) | (message.dup ? 8 : 0));
    this.times.push(time);
    this.payloads.push(message.payload);
    this.bytes += message.payload.byteLength;
    if (message.props) this.props.push([index, message.props]);
  }

  /** Returns the packed batch and the buffers to transfer, and starts a new batch. */
  take(): { batch: PackedBatch; transfer: ArrayBuffer[] } {
    const n = this.topics.length;
    const data = new Uint8Array(this.bytes);
    const offsets = new Uint32Array(n + 1);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const p = this.payloads[i] as Uint8Array;
      offsets[i] = at;
      data.set(p, at);
      at += p.byteLength;
    }
    offsets[n] = at;
    const batch: PackedBatch = {
      topics: this.topics,
      flags: Uint8Array.from(this.flags),
      times: Float64Array.from(this.times),
      offsets,
      data: data.buffer,
      props: this.props,
    };
    this.topics = [];
    this.flags = [];
    this.times = [];
    this.payloads = [];
    this.props = [];
    this.bytes = 0;
    return {
      batch,
      transfer: [batch.data, batch.flags.buffer, batch.times.buffer, offsets.buffer] as ArrayBuffer[],
    };
  }
}
