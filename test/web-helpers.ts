/**
 * Helpers for the web-mode end-to-end tests: build the renderer into a temp
 * folder with the project's vite config, start `kho serve`'s server in-process
 * (from the build in dist/), and drive Debian's Chromium with playwright-core.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { ROOT } from './helpers.js';

export const CHROMIUM = process.env.KHO_CHROMIUM ?? '/usr/bin/chromium';

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
  const file = path.join(ROOT, 'dist', 'indexer', 'serve-command.js');
  if (!existsSync(file)) throw new Error('dist/indexer/serve-command.js is missing: run "npm run build" first');
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
