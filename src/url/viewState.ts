import { formatSubscription, parseSubscription } from '../topics/subscriptionSpec';
import { isSyntaxId, type SyntaxId, topicSyntax } from '../topics/syntax';
import { redactBrokerUrl, validateBrokerUrl } from './brokerUrl';

/**
 * The shareable view, as it lives in the URL query. Two pure functions: `parseViewState` (never
 * throws; every parameter it cannot use is reported with a reason and the rest is kept) and
 * `serializeViewState` (stable parameter order, defaults omitted: one view gives one link).
 * Credentials are not part of a view and can never be put in a link.
 */
export type Qos = 0 | 1 | 2;
export type Theme = 'auto' | 'light' | 'dark';
export type VersionChoice = 'auto' | '5' | '3.1.1';

export interface ViewState {
  broker?: string;
  subs: Array<{ filter: string; qos: Qos }>;
  /** Topic syntax of `subs` and of `topic:` in the filter; `mqtt` is the default and is omitted. */
  syntax: SyntaxId;
  version: VersionChoice;
  filter: string;
  paused: boolean;
  theme: Theme;
  embed: boolean;
  rows?: number;
  fields: string[];
  title?: string;
  stale?: number;
  bg?: 'transparent';
  events: boolean;
  /** Share one connection with this browser's other views on the same broker (`share=0`: not). */
  share: boolean;
}

export interface IgnoredParam {
  param: string;
  value: string;
  reason: string;
}

export const DEFAULT_VIEW: ViewState = {
  subs: [],
  syntax: 'mqtt',
  version: 'auto',
  filter: '',
  paused: false,
  theme: 'auto',
  embed: false,
  fields: [],
  events: false,
  share: true,
};

export const MAX_ROWS = 200;
/** Names of parameters whose value is likely a secret, so a notice about them omits it. */
const CREDENTIAL_NAME = /pass|pwd|secret|token|key|auth|cred|user/i;
const FIELD_PATH = /^[A-Za-z_$][\w$-]*(\.[\w$-]+)*$/;

/** Parameter order in a serialized link; new view settings are appended here. */
const ORDER = [
  'broker',
  'sub',
  'syntax',
  'v',
  'filter',
  'paused',
  'theme',
  'embed',
  'rows',
  'fields',
  'title',
  'stale',
  'bg',
  'events',
  'share',
] as const;
type Param = (typeof ORDER)[number];

function isParam(name: string): name is Param {
  return (ORDER as readonly string[]).includes(name);
}

export function parseViewState(search: string | URLSearchParams): {
  view: ViewState;
  ignored: IgnoredParam[];
} {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const view: ViewState = { ...DEFAULT_VIEW, subs: [], fields: [] };
  const ignored: IgnoredParam[] = [];
  const seen = new Set<string>();
  const ignore = (param: string, value: string, reason: string) => ignored.push({ param, value, reason });
  // Subscriptions are read once the syntax is known: `sub=a.*.b&syntax=amqp` is as valid as the reverse.
  const subs: string[] = [];

  for (const [name, value] of params) {
    if (!isParam(name)) {
      // Echoed in a notice: a `password=…` someone put in a link by hand must not be shown back.
      if (CREDENTIAL_NAME.test(name))
        ignore(name, '***', 'unknown parameter; credentials never go in a link');
      else ignore(name, value, 'unknown parameter');
      continue;
    }
    if (name !== 'sub' && seen.has(name)) {
      ignore(name, value, 'given more than once; the first value is used');
      continue;
    }
    seen.add(name);
    switch (name) {
      case 'broker': {
        const checked = validateBrokerUrl(value);
        if (checked.ok) view.broker = checked.url;
        // The value is echoed in a notice: a `user:password@` in it must not reach the screen.
        else ignore(name, redactBrokerUrl(value), checked.error);
        break;
      }
      case 'sub':
        subs.push(value);
        break;
      case 'syntax':
        if (isSyntaxId(value)) view.syntax = value;
        else ignore(name, value, 'syntax must be mqtt or amqp');
        break;
      case 'v':
        if (value === '5' || value === '3.1.1') view.version = value;
        else ignore(name, value, 'MQTT version must be 5 or 3.1.1 (omit it for Auto)');
        break;
      case 'filter':
        view.filter = value;
        break;
      case 'paused':
        if (value === '1' || value === '0') view.paused = value === '1';
        else ignore(name, value, 'must be 1 or 0');
        break;
      case 'theme':
        if (value === 'light' || value === 'dark' || value === 'auto') view.theme = value;
        else ignore(name, value, 'theme must be light, dark or auto');
        break;
      case 'embed':
        if (value === '1' || value === '0') view.embed = value === '1';
        else ignore(name, value, 'must be 1 or 0');
        break;
      case 'rows': {
        const n = Number(value);
        if (/^\d+$/.test(value) && n >= 1 && n <= MAX_ROWS) view.rows = n;
        else ignore(name, value, `rows must be a whole number from 1 to ${MAX_ROWS}`);
        break;
      }
      case 'fields': {
        const list = value.split(',').map((f) => f.trim());
        const bad = list.filter((f) => !FIELD_PATH.test(f));
        if (bad.length > 0) ignore(name, value, `not a field path: ${bad.map((b) => `"${b}"`).join(', ')}`);
        else view.fields = list;
        break;
      }
      case 'title':
        if (value.length <= 200) view.title = value;
        else ignore(name, value.slice(0, 40), 'title is longer than 200 characters');
        break;
      case 'stale': {
        const n = Number(value);
        if (/^\d+$/.test(value) && n >= 1 && n <= 7 * 24 * 3600) view.stale = n;
        else ignore(name, value, 'stale must be a number of seconds from 1 to 604800');
        break;
      }
      case 'bg':
        if (value === 'transparent') view.bg = value;
        else ignore(name, value, 'bg must be transparent');
        break;
      case 'events':
        if (value === '1' || value === '0') view.events = value === '1';
        else ignore(name, value, 'must be 1 or 0');
        break;
      case 'share':
        if (value === '1' || value === '0') view.share = value === '1';
        else ignore(name, value, 'must be 1 or 0');
        break;
    }
  }
  const syntax = topicSyntax(view.syntax);
  for (const value of subs) {
    const parsed = parseSubscription(value, syntax);
    if (!parsed.ok) ignore('sub', value, parsed.error);
    else if (view.subs.some((s) => s.filter === parsed.spec.filter))
      ignore('sub', value, 'duplicate subscription');
    else view.subs.push(parsed.spec);
  }
  return { view, ignored };
}

