import type { FirehoseState } from '../store/store';
import { type BoundedLink, boundLink, MAX_LINK_CHARS } from '../url/boundLink';
import { validateBrokerUrl } from '../url/brokerUrl';
import { DEFAULT_VIEW, type ViewState } from '../url/viewState';

/** The shareable part of the full app's state, whatever its size. Credentials are not part of it, by construction. */
export function fullViewFromState(s: FirehoseState): ViewState {
  const broker = validateBrokerUrl(s.form.url);
  return {
    ...DEFAULT_VIEW,
    ...(broker.ok ? { broker: broker.url } : {}),
    subs: s.subscriptions.map(({ filter, qos }) => ({ filter, qos })),
    syntax: s.syntax,
    version: s.form.version,
    filter: s.filterText,
    paused: s.paused,
    theme: s.theme,
    fields: s.display.fields,
    templates: s.display.summaries,
    time: s.display.time,
    raw: s.display.showRaw,
    share: s.form.share,
  };
}

/**
 * The view as a link to this page can carry it: `fullViewFromState` minus what would take the link past
 * `MAX_LINK_CHARS` (see `boundLink`). This is what the address bar shows, so a reload always reaches
 * the server; Copy link and the Embed dialog start from the full view and say what they left out.
 */
export function viewFromState(s: FirehoseState, base: string = currentHref()): ViewState {
  return boundLink(fullViewFromState(s), MAX_LINK_CHARS, prefixChars(base)).view;
}

export interface LinkResult extends BoundedLink {
  href: string;
}

/** A link to `page` (default: this page) showing `view`, kept under `MAX_LINK_CHARS`; says what it left out. */
export function boundedLinkFor(view: ViewState, base: string = currentHref(), page?: string): LinkResult {
  const url = new URL(page ?? '', base);
  url.hash = '';
  url.search = '';
  const bounded = boundLink(view, MAX_LINK_CHARS, url.href.length);
  // Concatenated, not assigned to `url.search`: the link is then exactly the string that was measured.
  return { ...bounded, href: bounded.query ? `${url.href}?${bounded.query}` : url.href };
}

export function linkFor(view: ViewState, base: string = currentHref(), page?: string): string {
  return boundedLinkFor(view, base, page).href;
}

function prefixChars(base: string): number {
  try {
    const url = new URL(base);
    url.hash = '';
    url.search = '';
    return url.href.length;
  } catch {
    return 0;
  }
}

function currentHref(): string {
  return typeof window === 'undefined' ? 'http://localhost/' : window.location.href;
}
