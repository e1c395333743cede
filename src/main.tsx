import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { TrainingSession } from './app/session';
import { OfflineCopy } from './app/offline';
import { ACTIVE_STATES } from './app/run-store';
import { pickLanguage } from './i18n/languages';
import { setupI18n } from './i18n/setup';
import './ui/styles.css';

const i18n = await setupI18n(pickLanguage(location.search, navigator.languages).language);

const session = new TrainingSession(
  () => new Worker(new URL('./worker/worker.ts', import.meta.url), { type: 'module', name: 'training' }),
  (name) => i18n.t('runs.retryName', { name }),
);
// The browser tests drive the session directly (crash recovery, a lost GPU): only in their build, never in what ships.
if (import.meta.env.VITE_TEST_HOOKS === '1') (window as unknown as { playground: TrainingSession }).playground = session;

// The offline copy holds reloads while any run of this page trains (or loads, or is paused).
const offline = new OfflineCopy(() =>
  session.runs.getSnapshot().some((r) => session.activeRunIds.includes(r.id) && ACTIVE_STATES.includes(r.state)),
);
offline.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App session={session} offline={offline} />
  </StrictMode>,
);
