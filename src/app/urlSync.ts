import { viewFromState } from '../session/currentView';
import type { Session } from '../session/session';
import { serializeViewState } from '../url/viewState';

const URL_SYNC_DEBOUNCE_MS = 250;

/**
 * Keeps the address bar equal to the current view, so the URL is always a link to what the user sees.
 * `replaceState` (never a history entry), debounced while typing a filter or URL. Started
 * after bootstrap, so the link a user opened stays readable until the view changes.
 */
export function startUrlSync(session: Session): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  const write = () => {
    const query = serializeViewState(viewFromState(session.store.getState()));
    if (query === last) return;
    last = query;
    const url = new URL(window.location.href);
    url.search = query ? `?${query}` : '';
    window.history.replaceState(window.history.state, '', url);
  };
  write();
  const unsubscribe = session.store.subscribe((state, prev) => {
    if (
      state.form.url === prev.form.url &&
      state.form.version === prev.form.version &&
      state.subscriptions === prev.subscriptions &&
      state.syntax === prev.syntax &&
      state.filterText === prev.filterText &&
      state.paused === prev.paused &&
      state.theme === prev.theme &&
      state.display === prev.display
    ) {
      return;
    }
    clearTimeout(timer);
    // Only typing is debounced. A choice (a setting, a subscription, pause) is written at once: a reload
    // right after it would otherwise load the previous link, whose parameters override saved settings.
    const typed = state.filterText !== prev.filterText || state.form.url !== prev.form.url;
    if (typed) timer = setTimeout(write, URL_SYNC_DEBOUNCE_MS);
    else write();
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
