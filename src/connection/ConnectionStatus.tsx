import { useId, useState } from 'react';
import type { ConnectionState } from '../mqtt/types';
import { formatAge } from '../payload/format';
import { useFirehose, useSession } from '../session/SessionContext';
import { useNow } from '../session/useNow';
import { SharedWith } from '../ui/SharedWith';
import { redactBrokerUrl } from '../url/brokerUrl';

const WORDS: Record<ConnectionState['phase'], string> = {
  offline: 'Offline',
  connecting: 'Connecting',
  connected: 'Connected',
  reconnecting: 'Reconnecting',
  error: 'Error',
};

/** Past this long without a message, a connected status says so: a quiet topic or a frozen link. */
export const IDLE_AFTER_MS = 10_000;

const versionName = (v: 5 | 4) => (v === 5 ? '5' : '3.1.1');

/**
 * The status line in words. Connected reads short, "Connected · MQTT 3.1.1 · ws://host/": falling back
 * from MQTT 5 to 3.1.1 is normal (aedes, RabbitMQ's Web MQTT), so why it happened waits behind
 * `Connection details` instead of reading like an error on every load.
 */
export function describeConnection(c: ConnectionState, now = Date.now(), url = ''): string {
  if (c.phase === 'error') return c.detail ?? 'Connection failed';
  if (c.phase === 'connected') {
    const parts = [WORDS.connected];
    if (c.protocolVersion) parts.push(`MQTT ${versionName(c.protocolVersion)}`);
    if (url) parts.push(redactBrokerUrl(url));
    return parts.join(' · ');
  }
  const version = c.protocolVersion ? ` (MQTT ${versionName(c.protocolVersion)})` : '';
  let detail = c.detail ?? '';
  if (c.phase === 'reconnecting' && c.retryAt !== undefined) {
    const seconds = Math.max(0, Math.ceil((c.retryAt - now) / 1000));
    detail = `${detail}; ${seconds > 0 ? `next attempt in ${seconds} s` : 'trying now'}`;
  }
  return `${WORDS[c.phase]}${version}${detail ? ` — ${detail}` : ''}`;
}

/** What `Connection details` shows: the version and why, and whether the broker kept the session. */
export function connectionDetails(c: ConnectionState, url: string): string[] {
  const lines: string[] = [];
  if (url) lines.push(`Broker: ${redactBrokerUrl(url)}`);
  if (c.protocolVersion) lines.push(`Protocol: MQTT ${versionName(c.protocolVersion)}`);
  if (c.fallbackNote) lines.push(`Why: ${c.fallbackNote}.`);
  else if (c.protocolVersion === 4) lines.push('Why: MQTT 3.1.1 was chosen in the MQTT version box.');
  if (c.sessionPresent) lines.push('The broker resumed the kept session.');
  return lines;
}

/**
 * The one `role="status"` element: the connection state in words, announced politely. While
 * reconnecting it counts down to the next attempt and offers `Reconnect now`; while connected it says
 * how long no message has arrived, once that is long enough to matter, and offers the details.
 */
export function ConnectionStatus() {
  const session = useSession();
  const connection = useFirehose((s) => s.connection);
  const url = useFirehose((s) => s.form.url);
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const sharedWith = useFirehose((s) => s.sharedWith);
  // The store's stats change with every frame of messages; the clock only once a second.
  const now = useNow(1000);
  const latest = connection.phase === 'connected' ? session.log.latestMessageTime() : undefined;
  const idle = latest !== undefined && now - latest >= IDLE_AFTER_MS ? now - latest : null;
  const connected = connection.phase === 'connected';
  return (
    <>
      <div className="conn-line">
        <div role="status" className={`conn-status phase-${connection.phase}`}>
          <span className="dot" aria-hidden="true" />
          <span className="conn-text">{describeConnection(connection, now, url)}</span>
        </div>
        {sharedWith > 0 && connection.phase !== 'offline' && <SharedWith others={sharedWith} />}
        {idle !== null && <span className="conn-idle">no data for {formatAge(idle)}</span>}
        {connected && (
          <button
            type="button"
            className="ghost small"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen((v) => !v)}
          >
            Connection details
          </button>
        )}
        {connection.phase === 'reconnecting' && (
          <button type="button" className="small" onClick={() => session.connection.reconnectNow()}>
            Reconnect now
          </button>
        )}
      </div>
      {connected && (
        <div id={detailsId} className="conn-details" hidden={!open}>
          {connectionDetails(connection, url).map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
    </>
  );
}
