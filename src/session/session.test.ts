import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchBuilder } from '../ingest/batch';
import type { Transport, TransportListener } from '../ingest/workerConnection';
import type { QoS } from '../mqtt/types';
import { Session } from './session';

/** Records what the session sends; `deliver` plays the broker. */
class FakeTransport implements Transport {
  sent: string[] = [];
  constructor(readonly listener: TransportListener) {}
  open(): void {
    this.sent.push('open');
  }
  close(): void {
    this.sent.push('close');
  }
  reconnectNow(): void {
    this.sent.push('reconnect-now');
  }
  subscribe(filter: string, qos: QoS): void {
    this.sent.push(`sub ${filter} ${qos}`);
  }
  unsubscribe(filter: string): void {
    this.sent.push(`unsub ${filter}`);
  }
  deliver(topics: string[]): void {
    const b = new BatchBuilder();
    for (const topic of topics) {
      b.add({ topic, payload: new TextEncoder().encode('{}'), qos: 0, retain: false, dup: false }, 1000);
    }
    this.listener.onBatch(b.take().batch);
  }
}

let sessions: Session[] = [];
function start(): { session: Session; transport: FakeTransport } {
  let transport: FakeTransport | undefined;
  const session = new Session((l) => {
    transport = new FakeTransport(l);
    return transport;
  });
  sessions.push(session);
  return { session, transport: transport as FakeTransport };
}
afterEach(() => {
  for (const s of sessions) s.dispose();
  sessions = [];
});

const logTopics = (session: Session) => {
  const out: string[] = [];
  session.ingest.buffer.forEachSince(0, (e) => {
    out.push(e.topic);
  });
  return out;
};

const PULP = ['sync/start', 'sync/finish', 'publish/start', 'publish/finish'].map(
  (e) => `pulp/server/repo/${e}`,
);

describe('Session in the AMQP syntax', () => {
  it('sends a pattern as its MQTT wire filter and shows the topics dotted', () => {
    const { session, transport } = start();
    session.setSyntax('amqp');
    expect(session.connection.subscribe('pulp.server.repo.*.finish', 0)).toBeNull();
    expect(transport.sent).toEqual(['sub pulp/server/repo/+/finish 0']);
    transport.deliver(['pulp/server/repo/sync/finish', 'pulp/server/repo/publish/finish']);
    expect(logTopics(session)).toEqual(['pulp.server.repo.sync.finish', 'pulp.server.repo.publish.finish']);
  });

  it('narrows a broader wire filter to exactly what the binding pattern delivers', () => {
    const { session, transport } = start();
    session.setSyntax('amqp');
    session.connection.subscribe('pulp.#.finish', 0);
    expect(transport.sent).toEqual(['sub pulp/# 0']);
    expect(session.store.getState().subscriptions[0]).toMatchObject({ wire: 'pulp/#', narrowed: true });
    transport.deliver([...PULP, 'pulp/finish', 'pulp/a/b/start']);
    expect(logTopics(session)).toEqual([
      'pulp.server.repo.sync.finish',
      'pulp.server.repo.publish.finish',
      'pulp.finish',
    ]);
    expect(session.ingest.frame()).toMatchObject({ received: 3, narrowedOut: 3 });
  });

  it('shares one wire filter between patterns and unsubscribes it only when the last one goes', () => {
    const { session, transport } = start();
    session.setSyntax('amqp');
    session.connection.subscribe('pulp.#.finish', 0);
    session.connection.subscribe('pulp.#.start', 1);
    session.connection.unsubscribe('pulp.#.finish');
    expect(transport.sent).toEqual(['sub pulp/# 0', 'sub pulp/# 1']);
    transport.deliver(PULP);
    expect(logTopics(session)).toEqual(['pulp.server.repo.sync.start', 'pulp.server.repo.publish.start']);
    session.connection.unsubscribe('pulp.#.start');
    expect(transport.sent.at(-1)).toBe('unsub pulp/#');
  });

  it('converts subscriptions, relabels buffered topics and rebuilds the tree when the syntax changes', () => {
    const { session, transport } = start();
    session.connection.subscribe('pulp/+/repo/#', 0);
    transport.deliver(['pulp/server/repo/sync/start']);
    session.setSyntax('amqp');
    expect(session.store.getState().subscriptions.map((s) => s.filter)).toEqual(['pulp.*.repo.#']);
    expect(logTopics(session)).toEqual(['pulp.server.repo.sync.start']);
    expect(session.topics.tree.find('pulp.server.repo')?.count).toBe(1);
  });

  it('refuses an MQTT-only filter in the AMQP syntax with a reason', () => {
    const { session } = start();
    session.setSyntax('amqp');
    expect(session.connection.subscribe('a/b', 0)).toMatch(/'\/'/);
  });
});

