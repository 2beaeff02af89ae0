/// <reference lib="webworker" />

import { MqttConnection } from '../mqtt/MqttConnection';
import type { ConnectionState, ConnectSettings, QoS, RawMessage } from '../mqtt/types';
import { type Plan, SharedSubscriptions } from '../topics/sharedSubscriptions';
import { BATCH_MS, BatchBuilder, batchDelay } from './batch';
import type { FromWorker, ToWorker } from './protocol';

/**
 * One MQTT connection per browser: every view of this origin (tabs of the app, widgets in iframes)
 * connects its port here, and views with the same broker URL, MQTT version and credentials share one
 * MqttConnection. Each view keeps its own subscriptions; the broker gets their union without overlaps
 * (SharedSubscriptions) and each message goes, in that view's own batches, only to the views whose
 * filters match it. Views speak the dedicated worker's protocol (ToWorker/FromWorker), plus `hello`,
 * `bye` and `ping` so that a view whose page is gone is noticed, and `peers` back.
 */

declare const self: SharedWorkerGlobalScope;

/**
 * Without Web Locks, a view pings every 15 s; one silent for 3 minutes is taken for gone. That long
 * because Chrome runs the timers of a hidden tab once a minute after 5 minutes in the background.
 */
const SILENT_FOR_MS = 180_000;

interface View {
  port: MessagePort;
  id: string;
  /** Wire filters the view asked for, whether or not it is connected. */
  filters: Map<string, QoS>;
  group: Group | null;
  builder: BatchBuilder;
  timer: ReturnType<typeof setTimeout> | null;
  lastSeen: number;
  pinged: boolean;
  /** Opened as a widget: retries even a first failure. */
  persistent: boolean;
  /** How long its messages are gathered into one batch (`ConnectSettings.batchMs`). */
  batchMs: number;
}

interface Group {
  key: string;
  connection: MqttConnection;
  subs: SharedSubscriptions;
  members: Map<string, View>;
  state: ConnectionState;
}

const views = new Map<MessagePort, View>();
const groups = new Map<string, Group>();
let nextId = 1;

function post(view: View, message: FromWorker, transfer: Transferable[] = []): void {
  view.port.postMessage(message, transfer);
}

function flush(view: View): void {
  if (view.timer) clearTimeout(view.timer);
  view.timer = null;
  if (view.builder.size === 0) return;
  const { batch, transfer } = view.builder.take();
  post(view, { type: 'batch', batch }, transfer);
}

/** Credentials are part of the key: a view never rides on a login it did not give. */
function groupKey(s: ConnectSettings): string {
  return JSON.stringify([
    s.url,
    s.version,
    s.username ?? '',
    s.password ?? '',
    s.clientId ?? '',
    !!s.keepSession,
  ]);
}

function apply(group: Group, plan: Plan): void {
  for (const s of plan.subscribe) group.connection.subscribe(s.filter, s.qos);
  for (const f of plan.unsubscribe) group.connection.unsubscribe(f);
}

function createGroup(key: string): Group {
  const group: Group = {
    key,
    subs: new SharedSubscriptions(),
    members: new Map(),
    state: { phase: 'offline' },
    connection: null as unknown as MqttConnection,
  };
  group.connection = new MqttConnection(
    {
      onState: (state) => {
        group.state = state;
        // Answers to SUBSCRIBEs of the old link never come; the connection now sends every filter anew.
        if (state.phase === 'connected') group.subs.resubscribedAll();
        for (const v of group.members.values()) {
          flush(v); // messages before a state change arrive before it
          post(v, { type: 'state', state });
        }
      },
      onMessage: (message: RawMessage) => {
        const ids = group.subs.route(message.topic, message.retain);
        if (ids.length === 0) return;
        const now = Date.now();
        for (const id of ids) {
          const v = group.members.get(id);
          if (!v) continue;
          v.builder.add(message, now);
          v.timer ??= setTimeout(() => flush(v), batchDelay(v.batchMs));
        }
      },
      onSubAck: (filter) => group.subs.acked(filter),
      onSubscription: (filter, result) => {
        // A hang-up loses the filter for everyone under it; any other answer is for those who asked.
        const to = result.kind === 'hung-up' ? group.subs.coveredBy(filter) : group.subs.answered(filter);
        for (const a of to) {
          const v = group.members.get(a.view);
          if (v) post(v, { type: 'subscription', filter: a.filter, result });
        }
      },
    },
    // Each view's batch copies the payload into its own buffer.
    { copyPayloads: false },
  );
  return group;
}

