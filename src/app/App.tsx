import { useEffect } from 'react';
import { ConnectionForm } from '../connection/ConnectionForm';
import { CredentialsDialog } from '../connection/CredentialsDialog';
import { MessageInspector } from '../inspector/MessageInspector';
import { FilterBar } from '../log/FilterBar';
import { LogView } from '../log/LogView';
import { StatusBar } from '../log/StatusBar';
import { SubscriptionPanel } from '../subscriptions/SubscriptionPanel';
import { Notices } from './Notices';
import { useFirehose } from './SessionContext';
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
          Subscribe to a topic filter: <code>#</code> for everything, <code>gerrit/+/change-merged</code> for
          one kind of event.
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

export function App() {
  useTheme();
  const showWelcome = useFirehose(
    (s) => s.form.url === '' && s.subscriptions.length === 0 && s.connection.phase === 'offline',
  );
  return (
    <div className="app">
      <header className="top-bar">
        <div className="brand" aria-hidden="true">
          <img src="favicon.svg" alt="" width="22" height="22" />
          <span>Firehose Viewer</span>
        </div>
        <ConnectionForm />
        <ViewTools />
      </header>
      <CredentialsDialog />
      <Notices />
      <div className="workspace">
        <aside className="sidebar">
          <SubscriptionPanel />
        </aside>
        <main className="main">
          {showWelcome ? <GettingStarted /> : null}
          <FilterBar />
          <LogView />
          <StatusBar />
        </main>
        <MessageInspector />
      </div>
    </div>
  );
}
