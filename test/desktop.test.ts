/**
 * The desktop app without its binary (it cannot be downloaded here): the
 * main process's logic as plain code — window placement, which links may
 * leave, the window's lock-down, the desktop-only IPC messages, the menu —
 * the built preload run against a fake `electron`, the installer
 * configuration checked against the files it names (test/packaging.test.ts
 * builds it), the data folder shared with the CLI, and the first start.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { KHO_API_METHODS } from '../indexer/api/methods.js';
import { Library } from '../indexer/library/library.js';
import { chooseDataDir, defaultDataDir, legacyAppDataDir, resolveDataDir } from '../indexer/library/paths.js';
import { SettingsFile } from '../indexer/library/settings.js';
import {
  bundledResources, CSP, DESKTOP_CHANNELS, isSafeExternalUrl, lockDown, MAX_VIEWER_BYTES, menuTemplate, registerDesktopHandlers, webPreferences,
  type ContentsLike, type MenuEntry,
} from '../main/desktop.js';
import { bringToFront, bundledCorpusFolder, claimSingleInstance, importBundledModels, settleDataFolder } from '../main/first-run.js';
import { registerApiHandlers, type Handler, type InvokeEvent } from '../main/ipc.js';
import { MIN_SIZE, readWindowState, restoreBounds, writeWindowState } from '../main/window-state.js';
import { ROOT, TEST_MODEL, tempDir } from './helpers.js';

const RENDERER = 'file:///opt/kho/resources/app.asar/dist/renderer/index.html';
const ours: InvokeEvent = { senderFrame: { url: RENDERER } };
const stranger: InvokeEvent = { senderFrame: { url: 'https://example.org/' } };

describe('window placement', () => {
  const office = [{ x: 0, y: 0, width: 1920, height: 1040 }, { x: 1920, y: 0, width: 2560, height: 1400 }];
  const laptop = [{ x: 0, y: 0, width: 1366, height: 728 }];

  it('reopens where it was while that place is on a display, and recentres when the monitor is gone', () => {
    const onSecond = { bounds: { x: 2100, y: 100, width: 1600, height: 1000 }, maximized: false };
    expect(restoreBounds(onSecond, office).bounds).toEqual(onSecond.bounds);
    const away = restoreBounds(onSecond, laptop).bounds;
    expect(away.x! >= 0 && away.x! + away.width <= 1366 && away.y! >= 0 && away.y! + away.height <= 728).toBe(true);
    expect(restoreBounds({ bounds: { x: 10, y: 10, width: 200, height: 100 }, maximized: true }, laptop)).toMatchObject({
      bounds: { width: MIN_SIZE.width, height: MIN_SIZE.height }, maximized: true,
    });
    expect(restoreBounds({ bounds: { x: Number.NaN, y: 0, width: 1, height: 1 }, maximized: false }, laptop).bounds.width).toBeLessThanOrEqual(1366);
  });

  it('survives a missing or damaged state file', () => {
    const work = tempDir('window');
    try {
      const file = path.join(work.dir, 'window.json');
      expect(readWindowState(file)).toBeNull();
      writeFileSync(file, '{"bounds": ');
      expect(readWindowState(file)).toBeNull();
      writeWindowState(file, { bounds: { x: 5, y: 6, width: 900, height: 700 }, maximized: false });
      expect(readWindowState(file)).toEqual({ bounds: { x: 5, y: 6, width: 900, height: 700 }, maximized: false });
    } finally {
      work.cleanup();
    }
  });
});

describe('desktop-only messages', () => {
  const work = tempDir('desktop');
  const doc = path.join(work.dir, 'quyet-dinh.pdf');
  writeFileSync(doc, '%PDF-1.4 test bytes');
  const opened: string[] = [];
  const huge = path.join(work.dir, 'ban-do.pdf');
  const gone = path.join(work.dir, 'da-xoa.pdf');
  const handlers = new Map<string, Handler>();
  const channels = registerDesktopHandlers(
    { handle: (channel, listener) => void handlers.set(channel, listener) },
    {
      chooseFolder: async () => '/home/can-bo/Tai lieu',
      openPath: async (f) => (opened.push(f), f === huge ? 'No application knows how to open it' : ''),
      isLibraryDocument: (f) => [doc, huge, gone].includes(f),
    },
    RENDERER,
  );

  it('has one channel per message and answers only our own page', async () => {
    expect(channels).toEqual(Object.values(DESKTOP_CHANNELS));
    expect(await handlers.get(DESKTOP_CHANNELS.pickFolder)!(ours, undefined)).toEqual({ ok: true, value: '/home/can-bo/Tai lieu' });
    expect(await handlers.get(DESKTOP_CHANNELS.pickFolder)!(stranger, undefined)).toEqual({ ok: false, error: { code: 'request.refused', params: {} } });
    expect(await handlers.get(DESKTOP_CHANNELS.documentBytes)!({ senderFrame: null }, { path: doc })).toMatchObject({ ok: false, error: { code: 'request.refused' } });
  });

  it('opens and reads library documents only', async () => {
    const bytes = await handlers.get(DESKTOP_CHANNELS.documentBytes)!(ours, { path: doc });
    expect(bytes.ok && Buffer.from(bytes.value as Uint8Array).toString()).toBe('%PDF-1.4 test bytes');
    expect(await handlers.get(DESKTOP_CHANNELS.openDocument)!(ours, { path: doc })).toEqual({ ok: true, value: undefined });
    expect(opened).toEqual([doc]);
    for (const bad of [{ path: '/etc/passwd' }, { path: `${work.dir}/../../etc/passwd` }, {}, null, 'quyet-dinh.pdf', { path: 42 }]) {
      const reply = await handlers.get(DESKTOP_CHANNELS.openDocument)!(ours, bad);
      expect(reply, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'document.notInLibrary' } });
    }
    expect(opened).toEqual([doc]);
  });

  it('refuses a document too large for the viewer without reading it, and says when one is gone or will not open', async () => {
    // A sparse file one byte over the limit: stat sees its size, nothing is read.
    writeFileSync(huge, '');
    truncateSync(huge, MAX_VIEWER_BYTES + 1);
    try {
      expect(await handlers.get(DESKTOP_CHANNELS.documentBytes)!(ours, { path: huge })).toEqual({
        ok: false, error: { code: 'document.tooLargeForViewer', params: { path: huge, maxMb: MAX_VIEWER_BYTES / 1024 / 1024 } },
      });
      expect(await handlers.get(DESKTOP_CHANNELS.openDocument)!(ours, { path: huge })).toEqual({
        ok: false, error: { code: 'document.cannotOpen', params: { path: huge, detail: 'No application knows how to open it' } },
      });
    } finally {
      rmSync(huge, { force: true });
    }
    expect(await handlers.get(DESKTOP_CHANNELS.documentBytes)!(ours, { path: gone })).toEqual({ ok: false, error: { code: 'document.gone', params: { path: gone } } });
  });

  it('lets only web links out, to the system browser', () => {
    for (const url of ['https://vbpl.vn/', 'http://127.0.0.1:4477/']) expect(isSafeExternalUrl(url), url).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'https://user:pw@host/', 'not a url', 'ms-msdt:/id']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('menu', () => {
  const flat = (entries: MenuEntry[]): MenuEntry[] => entries.flatMap((e) => [e, ...flat(e.submenu ?? [])]);

  it('is Vietnamese by default with the search, library and basket shortcuts, and follows the platform', () => {
    const vi = flat(menuTemplate('vi', 'win32'));
    expect(vi.find((e) => e.command === 'focus-search')).toMatchObject({ accelerator: 'CmdOrCtrl+K', label: 'Đến ô tìm kiếm' });
    expect(vi.find((e) => e.command === 'add-folder')?.label).toBe('Thêm thư mục vào kho…');
    expect(vi.filter((e) => e.accelerator).map((e) => e.accelerator)).toEqual([...new Set(vi.filter((e) => e.accelerator).map((e) => e.accelerator))]);
    expect(vi.some((e) => e.command === 'quit')).toBe(true);
    const mac = menuTemplate('en', 'darwin');
    expect(mac[0]).toEqual({ role: 'appMenu' });
    expect(flat(mac).some((e) => e.command === 'quit')).toBe(false);
    expect(flat(mac).find((e) => e.command === 'show-basket')?.label).toBe('Citation basket');
  });
});

describe('installer configuration', () => {
  const config = load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  it('builds the installers from the built app (targets and schema: test/packaging.test.ts)', () => {
    expect(config.files).toContain('dist/**');
    // The entry point and the preload exist where the package says, after `npm run build`.
    expect(pkg.main).toBe('dist/main/main.js');
    for (const built of [pkg.main, 'dist/main/preload.cjs', 'dist/renderer/index.html']) expect(existsSync(path.join(ROOT, built)), built).toBe(true);
    expect(pkg.scripts.dist).toMatch(/electron-builder/);
  });

  it('unpacks native modules that exist, and ships model, OCR data and corpus as resources', () => {
    for (const pattern of config.asarUnpack as string[]) {
      const dir = pattern.replace(/\/\*\*$/, '');
      if (/lancedb|onnxruntime-node/.test(dir)) expect(existsSync(path.join(ROOT, dir)), dir).toBe(true);
    }
    const resources = Object.fromEntries((config.extraResources as Array<{ from: string; to: string }>).map((r) => [r.to, r.from]));
    expect(resources).toEqual({ models: 'build/models', tessdata: 'build/tessdata', corpus: 'corpus' });
    expect(existsSync(path.join(ROOT, resources.corpus!))).toBe(true);
  });

  it('finds what an installer put beside the app', () => {
    const work = tempDir('resources');
    try {
      expect(bundledResources(work.dir)).toEqual({ tessdata: null, models: [] });
      mkdirSync(path.join(work.dir, 'tessdata'));
      writeFileSync(path.join(work.dir, 'tessdata', 'vie.traineddata'), '');
      const model = path.join(work.dir, 'models', 'Xenova', 'multilingual-e5-small');
      mkdirSync(model, { recursive: true });
      writeFileSync(path.join(model, 'config.json'), '{}');
      mkdirSync(path.join(work.dir, 'models', 'Xenova', 'half-copied'));
      expect(bundledResources(work.dir)).toEqual({ tessdata: path.join(work.dir, 'tessdata'), models: [model] });
    } finally {
      work.cleanup();
    }
  });

});

/** The built preload (dist/main/preload.cjs, made by tsc), run in a fresh context whose only module is a fake `electron`. */
function loadPreload() {
  const exposed = new Map<string, Record<string, unknown>>();
  const invoked: unknown[][] = [];
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => void exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => (invoked.push(args), { ok: true, value: args[0] }),
      on: (channel: string, listener: (...args: unknown[]) => void) => void listeners.set(channel, listener),
      off: (channel: string) => void listeners.delete(channel),
    },
    webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
  };
  const required: string[] = [];
  const require = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`the sandboxed preload cannot require ${name}`);
    return electron;
  };
  const code = readFileSync(path.join(ROOT, 'dist', 'main', 'preload.cjs'), 'utf8');
  vm.runInNewContext(code, { require, exports: {}, module: { exports: {} } }, { filename: 'preload.cjs' });
  return { exposed, invoked, listeners, required };
}

