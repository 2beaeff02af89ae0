import { useEffect, useId, useRef, useState } from 'react';
import { boundedLinkFor, fullViewFromState } from '../session/currentView';
import { useSession } from '../session/SessionContext';
import { copyText } from '../ui/copyText';
import { describeBoundedLink } from '../url/boundLink';
import { MAX_ROWS, parseOrigin, type Theme, type ViewState, type WidgetMode } from '../url/viewState';
import { DEFAULT_ROWS } from './constants';
import { iframeSnippet, widgetHeight } from './snippet';
import { defaultTitle } from './widgetModel';

interface Options {
  mode: WidgetMode;
  rows: number;
  fields: string;
  title: string;
  stale: string;
  theme: Theme;
  transparent: boolean;
  events: boolean;
  hosts: string;
  width: number;
}

/** Builds the `<iframe>` snippet for the current view, with options and a live preview. */
export function EmbedDialog({ onClose }: { onClose: () => void }) {
  const session = useSession();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [o, setO] = useState<Options>({
    mode: 'log',
    rows: DEFAULT_ROWS,
    fields: '',
    title: '',
    stale: '',
    theme: session.store.getState().theme,
    transparent: false,
    events: false,
    hosts: '',
    width: 560,
  });
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const base = fullViewFromState(session.store.getState());
  const fields = o.fields
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const stale = Number(o.stale);
  const hostChecks = o.hosts
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((h) => ({ text: h, checked: parseOrigin(h) }));
  const hosts = hostChecks.flatMap((h) => (h.checked.ok ? [h.checked.origin] : []));
  const badHosts = hostChecks.flatMap((h) => (h.checked.ok ? [] : [`${h.text}: ${h.checked.error}`]));
  const view: ViewState = {
    ...base,
    paused: false,
    embed: true,
    theme: o.theme,
    rows: Math.max(1, Math.min(MAX_ROWS, Math.round(o.rows) || DEFAULT_ROWS)),
    fields,
    events: o.events,
    mode: o.mode,
    hosts: [...new Set(hosts)],
    ...(o.title.trim() ? { title: o.title.trim() } : {}),
    ...(Number.isInteger(stale) && stale > 0 ? { stale } : {}),
    ...(o.transparent ? { bg: 'transparent' as const } : {}),
  };
  const link = boundedLinkFor(view, window.location.href, 'embed.html');
  const src = link.href;
  const height = widgetHeight(view.rows ?? DEFAULT_ROWS, view.mode);
  const snippet = iframeSnippet({
    src,
    title:
      view.title ??
      defaultTitle(
        base.subs.map((s) => s.filter),
        base.broker,
      ),
    width: o.width,
    height,
    transparent: o.transparent,
  });
  const set = (patch: Partial<Options>) => setO((prev) => ({ ...prev, ...patch }));
  const missing = !base.broker || base.subs.length === 0;

  return (
    <dialog ref={ref} className="dialog embed-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <h2 id={`${id}-title`}>Embed this view</h2>
      {missing && (
        <p className="inline-error">
          Set a broker URL and at least one subscription first: the widget shows those.
        </p>
      )}
      {!missing && link.dropped.length > 0 && (
        <p className="inline-error">{describeBoundedLink(link, 'The snippet shows this view')}</p>
      )}
      <div className="embed-grid">
        <div className="embed-options">
          <div className="field">
            <label htmlFor={`${id}-mode`}>Mode</label>
            <select
              id={`${id}-mode`}
              value={o.mode}
              onChange={(e) => set({ mode: e.target.value as WidgetMode })}
            >
              <option value="log">Log: latest messages</option>
              <option value="latest">Status board: latest value per topic</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-rows`}>Rows</label>
            <input
              id={`${id}-rows`}
              type="number"
              min={1}
              max={MAX_ROWS}
              value={o.rows}
              onChange={(e) => set({ rows: Number(e.target.value) })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-fields`}>Fields</label>
            <input
              id={`${id}-fields`}
              placeholder="payload.change.project,payload.type"
              value={o.fields}
              onChange={(e) => set({ fields: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-title-input`}>Title</label>
            <input
              id={`${id}-title-input`}
              placeholder={defaultTitle(
                base.subs.map((s) => s.filter),
                base.broker,
              )}
              value={o.title}
              onChange={(e) => set({ title: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-stale`}>Stale after (seconds)</label>
            <input
              id={`${id}-stale`}
              inputMode="numeric"
              placeholder="e.g. 240"
              value={o.stale}
              onChange={(e) => set({ stale: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-theme`}>Widget theme</label>
            <select
              id={`${id}-theme`}
              value={o.theme}
              onChange={(e) => set({ theme: e.target.value as Theme })}
            >
              <option value="auto">Auto</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-width`}>Width (px)</label>
            <input
              id={`${id}-width`}
              type="number"
              min={200}
              max={2000}
              value={o.width}
              onChange={(e) => set({ width: Number(e.target.value) || 560 })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-hosts`}>Host pages that may control it</label>
            <input
              id={`${id}-hosts`}
              placeholder="https://status.example.org"
              value={o.hosts}
              aria-describedby={`${id}-hosts-hint`}
              onChange={(e) => set({ hosts: e.target.value })}
            />
            <span id={`${id}-hosts-hint`} className={badHosts.length > 0 ? 'inline-error' : 'hint'}>
              {badHosts.length > 0
                ? `Left out: ${badHosts.join('; ')}`
                : 'Origins, comma-separated; none: no page can change its filter or pause it'}
            </span>
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={o.transparent}
              onChange={(e) => set({ transparent: e.target.checked })}
            />
            Transparent background
          </label>
          <label className="check">
            <input type="checkbox" checked={o.events} onChange={(e) => set({ events: e.target.checked })} />
            Post messages to the host page
          </label>
        </div>
        <div className="embed-output">
          <label htmlFor={`${id}-code`}>Embed code</label>
          <textarea
            id={`${id}-code`}
            readOnly
            rows={5}
            value={snippet}
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="dialog-actions">
            <span aria-live="polite">{copied ? 'Snippet copied' : ''}</span>
            <button
              type="button"
              onClick={() => void copyText(snippet).then((ok) => setCopied(ok))}
              disabled={missing}
            >
              Copy snippet
            </button>
          </div>
          <p className="field-label">Preview ({height} px high, the height in the snippet)</p>
          {missing ? null : (
            <iframe
              className="embed-preview"
              title="Widget preview"
              src={src}
              // As in the snippet: a transparent widget is light-scheme, and so must its iframe be, or the
              // dark app around it would give it an opaque canvas.
              style={o.transparent ? { colorScheme: 'light' } : undefined}
              width={Math.min(o.width, 640)}
              height={height}
            />
          )}
        </div>
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
