import type { FirehoseState } from '../store/store';
import { validateBrokerUrl } from '../url/brokerUrl';
import { DEFAULT_VIEW, serializeViewState, type ViewState } from '../url/viewState';

/** The shareable part of the full app's state. Credentials are not part of it, by construction. */
export function viewFromState(s: FirehoseState): ViewState {
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
  };
}

export function linkFor(view: ViewState, base: string = window.location.href, page?: string): string {
  const url = new URL(page ?? '', base);
  url.search = serializeOrEmpty(view);
  url.hash = '';
  return url.href;
}

function serializeOrEmpty(view: ViewState): string {
  const q = serializeViewState(view);
  return q ? `?${q}` : '';
}
