import { parseViewState, type ViewState } from '../url/viewState';
import { loadConfig } from './config';
import { readSavedSettings } from './savedSettings';
import type { Session } from './session';

/**
 * Decides where a new page starts. Precedence: a link (`?broker=…&sub=…`) over the deployer's
 * `config.json` over what this browser saved last time. A link with a broker and at least one
 * subscription connects at once, with no clicks; so does a config with `"autoConnect": true`.
 */
export async function bootstrap(session: Session, search: string): Promise<ViewState> {
  const { view, ignored } = parseViewState(search);
  if (ignored.length > 0) {
    session.notify(
      'warning',
      `Ignored link parameters: ${ignored.map((i) => `${i.param}=${i.value} (${i.reason})`).join('; ')}`,
    );
  }

  const saved = readSavedSettings();
  if (saved.error) session.notify('warning', saved.error);
  if (saved.settings) {
    const s = saved.settings;
    session.store.setState((st) => ({
      form: { ...st.form, url: s.url, username: s.username, clientId: s.clientId, version: s.version },
    }));
    for (const sub of s.subscriptions) session.subscribe(sub.filter, sub.qos);
    if (s.capacity) session.setCapacity(s.capacity);
  }

  let autoConnect = false;
  if (view.broker) {
    const broker = view.broker;
    session.store.setState((st) => ({ form: { ...st.form, url: broker, version: view.version } }));
    replaceSubscriptions(session, view.subs);
    autoConnect = view.subs.length > 0;
  } else {
    const loaded = await loadConfig();
    if (loaded.kind === 'invalid') session.notify('warning', loaded.error);
    if (loaded.kind === 'loaded') {
      const { config, errors } = loaded;
      if (errors.length > 0) session.notify('warning', `config.json: ${errors.join('; ')}`);
      if (config.broker) {
        const broker = config.broker;
        session.store.setState((st) => ({ form: { ...st.form, url: broker, version: config.mqttVersion } }));
        replaceSubscriptions(session, config.subscriptions);
      }
      if (config.bufferSize) session.setCapacity(config.bufferSize);
      autoConnect = config.autoConnect;
    }
    if (view.subs.length > 0) replaceSubscriptions(session, view.subs);
  }

  if (view.filter) session.setFilter(view.filter);
  if (view.paused) session.setPaused(true);
  if (view.theme !== 'auto') session.store.setState({ theme: view.theme });
  if (autoConnect) session.connect();
  return view;
}

function replaceSubscriptions(session: Session, subs: ViewState['subs']): void {
  for (const s of session.store.getState().subscriptions) session.unsubscribe(s.filter);
  for (const s of subs) session.subscribe(s.filter, s.qos);
}
