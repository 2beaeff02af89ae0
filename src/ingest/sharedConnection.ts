import type { ConnectSettings, QoS } from '../mqtt/types';
import type { FromWorker, ToWorker } from './protocol';
import { deliver, type Transport, type TransportListener, WorkerConnection } from './workerConnection';

const PING_MS = 15_000;

/**
 * Main-thread handle on the connection this view shares with the other views of this origin, held by
 * `shared.worker.ts`. The same Transport as the dedicated worker: the session cannot tell them apart,
 * except that it hears how many other views share its connection.
 *
 * The worker must notice a view that is gone: the view posts `bye` on pagehide and holds a Web Lock
 * for as long as its page lives, which the browser releases on close and on a crash alike (the
 * worker's own request for it is then granted). Without Web Locks the view pings instead.
 */
export class SharedConnection implements Transport {
  private readonly port: MessagePort;
  private disposed = false;
  private readonly filters = new Map<string, QoS>();
  private settings: ConnectSettings | null = null;
  private pinger: ReturnType<typeof setInterval> | null = null;
  private readonly onPageHide = () => this.send({ type: 'bye' });
  /** Back from the back/forward cache: the worker dropped this view at pagehide, so say it all again. */
  private readonly onPageShow = (event: PageTransitionEvent) => {
    if (!event.persisted) return;
    this.hello();
    for (const [filter, qos] of this.filters) this.send({ type: 'subscribe', filter, qos });
    if (this.settings) this.send({ type: 'open', settings: this.settings });
  };

  constructor(listener: TransportListener) {
    const worker = new SharedWorker(new URL('./shared.worker.ts', import.meta.url), {
      type: 'module',
      name: 'firehose-shared-connection',
    });
    this.port = worker.port;
    this.port.onmessage = (event: MessageEvent<FromWorker>) => {
      if (!this.disposed) deliver(listener, event.data);
    };
    worker.onerror = (event) => {
      listener.onState({ phase: 'error', detail: `The shared connection worker failed: ${event.message}` });
    };
    this.port.start();
    this.hello();
    addEventListener('pagehide', this.onPageHide);
    addEventListener('pageshow', this.onPageShow);
  }

  private hello(): void {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (locks) {
      const name = `firehose-view-${crypto.randomUUID()}`;
      // Held until the page is gone; `hello` only once it is ours, or the worker would get it first.
      void locks.request(name, () => {
        this.send({ type: 'hello', lock: name });
        return new Promise<never>(() => {});
      });
      return;
    }
    this.send({ type: 'hello', lock: null });
    this.pinger ??= setInterval(() => this.send({ type: 'ping' }), PING_MS);
  }

  open(settings: ConnectSettings): void {
    this.settings = settings;
    this.send({ type: 'open', settings });
  }

  close(): void {
    this.settings = null;
    this.send({ type: 'close' });
  }

  reconnectNow(): void {
    this.send({ type: 'reconnect-now' });
  }

  subscribe(filter: string, qos: QoS): void {
    this.filters.set(filter, qos);
    this.send({ type: 'subscribe', filter, qos });
  }

  unsubscribe(filter: string): void {
    this.filters.delete(filter);
    this.send({ type: 'unsubscribe', filter });
  }

  dispose(): void {
    this.send({ type: 'bye' });
    this.disposed = true;
    this.port.close();
    if (this.pinger) clearInterval(this.pinger);
    removeEventListener('pagehide', this.onPageHide);
    removeEventListener('pageshow', this.onPageShow);
  }

  private send(message: ToWorker): void {
    if (!this.disposed) this.port.postMessage(message);
  }
}

/** Whether this browser can share: SharedWorker is missing on some mobile browsers (Chrome on Android). */
export function canShare(): boolean {
  return typeof SharedWorker !== 'undefined';
}

/**
 * The session's transport: a connection shared with the other views of this origin (the default), or
 * a dedicated worker of its own where SharedWorker is missing or the view opts out
 * (`share: false`). Chosen at each open; subscriptions carry over when the choice changes.
 */
export class ViewTransport implements Transport {
  private inner: Transport | null = null;
  private shared = false;
  private readonly filters = new Map<string, QoS>();

  constructor(private readonly listener: TransportListener) {}

  open(settings: ConnectSettings): void {
    const { share, ...rest } = settings;
    const shared = share !== false && canShare();
    if (!this.inner || shared !== this.shared) {
      this.inner?.close();
      this.inner?.dispose?.();
      this.shared = shared;
      this.inner = shared ? new SharedConnection(this.listener) : new WorkerConnection(this.listener);
      if (!shared) this.listener.onPeers?.(0);
      for (const [filter, qos] of this.filters) this.inner.subscribe(filter, qos);
    }
    this.inner.open(rest);
  }

  close(): void {
    this.inner?.close();
  }

  reconnectNow(): void {
    this.inner?.reconnectNow();
  }

  subscribe(filter: string, qos: QoS): void {
    this.filters.set(filter, qos);
    this.inner?.subscribe(filter, qos);
  }

  unsubscribe(filter: string): void {
    this.filters.delete(filter);
    this.inner?.unsubscribe(filter);
  }

  dispose(): void {
    this.inner?.dispose?.();
    this.inner = null;
  }
}
