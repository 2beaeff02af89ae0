import { type FormEvent, useId, useState } from 'react';
import { useFirehose, useSession } from '../app/SessionContext';
import type { QoS } from '../mqtt/types';
import type { Subscription } from '../store/store';

function statusText(s: Subscription): string {
  switch (s.status.kind) {
    case 'inactive':
      return 'sent on connect';
    case 'pending':
      return 'waiting for broker';
    case 'granted':
      return `granted QoS ${s.status.qos}`;
    case 'refused':
      return `refused by broker (${s.status.reason})`;
    case 'error':
      return `error: ${s.status.reason}`;
  }
}

export function SubscriptionPanel() {
  const session = useSession();
  const subscriptions = useFirehose((s) => s.subscriptions);
  const [filter, setFilter] = useState('');
  const [qos, setQos] = useState<QoS>(0);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problem = session.subscribe(filter, qos);
    setError(problem);
    if (!problem) setFilter('');
  };

  return (
    <section className="subscriptions" aria-labelledby="subs-heading">
      <h2 id="subs-heading">Subscriptions</h2>
      <form onSubmit={onSubmit} className="subscribe-form">
        <div className="field">
          <label htmlFor="topic-filter">Topic filter</label>
          <input
            id="topic-filter"
            spellCheck={false}
            placeholder="gerrit/#"
            value={filter}
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => {
              setFilter(e.target.value);
              setError(null);
            }}
          />
        </div>
        <div className="field qos">
          <label htmlFor="topic-qos">QoS</label>
          <select id="topic-qos" value={qos} onChange={(e) => setQos(Number(e.target.value) as QoS)}>
            <option value={0}>0</option>
            <option value={1}>1</option>
            <option value={2}>2</option>
          </select>
        </div>
        <button type="submit" className="primary">
          Subscribe
        </button>
        {error && (
          <p id={errorId} className="inline-error" role="alert">
            {error}
          </p>
        )}
      </form>
      {subscriptions.length === 0 ? (
        <p className="hint">
          No subscriptions yet. Try # for everything, or a filter such as gerrit/+/change-merged.
        </p>
      ) : (
        <ul className="sub-list" aria-label="Active subscriptions">
          {subscriptions.map((s) => (
            <li key={s.filter} className={`sub sub-${s.status.kind}`}>
              <code className="sub-filter">{s.filter}</code>
              <span className="sub-qos">QoS {s.qos}</span>
              <span className="sub-status">{statusText(s)}</span>
              <button
                type="button"
                className="icon"
                aria-label={`Unsubscribe ${s.filter}`}
                title={`Unsubscribe ${s.filter}`}
                onClick={() => session.unsubscribe(s.filter)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
