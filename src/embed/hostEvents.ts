import type { Session } from '../session/session';
import { hostPayload, postToHost } from './hostMessages';

/**
 * `events=1`: posts `firehose:message` to the host page for every message the widget displays, oldest
 * first. It runs off the store's once-per-frame updates, outside React, and only looks at the newest
 * `rows` entries, so a flood costs the host at most `rows` messages per frame: the ones on screen.
 */
export function startHostEvents(session: Session, rows: number): () => void {
  let lastPosted = -1;
  return session.store.subscribe((state, prev) => {
    if (state.viewVersion === prev.viewVersion) return;
    const index = session.log.index;
    const fresh = [];
    for (let i = index.length - 1; i >= 0 && fresh.length < rows; i--) {
      const seq = index.seqAt(i);
      if (seq <= lastPosted) break;
      const entry = session.entry(seq);
      if (entry && entry.marker === undefined) fresh.push(entry);
    }
    if (fresh.length === 0) return;
    lastPosted = fresh[0]?.seq ?? lastPosted;
    for (const e of fresh.reverse()) {
      postToHost({
        type: 'firehose:message',
        topic: e.topic,
        ...hostPayload(e),
        retained: e.retain,
        time: e.time,
      });
    }
  });
}
