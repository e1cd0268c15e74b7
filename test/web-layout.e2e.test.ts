/**
 * The layout faults a new user met, checked in Chromium against `kho serve` on a
 * copy of the sample corpus: a wide window is used by the library and a document
 * page, the query help fits a 768-pixel-high window and scrolls inside, and the
 * model import says what it is doing while it works.
 *
 * Every wait is on a condition the page shows, never a fixed sleep.
 */
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, tempDir, TEST_MODEL } from './helpers.js';
import { closeAfterward, expectRendered, openWorkspace, type Serving } from './web-helpers.js';

describe('layout in Chromium', () => {
  const work = tempDir('web-layout');
  const library = path.join(work.dir, 'library');
  const shots = process.env.KHO_SCREENSHOTS ? path.resolve(process.env.KHO_SCREENSHOTS) : path.join(work.dir, 'shots');
  let serving: Serving;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  const shot = (name: string) => page.screenshot({ path: path.join(shots, `${name}.png`) });

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    cpSync(CORPUS, library, { recursive: true });
    ({ serving, browser, page, errors } = await openWorkspace(work.dir, {
      bundledCorpus: library,
      beforeBrowser: async (started) => {
        const response = await fetch(`${started.server.url}api/index`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${started.server.token}` },
          body: JSON.stringify({ paths: [library] }),
        });
        if (!((await response.json()) as { ok: boolean }).ok) throw new Error('indexing the corpus failed');
      },
    }));
    await page.goto(serving.server.pageUrl);
    await expectRendered(page);
  });

  closeAfterward(() => ({ browser, serving, errors }), work);

  it('uses the width of a 1920-pixel window for the library and a document page', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    try {
      await page.getByRole('button', { name: /Thư viện/ }).click();
      await page.locator('table.documents tbody tr').first().waitFor();
      const mainWidth = () => page.locator('main#main').evaluate((el) => el.getBoundingClientRect().width);
      expect(await mainWidth()).toBeGreaterThan(1500);
      expect(await page.locator('table.documents').evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(1400);
      await shot('w09-library-1920');
      await page.locator('table.documents .doc-title').first().click();
      await page.locator('article.document-page #doc-title').waitFor();
      expect(await mainWidth()).toBeGreaterThan(1500);
      expect(await page.locator('.doc-grid').evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(1400);
      await shot('w10-document-1920');
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
  });

  for (const [width, height] of [[1366, 768], [1024, 768]] as const) {
    it(`fits the query help in a ${width}×${height} window, scrolling inside it`, async () => {
      await page.setViewportSize({ width, height });
      try {
        await page.getByRole('button', { name: 'Tìm kiếm', exact: true }).click();
        await page.locator('button.help-toggle').click();
        const popover = page.locator('#search-help');
        await popover.waitFor();
        // Its height limit is measured and set after it first shows.
        await expect.poll(() => popover.evaluate((el) => (el as HTMLElement).style.maxHeight)).not.toBe('');
        const box = (await popover.boundingBox())!;
        expect(box.y + box.height, 'the popover ends inside the window').toBeLessThanOrEqual(height);
        const { scrollHeight, clientHeight } = await popover.evaluate((el) => ({ scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }));
        expect(scrollHeight, 'at 768 px the help is longer than the room it has').toBeGreaterThan(clientHeight);
        // Its last line can be scrolled into view, inside the window.
        await popover.hover();
        await page.mouse.wheel(0, 4000);
        await expect.poll(() => popover.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1)).toBe(true);
        const last = (await popover.locator('.syntax-row').last().boundingBox())!;
        expect(last.y + last.height).toBeLessThanOrEqual(height);
        await shot(`w11-help-${width}x${height}`);
        await page.keyboard.press('Escape');
        await popover.waitFor({ state: 'detached' });
      } finally {
        await page.setViewportSize({ width: 1280, height: 860 });
      }
    });
  }

  it('says which model folder it is importing while it works', async () => {
    await page.getByRole('button', { name: /Thư viện/ }).click();
    // Everything the status line ever said, however briefly.
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { importing: string[] }).importing = []);
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('.model-importing')) seen.push(el.textContent ?? '');
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByLabel('Thư mục mô hình').fill(TEST_MODEL);
    await page.getByRole('button', { name: 'Cài mô hình' }).click();
    await page.locator('.done-line', { hasText: 'Đã cài kho/test-tiny' }).waitFor();
    expect(await page.locator('.model-importing').count()).toBe(0);
    const seen = await page.evaluate(() => (window as unknown as { importing: string[] }).importing);
    expect(seen.some((text) => text.includes('Đang nhập mô hình “test-tiny”…')), seen.join(' | ')).toBe(true);
  });
});