describe('Session in the MQTT syntax', () => {
  it('passes deliveries through untouched, into the log and the topic tree', () => {
    const { session, transport } = start();
    session.connection.subscribe('gerrit/#', 0);
    transport.deliver(['gerrit/openstack/nova', 'gerrit/openstack/neutron']);
    expect(logTopics(session)).toEqual(['gerrit/openstack/nova', 'gerrit/openstack/neutron']);
    expect(session.topics.tree.find('gerrit/openstack')?.count).toBe(2);
    expect(session.ingest.frame().narrowedOut).toBe(0);
  });

  it('marks the filter the broker hung up on and leaves it out when connecting again', () => {
    const { session, transport } = start();
    session.store.getState().setForm({ url: 'ws://127.0.0.1:1883' });
    session.connection.subscribe('ok/#', 0);
    session.connection.subscribe('bad\u0007', 0);
    transport.listener.onSubscription('bad\u0007', { kind: 'hung-up' });
    transport.listener.onState({ phase: 'connected', protocolVersion: 5 });
    const bad = session.store.getState().subscriptions.find((s) => s.filter === 'bad\u0007');
    expect(bad?.status).toEqual({ kind: 'hung-up' });
    transport.sent = [];
    session.connection.connect();
    expect(transport.sent).toEqual(['sub ok/# 0', 'open']);
  });
});

describe('Session across outages', () => {
  const markers = (session: Session) => {
    const out: string[] = [];
    session.ingest.buffer.forEachSince(0, (e) => {
      if (e.marker !== undefined) out.push(e.marker);
    });
    return out;
  };

  it('writes a gap row when the connection comes back, and one for the resubscriptions once answered', () => {
    const { session, transport } = start();
    session.connection.subscribe('a/#', 0);
    session.connection.subscribe('b/#', 1);
    transport.listener.onState({ phase: 'connected', protocolVersion: 5 });
    transport.deliver(['a/1']);
    transport.listener.onState({
      phase: 'reconnecting',
      detail: 'Connection lost',
      retryAt: Date.now() + 1000,
    });
    transport.listener.onState({ phase: 'connected', protocolVersion: 5, sessionPresent: false });
    transport.listener.onSubscription('a/#', { kind: 'granted', qos: 0 });
    expect(markers(session)).toHaveLength(1);
    transport.listener.onSubscription('b/#', { kind: 'refused', code: 0x87, reason: 'Not authorized' });
    transport.deliver(['a/2']);
    const rows = markers(session);
    expect(rows[0]).toMatch(
      /^connection lost \d\d:\d\d:\d\d – \d\d:\d\d:\d\d, \d+ s; messages published meanwhile may be missing/,
    );
    expect(rows[1]).toBe('resubscribed after reconnecting: a/# granted QoS 0; b/# REFUSED (Not authorized)');
    // The rows sit between the messages they separate, and are not counted as messages.
    expect(logTopics(session)).toEqual(['a/1', '', '', 'a/2']);
    expect(session.ingest.frame().received).toBe(2);
  });

  it('says the session was resumed when the broker kept it', () => {
    const { session, transport } = start();
    transport.listener.onState({ phase: 'connected', protocolVersion: 5 });
    transport.listener.onState({ phase: 'reconnecting', detail: 'Connection lost' });
    transport.listener.onState({ phase: 'connected', protocolVersion: 5, sessionPresent: true });
    expect(markers(session)[0]).toMatch(/session resumed: the broker queued QoS 1\/2 messages/);
  });

  it('writes no gap for a deliberate disconnect', () => {
    const { session, transport } = start();
    transport.listener.onState({ phase: 'connected', protocolVersion: 5 });
    transport.listener.onState({ phase: 'offline' });
    transport.listener.onState({ phase: 'connected', protocolVersion: 5 });
    expect(markers(session)).toEqual([]);
  });

  it('keeps gap rows visible whatever the log filter', () => {
    const { session, transport } = start();
    transport.listener.onState({ phase: 'connected', protocolVersion: 5 });
    transport.deliver(['a/1']);
    transport.listener.onState({ phase: 'reconnecting', detail: 'Connection lost' });
    transport.listener.onState({ phase: 'connected', protocolVersion: 5 });
    session.log.setFilter('nothing-matches-this');
    expect(session.log.index.length).toBe(1);
  });
});