describe('preload', () => {
  it('requires nothing but electron and exposes exactly the table, the desktop messages and the event subscriptions', () => {
    const { exposed, required } = loadPreload();
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['khoDesktop']);
    const bridge = exposed.get('khoDesktop')!;
    const extras = ['onProgress', 'onMenu', ...Object.keys(DESKTOP_CHANNELS), 'pathForFile'];
    expect(Object.keys(bridge).sort()).toEqual([...KHO_API_METHODS, ...extras].sort());
    expect(Object.values(bridge).every((f) => typeof f === 'function')).toBe(true);
  });

  it('sends each method on its own channel with the request as given, and passes the reply back as data', async () => {
    const { exposed, invoked } = loadPreload();
    const bridge = exposed.get('khoDesktop') as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const method of KHO_API_METHODS) {
      const request = { marker: method };
      expect(await bridge[method]!(request), method).toEqual({ ok: true, value: `kho:${method}` });
      // Methods without a request send none, whatever the page passes.
      expect(invoked.at(-1)!.slice(1), method).toEqual(invoked.at(-1)!.length > 1 ? [request] : []);
    }
    expect(invoked.filter((args) => args.length === 1).map((args) => args[0])).toEqual(
      ['cancelIndex', 'status', 'listModels', 'basketList', 'basketClear', 'roots', 'libraryLocation'].map((m) => `kho:${m}`),
    );
    await bridge.documentBytes!('/kho/a.pdf');
    expect(invoked.at(-1)).toEqual([DESKTOP_CHANNELS.documentBytes, { path: '/kho/a.pdf' }]);
    expect((bridge.pathForFile as unknown as (f: { name: string }) => string)({ name: 'a.pdf' })).toBe('/dropped/a.pdf');
  });

  it('forwards progress and menu events until unsubscribed', () => {
    const { exposed, listeners } = loadPreload();
    const bridge = exposed.get('khoDesktop') as Record<string, (listener: (value: unknown) => void) => () => void>;
    const seen: unknown[] = [];
    const stop = bridge.onMenu!((command) => seen.push(command));
    listeners.get('kho:menu')!({}, 'show-basket');
    expect(seen).toEqual(['show-basket']);
    stop();
    expect(listeners.has('kho:menu')).toBe(false);
  });
});

