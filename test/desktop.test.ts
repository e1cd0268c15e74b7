/**
 * The desktop app without its binary (it cannot be downloaded here): the
 * main process's logic as plain code — window placement, which links may
 * leave, the desktop-only IPC messages, the menu — and the installer
 * configuration checked against the files it names.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { KHO_API_METHODS } from '../indexer/api/contract.js';
import { bundledResources, DESKTOP_CHANNELS, isSafeExternalUrl, MAX_VIEWER_BYTES, menuTemplate, registerDesktopHandlers, type MenuEntry } from '../main/desktop.js';
import type { InvokeEvent, Reply } from '../main/ipc.js';
import { MIN_SIZE, readWindowState, restoreBounds, writeWindowState } from '../main/window-state.js';
import { CORPUS, ROOT, tempDir } from './helpers.js';

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
  const handlers = new Map<string, (event: InvokeEvent, arg: unknown) => Promise<Reply<unknown>>>();
  const channels = registerDesktopHandlers(
    { handle: (channel, listener) => void handlers.set(channel, listener) },
    { chooseFolder: async () => '/home/can-bo/Tai lieu', openPath: async (f) => (opened.push(f), ''), isLibraryDocument: (f) => f === doc },
    RENDERER,
  );

  it('has one channel per message and answers only our own page', async () => {
    expect(channels).toEqual(Object.values(DESKTOP_CHANNELS));
    expect(await handlers.get(DESKTOP_CHANNELS.pickFolder)!(ours, undefined)).toEqual({ ok: true, value: '/home/can-bo/Tai lieu' });
    expect(await handlers.get(DESKTOP_CHANNELS.pickFolder)!(stranger, undefined)).toEqual({ ok: false, reason: 'request refused: unknown sender' });
    expect(await handlers.get(DESKTOP_CHANNELS.documentBytes)!({ senderFrame: null }, { path: doc })).toMatchObject({ ok: false });
  });

  it('opens and reads library documents only', async () => {
    const bytes = await handlers.get(DESKTOP_CHANNELS.documentBytes)!(ours, { path: doc });
    expect(bytes.ok && Buffer.from(bytes.value as Uint8Array).toString()).toBe('%PDF-1.4 test bytes');
    expect(await handlers.get(DESKTOP_CHANNELS.openDocument)!(ours, { path: doc })).toEqual({ ok: true, value: undefined });
    expect(opened).toEqual([doc]);
    for (const bad of [{ path: '/etc/passwd' }, { path: `${work.dir}/../../etc/passwd` }, {}, null, 'quyet-dinh.pdf']) {
      const reply = await handlers.get(DESKTOP_CHANNELS.openDocument)!(ours, bad);
      expect(reply.ok, JSON.stringify(bad)).toBe(false);
      expect((reply as { reason: string }).reason).toMatch(/is not a document of the library/);
    }
    expect(opened).toEqual([doc]);
    expect(MAX_VIEWER_BYTES).toBeGreaterThan(50 * 1024 * 1024);
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

  it('builds the Windows installer, AppImage, deb and dmg from the built app', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9]+)+$/);
    expect(config.win.target).toContain('nsis');
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
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

  it('has a preload that exposes one function per message and nothing generic', () => {
    const preload = readFileSync(path.join(ROOT, 'main', 'preload.cts'), 'utf8');
    const exposed = [...preload.matchAll(/call\('kho:(\w+)'/g)].map((m) => m[1]);
    expect(exposed.sort()).toEqual([...KHO_API_METHODS, 'pickFolder', 'openDocument', 'documentBytes'].sort());
    expect(preload).not.toMatch(/invoke: |send: |ipcRenderer\.send\(|(?<!Renderer\.)invoke\(channel/);
    expect(Object.values(DESKTOP_CHANNELS).every((c) => preload.includes(`'${c}'`))).toBe(true);
  });

  it('keeps the window locked down: isolation, sandbox, no Node in the page, a strict policy', () => {
    const main = readFileSync(path.join(ROOT, 'main', 'main.ts'), 'utf8');
    for (const setting of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webSecurity: true']) expect(main).toContain(setting);
    expect(main).toMatch(/will-navigate[^\n]*preventDefault/);
    const page = readFileSync(path.join(ROOT, 'renderer', 'index.html'), 'utf8');
    expect(page).toMatch(/Content-Security-Policy[^>]*script-src 'self'/);
    expect(page).not.toMatch(/unsafe-eval/);
    expect(CORPUS).toBeTruthy();
  });
});
