import { type FormEvent, useId, useState } from 'react';
import type { QoS } from '../mqtt/types';
import { useFirehose, useSession } from '../session/SessionContext';
import type { Subscription } from '../store/store';
import { topicSyntax } from '../topics/syntax';
import { focusFirstSoon } from '../ui/focus';
import { Sparkline, useSampledHistory } from '../ui/Sparkline';
import { FilterPreview } from './FilterPreview';

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
    case 'hung-up':
      return 'the broker disconnected on this filter; not sent again until you retry';
  }
}

export function SubscriptionPanel() {
  const session = useSession();
  const subscriptions = useFirehose((s) => s.subscriptions);
  const syntaxId = useFirehose((s) => s.syntax);
  const [filter, setFilter] = useState('');
  const [qos, setQos] = useState<QoS>(0);
  const [error, setError] = useState<string | null>(null);
  /** Warnings shown for the filter as typed; a second press of Subscribe sends it anyway. */
  const [warned, setWarned] = useState<{ filter: string; warnings: string[] } | null>(null);
  const errorId = useId();
  const warnId = useId();
  const syntax = topicSyntax(syntaxId);
  // Each subscription's messages/s, once a second, from the topic tree's own rate buckets: a walk over
  // the known topics per subscription, never per message.
  const rates = useSampledHistory(() => {
    const out: Record<string, number> = {};
    const now = Date.now();
    const current = session.store.getState();
    const syn = topicSyntax(current.syntax);
    for (const s of current.subscriptions) {
      out[s.filter] =
        syn.validate(s.filter) === null ? session.topics.tree.matching(syn.compile(s.filter), now).rate : 0;
    }
    return out;
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const warnings = session.connection.warnings(filter);
    if (warnings.length > 0 && warned?.filter !== filter) {
      setWarned({ filter, warnings });
      return;
    }
    const problem = session.connection.subscribe(filter, qos);
    setError(problem);
    if (!problem) {
      setFilter('');
      setWarned(null);
    }
  };

  const describedBy = [error ? errorId : '', warned ? warnId : ''].filter(Boolean).join(' ') || undefined;
  const placeholder = syntaxId === 'amqp' ? 'pulp.server.repo.*.finish' : 'gerrit/#';

  return (
    <section className="subscriptions" aria-labelledby="subs-heading">
      <h2 id="subs-heading">Subscriptions</h2>
      <form onSubmit={onSubmit} className="subscribe-form">
        <div className="field">
          <label htmlFor="topic-filter">Topic filter</label>
          <input
            id="topic-filter"
            spellCheck={false}
            autoComplete="off"
            placeholder={placeholder}
            list="topic-filter-completions"
            value={filter}
            aria-invalid={error !== null}
            aria-describedby={describedBy}
            onChange={(e) => {
              setFilter(e.target.value);
              setError(null);
              setWarned(null);
            }}
          />
          <FilterPreview filter={filter} listId="topic-filter-completions" />
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
          {warned ? 'Subscribe anyway' : 'Subscribe'}
        </button>
        {error && (
          <p id={errorId} className="inline-error" role="alert">
            {error}
          </p>
        )}
        {warned && (
          <p id={warnId} className="inline-warning" role="alert">
            {warned.warnings.join(' ')} Press “Subscribe anyway” to send it.
          </p>
        )}
      </form>
      {subscriptions.length === 0 ? (
        <p className="hint">
          No subscriptions yet. Try # for everything, or a filter such as{' '}
          {syntaxId === 'amqp' ? 'pulp.server.repo.*.finish' : 'gerrit/+/+/change-merged'}.
        </p>
      ) : (
        <ul className="sub-list" aria-label="Active subscriptions">
          {subscriptions.map((s, i) => (
            <li key={s.filter} className={`sub sub-${s.status.kind}`}>
              <code className="sub-filter">{s.filter}</code>
              <span className="sub-qos">QoS {s.qos}</span>
              <Sparkline values={rates[s.filter] ?? []} label={`Messages/s for ${s.filter}`} width={48} />
              <span className="sub-status">{statusText(s)}</span>
              {s.wire !== s.filter && (
                <span className="sub-wire">
                  sent as <code>{s.wire}</code>
                  {s.narrowed ? `, narrowed here to the ${syntax.label} pattern` : ''}
                </span>
              )}
              {s.status.kind === 'hung-up' && (
                <button
                  type="button"
                  className="ghost small"
                  onClick={() => session.connection.subscribe(s.filter, s.qos)}
                >
                  Retry {s.filter}
                </button>
              )}
              <button
                type="button"
                className="icon"
                aria-label={`Unsubscribe ${s.filter}`}
                title={`Unsubscribe ${s.filter}`}
                onClick={() => {
                  session.connection.unsubscribe(s.filter);
                  // The pressed button goes with its row: focus the next row's (or the one before), else
                  // the Topic filter field, never the page body.
                  const next = subscriptions[i + 1] ?? subscriptions[i - 1];
                  focusFirstSoon([
                    ...(next ? [`[data-unsubscribe="${CSS.escape(next.filter)}"]`] : []),
                    '#topic-filter',
                  ]);
                }}
                data-unsubscribe={s.filter}
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
