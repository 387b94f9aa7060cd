import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './app/app-root.tsx';
import { initI18n } from './app/i18n/index.ts';
import { preloadFirstPage } from './app/route-preload.ts';
import './app/styles.css';

// Before anything renders: the landing page's code and data load while the session is being checked.
preloadFirstPage(window.location.pathname);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);
// In English the strings' chunk loads first (a Chinese session renders at once); a failure to load it still
// renders, in Chinese, rather than leave the page blank.
void initI18n()
  .catch(() => undefined)
  .then(() =>
    root.render(
      <StrictMode>
        <AppRoot />
      </StrictMode>,
    ),
  );
