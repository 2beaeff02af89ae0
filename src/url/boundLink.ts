import { serializeViewState, type ViewState } from './viewState';

/**
 * Longest link the app writes: Copy link, the Embed snippet, the widget's title link and the address bar.
 * Servers refuse long request lines: nginx answers 414 past its 8 kB `large_client_header_buffers`, and
 * Node (`vite preview`, many proxies) answers 431 once the request line and headers pass 16 kB. A view
 * with a 50 kB filter made a 100,000-character link the app could not reload. 8,000 characters leave
 * room in nginx's 8 kB buffer for `GET `, ` HTTP/1.1` and nothing else on that line.
 */
export const MAX_LINK_CHARS = 8_000;

export interface BoundedLink {
  /** The query to put after `?` (empty for the default view): fits the bound whenever anything can. */
  query: string;
  /** The view `query` encodes: the input minus what was dropped. */
  view: ViewState;
  /** What was left out, in words, in the order it was dropped ("the filter", "the last 2 subscriptions"). */
  dropped: string[];
  /** Length the whole link would have had with nothing dropped. */
  fullChars: number;
}

/**
 * Fits a view into a link of at most `maxChars` characters, `prefixChars` of which are taken by what
 * comes before the `?` (origin and path). Parts are dropped whole, never cut: a cut filter or topic
 * would silently mean something else. First what is most likely to be huge and costs least to lose:
 * the log filter (free text, pasted at any length), then the widget's title and fields (cosmetic: the
 * widget falls back to the subscriptions and the preview), then subscriptions from the last one, and
 * the broker last (without it the link opens nothing). Small settings (version, theme, rows, …) are
 * never dropped: together they are under 100 characters.
 */
export function boundLink(view: ViewState, maxChars: number = MAX_LINK_CHARS, prefixChars = 0): BoundedLink {
  const length = (query: string) => prefixChars + (query ? query.length + 1 : 0);
  let query = serializeViewState(view);
  const fullChars = length(query);
  let current = view;
  const dropped: string[] = [];
  const fits = () => length(query) <= maxChars;
  const drop = (next: ViewState, what: string) => {
    current = next;
    query = serializeViewState(current);
    dropped.push(what);
  };

  if (!fits() && current.filter !== '') drop({ ...current, filter: '' }, 'the filter');
  if (!fits() && current.title !== undefined) drop({ ...current, title: undefined }, 'the title');
  if (!fits() && current.fields.length > 0) drop({ ...current, fields: [] }, 'the fields');
  if (!fits() && current.templates.length > 0) drop({ ...current, templates: [] }, 'the summary templates');
  const fitsAs = (v: ViewState) => length(serializeViewState(v)) <= maxChars;
  // A broker URL too long for any link (it happens only by hand) goes before subscriptions that are not
  // the problem: a link with subscriptions and no broker still opens them on config.json's broker.
  if (!fits() && current.broker !== undefined && !fitsAs({ ...current, subs: [] })) {
    if (fitsAs({ ...current, broker: undefined })) drop({ ...current, broker: undefined }, 'the broker URL');
  }
  if (!fits() && current.subs.length > 0) {
    const total = current.subs.length;
    // Keep the longest prefix that fits, so the first subscriptions (usually the main ones) stay, in order.
    let kept = total - 1;
    while (
      kept > 0 &&
      length(serializeViewState({ ...current, subs: current.subs.slice(0, kept) })) > maxChars
    ) {
      kept--;
    }
    const n = total - kept;
    const what =
      kept > 0
        ? `the last ${n === 1 ? 'subscription' : `${n} subscriptions`} of ${total}`
        : total === 1
          ? 'the subscription'
          : `all ${total} subscriptions`;
    drop({ ...current, subs: current.subs.slice(0, kept) }, what);
  }
  if (!fits() && current.broker !== undefined) drop({ ...current, broker: undefined }, 'the broker URL');
  return { query, view: current, dropped, fullChars };
}

/** "51 kB": characters in thousands, as the 8 kB bound is written (a link is ASCII: one byte a character). */
export function formatLinkSize(chars: number): string {
  return `${Math.max(1, Math.round(chars / 1000))} kB`;
}

/**
 * The sentence the UI shows when a link was shortened, e.g. "Copied without the filter: the link would be
 * 51 kB; links are kept under 8 kB so servers accept them". `done` is what happened ("Copied", "The
 * address bar shows this view").
 */
export function describeBoundedLink(
  link: BoundedLink,
  done: string,
  maxChars: number = MAX_LINK_CHARS,
): string {
  if (link.dropped.length === 0) return done;
  return (
    `${done} without ${joinWords(link.dropped)}: the link would be ${formatLinkSize(link.fullChars)}; ` +
    `links are kept under ${formatLinkSize(maxChars)} so servers accept them`
  );
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
