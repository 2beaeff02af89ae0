/**
 * One parser for subscriptions wherever they come from: a link's `sub=filter@qos`, config.json (a string or
 * `{filter, qos}`) and saved settings (`{filter, qos}`). Before this, each place parsed on its own and they
 * disagreed on edge cases such as a filter that itself ends in `@1`.
 *
 * Errors are values: a bad entry in a link or config becomes a sentence the UI can show, not an exception.
 */

import type { TopicSyntax } from './syntax';

export type QoS = 0 | 1 | 2;

export interface SubscriptionSpec {
  filter: string;
  qos: QoS;
}

export type ParsedSubscription = { ok: true; spec: SubscriptionSpec } | { ok: false; error: string };

const SHAPE_ERROR = 'each subscription must be a filter string or {"filter", "qos"}';
const QOS_ERROR = '"qos" must be 0, 1 or 2';

/** `@0`, `@1` or `@2` at the very end: the only suffixes read as a QoS, so `a@3` or `user@host` stay filters. */
const QOS_SUFFIX = /@([012])$/;

function isQoS(v: unknown): v is QoS {
  return v === 0 || v === 1 || v === 2;
}

function validated(filter: string, qos: QoS, syntax: TopicSyntax): ParsedSubscription {
  const err = syntax.validate(filter);
  return err ? { ok: false, error: err.message } : { ok: true, spec: { filter, qos } };
}

/**
 * Accepts 'filter', 'filter@1' (a trailing @0/@1/@2 is the QoS), or {filter: string, qos?: 0|1|2}.
 * Validates with syntax.validate.
 *
 * In the object form the filter is taken as it is (`{filter: 'a@1'}` is filter `a@1` at QoS 0): the QoS has
 * its own field there, and saved settings must come back exactly as they were stored. Strings are not
 * trimmed, because spaces are legal in topics.
 */
export function parseSubscription(value: unknown, syntax: TopicSyntax): ParsedSubscription {
  if (typeof value === 'string') {
    const m = QOS_SUFFIX.exec(value);
    if (!m) return validated(value, 0, syntax);
    return validated(value.slice(0, -2), Number(m[1]) as QoS, syntax);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: SHAPE_ERROR };
  }
  const { filter, qos } = value as { filter?: unknown; qos?: unknown };
  if (typeof filter !== 'string') return { ok: false, error: SHAPE_ERROR };
  if (qos === undefined) return validated(filter, 0, syntax);
  if (!isQoS(qos)) return { ok: false, error: QOS_ERROR };
  return validated(filter, qos, syntax);
}

/**
 * Inverse of parseSubscription for strings: 'filter' for QoS 0 unless the filter itself ends in @0-@2
 * (then 'filter@0', so the suffix is not read as a QoS), else 'filter@qos'.
 */
export function formatSubscription(spec: SubscriptionSpec): string {
  if (spec.qos === 0 && !QOS_SUFFIX.test(spec.filter)) return spec.filter;
  return `${spec.filter}@${spec.qos}`;
}
