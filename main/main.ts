/**
 * Electron main process: a secure window and the IPC wiring, nothing else.
 * All work happens in indexer/ (plain Node); see main/ipc.ts for the handlers.
 */
import { app, BrowserWindow, ipcMain, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Library } from '../indexer/library.js';
import { resolveDataDir } from '../indexer/paths.js';
import { registerApiHandlers } from './ipc.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// The renderer as built by vite (dist/renderer), next to this file's dist/main.
const rendererFile = path.join(here, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererFile).href;

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  let window: BrowserWindow | null = null;
  const library = await Library.open({
    dataDir: resolveDataDir(undefined, { ...process.env, KHO_DATA: process.env.KHO_DATA ?? app.getPath('userData') }),
    // Progress is pushed to the page; indexing itself runs off the UI thread (extraction and embedding in workers).
    onProgress: (progress) => window?.webContents.send('kho:progress', progress),
  });
  registerApiHandlers(ipcMain, library, rendererUrl);
  // Library folders: rescanned at start (resuming an interrupted run), then watched while the app runs.
  const report = (error: Error) => console.error(`kho: ${error.message}`);
  const watcher = await library.watch(() => undefined, report);
  if ((await library.folders()).length > 0) void library.index({ paths: [] }).catch(report);
  window = new BrowserWindow({
    width: 1200,
    height: 800,
    title: 'Kho Tri Thức',
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  // No navigation away from the bundled page; links open in the system browser only if http(s).
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  await window.loadURL(rendererUrl);
  app.on('window-all-closed', () => {
    watcher.close();
    void library
      .cancelIndex()
      .then(() => library.close())
      .finally(() => app.quit());
  });
}

void start();
