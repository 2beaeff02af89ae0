import { TIME_FORMATS, type TimeFormat } from '../payload/logDisplay';
import { checkSummaryRule, type SummaryRule } from '../payload/summary/summarize';
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
  /** User summary templates, `tpl=<pattern> => <template>` (repeatable). */
  templates: SummaryRule[];
  /** The log's time column: `local` is the default and is omitted. */
  time: TimeFormat;
  /** The log shows raw payloads instead of summaries. */
  raw: boolean;
  /** The widget's layout: `log` (latest messages, newest first; the default) or `latest` (one row per topic). */
  mode: WidgetMode;
  /** `host=`: origins whose host → widget messages the widget obeys; none by default. */
  hosts: string[];
  /** Share one connection with this browser's other views on the same broker (`share=0`: not). */
  share: boolean;
}

export type WidgetMode = 'log' | 'latest';

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
  templates: [],
  time: 'local',
  raw: false,
  mode: 'log',
  hosts: [],
  share: true,
};

/** A link carries at most this many summary templates (each at most MAX_TEMPLATE_CHARS long). */
export const MAX_LINK_TEMPLATES = 10;
/** Between a template's topic pattern and its text in `tpl=`. */
export const TEMPLATE_SEPARATOR = ' => ';

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
  'tpl',
  'time',
  'raw',
  'mode',
  'host',
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
  const view: ViewState = { ...DEFAULT_VIEW, subs: [], fields: [], templates: [], hosts: [] };
  const ignored: IgnoredParam[] = [];
  const seen = new Set<string>();
  const ignore = (param: string, value: string, reason: string) => ignored.push({ param, value, reason });
  // Subscriptions are read once the syntax is known: `sub=a.*.b&syntax=amqp` is as valid as the reverse.
  const subs: string[] = [];
  const templates: string[] = [];

  for (const [name, value] of params) {
    if (!isParam(name)) {
      // Echoed in a notice: a `password=…` someone put in a link by hand must not be shown back.
      if (CREDENTIAL_NAME.test(name))
        ignore(name, '***', 'unknown parameter; credentials never go in a link');
      else ignore(name, value, 'unknown parameter');
      continue;
    }
    if (name !== 'sub' && name !== 'tpl' && seen.has(name)) {
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
      case 'tpl':
        templates.push(value);
        break;
      case 'time':
        if ((TIME_FORMATS as readonly string[]).includes(value)) view.time = value as TimeFormat;
        else ignore(name, value, 'time must be local, utc or relative');
        break;
      case 'raw':
        if (value === '1' || value === '0') view.raw = value === '1';
        else ignore(name, value, 'must be 1 or 0');
        break;
      case 'mode':
        if (value === 'log' || value === 'latest') view.mode = value;
        else ignore(name, value, 'mode must be log or latest');
        break;
      case 'host':
        for (const part of value.split(',')) {
          const checked = parseOrigin(part);
          if (!checked.ok) ignore(name, part.slice(0, 80), checked.error);
          else if (!view.hosts.includes(checked.origin)) view.hosts.push(checked.origin);
        }
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
  for (const value of templates) {
    const at = value.indexOf(TEMPLATE_SEPARATOR);
    if (at < 0) {
      ignore('tpl', value.slice(0, 60), `write tpl=<topic pattern>${TEMPLATE_SEPARATOR}<template>`);
      continue;
    }
    const rule = { pattern: value.slice(0, at), template: value.slice(at + TEMPLATE_SEPARATOR.length) };
    const bad =
      view.templates.length >= MAX_LINK_TEMPLATES
        ? `at most ${MAX_LINK_TEMPLATES} templates`
        : checkSummaryRule(rule, syntax);
    if (bad) ignore('tpl', value.slice(0, 60), bad);
    else view.templates.push(rule);
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
    tpl: () => {
      for (const t of view.templates.slice(0, MAX_LINK_TEMPLATES))
        params.push(['tpl', `${t.pattern}${TEMPLATE_SEPARATOR}${t.template}`]);
    },
    time: () => view.time !== 'local' && params.push(['time', view.time]),
    raw: () => view.raw && params.push(['raw', '1']),
    mode: () => view.mode !== 'log' && params.push(['mode', view.mode]),
    host: () => view.hosts.length > 0 && params.push(['host', view.hosts.join(',')]),
    share: () => !view.share && params.push(['share', '0']),
  };
  for (const name of ORDER) put[name]();
  return params.map(([name, value]) => `${name}=${encodeQueryValue(value)}`).join('&');
}

/** Longest origin accepted in `host=`: DNS names stop at 253 characters, plus scheme and port. */
const MAX_ORIGIN_CHARS = 300;

/**
 * One `host=` origin: `https://status.example.org` or `http://127.0.0.1:8080`, nothing more. A path,
 * query, credentials, `*` or `null` is refused: the widget compares it with `MessageEvent.origin`
 * exactly, and each of those would either never match or match pages nobody meant to trust.
 */
export function parseOrigin(text: string): { ok: true; origin: string } | { ok: false; error: string } {
  const value = text.trim();
  if (value === '') return { ok: false, error: 'empty origin' };
  if (value === '*' || value === 'null')
    return { ok: false, error: 'name each trusted origin; * and null are refused' };
  if (value.length > MAX_ORIGIN_CHARS) return { ok: false, error: 'origin too long' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, error: 'not an origin (like https://status.example.org)' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, error: 'origin must be http:// or https://' };
  if (url.username || url.password) return { ok: false, error: 'an origin has no user name or password' };
  if (url.pathname !== '/' || url.search || url.hash || /[?#]/.test(value))
    return { ok: false, error: 'an origin is scheme://host[:port], with no path, query or fragment' };
  return { ok: true, origin: url.origin };
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
