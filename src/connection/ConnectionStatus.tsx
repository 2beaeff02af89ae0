import type { ConnectionState } from '../mqtt/types';
import { formatAge } from '../payload/format';
import { useFirehose, useSession } from '../session/SessionContext';
import { useNow } from '../session/useNow';
import { SharedWith } from '../ui/SharedWith';

const WORDS: Record<ConnectionState['phase'], string> = {
  offline: 'Offline',
  connecting: 'Connecting',
  connected: 'Connected',
  reconnecting: 'Reconnecting',
  error: 'Error',
};

/** Past this long without a message, a connected status says so: a quiet topic or a frozen link. */
export const IDLE_AFTER_MS = 10_000;

export function describeConnection(c: ConnectionState, now = Date.now()): string {
  if (c.phase === 'error') return c.detail ?? 'Connection failed';
  const version = c.protocolVersion ? ` (MQTT ${c.protocolVersion === 5 ? '5' : '3.1.1'})` : '';
  let detail = c.phase === 'connected' ? (c.fallbackNote ?? '') : (c.detail ?? '');
  if (c.phase === 'reconnecting' && c.retryAt !== undefined) {
    const seconds = Math.max(0, Math.ceil((c.retryAt - now) / 1000));
    detail = `${detail}; ${seconds > 0 ? `next attempt in ${seconds} s` : 'trying now'}`;
  }
  return `${WORDS[c.phase]}${version}${detail ? ` — ${detail}` : ''}`;
}

/**
 * The one `role="status"` element: the connection state in words, announced politely. While
 * reconnecting it counts down to the next attempt and offers `Reconnect now`; while connected it says
 * how long no message has arrived, once that is long enough to matter.
 */
export function ConnectionStatus() {
  const session = useSession();
  const connection = useFirehose((s) => s.connection);
  const sharedWith = useFirehose((s) => s.sharedWith);
  // The store's stats change with every frame of messages; the clock only once a second.
  const now = useNow(1000);
  const latest = connection.phase === 'connected' ? session.log.latestMessageTime() : undefined;
  const idle = latest !== undefined && now - latest >= IDLE_AFTER_MS ? now - latest : null;
  return (
    <div className="conn-line">
      <div role="status" className={`conn-status phase-${connection.phase}`}>
        <span className="dot" aria-hidden="true" />
        <span>{describeConnection(connection, now)}</span>
      </div>
      {sharedWith > 0 && connection.phase !== 'offline' && <SharedWith others={sharedWith} />}
      {idle !== null && <span className="conn-idle">no data for {formatAge(idle)}</span>}
      {connection.phase === 'reconnecting' && (
        <button type="button" className="small" onClick={() => session.connection.reconnectNow()}>
          Reconnect now
        </button>
      )}
    </div>
  );
}
