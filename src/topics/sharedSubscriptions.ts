import { covers, generalize, overlaps } from './filterCover';
import { compileFilter, type TopicMatcher } from './matchTopic';

export type QoS = 0 | 1 | 2;

/** One view's (wire) filter: who asked for retained messages, who gets a SUBACK's answer. */
export interface ViewFilter {
  view: string;
  filter: string;
}

/** What to send to the broker after a change, in this order: subscribe first, so nothing is missed. */
export interface Plan {
  subscribe: Array<{ filter: string; qos: QoS }>;
  unsubscribe: string[];
}

interface Sent {
  qos: QoS;
  /** Per SUBSCRIBE sent and not yet answered, in order: the view filters waiting for its retained messages. */
  pending: ViewFilter[][];
  /** Since the last SUBACK: the view filters its retained messages are for. */
  retainedFor: ViewFilter[];
  /** SUBACKs seen whose answer has not been handed out yet, in order: who it is for. */
  due: ViewFilter[][];
}

interface View {
  filters: Map<string, QoS>;
  matchers: TopicMatcher[];
}

/**
 * The subscriptions of the views sharing one connection, and which view each message is for.
 *
 * The broker holds a set of filters that never overlap ("sent"): every view filter is covered by
 * exactly one of them, and a topic matches at most one. So each publish reaches the connection once,
 * whatever the broker does about overlapping subscriptions (Mosquitto sends one copy per matching
 * subscription by default), and is then handed to each view whose own filters match it, once. When a
 * new view filter overlaps sent ones without being covered, they are replaced by the narrowest filter
 * covering them all; the extra topics it brings are dropped here. A sent filter stays while any view
 * filter under it remains, and is unsubscribed when the last one goes.
 * Costs of merging, accepted: while a merged filter replaces narrower ones (subscribe first, then
 * unsubscribe, so nothing is missed), a message published in that window can arrive twice; and a
 * broker whose ACL allows the narrow filters but not the merged one refuses it for all of them.
 *
 * Retained messages: a view subscribing to a filter another view already holds would get nothing,
 * since the broker sends retained messages on SUBSCRIBE only. So the covering filter is subscribed
 * again (the broker then re-sends its retained messages: MQTT 3.1.1 §3.8.4, MQTT 5 retain handling 0),
 * and messages flagged retained go only to the view filters that SUBSCRIBE was for: the broker sends
 * them after its SUBACK and before the next one, and live messages never carry the flag. No cache.
 */
export class SharedSubscriptions {
  private readonly views = new Map<string, View>();
  private readonly sent = new Map<string, Sent>();

  /** The broker's subscriptions, with their QoS (the highest any view asked for under them). */
  get brokerFilters(): ReadonlyMap<string, QoS> {
    return new Map([...this.sent].map(([f, s]) => [f, s.qos]));
  }

  viewIds(): string[] {
    return [...this.views.keys()];
  }

  filtersOf(view: string): ReadonlyMap<string, QoS> {
    return this.views.get(view)?.filters ?? new Map();
  }

  /** The sent filter covering `filter` (there is at most one: sent filters never overlap). */
  coverOf(filter: string): string | undefined {
    for (const f of this.sent.keys()) if (covers(f, filter)) return f;
    return undefined;
  }

  add(view: string, filter: string, qos: QoS): Plan {
    let v = this.views.get(view);
    if (!v) {
      v = { filters: new Map(), matchers: [] };
      this.views.set(view, v);
    }
    v.filters.set(filter, qos);
    v.matchers = [...v.filters.keys()].map(compileFilter);
    const asker: ViewFilter = { view, filter };

    const cover = this.coverOf(filter);
    if (cover !== undefined) {
      // Subscribed again for the retained messages, at the highest QoS asked under it.
      const sent = this.sent.get(cover) as Sent;
      sent.qos = Math.max(sent.qos, qos) as QoS;
      sent.pending.push([asker]);
      return { subscribe: [{ filter: cover, qos: sent.qos }], unsubscribe: [] };
    }
    // Merge with every sent filter it overlaps, until the result overlaps nothing left.
    let merged = filter;
    let mergedQos = qos;
    const replaced: string[] = [];
    for (let changed = true; changed; ) {
      changed = false;
      for (const [f, s] of this.sent) {
        if (replaced.includes(f) || !overlaps(f, merged)) continue;
        merged = generalize(merged, f);
        mergedQos = Math.max(mergedQos, s.qos) as QoS;
        replaced.push(f);
        changed = true;
      }
    }
    // Filters still waiting for the answer to a replaced SUBSCRIBE get the merged one's instead.
    const waiting = [asker];
    for (const f of replaced) {
      for (const p of this.sent.get(f)?.pending ?? []) waiting.push(...p);
      this.sent.delete(f);
    }
    this.sent.set(merged, { qos: mergedQos, pending: [waiting], retainedFor: [], due: [] });
    return {
      subscribe: [{ filter: merged, qos: mergedQos }],
      unsubscribe: replaced.filter((f) => f !== merged),
    };
  }

