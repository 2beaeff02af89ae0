import type { FirehoseState } from '../store/store';
import { writeSavedSettings } from './savedSettings';
import type { Session } from './session';

/** Saves the form (never the password), subscriptions and buffer size whenever they change. */
export function persistSettings(session: Session): () => void {
  const save = (s: FirehoseState) =>
    writeSavedSettings({
      url: s.form.url,
      username: s.form.username,
      clientId: s.form.clientId,
      version: s.form.version,
      subscriptions: s.subscriptions.map(({ filter, qos }) => ({ filter, qos })),
      capacity: s.capacity,
    });
  return session.store.subscribe((s, prev) => {
    if (s.form !== prev.form || s.subscriptions !== prev.subscriptions || s.capacity !== prev.capacity)
      save(s);
  });
}
