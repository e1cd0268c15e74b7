/**
 * Helpers for the web-mode end-to-end tests: build the renderer into a temp
 * folder with the project's vite config, start `kho serve`'s server in-process
 * (from the build in dist/), and drive Debian's Chromium with playwright-core.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, afterEach, expect } from 'vitest';
import { ROOT } from './helpers.js';

export const CHROMIUM = process.env.KHO_CHROMIUM ?? '/usr/bin/chromium';

/**
 * How long a wait on the page (an element, a click, a navigation) may see nothing happen:
 * a hang guard, far above what any step needs, so a busy machine does not fail a test.
 */
export const PAGE_WAIT_MS = 5 * 60_000;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Build renderer/ with vite.config.ts into `outDir` (never a stale dist/renderer). */
export async function buildRenderer(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  if (!existsSync(path.join(outDir, 'index.html'))) throw new Error(`vite build produced no index.html in ${outDir}`);
}

export interface ServeModule {
  openServe(options: { dataDir: string; port: number; rendererDir?: string; bundledCorpus?: string | null }): Promise<{
    server: { url: string; pageUrl: string; token: string; port: number };
    close(): Promise<void>;
  }>;
}

/** The compiled server (npm test builds dist/ first). */
export async function loadServe(): Promise<ServeModule> {
  const file = path.join(ROOT, 'dist', 'indexer', 'transports', 'cli', 'serve.js');
  if (!existsSync(file)) throw new Error('dist/indexer/transports/cli/serve.js is missing: run "npm run build" first');
  return (await import(pathToFileURL(file).href)) as ServeModule;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (Debian: apt-get install chromium)`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Collect console errors and uncaught page errors; the tests require none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

/** Fails when the page rendered nothing (a blank page). */
export async function expectRendered(page: Page): Promise<void> {
  await page.waitForSelector('header.topbar', { state: 'visible' });
  const text = (await page.locator('#root').innerText()).trim();
  if (text.length < 20) throw new Error(`the page looks blank: "${text}"`);
}

export type Serving = Awaited<ReturnType<ServeModule['openServe']>>;

export interface Workspace {
  serving: Serving;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console and page errors so far; tests expect none. */
  errors: string[];
}

/**
 * What every web test starts from: the renderer built into `workDir/renderer`,
 * `kho serve` on a free port with its data in `workDir/data`, and a Chromium
 * page (Vietnamese locale, clipboard allowed) not yet at the app's address.
 * `beforeBrowser` runs once the server is up (to index through the API, say).
 */
export async function openWorkspace(
  workDir: string,
  options: { bundledCorpus?: string | null; acceptDownloads?: boolean; beforeBrowser?: (serving: Serving) => Promise<void> } = {},
): Promise<Workspace> {
  const rendererDir = path.join(workDir, 'renderer');
  await buildRenderer(rendererDir);
  const { openServe } = await loadServe();
  const serving = await openServe({ dataDir: path.join(workDir, 'data'), port: 0, rendererDir, bundledCorpus: options.bundledCorpus });
  await options.beforeBrowser?.(serving);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'vi-VN', acceptDownloads: options.acceptDownloads ?? false });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serving.server.url.replace(/\/$/, '') });
  context.setDefaultTimeout(PAGE_WAIT_MS);
  context.setDefaultNavigationTimeout(PAGE_WAIT_MS);
  const page = await context.newPage();
  return { serving, browser, context, page, errors: watchErrors(page) };
}

/**
 * The hooks every web test file ends with: no console errors after each test, and at the end the
 * browser, the server and the temp folder closed. `state` is read when a hook runs, since the
 * file's beforeAll assigns the browser, server and error list.
 */
export function closeAfterward(state: () => { browser?: Browser; serving?: Serving; errors: string[] }, work: { cleanup(): void }): void {
  afterEach(() => {
    expect(state().errors, 'console errors').toEqual([]);
  });
  afterAll(async () => {
    const { browser, serving } = state();
    await browser?.close();
    await serving?.close();
    work.cleanup();
  });
}
