import type { Connection, ConnectionListener } from '../mqtt/MqttConnection';
import type { ConnectSettings, QoS } from '../mqtt/types';
import { forEachMessage } from './batch';
import type { FromWorker, ToWorker } from './protocol';

/**
 * Main-thread stand-in for MqttConnection that runs the real one in `ingest.worker.ts`. Same methods,
 * same listener: the session cannot tell them apart, except that messages arrive in batches.
 */
export class WorkerConnection implements Connection {
  private readonly worker: Worker;

  constructor(listener: ConnectionListener) {
    this.worker = new Worker(new URL('./ingest.worker.ts', import.meta.url), {
      type: 'module',
      name: 'mqtt-ingest',
    });
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const msg = event.data;
      switch (msg.type) {
        case 'state':
          listener.onState(msg.state);
          break;
        case 'subscription':
          listener.onSubscription(msg.filter, msg.result);
          break;
        case 'batch':
          forEachMessage(msg.batch, (m) => listener.onMessage(m));
          break;
      }
    };
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

  subscribe(filter: string, qos: QoS): void {
    this.send({ type: 'subscribe', filter, qos });
  }

  unsubscribe(filter: string): void {
    this.send({ type: 'unsubscribe', filter });
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }
}
