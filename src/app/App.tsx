import { type CSSProperties, type FocusEvent, type KeyboardEvent, useEffect, useState } from 'react';
import { ConnectionForm } from '../connection/ConnectionForm';
import { CredentialsDialog } from '../connection/CredentialsDialog';
import { MessageInspector } from '../inspector/MessageInspector';
import { FilterBar } from '../log/FilterBar';
import { LogView } from '../log/LogView';
import { StatusBar } from '../log/StatusBar';
import { useFirehose } from '../session/SessionContext';
import { SubscriptionPanel } from '../subscriptions/SubscriptionPanel';
import { LatestValues } from '../tree/LatestValues';
import { TopicTreePanel } from '../tree/TopicTreePanel';
import { focusFirst, focusFirstSoon, LOG, LOG_TAB_STOP } from '../ui/focus';
import { INSPECTOR, SIDEBAR } from './layoutPrefs';
import { Notices } from './Notices';
import { Shortcuts } from './Shortcuts';
import { Splitter } from './Splitter';
import { useLayout } from './useLayout';
import { ViewTools } from './ViewTools';

function GettingStarted() {
  return (
    <section className="getting-started" aria-label="Getting started">
      <h2>Connect to a broker</h2>
      <ol>
        <li>
          Enter your broker&apos;s MQTT-over-WebSocket URL above, e.g.{' '}
          <code>wss://broker.example.org:443/mqtt</code> or <code>ws://localhost:9001</code>, and press{' '}
          <strong>Connect</strong>.
        </li>
        <li>
          Subscribe to a topic filter: <code>#</code> for everything, <code>gerrit/+/+/change-merged</code>{' '}
          for one kind of event.
        </li>
      </ol>
      <p className="hint">
        Deploying this viewer? Put a <code>config.json</code> beside <code>index.html</code> with your broker,
        e.g.{' '}
        <code>
          {'{"broker": "wss://firehose.example.org/mqtt", "subscriptions": ["#"], "autoConnect": true}'}
        </code>
        .
      </p>
    </section>
  );
}

function useTheme(): void {
  const theme = useFirehose((s) => s.theme);
  useEffect(() => {
    if (theme === 'auto') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
}

type MainView = 'log' | 'latest';

/** The main area shows the live log or the latest value per topic: one tab list, arrows switch. */
function ViewTabs({ view, onChange }: { view: MainView; onChange: (v: MainView) => void }) {
  const tabs: Array<[MainView, string]> = [
    ['log', 'Log'],
    ['latest', 'Latest values'],
  ];
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = view === 'log' ? 'latest' : 'log';
    onChange(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <div role="tablist" aria-label="View" className="view-tabs">
      {tabs.map(([id, label]) => (
        <button
          key={id}
          id={`tab-${id}`}
          type="button"
          role="tab"
          aria-selected={view === id}
          aria-controls={`panel-${id}`}
          tabIndex={view === id ? 0 : -1}
          onClick={() => onChange(id)}
          onKeyDown={onKeyDown}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

/** The skip link lands on the panel; focus moves on to the log's tab stop (a row), so arrow keys work at once. */
function forwardFocus(e: FocusEvent<HTMLDivElement>) {
  if (e.target === e.currentTarget) focusFirst([LOG_TAB_STOP, LOG], e.currentTarget);
}

export function App() {
  const [view, setView] = useState<MainView>('log');
  const [layout, setLayout] = useLayout();
  useTheme();
  const showWelcome = useFirehose(
    (s) => s.form.url === '' && s.subscriptions.length === 0 && s.connection.phase === 'offline',
  );
  const inspecting = useFirehose((s) => s.selectedSeq !== null);
  // The pressed button goes with its panel: focus moves to the one that takes its place.
  const toggle = (patch: Parameters<typeof setLayout>[0], then: string) => {
    setLayout(patch);
    focusFirstSoon([`button[aria-label="${then}"]`, LOG_TAB_STOP, LOG]);
  };
  const panelWidths = {
    '--sidebar-w': `${layout.sidebarWidth}px`,
    '--inspector-w': `${layout.inspectorWidth}px`,
  } as CSSProperties;
  return (
    <div className="app">
      <a className="skip-link" href={`#panel-${view}`}>
        Skip to messages
      </a>
      <Shortcuts />
      <header className="top-bar">
        <h1 className="brand">
          <img src="favicon.svg" alt="" width="22" height="22" />
          <span>Firehose Viewer</span>
        </h1>
        <ConnectionForm />
        <ViewTools />
      </header>
      <CredentialsDialog />
      <Notices />
      <div className={inspecting ? 'workspace inspecting' : 'workspace'} style={panelWidths}>
        {layout.sidebarHidden ? (
          <div className="panel-strip">
            <button
              type="button"
              className="icon"
              aria-label="Show sidebar"
              title="Show sidebar"
              aria-expanded={false}
              aria-controls="sidebar"
              onClick={() => toggle({ sidebarHidden: false }, 'Hide sidebar')}
            >
              »
            </button>
          </div>
        ) : (
          <>
            <aside id="sidebar" className="sidebar" aria-label="Subscriptions and topics">
              <button
                type="button"
                className="icon panel-hide"
                aria-label="Hide sidebar"
                title="Hide sidebar"
                aria-expanded={true}
                aria-controls="sidebar"
                onClick={() => toggle({ sidebarHidden: true }, 'Show sidebar')}
              >
                «
              </button>
              <SubscriptionPanel />
              <TopicTreePanel />
            </aside>
            <Splitter
              label="Resize sidebar"
              controls="sidebar"
              width={layout.sidebarWidth}
              bounds={SIDEBAR}
              panel="left"
              onChange={(sidebarWidth) => setLayout({ sidebarWidth })}
            />
          </>
        )}
        <main className="main">
          {showWelcome ? <GettingStarted /> : null}
          <FilterBar />
          <ViewTabs view={view} onChange={setView} />
          <div
            id={`panel-${view}`}
            role="tabpanel"
            aria-labelledby={`tab-${view}`}
            className="view-panel"
            tabIndex={-1}
            onFocus={forwardFocus}
          >
            {view === 'log' ? <LogView /> : <LatestValues />}
          </div>
          <StatusBar />
        </main>
        {inspecting && !layout.inspectorHidden && (
          <Splitter
            label="Resize inspector"
            controls="inspector"
            width={layout.inspectorWidth}
            bounds={INSPECTOR}
            panel="right"
            onChange={(inspectorWidth) => setLayout({ inspectorWidth })}
          />
        )}
        {inspecting && layout.inspectorHidden ? (
          <div className="panel-strip">
            <button
              type="button"
              className="icon"
              aria-label="Show inspector"
              title="Show inspector"
              aria-expanded={false}
              aria-controls="inspector"
              onClick={() => toggle({ inspectorHidden: false }, 'Hide inspector')}
            >
              «
            </button>
          </div>
        ) : (
          <MessageInspector onHide={() => toggle({ inspectorHidden: true }, 'Show inspector')} />
        )}
      </div>
    </div>
  );
}