describe('Clear and Undo', () => {
  it('puts back the messages, the filtered view, the selection and the topic tree Clear dropped', () => {
    const { session, transport } = start();
    transport.deliver(['a/1', 'b/2', 'a/3']);
    session.log.setFilter('topic:a/#');
    expect(session.log.index.length).toBe(2);
    const selected = session.log.index.seqAt(1);
    session.log.select(selected);

    expect(session.log.clear()).toBe(3);
    expect(session.log.index.length).toBe(0);
    expect(session.topics.tree.topicCount).toBe(0);
    expect(session.store.getState().selectedSeq).toBeNull();

    // A message arriving between Clear and Undo stays, after the restored ones.
    transport.deliver(['a/4']);
    expect(session.log.undoClear()).toBe(true);
    expect(logTopics(session)).toEqual(['a/1', 'b/2', 'a/3', 'a/4']);
    expect(session.log.index.length).toBe(3);
    expect(session.store.getState().selectedSeq).toBe(selected);
    expect(session.topics.tree.topicCount).toBe(4);
    expect(session.topics.tree.find('a/1')?.count).toBe(1);
    // Only once.
    expect(session.log.undoClear()).toBe(false);
  });

  it('cannot undo a Clear after another Clear', () => {
    const { session, transport } = start();
    transport.deliver(['a/1']);
    session.log.clear();
    transport.deliver(['a/2']);
    session.log.clear();
    expect(session.log.undoClear()).toBe(true);
    expect(logTopics(session)).toEqual(['a/2']);
  });
});

describe('How often the log redraws', () => {
  /** Store updates with new rows (`viewVersion` bumps) over one second of deliveries every 10 ms. */
  function redrawsInOneSecond(perDelivery: number): number {
    vi.useFakeTimers();
    try {
      const { session, transport } = start();
      let redraws = 0;
      const stop = session.store.subscribe((s, prev) => {
        if (s.viewVersion !== prev.viewVersion) redraws++;
      });
      for (let t = 0; t < 1000; t += 10) {
        transport.deliver(Array.from({ length: perDelivery }, (_, i) => `load/${i}`));
        vi.advanceTimersByTime(10);
      }
      stop();
      return redraws;
    } finally {
      vi.useRealTimers();
    }
  }

  it('redraws up to 20 times a second while messages trickle in', () => {
    // 100 msgs/s: a redraw brings 5 rows, and the screen scrolls by a few rows each time.
    expect(redrawsInOneSecond(1)).toBeGreaterThanOrEqual(17);
  });

  it('redraws at most about 10 times a second under a flood, where each redraw replaces the whole screen', () => {
    // 10,000 msgs/s: 500 new rows per 50 ms.
    expect(redrawsInOneSecond(100)).toBeLessThanOrEqual(11);
  });
});
