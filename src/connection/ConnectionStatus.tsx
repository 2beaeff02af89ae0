import type { ConnectionState } from '../mqtt/types';
import { useFirehose } from '../session/SessionContext';

const WORDS: Record<ConnectionState['phase'], string> = {
  offline: 'Offline',
  connecting: 'Connecting',
  connected: 'Connected',
  reconnecting: 'Reconnecting',
  error: 'Error',
};

export function describeConnection(c: ConnectionState): string {
  if (c.phase === 'error') return c.detail ?? 'Connection failed';
  const version = c.protocolVersion ? ` (MQTT ${c.protocolVersion === 5 ? '5' : '3.1.1'})` : '';
  const detail = c.phase === 'connected' ? (c.fallbackNote ?? '') : (c.detail ?? '');
  return `${WORDS[c.phase]}${version}${detail ? ` — ${detail}` : ''}`;
}

/** The one `role="status"` element: the connection state in words, announced politely. */
export function ConnectionStatus() {
  const connection = useFirehose((s) => s.connection);
  return (
    <div role="status" className={`conn-status phase-${connection.phase}`}>
      <span className="dot" aria-hidden="true" />
      <span>{describeConnection(connection)}</span>
    </div>
  );
}
