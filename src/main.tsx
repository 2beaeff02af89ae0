import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { bootstrap } from './app/bootstrap';
import { ErrorBoundary } from './app/ErrorBoundary';
import { persistSettings } from './app/persistSettings';
import { startUrlSync } from './app/urlSync';
import { SessionProvider } from './session/SessionContext';
import { Session } from './session/session';
import './styles.css';

const session = new Session();

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
        <App />
      </SessionProvider>
    </ErrorBoundary>
  </StrictMode>,
);

void bootstrap(session, window.location.search).then(() => {
  persistSettings(session);
  startUrlSync(session);
});
