import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { MqttVersionChoice } from '../mqtt/types';
import { useFirehose, useSession } from '../session/SessionContext';
import type { SyntaxId } from '../topics/syntax';
import { ConnectionStatus } from './ConnectionStatus';

/** Broker URL, credentials, MQTT version, and Connect/Disconnect. Writes only through the session. */
export function ConnectionForm() {
  const session = useSession();
  const form = useFirehose((s) => s.form);
  const phase = useFirehose((s) => s.connection.phase);
  const syntax = useFirehose((s) => s.syntax);
  const [error, setError] = useState<string | null>(null);
  const [showMore, setShowMore] = useState(false);
  const errorId = useId();
  const passwordRef = useRef<HTMLInputElement>(null);

  // The password input is uncontrolled: React mirrors a controlled input's value into its `value`
  // attribute, which put the password in the DOM for anything that reads markup (outerHTML, page
  // snapshots, extensions). The store stays the source of truth; when it changes the password from
  // elsewhere (the credentials dialog), the input's `value` property follows, never the attribute.
  useEffect(() => {
    const input = passwordRef.current;
    if (input && input.value !== form.password) input.value = form.password;
  }, [form.password]);
  const active = phase === 'connecting' || phase === 'connected' || phase === 'reconnecting';

  const update = (patch: Partial<typeof form>) => {
    setError(null);
    session.store.getState().setForm(patch);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (active) {
      session.connection.disconnect();
      return;
    }
    setError(session.connection.connect());
  };

  return (
    <form className="connection" onSubmit={onSubmit} aria-label="Connection">
      <div className="field grow">
        <label htmlFor="broker-url">Broker URL</label>
        <input
          id="broker-url"
          type="text"
          inputMode="url"
          spellCheck={false}
          autoComplete="url"
          placeholder="wss://broker.example.org:443/mqtt"
          value={form.url}
          // While connected the URL reads as text (selectable, copyable) rather than a greyed-out field.
          readOnly={active}
          className={active ? 'read-only' : undefined}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => update({ url: e.target.value })}
        />
        {error && (
          <p id={errorId} className="inline-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="mqtt-version">MQTT version</label>
        <select
          id="mqtt-version"
          value={form.version}
          disabled={active}
          onChange={(e) => update({ version: e.target.value as MqttVersionChoice })}
        >
          <option value="auto">Auto</option>
          <option value="5">5</option>
          <option value="3.1.1">3.1.1</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="topic-syntax">Topic syntax</label>
        <select
          id="topic-syntax"
          value={syntax}
          disabled={active}
          title="AMQP: RabbitMQ routing keys and binding patterns (a.*.c, a.#), shown with dots"
          onChange={(e) => session.setSyntax(e.target.value as SyntaxId)}
        >
          <option value="mqtt">MQTT</option>
          <option value="amqp">AMQP</option>
        </select>
      </div>
      <button
        type="button"
        className="ghost"
        aria-expanded={showMore}
        aria-controls="connection-more"
        onClick={() => setShowMore((v) => !v)}
      >
        Credentials
      </button>
      <button type="submit" className={active ? 'secondary' : 'primary'}>
        {active ? 'Disconnect' : 'Connect'}
      </button>
      <ConnectionStatus />
      <div id="connection-more" className="connection-more" hidden={!showMore}>
        <div className="field">
          <label htmlFor="mqtt-username">Username</label>
          <input
            id="mqtt-username"
            autoComplete="username"
            value={form.username}
            disabled={active}
            onChange={(e) => update({ username: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="mqtt-password">Password</label>
          <input
            id="mqtt-password"
            type="password"
            autoComplete="current-password"
            ref={passwordRef}
            disabled={active}
            onChange={(e) => update({ password: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="mqtt-client-id">Client ID</label>
          <input
            id="mqtt-client-id"
            placeholder="random"
            value={form.clientId}
            disabled={active}
            onChange={(e) => update({ clientId: e.target.value })}
          />
        </div>
        <div className="field check">
          <label htmlFor="keep-session" className="check-label">
            <input
              id="keep-session"
              type="checkbox"
              checked={form.keepSession}
              disabled={active}
              aria-describedby="keep-session-help"
              onChange={(e) => update({ keepSession: e.target.checked })}
            />{' '}
            Keep session
          </label>
          <small id="keep-session-help" className="hint">
            The broker keeps your subscriptions and queues QoS 1 and 2 messages while the connection is down,
            and sends them when it is back. QoS 0 messages published meanwhile are lost either way.
          </small>
        </div>
        <div className="field check">
          <label htmlFor="share-connection" className="check-label">
            <input
              id="share-connection"
              type="checkbox"
              checked={form.share}
              disabled={active}
              aria-describedby="share-connection-help"
              onChange={(e) => update({ share: e.target.checked })}
            />{' '}
            Share connection
          </label>
          <small id="share-connection-help" className="hint">
            Tabs and widgets of this browser on the same broker, version and login use one connection.
          </small>
        </div>
      </div>
    </form>
  );
}
