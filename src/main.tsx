import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { bootstrap } from './app/bootstrap';
import { ErrorBoundary } from './app/ErrorBoundary';
import { persistSettings } from './app/persistSettings';
import { startUrlSync } from './app/urlSync';
import { SessionProvider } from './session/SessionContext';
import { Session } from './session/session';
import { TransferProvider } from './session/TransferContext';
import { TransferService } from './session/transfer';
import './styles.css';

const session = new Session();
// Export and Import: the full viewer's alone (the widget's bundle leaves them out).
const transfer = new TransferService(
  session.store,
  session.ingest,
  session.log,
  () => session.connection.syntax,
);

declare global {
  interface Window {
    /** Read-only live counters for tools: the benchmark, tests, the console. */
    readonly __firehoseStats: Session['stats'];
  }
}
Object.defineProperty(window, '__firehoseStats', { value: session.stats, enumerable: false });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <SessionProvider value={session}>
        <TransferProvider value={transfer}>
          <App />
        </TransferProvider>
      </SessionProvider>
    </ErrorBoundary>
  </StrictMode>,
);

void bootstrap(session, window.location.search).then(() => {
  persistSettings(session);
  startUrlSync(session);
});
