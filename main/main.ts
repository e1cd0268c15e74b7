/**
 * Electron main process: a secure window, the menu and the IPC wiring, nothing
 * else. All work happens in indexer/ (plain Node: extraction and embedding run
 * in worker threads, so the window never waits on them); the testable parts
 * live in ipc.ts, desktop.ts, window-state.ts and first-run.ts (data folder,
 * one instance, the corpus and model an installer ships).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell, type MenuItemConstructorOptions } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Library } from '../indexer/library/library.js';
import { dataLayout } from '../indexer/library/paths.js';
import { SettingsFile } from '../indexer/library/settings.js';
import { bundledCorpusPath } from '../indexer/transports/cli/serve.js';
import { bringToFront, bundledCorpusFolder, claimSingleInstance, importBundledModels, settleDataFolder } from './first-run.js';
import { bundledResources, CSP, lockDown, MENU_CHANNEL, menuTemplate, registerDesktopHandlers, webPreferences, type MenuEntry } from './desktop.js';
import { registerApiHandlers } from './ipc.js';
import { readWindowState, restoreBounds, writeWindowState } from './window-state.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// The renderer as built by vite (dist/renderer), next to this file's dist/main.
const rendererFile = path.join(here, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererFile).href;

async function start(): Promise<void> {
  // The CLI's data folder (an older app folder is moved there once), before the instance lock lives in it.
  const { dataDir } = settleDataFolder(app, { platform: process.platform, env: process.env, home: os.homedir() }, (line) => console.log(line));
  let window: BrowserWindow | null = null;
  if (!claimSingleInstance(app, () => bringToFront(window))) return;
  await app.whenReady();

  // What the installer shipped: OCR language data, a model, the sample corpus.
  const resources = app.isPackaged ? bundledResources(process.resourcesPath) : { tessdata: null, models: [] };
  if (resources.tessdata && !process.env.KHO_TESSDATA) process.env.KHO_TESSDATA = resources.tessdata;
  const corpus = bundledCorpusFolder(app.isPackaged ? process.resourcesPath : null, bundledCorpusPath());

  const library = await Library.open({ dataDir, onProgress: (progress) => window?.webContents.send('kho:progress', progress) });
  const report = (error: Error) => console.error(`kho: ${error.message}`);
  await importBundledModels(resources.models, new SettingsFile(dataLayout(dataDir).settings), library, report).catch(report);

  // The API as the page sees it: the library, with the sample corpus offered on first start.
  registerApiHandlers(ipcMain, library, rendererUrl, { bundledCorpus: corpus });
  registerDesktopHandlers(
    ipcMain,
    {
      chooseFolder: async () => {
        const picked = await dialog.showOpenDialog(window!, { properties: ['openDirectory'] });
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
      openPath: (file) => shell.openPath(file),
      isLibraryDocument: (file) => library.hasDocument(file),
      sourceOf: (file) => library.sourceOf(file),
    },
    rendererUrl,
  );

  // Library folders: rescanned at start (resuming an interrupted run), then watched while the app runs.
  const watcher = await library.watch(() => undefined, report);
  if ((await library.folders()).length > 0) void library.index({ paths: [] }).catch(report);

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const stateFile = path.join(app.getPath('userData'), 'window.json');
  const restored = restoreBounds(readWindowState(stateFile), screen.getAllDisplays().map((d) => d.workArea));
  window = new BrowserWindow({
    ...restored.bounds,
    minWidth: 720,
    minHeight: 480,
    title: 'Kho Tri Thức',
    show: false,
    webPreferences: webPreferences(path.join(here, 'preload.cjs')),
  });
  if (restored.maximized) window.maximize();
  window.once('ready-to-show', () => window?.show());
  window.on('close', () => {
    if (!window) return;
    try {
      writeWindowState(stateFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      report(error as Error);
    }
  });

  lockDown(window.webContents, (url) => shell.openExternal(url));

  const send = (command: string) => window?.webContents.send(MENU_CHANNEL, command);
  // Indexing commands run here (progress reaches the page as events); the rest is the page's to do.
  const run = (command: string) => {
    if (command === 'add-folder') {
      void dialog.showOpenDialog(window!, { properties: ['openDirectory', 'multiSelections'] }).then((picked) => {
        if (picked.canceled || picked.filePaths.length === 0) return;
        send('show-library');
        void library.index({ paths: picked.filePaths }).catch((error: Error) => dialog.showErrorBox('Kho Tri Thức', error.message));
      });
    } else if (command === 'reindex') {
      send('show-library');
      void library.index({ paths: [] }).catch((error: Error) => dialog.showErrorBox('Kho Tri Thức', error.message));
    } else send(command);
  };
  const toElectron = (entries: MenuEntry[]): MenuItemConstructorOptions[] =>
    entries.map(({ command, submenu, ...entry }) => ({
      ...(entry as MenuItemConstructorOptions),
      ...(submenu ? { submenu: toElectron(submenu) } : {}),
      ...(command === 'quit' ? { click: () => app.quit() } : command ? { click: () => run(command) } : {}),
    }));
  const lang = app.getLocale().startsWith('vi') || !app.getLocale() ? 'vi' : 'en';
  Menu.setApplicationMenu(Menu.buildFromTemplate(toElectron(menuTemplate(lang, process.platform))));

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