/** Tells each view how many others share its connection; it retries a first failure if one is a widget. */
function membersChanged(group: Group): void {
  const members = [...group.members.values()];
  group.connection.setPersistent(members.some((v) => v.persistent));
  for (const v of members) post(v, { type: 'peers', others: group.members.size - 1 });
}

function join(view: View, settings: ConnectSettings): void {
  leave(view, false);
  const key = groupKey(settings);
  let group = groups.get(key);
  const fresh = !group;
  if (!group) {
    group = createGroup(key);
    groups.set(key, group);
  }
  view.group = group;
  view.persistent = settings.persistent === true;
  view.batchMs = settings.batchMs ?? BATCH_MS;
  group.members.set(view.id, view);
  if (!fresh && group.connection.isOpen()) post(view, { type: 'state', state: group.state });
  for (const [filter, qos] of view.filters) apply(group, group.subs.add(view.id, filter, qos));
  // A new group, or one that gave up (refused, unreachable): opening again retries it for everyone.
  if (!group.connection.isOpen()) group.connection.open(settings);
  membersChanged(group);
}

/** The view leaves its connection; the last view to leave closes it. */
function leave(view: View, tell: boolean): void {
  const group = view.group;
  if (!group) return;
  view.group = null;
  flush(view);
  group.members.delete(view.id);
  apply(group, group.subs.removeView(view.id));
  if (group.members.size === 0) {
    group.connection.close();
    groups.delete(group.key);
  } else {
    membersChanged(group);
  }
  if (tell) post(view, { type: 'state', state: { phase: 'offline' } });
}

function drop(port: MessagePort): void {
  const view = views.get(port);
  if (!view) return;
  leave(view, false);
  if (view.timer) clearTimeout(view.timer);
  views.delete(port);
}

function viewOf(port: MessagePort): View {
  let view = views.get(port);
  if (!view) {
    view = {
      port,
      id: String(nextId++),
      filters: new Map(),
      group: null,
      builder: new BatchBuilder(),
      timer: null,
      lastSeen: Date.now(),
      pinged: false,
      persistent: false,
      batchMs: BATCH_MS,
    };
    views.set(port, view);
  }
  return view;
}

function handle(port: MessagePort, msg: ToWorker): void {
  if (msg.type === 'bye') {
    drop(port);
    return;
  }
  const view = viewOf(port);
  view.lastSeen = Date.now();
  const group = view.group;
  switch (msg.type) {
    case 'hello':
      // Granted once the view's page has released its lock: closed, navigated away or crashed.
      if (msg.lock && self.navigator.locks) {
        void self.navigator.locks.request(msg.lock, () => drop(port));
      } else {
        view.pinged = true;
      }
      break;
    case 'ping':
      view.pinged = true;
      break;
    case 'open':
      join(view, msg.settings);
      break;
    case 'close':
      leave(view, true);
      break;
    case 'reconnect-now':
      group?.connection.reconnectNow();
      break;
    case 'subscribe':
      view.filters.set(msg.filter, msg.qos);
      if (group) apply(group, group.subs.add(view.id, msg.filter, msg.qos));
      break;
    case 'unsubscribe':
      view.filters.delete(msg.filter);
      if (group) apply(group, group.subs.remove(view.id, msg.filter));
      break;
  }
}

self.onconnect = (event: MessageEvent) => {
  const port = event.ports[0];
  if (!port) return;
  port.onmessage = (e: MessageEvent<ToWorker>) => handle(port, e.data);
  port.start();
};

setInterval(() => {
  const now = Date.now();
  for (const [port, view] of views) if (view.pinged && now - view.lastSeen > SILENT_FOR_MS) drop(port);
}, 30_000);
