import type { Session } from '../session/session';
import { postToHost } from './hostMessages';
import { isTrustedOrigin, parseHostCommand } from './widgetModel';

/**
 * Host → widget commands (set the filter, pause, resume), obeyed only when they come from the parent
 * window and from an origin the link names in `host=`. Any page may frame the widget
 * (`frame-ancestors *`), so framing it earns no say over it; with no `host=` nothing is obeyed. Every
 * command that looks like one gets a `firehose:ack`, so a host developer sees why one was ignored (the
 * answer names no origin and no state: it tells an untrusted page nothing it did not send).
 */
export function startHostCommands(session: Session, hosts: readonly string[]): () => void {
  const onMessage = (event: MessageEvent) => {
    if (event.source !== window.parent || window.parent === window) return;
    const parsed = parseHostCommand(event.data);
    if ('error' in parsed) {
      const type = (event.data as { type?: unknown } | null)?.type;
      if (typeof type === 'string' && type.startsWith('firehose:') && isTrustedOrigin(event.origin, hosts))
        postToHost({
          type: 'firehose:ack',
          command: type.slice(0, 60),
          accepted: false,
          reason: parsed.error,
        });
      return;
    }
    const { command } = parsed;
    if (!isTrustedOrigin(event.origin, hosts)) {
      postToHost({
        type: 'firehose:ack',
        command: command.type,
        accepted: false,
        reason: 'this page is not named in the widget link’s host= parameter',
      });
      return;
    }
    switch (command.type) {
      case 'firehose:pause':
        session.log.setPaused(true);
        break;
      case 'firehose:resume':
        session.log.setPaused(false);
        break;
      case 'firehose:set-filter': {
        session.log.setFilter(command.filter);
        const error = session.store.getState().filterError;
        if (error?.input === command.filter) {
          postToHost({ type: 'firehose:ack', command: command.type, accepted: false, reason: error.message });
          return;
        }
        break;
      }
    }
    postToHost({ type: 'firehose:ack', command: command.type, accepted: true });
  };
  window.addEventListener('message', onMessage);
  return () => window.removeEventListener('message', onMessage);
}
