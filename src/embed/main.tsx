import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionProvider } from '../session/SessionContext';
import { Session } from '../session/session';
import { parseViewState } from '../url/viewState';
import { DEFAULT_ROWS } from './constants';
import { EmbedApp } from './EmbedApp';
import { startHostCommands } from './hostCommands';
import { startHostEvents } from './hostEvents';
import './embed.css';

// The widget entry (embed.html): no saved settings, no config.json, no URL rewriting. Its whole
// configuration is the link, and its connection retries on its own for as long as it is on screen.
const { view, ignored } = parseViewState(window.location.search);
if (view.theme !== 'auto') document.documentElement.dataset.theme = view.theme;
if (view.bg === 'transparent') document.documentElement.classList.add('transparent');

/**
 * Redrawn 4 times a second at most (2 under a flood, below), from batches the worker sends on the same
 * wall-clock quarter seconds: a status page reads no faster, and ten widgets of a page then wake it and
 * redraw together (bench/widgets.ts). The topic tree only for `mode=latest`, the one mode that reads it.
 */
const WIDGET_FLUSH_MS = 250;
const WIDGET_BATCH_MS = 250;
/**
 * Twice a second under a flood: when a redraw brought at least as many messages as the widget has rows,
 * every row was replaced, and the next redraw waits for a half-second boundary
 * (`Ingest.floodFlushIntervalMs`).
 */
const WIDGET_FLOOD_FLUSH_MS = 500;
/**
 * Messages a widget keeps: what a host's `firehose:set-filter` searches. Not the app's 50,000: ten
 * widgets of ~600 B events would hold 300 MB, and the garbage collector would walk it all.
 */
const WIDGET_CAPACITY = 5_000;
const session = new Session(undefined, undefined, {
  minFlushIntervalMs: WIDGET_FLUSH_MS,
  flood: { intervalMs: WIDGET_FLOOD_FLUSH_MS, messages: view.rows ?? DEFAULT_ROWS },
  topicTree: view.mode === 'latest',
});
session.log.setCapacity(WIDGET_CAPACITY);
if (view.broker && view.subs.length > 0) {
  session.store.getState().setForm({ url: view.broker, version: view.version, share: view.share });
  session.setSyntax(view.syntax);
  for (const sub of view.subs) session.connection.subscribe(sub.filter, sub.qos);
  if (view.filter) session.log.setFilter(view.filter);
  if (view.events) startHostEvents(session, view.rows ?? DEFAULT_ROWS);
  startHostCommands(session, view.hosts);
  session.connection.connect({ persistent: true, batchMs: WIDGET_BATCH_MS });
}

const root = document.getElementById('root');
if (!root) throw new Error('embed.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <SessionProvider value={session}>
      <EmbedApp view={view} ignored={ignored} />
    </SessionProvider>
  </StrictMode>,
);
