import { decoderRuleErrors } from '../inspector/decoderRules';
import { checkFieldPath, type LogDisplay, MAX_FIELD_COLUMNS } from '../payload/logDisplay';
import type { Session } from '../session/session';
import type { SyntaxId } from '../topics/syntax';
import { parseViewState, type ViewState } from '../url/viewState';
import { loadConfig } from './config';
import { readSavedSettings } from './savedSettings';

/**
 * Decides where a new page starts. Precedence: a link (`?broker=…&sub=…`) over the deployer's
 * `config.json` over what this browser saved last time. A link with a broker and at least one
 * subscription connects at once, with no clicks; so does a config with `"autoConnect": true`.
 */
export async function bootstrap(session: Session, search: string): Promise<ViewState> {
  const actions = session.store.getState();
  const { view, ignored } = parseViewState(search);
  if (ignored.length > 0) {
    session.notify(
      'warning',
      `Ignored link parameters: ${ignored.map((i) => `${i.param}=${i.value} (${i.reason})`).join('; ')}`,
    );
  }

  const saved = readSavedSettings();
  if (saved.error) session.notify('warning', saved.error);
  for (const e of decoderRuleErrors()) session.notify('warning', e);
  if (saved.settings) {
    const s = saved.settings;
    actions.setForm({
      url: s.url,
      username: s.username,
      clientId: s.clientId,
      version: s.version,
      keepSession: s.keepSession,
      share: s.share !== false,
    });
    replaceSubscriptions(session, s.syntax, s.subscriptions);
    if (s.capacity) session.log.setCapacity(s.capacity);
    if (s.display) actions.setDisplay(s.display);
  }

  let autoConnect = false;
  if (view.broker) {
    actions.setForm({ url: view.broker, version: view.version });
    replaceSubscriptions(session, view.syntax, view.subs);
    autoConnect = view.subs.length > 0;
  } else {
    const loaded = await loadConfig();
    if (loaded.kind === 'invalid') session.notify('warning', loaded.error);
    if (loaded.kind === 'loaded') {
      const { config, errors } = loaded;
      if (errors.length > 0) session.notify('warning', `config.json: ${errors.join('; ')}`);
      if (config.broker) {
        actions.setForm({ url: config.broker, version: config.mqttVersion });
        replaceSubscriptions(session, config.syntax, config.subscriptions);
      }
      if (config.bufferSize) session.log.setCapacity(config.bufferSize);
      autoConnect = config.autoConnect;
    }
    if (view.subs.length > 0) replaceSubscriptions(session, view.syntax, view.subs);
  }

  if (!view.share) actions.setForm({ share: false });
  if (view.filter) session.log.setFilter(view.filter);
  if (view.paused) session.log.setPaused(true);
  if (view.theme !== 'auto') actions.setTheme(view.theme);
  applyViewDisplay(session, view);
  if (autoConnect) session.connection.connect();
  return view;
}

function replaceSubscriptions(session: Session, syntax: SyntaxId, subs: ViewState['subs']): void {
  for (const s of session.store.getState().subscriptions) session.connection.unsubscribe(s.filter);
  session.setSyntax(syntax);
  for (const s of subs) session.connection.subscribe(s.filter, s.qos);
}

/** A link's summary templates, JSON field columns, time format and raw switch, over what was saved. */
function applyViewDisplay(session: Session, view: ViewState): void {
  const patch: Partial<LogDisplay> = {};
  if (view.templates.length > 0) patch.summaries = view.templates;
  const fields = view.fields.filter((f) => checkFieldPath(f) === null).slice(0, MAX_FIELD_COLUMNS);
  if (fields.length > 0) patch.fields = fields;
  if (view.time !== 'local') patch.time = view.time;
  if (view.raw) patch.showRaw = true;
  if (Object.keys(patch).length > 0) session.store.getState().setDisplay(patch);
}
