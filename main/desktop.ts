/**
 * What only the desktop app has, kept free of Electron imports so it can be
 * tested as plain code: the extra IPC messages (folder picker, open in the
 * default app, a document's bytes for the PDF viewer), the application menu,
 * which links may leave the app, and the resources an installer ships.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../indexer/api/errors.js';
import { guarded, type IpcLike } from './ipc.js';

/** Desktop-only messages; each is its own channel with its own checked handler (no generic send). */
export const DESKTOP_CHANNELS = {
  pickFolder: 'kho:pickFolder',
  openDocument: 'kho:openDocument',
  documentBytes: 'kho:documentBytes',
} as const;

/** Pushed to the page when a menu item asks the page to do something. */
export const MENU_CHANNEL = 'kho:menu';
export type MenuCommand = 'focus-search' | 'show-search' | 'show-library' | 'show-basket' | 'add-folder' | 'reindex';

/** Documents larger than this are not sent to the viewer (it opens them in the default app instead). */
export const MAX_VIEWER_BYTES = 200 * 1024 * 1024;

/** Only web pages may open outside the app, in the system browser; never file:, javascript: or custom schemes. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && !parsed.username && !parsed.password && parsed.hostname !== '';
  } catch {
    return false;
  }
}

export interface DesktopServices {
  /** The native folder chooser; null when cancelled. */
  chooseFolder(): Promise<string | null>;
  /** Open a file in the system's default application; resolves to an error message or "". */
  openPath(file: string): Promise<string>;
  /** Only documents of the library may be opened or read. */
  isLibraryDocument(file: string): boolean;
  /** Where this machine reads a document's file (a shared library's root mapped to a local mount; `root.notMapped` when nowhere). */
  sourceOf?(file: string): Promise<string>;
}

/** Register the desktop-only handlers on something shaped like `ipcMain`; failures cross as message codes. */
export function registerDesktopHandlers(ipc: IpcLike, services: DesktopServices, rendererUrl: string): string[] {
  const libraryPath = async (arg: unknown): Promise<string> => {
    const file = typeof arg === 'object' && arg && 'path' in arg && typeof arg.path === 'string' ? arg.path : '';
    // As the library recorded it (a shared library's path may be another system's), else made absolute.
    const absolute = file && services.isLibraryDocument(file) ? file : path.resolve(file);
    if (!file || !services.isLibraryDocument(absolute)) throw new UserError('document.notInLibrary', { path: absolute });
    return services.sourceOf ? services.sourceOf(absolute) : absolute;
  };
  ipc.handle(DESKTOP_CHANNELS.pickFolder, guarded(rendererUrl, () => services.chooseFolder()));
  ipc.handle(DESKTOP_CHANNELS.openDocument, guarded(rendererUrl, async (arg) => {
    const file = await libraryPath(arg);
    const problem = await services.openPath(file);
    if (problem) throw new UserError('document.cannotOpen', { path: file, detail: problem });
  }));
  ipc.handle(DESKTOP_CHANNELS.documentBytes, guarded(rendererUrl, async (arg) => {
    const file = await libraryPath(arg);
    // The size is checked before reading: a 2 GB scan is refused without being loaded.
    const size = await stat(file).then((info) => info.size, () => null);
    if (size === null) throw new UserError('document.gone', { path: file });
    if (size > MAX_VIEWER_BYTES) throw new UserError('document.tooLargeForViewer', { path: file, maxMb: MAX_VIEWER_BYTES / 1024 / 1024 });
    const bytes = await readFile(file);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }));
  return Object.values(DESKTOP_CHANNELS);
}

/** The page's content security policy: our own files only, nothing inline, no plugins. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** The window's web preferences: the page is isolated, sandboxed and has no Node. */
export function webPreferences(preload: string) {
  return { preload, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false } as const;
}

/** The part of Electron's WebContents that lockDown uses. */
export interface ContentsLike {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** No navigation away from the bundled page, no webviews; only web links leave, to the system browser. */
export function lockDown(contents: ContentsLike, openExternal: (url: string) => unknown): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void openExternal(url);
    return { action: 'deny' };
  });
}

/** A menu entry as Electron's Menu.buildFromTemplate takes it (the subset we use). */
export interface MenuEntry {
  label?: string;
  role?: string;
  type?: 'separator' | 'submenu';
  accelerator?: string;
  command?: MenuCommand | 'quit';
  submenu?: MenuEntry[];
}

const MENU_LABELS = {
  vi: {
    file: 'Tệp', addFolder: 'Thêm thư mục vào kho…', reindex: 'Cập nhật chỉ mục', quit: 'Thoát', edit: 'Sửa', view: 'Xem',
    search: 'Tìm kiếm', library: 'Thư viện', basket: 'Giỏ trích dẫn', focusSearch: 'Đến ô tìm kiếm', help: 'Trợ giúp',
  },
  en: {
    file: 'File', addFolder: 'Add folder to library…', reindex: 'Update index', quit: 'Quit', edit: 'Edit', view: 'View',
    search: 'Search', library: 'Library', basket: 'Citation basket', focusSearch: 'Go to search box', help: 'Help',
  },
} as const;

/** The application menu: Vietnamese first; edit and zoom roles keep the platform's own behaviour. */
export function menuTemplate(lang: 'vi' | 'en', platform: NodeJS.Platform): MenuEntry[] {
  const t = MENU_LABELS[lang];
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' }] : []),
    {
      label: t.file,
      submenu: [
        { label: t.addFolder, accelerator: 'CmdOrCtrl+O', command: 'add-folder' },
        { label: t.reindex, accelerator: 'CmdOrCtrl+R', command: 'reindex' },
        { type: 'separator' },
        mac ? { role: 'close' } : { label: t.quit, accelerator: 'Ctrl+Q', command: 'quit' },
      ],
    },
    { label: t.edit, role: 'editMenu' },
    {
      label: t.view,
      submenu: [
        { label: t.focusSearch, accelerator: 'CmdOrCtrl+K', command: 'focus-search' },
        { label: t.search, accelerator: 'CmdOrCtrl+1', command: 'show-search' },
        { label: t.library, accelerator: 'CmdOrCtrl+2', command: 'show-library' },
        { label: t.basket, accelerator: 'CmdOrCtrl+3', command: 'show-basket' },
        { type: 'separator' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'resetZoom' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: t.help, role: 'help', submenu: [{ role: 'about' }] },
  ];
}

/**
 * What an installer put next to the app (electron-builder extraResources):
 * OCR language data and embedding model folders (`models/<org>/<name>`).
 */
export function bundledResources(resourcesPath: string): { tessdata: string | null; models: string[] } {
  const tessdata = path.join(resourcesPath, 'tessdata');
  const modelsRoot = path.join(resourcesPath, 'models');
  const models: string[] = [];
  if (existsSync(modelsRoot)) {
    for (const org of readdirSync(modelsRoot, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      for (const name of readdirSync(path.join(modelsRoot, org.name), { withFileTypes: true }).filter((e) => e.isDirectory())) {
        const folder = path.join(modelsRoot, org.name, name.name);
        if (existsSync(path.join(folder, 'config.json'))) models.push(folder);
      }
    }
  }
  return { tessdata: existsSync(path.join(tessdata, 'vie.traineddata')) ? tessdata : null, models };
}
