/// <reference lib="webworker" />

import { MqttConnection } from '../mqtt/MqttConnection';
import { BATCH_MS, BatchBuilder, batchDelay } from './batch';
import type { FromWorker, ToWorker } from './protocol';

// The MQTT client runs here, off the page's main thread: WebSocket delivery and mqtt.js parsing cost
// ~25 µs per message, which at tens of thousands of messages a second is most of a core. The page gets
// one batch per BATCH_MS instead of one event per message.
let batchMs = BATCH_MS;

declare const self: DedicatedWorkerGlobalScope;
const post = (message: FromWorker, transfer: Transferable[] = []) => self.postMessage(message, transfer);

const builder = new BatchBuilder();
let timer: ReturnType<typeof setTimeout> | null = null;
const flush = () => {
  if (timer) clearTimeout(timer);
  timer = null;
  const { batch, transfer } = builder.take();
  post({ type: 'batch', batch }, transfer);
};

const connection = new MqttConnection(
  {
    onState: (state) => {
      if (builder.size > 0) flush(); // messages before a state change arrive before it
      post({ type: 'state', state });
    },
    onMessage: (message) => {
      builder.add(message, Date.now());
      timer ??= setTimeout(flush, batchDelay(batchMs));
    },
    onSubscription: (filter, result) => post({ type: 'subscription', filter, result }),
  },
  // The batch copies every payload into its own buffer: a copy here as well would be wasted.
  { copyPayloads: false },
);

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'open':
      batchMs = msg.settings.batchMs ?? BATCH_MS;
      connection.open(msg.settings);
      break;
    case 'close':
      connection.close();
      break;
    case 'reconnect-now':
      connection.reconnectNow();
      break;
    case 'subscribe':
      connection.subscribe(msg.filter, msg.qos);
      break;
    case 'unsubscribe':
      connection.unsubscribe(msg.filter);
      break;
  }
};
