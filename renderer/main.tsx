/**
 * Entry point. The API client is installed on `window.kho` here: over the
 * preload's bridge in Electron, over HTTP with the page's token in web mode.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createDesktopApi } from './bridge';
import { createHttpApi, takeToken } from './http-api';
import './styles.css';

let startupError: 'token' | null = null;
if (window.khoDesktop) window.kho = createDesktopApi(window.khoDesktop);
else if (!window.kho) {
  const token = takeToken();
  if (token) window.kho = createHttpApi(token);
  else startupError = 'token';
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App startupError={startupError} />
  </StrictMode>,
);
