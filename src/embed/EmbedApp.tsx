import { useEffect, useMemo, useRef, useState } from 'react';
import type { LogEntry } from '../ingest/types';
import { formatRate } from '../payload/format';
import { HIDDEN_CHARS_LABEL, revealInvisible } from '../payload/reveal';
import { linkFor } from '../session/currentView';
import { entryPreview } from '../session/entryPreview';
import { useFirehose, useSession } from '../session/SessionContext';
import { useNow } from '../session/useNow';
import { SharedWith } from '../ui/SharedWith';
import type { IgnoredParam, ViewState } from '../url/viewState';
import { DEFAULT_ROWS } from './constants';
import { hostPayload, postToHost } from './hostMessages';
import { fieldLabel, fieldText, liveness, readPath } from './widgetModel';

function clockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * The compact read-only widget for status pages: title, a live indicator, messages/s, and the latest
 * rows newest first. Reads the same session and ring buffer as the full app; renders at most once per
 * animation frame and once a second for the age of the latest event.
 */
export function EmbedApp({ view, ignored }: { view: ViewState; ignored: IgnoredParam[] }) {
  const session = useSession();
  useFirehose((s) => s.viewVersion);
  const phase = useFirehose((s) => s.connection.phase);
  const sharedWith = useFirehose((s) => s.sharedWith);
  const perSecond = useFirehose((s) => s.stats.perSecond);
  const now = useNow(1000);
  const rootRef = useRef<HTMLDivElement>(null);
  const [connectedAt, setConnectedAt] = useState<number | undefined>(undefined);
  const rowsWanted = view.rows ?? DEFAULT_ROWS;

  useEffect(() => {
    setConnectedAt(phase === 'connected' ? Date.now() : undefined);
  }, [phase]);

  const index = session.log.index;
  const entries: LogEntry[] = [];
  for (let i = index.length - 1; i >= 0 && entries.length < rowsWanted; i--) {
    const entry = session.entry(index.seqAt(i));
    if (entry && entry.marker === undefined) entries.push(entry);
  }
  const latest = session.log.latest();
  const live = liveness({
    phase,
    now,
    ...(latest ? { lastMessageAt: latest.time } : {}),
    ...(connectedAt !== undefined ? { connectedAt } : {}),
    ...(view.stale !== undefined ? { staleAfterSeconds: view.stale } : {}),
  });

  // Parsed payloads keyed by seq, kept only for the rows on screen.
  const parsed = useRef(new Map<number, { payload: unknown; binary: boolean }>());
  const shown = new Map<number, { payload: unknown; binary: boolean }>();
  if (view.fields.length > 0) {
    for (const e of entries) shown.set(e.seq, parsed.current.get(e.seq) ?? hostPayload(e));
  }
  parsed.current = shown;

  useEffect(() => {
    postToHost({ type: 'firehose:status', level: live.level, text: live.text });
  }, [live.level, live.text]);

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

  const title = view.title ?? (view.subs.map((s) => s.filter).join(', ') || 'Firehose');
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
        },
        window.location.href,
        './',
      ),
    [view],
  );

  return (
    <div ref={rootRef} className={`widget level-${live.level}`}>
      <header className="widget-head">
        <a className="widget-title" href={fullViewerLink} target="_blank" rel="noopener noreferrer">
          {title}
        </a>
        <span role="status" className="widget-live">
          <span className="dot" aria-hidden="true" />
          {live.text}
        </span>
        {sharedWith > 0 && <SharedWith others={sharedWith} />}
        <span className="widget-rate">{formatRate(perSecond)} msg/s</span>
      </header>
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
        <table className="widget-rows" aria-label="Latest messages">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Topic</th>
              {view.fields.length > 0 ? (
                view.fields.map((f) => (
                  <th scope="col" key={f} title={f}>
                    {fieldLabel(f)}
                  </th>
                ))
              ) : (
                <th scope="col">Message</th>
              )}
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const root = {
                topic: e.topic,
                qos: e.qos,
                retain: e.retain,
                payload: shown.get(e.seq)?.payload,
              };
              const topic = revealInvisible(e.topic);
              return (
                <tr key={e.seq}>
                  <td className="w-time">{clockTime(e.time)}</td>
                  <td className="w-topic" title={topic.text}>
                    <Shown text={topic.text} hidden={topic.hidden} />
                  </td>
                  {view.fields.length > 0 ? (
                    view.fields.map((f) => {
                      const field = revealInvisible(fieldText(readPath(root, f)));
                      return (
                        <td key={f}>
                          <Shown text={field.text} hidden={field.hidden} />
                        </td>
                      );
                    })
                  ) : (
                    <td className="w-preview">
                      <Preview entry={e} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Publisher-chosen text with hidden characters revealed, and a warning mark when there were some. */
function Shown({ text, hidden }: { text: string; hidden: number }) {
  return (
    <>
      {hidden > 0 && (
        <span className="hidden-mark" role="img" aria-label={HIDDEN_CHARS_LABEL} title={HIDDEN_CHARS_LABEL}>
          ⚠
        </span>
      )}
      {text}
    </>
  );
}

function Preview({ entry }: { entry: LogEntry }) {
  const preview = revealInvisible(entryPreview(entry));
  return <Shown text={preview.text} hidden={preview.hidden} />;
}