export function serializeViewState(view: ViewState): string {
  const params: Array<[Param, string]> = [];
  const put: Record<Param, () => void> = {
    broker: () => view.broker !== undefined && params.push(['broker', view.broker]),
    sub: () => {
      for (const s of view.subs) params.push(['sub', formatSubscription(s)]);
    },
    syntax: () => view.syntax !== 'mqtt' && params.push(['syntax', view.syntax]),
    v: () => view.version !== 'auto' && params.push(['v', view.version]),
    filter: () => view.filter !== '' && params.push(['filter', view.filter]),
    paused: () => view.paused && params.push(['paused', '1']),
    theme: () => view.theme !== 'auto' && params.push(['theme', view.theme]),
    embed: () => view.embed && params.push(['embed', '1']),
    rows: () => view.rows !== undefined && params.push(['rows', String(view.rows)]),
    fields: () => view.fields.length > 0 && params.push(['fields', view.fields.join(',')]),
    title: () => view.title !== undefined && params.push(['title', view.title]),
    stale: () => view.stale !== undefined && params.push(['stale', String(view.stale)]),
    bg: () => view.bg !== undefined && params.push(['bg', view.bg]),
    events: () => view.events && params.push(['events', '1']),
    share: () => !view.share && params.push(['share', '0']),
  };
  for (const name of ORDER) put[name]();
  return params.map(([name, value]) => `${name}=${encodeQueryValue(value)}`).join('&');
}

/** A lone UTF-16 surrogate, which has no UTF-8 form (`encodeURIComponent` throws on one). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Percent-encodes one query value, but leaves `/`, `:`, `@` and `,` as they are. All four are legal in a
 * query (RFC 3986 §3.4: `query = *( pchar / "/" / "?" )`, and pchar takes `:`, `@` and the sub-delims),
 * and `URLSearchParams` reads them back unchanged. Topic filters are mostly slashes and broker URLs
 * are `wss://host/path`: `URLSearchParams.toString()` writes each `/` as `%2F`, so a filter grew to three
 * times its length in a link and was unreadable to a person. Still encoded: `&`, `=`, `#`, `+` (a query
 * reads `+` as a space, and a space is written `+`), `%`, `?`, quotes and brackets (so a link pasted in
 * prose or markup does not end early), and everything outside ASCII (as UTF-8, like `URLSearchParams`;
 * a lone surrogate becomes U+FFFD, as there).
 */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD'))
    .replace(/[!'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, '/')
    .replace(/%3A/g, ':')
    .replace(/%40/g, '@')
    .replace(/%2C/g, ',')
    .replace(/%20/g, '+');
}
