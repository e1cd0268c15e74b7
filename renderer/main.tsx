/**
 * Entry point. In Electron the preload has already put the API on `window.kho`;
 * in the web mode the HTTP client is installed here with the page's token.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createHttpApi, takeToken } from './http-api';
import './styles.css';

let startupError: 'token' | null = null;
if (!window.kho) {
  const token = takeToken();
  if (token) window.kho = createHttpApi(token);
  else startupError = 'token';
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App startupError={startupError} />
  </StrictMode>,
);