describe('window lock-down', () => {
  it('isolates and sandboxes the page, without Node', () => {
    expect(webPreferences('/app/preload.cjs')).toMatchObject({ preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  });

  it('stops navigation and webviews, and lets only web links out to the system browser', () => {
    const events = new Map<string, (event: { preventDefault(): void }) => void>();
    let openHandler: (details: { url: string }) => { action: 'deny' } = () => ({ action: 'deny' });
    const contents: ContentsLike = {
      on: (event: string, listener: (event: { preventDefault(): void }) => void) => events.set(event, listener),
      setWindowOpenHandler: (handler) => void (openHandler = handler),
    };
    const external: string[] = [];
    lockDown(contents, (url) => external.push(url));
    for (const name of ['will-navigate', 'will-attach-webview']) {
      let prevented = false;
      events.get(name)!({ preventDefault: () => void (prevented = true) });
      expect(prevented, name).toBe(true);
    }
    expect(openHandler({ url: 'https://vbpl.vn/' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(external).toEqual(['https://vbpl.vn/']);
  });

  it('serves the page under a policy of our own scripts only, in the main process and in the page itself', () => {
    const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    const page = readFileSync(path.join(ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(page)?.[1] ?? '';
    for (const policy of [CSP, meta]) {
      const parsed = directives(policy);
      expect(parsed.get('script-src'), policy).toEqual(["'self'"]);
      expect(parsed.get('object-src'), policy).toEqual(["'none'"]);
      expect(policy).not.toMatch(/unsafe-(eval|inline)/);
    }
  });
});

describe('one data folder for the app and the CLI', () => {
  const win = { platform: 'win32' as const, home: 'C:\\Users\\can-bo', env: { APPDATA: 'C:\\Users\\can-bo\\AppData\\Roaming' } };
  const mac = { platform: 'darwin' as const, home: '/Users/can-bo', env: {} };
  const linux = { platform: 'linux' as const, home: '/home/can-bo', env: {} };

  it('is the per-user application-data folder of each system, without diacritics', () => {
    expect(defaultDataDir(win.env, win.platform, win.home)).toBe('C:\\Users\\can-bo\\AppData\\Roaming\\Kho Tri Thuc');
    expect(defaultDataDir({}, win.platform, win.home)).toBe('C:\\Users\\can-bo\\AppData\\Roaming\\Kho Tri Thuc');
    expect(defaultDataDir(mac.env, mac.platform, mac.home)).toBe('/Users/can-bo/Library/Application Support/Kho Tri Thuc');
    expect([defaultDataDir({}, 'linux', linux.home), defaultDataDir({ XDG_DATA_HOME: '/d' }, 'linux', linux.home)]).toEqual(['/home/can-bo/.local/share/kho-tri-thuc', '/d/kho-tri-thuc']);
    // Where Electron kept the app's data before package.json named the product.
    expect(legacyAppDataDir(win)).toBe('C:\\Users\\can-bo\\AppData\\Roaming\\kho-tri-thuc');
    expect(legacyAppDataDir(mac)).toBe('/Users/can-bo/Library/Application Support/kho-tri-thuc');
    expect([legacyAppDataDir(linux), legacyAppDataDir({ ...linux, env: { XDG_CONFIG_HOME: '/c' } })]).toEqual(['/home/can-bo/.config/kho-tri-thuc', '/c/kho-tri-thuc']);
    for (const host of [win, mac, linux]) {
      expect(chooseDataDir(undefined, host)).toEqual({ dataDir: defaultDataDir(host.env, host.platform, host.home), how: 'default' });
      expect(chooseDataDir('/srv/kho', { ...host, env: { KHO_DATA: '/elsewhere' } })).toEqual({ dataDir: path.resolve('/srv/kho'), how: 'given' });
    }
    expect(resolveDataDir(undefined, { KHO_DATA: '/srv/kho-data' })).toBe(path.resolve('/srv/kho-data'));
  });

  for (const platform of ['linux', 'darwin'] as const) {
    it(`moves the old app folder to the shared one once, or uses it where it is (${platform})`, () => {
      const work = tempDir('data-folder');
      try {
        const host = { platform, home: work.dir, env: {} };
        const shared = defaultDataDir(host.env, platform, work.dir);
        const legacy = legacyAppDataDir(host);
        const oldLibrary = () => {
          mkdirSync(path.join(legacy, 'lancedb'), { recursive: true });
          writeFileSync(path.join(legacy, 'settings.json'), '{"folders":["/tai-lieu"]}');
        };
        // Only the CLI's folder (or none): the app uses it; nothing is created or moved.
        expect(chooseDataDir(undefined, host, { move: true })).toEqual({ dataDir: shared, how: 'default' });
        expect(existsSync(shared) || existsSync(legacy)).toBe(false);
        // Only the old app folder: the CLI uses it where it is, the app moves it (an empty shared folder is no obstacle).
        oldLibrary();
        expect(chooseDataDir(undefined, host)).toEqual({ dataDir: legacy, how: 'adopted', legacy });
        expect(existsSync(legacy)).toBe(true);
        mkdirSync(shared, { recursive: true });
        const app = { paths: [] as string[], setPath: (_: 'userData', value: string) => void app.paths.push(value) };
        const said: string[] = [];
        expect(settleDataFolder(app, host, (line) => said.push(line))).toEqual({ dataDir: shared, how: 'moved', legacy });
        expect(app.paths).toEqual([shared]);
        expect(said.join('\n')).toContain(legacy);
        expect(readFileSync(path.join(shared, 'settings.json'), 'utf8')).toContain('/tai-lieu');
        expect(existsSync(path.join(shared, 'lancedb'))).toBe(true);
        expect(existsSync(legacy)).toBe(false);
        // Once moved, the next start and the CLI agree without doing anything.
        expect(chooseDataDir(undefined, host, { move: true })).toEqual({ dataDir: shared, how: 'default' });
        // Both hold a library: the shared one is used, the old one left as it is.
        oldLibrary();
        expect(chooseDataDir(undefined, host, { move: true })).toEqual({ dataDir: shared, how: 'both', legacy });
        expect(existsSync(path.join(legacy, 'settings.json'))).toBe(true);
        // The shared folder holds something else (a model fetched by the CLI): nothing is moved over it.
        rmSync(shared, { recursive: true });
        mkdirSync(path.join(shared, 'models'), { recursive: true });
        expect(chooseDataDir(undefined, host, { move: true })).toEqual({ dataDir: legacy, how: 'adopted', legacy });
        expect(existsSync(path.join(shared, 'models')) && existsSync(path.join(legacy, 'settings.json'))).toBe(true);
      } finally {
        work.cleanup();
      }
    });
  }
});

describe('first start of the desktop app', () => {
  it('runs one instance: a second start brings the first window to the front and quits', () => {
    const fakeApp = (locked: boolean) => {
      const state = { quits: 0, listeners: new Map<string, () => void>() };
      return Object.assign(state, {
        requestSingleInstanceLock: () => locked,
        quit: () => void state.quits++,
        on: (event: string, listener: () => void) => state.listeners.set(event, listener),
      });
    };
    const window = { minimized: true, focused: 0, isMinimized: () => window.minimized, restore: () => void (window.minimized = false), show: () => undefined, focus: () => void window.focused++ };
    const first = fakeApp(true);
    expect(claimSingleInstance(first, () => bringToFront(window))).toBe(true);
    expect(first.quits).toBe(0);
    first.listeners.get('second-instance')!();
    expect([window.minimized, window.focused]).toEqual([false, 1]);
    const second = fakeApp(false);
    expect(claimSingleInstance(second, () => bringToFront(window))).toBe(false);
    expect([second.quits, second.listeners.size]).toEqual([1, 0]);
  });

  it('offers the sample corpus to an empty library, and imports a model the installer shipped once', async () => {
    const work = tempDir('first-run');
    const library = await Library.open({ dataDir: path.join(work.dir, 'data'), embedInWorker: false });
    try {
      const resources = path.join(work.dir, 'resources');
      expect(bundledCorpusFolder(resources, null)).toBeNull();
      cpSync(path.join(ROOT, 'corpus'), path.join(resources, 'corpus'), { recursive: true });
      const corpus = bundledCorpusFolder(resources, '/not/used')!;
      const handlers = new Map<string, Handler>();
      registerApiHandlers({ handle: (channel, listener) => void handlers.set(channel, listener) }, library, RENDERER, { bundledCorpus: corpus });
      expect(await handlers.get('kho:status')!(ours, undefined)).toMatchObject({ ok: true, value: { documents: 0, bundledCorpus: path.join(resources, 'corpus') } });

      const shipped = path.join(resources, 'models', 'kho', 'test-tiny');
      cpSync(TEST_MODEL, shipped, { recursive: true });
      const broken = path.join(resources, 'models', 'kho', 'half-copied');
      mkdirSync(broken);
      writeFileSync(path.join(broken, 'config.json'), '{}');
      const settings = new SettingsFile(path.join(work.dir, 'data', 'settings.json'));
      const problems: string[] = [];
      expect(await importBundledModels([broken, shipped], settings, library, (e) => problems.push(e.message))).toEqual(['kho/test-tiny']);
      expect(problems).toHaveLength(1); // the broken one: reported, not marked, tried again next start
      expect((await library.listModels()).map((m) => m.id)).toEqual(['kho/test-tiny']);
      expect((await settings.read()).bundledModels).toEqual(['kho/test-tiny']);
      // Removed by the user: not brought back at the next start.
      rmSync(path.join(work.dir, 'data', 'models', 'kho'), { recursive: true });
      expect(await importBundledModels([shipped], settings, library, (e) => problems.push(e.message))).toEqual([]);
      expect(await library.listModels()).toEqual([]);
    } finally {
      await library.close();
      work.cleanup();
    }
  });
});
