import { useEffect, useMemo, useRef, useState } from 'react';
import { formatRate } from '../payload/format';
import { DEFAULT_DISPLAY } from '../payload/logDisplay';
import { revealInvisible } from '../payload/reveal';
import { linkFor } from '../session/currentView';
import { entryPreview } from '../session/entryPreview';
import { RowText } from '../session/rowText';
import { useFirehose, useSession } from '../session/SessionContext';
import { useNow } from '../session/useNow';
import { topicSyntax } from '../topics/syntax';
import { SharedWith } from '../ui/SharedWith';
import type { IgnoredParam, ViewState } from '../url/viewState';
import type { Summarize } from './cells';
import { DEFAULT_ROWS } from './constants';
import { postToHost } from './hostMessages';
import { LogRows } from './LogRows';
import { StatusBoard } from './StatusBoard';
import { defaultTitle, liveness, trouble } from './widgetModel';

/**
 * The compact read-only widget for status pages: title, a live indicator (with the reason when the
 * feed is down), messages/s, and either the latest rows newest first (`mode=log`) or one row per topic
 * (`mode=latest`). Reads the same session, ring buffer and topic tree as the full app; renders at most
 * once per store frame and once a second for ages.
 *
 * `summarize` turns a message into its one-line text; the default is its event summary (built-in and
 * the link's `tpl=` templates), or the payload preview with `raw=1` or when no template fits. Event
 * summaries plug in here.
 */
export function EmbedApp({
  view,
  ignored,
  summarize: summarizeProp,
}: {
  view: ViewState;
  ignored: IgnoredParam[];
  summarize?: Summarize;
}) {
  const session = useSession();
  const connection = useFirehose((s) => s.connection);
  const subscriptions = useFirehose((s) => s.subscriptions);
  const sharedWith = useFirehose((s) => s.sharedWith);
  const perSecond = useFirehose((s) => s.stats.perSecond);
  const paused = useFirehose((s) => s.paused);
  useFirehose((s) => s.viewVersion);
  const now = useNow(1000);
  const rootRef = useRef<HTMLDivElement>(null);
  const [connectedAt, setConnectedAt] = useState<number | undefined>(undefined);
  const rows = view.rows ?? DEFAULT_ROWS;
  const syntax = useFirehose((s) => s.syntax);
  // The link's summary templates and the built-ins, unless it asks for raw payloads (`raw=1`).
  const summarize = useMemo<Summarize>(() => {
    if (summarizeProp) return summarizeProp;
    const rowText = new RowText(
      { ...DEFAULT_DISPLAY, summaries: view.templates, showRaw: view.raw },
      topicSyntax(syntax),
    );
    return (entry) => rowText.of(entry).summary ?? entryPreview(entry);
  }, [summarizeProp, view.templates, view.raw, syntax]);
  const phase = connection.phase;

  useEffect(() => {
    setConnectedAt(phase === 'connected' ? Date.now() : undefined);
  }, [phase]);

  const problem = useMemo(() => trouble({ connection, subscriptions }), [connection, subscriptions]);
  const latest = session.log.latest();
  const live = liveness({
    phase,
    now,
    trouble: problem,
    subscribing: subscriptions.some((s) => s.status.kind === 'pending'),
    ...(latest ? { lastMessageAt: latest.time } : {}),
    ...(connectedAt !== undefined ? { connectedAt } : {}),
    ...(view.stale !== undefined ? { staleAfterSeconds: view.stale } : {}),
  });

  useEffect(() => {
    postToHost({
      type: 'firehose:status',
      level: live.level,
      text: live.text,
      ...(live.reason ? { reason: live.reason } : {}),
    });
  }, [live.level, live.text, live.reason]);

  useEffect(() => {
    const el = rootRef.current;
    if (!el) return;
    let last = -1;
    const observer = new ResizeObserver(() => {
      const height = Math.ceil(el.getBoundingClientRect().height);
      if (height !== last) {
        last = height;
        postToHost({ type: 'firehose:resize', height });
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const title =
    view.title ??
    defaultTitle(
      view.subs.map((s) => s.filter),
      view.broker,
    );
  const fullViewerLink = useMemo(
    () =>
      linkFor(
        {
          ...view,
          embed: false,
          rows: undefined,
          fields: [],
          title: undefined,
          stale: undefined,
          bg: undefined,
          events: false,
          mode: 'log',
          hosts: [],
        },
        window.location.href,
        './',
      ),
    [view],
  );

  return (
    <div
      ref={rootRef}
      className={`widget level-${live.level}`}
      style={{ '--rows': rows } as React.CSSProperties}
    >
      <header className="widget-head">
        <a className="widget-title" href={fullViewerLink} target="_blank" rel="noopener noreferrer">
          {title}
        </a>
        <span role="status" className="widget-live">
          <span className="dot" aria-hidden="true" />
          {paused ? `paused by the host page; ${live.text}` : live.text}
        </span>
        {sharedWith > 0 && <SharedWith others={sharedWith} />}
        <span className="widget-rate">{formatRate(perSecond)} msg/s</span>
      </header>
      {live.reason && <p className="widget-reason">{revealInvisible(live.reason).text}</p>}
      {ignored.length > 0 && (
        <p className="widget-warning">
          Ignored: {ignored.map((i) => `${i.param}=${i.value.slice(0, 40)} (${i.reason})`).join('; ')}
        </p>
      )}
      {!view.broker || view.subs.length === 0 ? (
        <p className="widget-warning">
          This widget needs a broker= (ws:// or wss://) and at least one sub= parameter.
        </p>
      ) : (
        <div className={view.mode === 'latest' ? 'widget-body board-body' : 'widget-body'}>
          {view.mode === 'latest' ? (
            <StatusBoard
              rows={rows}
              fields={view.fields}
              staleAfterSeconds={view.stale}
              now={now}
              summarize={summarize}
            />
          ) : (
            <LogRows rows={rows} fields={view.fields} summarize={summarize} />
          )}
        </div>
      )}
    </div>
  );
}
