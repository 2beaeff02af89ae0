import { viewFromState } from '../session/currentView';
import type { Session } from '../session/session';
import { serializeViewState } from '../url/viewState';

const URL_SYNC_DEBOUNCE_MS = 250;

/**
 * Keeps the address bar equal to the current view, so the URL is always a link to what the user sees.
 * `replaceState`, debounced: typing a filter must not add a history entry per keystroke. Started
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
    timer = setTimeout(write, URL_SYNC_DEBOUNCE_MS);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
