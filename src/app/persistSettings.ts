import type { Session } from '../session/session';
import type { FirehoseState } from '../store/store';
import { writeSavedSettings } from './savedSettings';

/** Saves the form (never the password), subscriptions, buffer size and log layout whenever they change. */
export function persistSettings(session: Session): () => void {
  const save = (s: FirehoseState) =>
    writeSavedSettings({
      url: s.form.url,
      username: s.form.username,
      clientId: s.form.clientId,
      version: s.form.version,
      syntax: s.syntax,
      keepSession: s.form.keepSession,
      ...(s.form.share ? {} : { share: false as const }),
      subscriptions: s.subscriptions.map(({ filter, qos }) => ({ filter, qos })),
      capacity: s.capacity,
      display: s.display,
    });
  return session.store.subscribe((s, prev) => {
    if (
      s.form !== prev.form ||
      s.subscriptions !== prev.subscriptions ||
      s.capacity !== prev.capacity ||
      s.syntax !== prev.syntax ||
      s.display !== prev.display
    )
      save(s);
  });
}