  remove(view: string, filter: string): Plan {
    const v = this.views.get(view);
    if (!v?.filters.delete(filter)) return { subscribe: [], unsubscribe: [] };
    v.matchers = [...v.filters.keys()].map(compileFilter);
    if (v.filters.size === 0) this.views.delete(view);
    return this.dropUnused();
  }

  removeView(view: string): Plan {
    if (!this.views.delete(view)) return { subscribe: [], unsubscribe: [] };
    return this.dropUnused();
  }

  /** Sent filters no view filter is under any more are unsubscribed; the others stay as they are. */
  private dropUnused(): Plan {
    const unsubscribe: string[] = [];
    for (const f of this.sent.keys()) {
      if (!this.coveredBy(f).length) unsubscribe.push(f);
    }
    for (const f of unsubscribe) this.sent.delete(f);
    return { subscribe: [], unsubscribe };
  }

  /** Every view filter under the sent filter `sent`. */
  coveredBy(sent: string): ViewFilter[] {
    const out: ViewFilter[] = [];
    for (const [view, v] of this.views) {
      for (const filter of v.filters.keys()) if (covers(sent, filter)) out.push({ view, filter });
    }
    return out;
  }

  /**
   * The connection (re)connected and sends every broker filter afresh: each SUBSCRIBE's retained
   * messages are for every view filter under it, and answers to SUBSCRIBEs of the old link never come.
   */
  resubscribedAll(): void {
    for (const [f, s] of this.sent) {
      s.pending = [this.coveredBy(f)];
      s.retainedFor = [];
      s.due = [];
    }
  }

  /**
   * A SUBACK for `sent` arrived, in stream order (before any message that follows it): the retained
   * messages that follow are for the view filters that SUBSCRIBE was sent for.
   */
  acked(sent: string): void {
    const s = this.sent.get(sent);
    if (!s) return;
    const head = s.pending.shift() ?? [];
    s.retainedFor = head.filter((a) => this.held(a));
    s.due.push(s.retainedFor);
  }

  /**
   * The answer to a SUBSCRIBE of `sent` is known (mqtt.js calls back after the messages that followed
   * the SUBACK): returns the view filters it is for. Without an `acked` first, it counts as the SUBACK.
   */
  answered(sent: string): ViewFilter[] {
    const s = this.sent.get(sent);
    if (!s) return [];
    if (s.due.length === 0) this.acked(sent);
    // Only filters still held: a view may have left while the SUBSCRIBE was under way.
    return (s.due.shift() ?? []).filter((a) => this.held(a));
  }

  private held(a: ViewFilter): boolean {
    return this.views.get(a.view)?.filters.has(a.filter) === true;
  }

  /**
   * The views a message is for: every view with a matching filter; a message flagged retained only
   * to the views whose SUBSCRIBE brought it.
   */
  route(topic: string, retain: boolean): string[] {
    const out: string[] = [];
    if (retain) {
      for (const s of this.sent.values()) {
        for (const a of s.retainedFor) {
          if (!out.includes(a.view) && compileFilter(a.filter)(topic)) out.push(a.view);
        }
      }
      return out;
    }
    for (const [view, v] of this.views) {
      for (const m of v.matchers) {
        if (m(topic)) {
          out.push(view);
          break;
        }
      }
    }
    return out;
  }
}
