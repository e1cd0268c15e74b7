/**
 * Web mode end to end: the built renderer in Debian's Chromium against the
 * `kho serve` server on a temporary data folder. A newcomer indexes the
 * sample corpus from the welcome screen, searches with and without accents,
 * moves through results with the keyboard, copies citations, and reads why a
 * file failed; the server refuses wrong tokens, foreign paths and big bodies.
 *
 * Screenshots go to a temp folder (KHO_SCREENSHOTS=DIR keeps them in DIR);
 * KHO_DOCS_SCREENSHOT=1 also refreshes docs/screenshot-search.png.
 */
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, ROOT, tempDir } from './helpers.js';
import { closeAfterward, expectRendered, openWorkspace, watchErrors, type Serving } from './web-helpers.js';

describe('web mode in Chromium', () => {
  const work = tempDir('web');
  const library = path.join(work.dir, 'library');
  const extra = path.join(work.dir, 'extra');
  const shots = process.env.KHO_SCREENSHOTS ? path.resolve(process.env.KHO_SCREENSHOTS) : path.join(work.dir, 'shots');
  const corpusFiles = readdirSync(CORPUS).filter((f) => !f.startsWith('.') && f !== 'README.md');
  let serving: Serving;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  const shot = async (name: string) => {
    const file = path.join(shots, `${name}.png`);
    await page.screenshot({ path: file, fullPage: false });
    return file;
  };

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    cpSync(CORPUS, library, { recursive: true });
    // A damaged PDF among good files: it must be listed with its reason.
    const pdf = readFileSync(path.join(CORPUS, corpusFiles.find((f) => f.endsWith('.pdf'))!));
    writeFileSync(path.join(library, 'hong-tep.pdf'), Buffer.concat([pdf.subarray(0, 9), Buffer.from('this is not a PDF body at all '.repeat(20))]));
    mkdirSync(extra);
    writeFileSync(path.join(extra, 'ghi-chu-kiem-thu.txt'), 'GHI CHÚ\n\nBuổi làm việc về vườn ươm khởi nghiệp Quảng Trị đã thống nhất lộ trình số hóa hồ sơ lưu trữ.\n');

    ({ serving, browser, context, page, errors } = await openWorkspace(work.dir, { bundledCorpus: library }));
  });

  closeAfterward(() => ({ browser, serving, errors }), work);

  it('offers the sample corpus on first start and indexes it, progress through to the end', async () => {
    await page.goto(serving.server.pageUrl);
    await expectRendered(page);
    // The token left the address bar for this tab's storage.
    expect(page.url()).not.toContain('token=');
    const welcome = page.getByRole('region', { name: 'Chào mừng đến Kho Tri Thức' });
    await expect.poll(() => welcome.isVisible()).toBe(true);
    await shot('01-welcome');

    await welcome.getByRole('button', { name: 'Lập chỉ mục bộ tài liệu mẫu' }).click();
    const total = corpusFiles.length + 1;
    // The last progress event (phase "done", via Server-Sent Events) and the run's summary.
    await page.getByText('Hoàn tất').waitFor();
    await page.getByText(`${total}/${total} tệp`).waitFor();
    const summary = page.locator('.done-line');
    await summary.waitFor();
    expect(await summary.innerText()).toContain(`Xong: ${corpusFiles.length} tệp mới hoặc đã đổi`);
    expect(await summary.innerText()).toContain('1 lỗi');
    expect(await page.locator('progress').evaluate((el: HTMLProgressElement) => el.value === el.max)).toBe(true);
    await shot('02-indexed');
  });

  it('searches as you type, with and without accents, marking the matched words', async () => {
    const input = page.getByRole('combobox', { name: 'Tìm trong kho văn bản' });
    await input.fill('đổi mới sáng tạo');
    await page.locator('[data-query="đổi mới sáng tạo"] .result').first().waitFor();
    const accented = await topCards();
    expect(accented.length).toBeGreaterThanOrEqual(3);
    expect(accented[0]!.marks.join(' ').toLowerCase()).toMatch(/đổi mới|sáng tạo/);

    await input.fill('doi moi sang tao');
    await page.locator('[data-query="doi moi sang tao"] .result').first().waitFor();
    const folded = await topCards();
    expect(folded[0]!.title).toBe(accented[0]!.title);
    // Typed without accents, the accented words in the passage are marked.
    expect(folded[0]!.marks.join(' ').toLowerCase()).toMatch(/đổi mới|sáng tạo/);
    expect(await page.locator('.result').first().locator('.badge-keyword').innerText()).toMatch(/Từ khóa #\d+/);
    expect(await page.locator('.meta-line .count').innerText()).toMatch(/^(hơn )?[\d.]+ đoạn trong (hơn )?[\d.]+ văn bản · đang hiện 1–\d+/);
    await page.mouse.click(5, 400); // close the suggestion list
    await shot('03-search');
    if (process.env.KHO_DOCS_SCREENSHOT) {
      mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
      copyFileSync(path.join(shots, '03-search.png'), path.join(ROOT, 'docs', 'screenshot-search.png'));
    }
  });

  it('moves through results with the keyboard, opens one and copies citations', async () => {
    await page.mouse.click(5, 400);
    await page.keyboard.press('Control+K');
    await expect.poll(activeId).toBe('search-input');
    // The suggestion list closes a moment after the box loses focus; ArrowDown would walk it.
    await page.locator('#search-input[aria-expanded="false"]').waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.resultIndex)).toBe('1');

    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const citation = await dialog.locator('.citation-text').innerText();
    expect(citation).toMatch(/tr\. \d+|Điều \d+/);
    await shot('04-detail');
    await dialog.getByRole('button', { name: 'Chép trích dẫn' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã chép trích dẫn' }).waitFor();
    expect(await clipboard()).toBe(citation);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Focus goes back to the card in the frame after the dialog closes.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.resultIndex)).toBe('1');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('c');
    const first = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.resultIndex);
    expect(first).toBe('0');
    await expect.poll(clipboard).not.toBe(citation);
    // The first hit's citation: administrative ("Quyết định số …") or research ("Tác giả (2024), …") style.
    expect(await clipboard()).toMatch(/^(Quyết định|Báo cáo|Kế hoạch|Nghị quyết|Biên bản|Thông báo|Công văn) số |^[^,()]+ \(\d{4}\), /u);

    // "/" also focuses the search box; the help popover documents the syntax.
    await page.keyboard.press('/');
    await expect.poll(activeId).toBe('search-input');
    await page.getByRole('button', { name: 'Cú pháp tìm kiếm' }).click();
    const help = page.getByRole('dialog', { name: 'Cách viết câu tìm kiếm' });
    expect(await help.innerText()).toContain('"chuyển giao công nghệ"');
    await shot('05-help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  it('shows each failed file with its reason, and indexes a folder from the library panel', async () => {
    await page.getByRole('button', { name: /Thư viện/ }).click();
    const row = page.locator('table.failures tr', { hasText: 'hong-tep.pdf' });
    await row.waitFor();
    expect(await row.locator('.kind').innerText()).toBe('Tệp hỏng');
    expect((await row.locator('.reason').innerText()).length).toBeGreaterThan(10);
    expect(await page.locator('.stat', { hasText: 'Văn bản' }).locator('dd').innerText()).toBe(String(corpusFiles.length));

    await page.getByLabel('Đường dẫn thư mục hoặc tệp').fill(extra);
    await page.getByRole('button', { name: 'Lập chỉ mục', exact: true }).click();
    await page.locator('.done-line', { hasText: 'Xong: 1 tệp' }).waitFor();
    await page.locator('.stat', { hasText: 'Văn bản' }).locator('dd', { hasText: String(corpusFiles.length + 1) }).waitFor();
    await shot('06-library');

    await page.getByRole('button', { name: 'Tìm kiếm', exact: true }).click();
    await page.getByRole('combobox', { name: 'Tìm trong kho văn bản' }).fill('vuon uom Quang Tri');
    await page.locator('[data-query="vuon uom Quang Tri"] .result').first().waitFor();
    expect(await page.locator('.result').first().innerText()).toContain('vườn ươm');
  });

  it('opens library documents only, and enforces the token and the body limit', async () => {
    const url = serving.server.url;
    const token = serving.server.token;
    const inLibrary = path.join(library, corpusFiles.find((f) => f.endsWith('.pdf'))!);
    const results = await page.evaluate(
      async ({ token, paths }) => {
        const file = async (p: string) => (await fetch(`/api/file?path=${encodeURIComponent(p)}&token=${token}`)).status;
        const post = async (method: string, body: string, auth = token) =>
          (await fetch(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${auth}` }, body })).status;
        const doc = await fetch(`/api/file?path=${encodeURIComponent(paths.inLibrary)}&token=${token}`);
        return {
          document: [doc.status, doc.headers.get('content-type')],
          outside: await file('/etc/passwd'),
          traversal: await file(`${paths.library}/../../../../etc/passwd`),
          failed: await file(paths.failed),
          wrongToken: await post('status', '{}', 'not-the-token'),
          tooLarge: await post('search', JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) })),
          unknown: await post('deleteEverything', '{}'),
        };
      },
      { token, paths: { inLibrary, library, failed: path.join(library, 'hong-tep.pdf') } },
    );
    // Opened from a search hit, a library PDF is served; nothing else is.
    expect(results).toEqual({
      document: [200, 'application/pdf'],
      outside: 403,
      traversal: 403,
      failed: 403,
      wrongToken: 401,
      tooLarge: 413,
      unknown: 404,
    });
    // The browser logged those refusals as failed loads; they were intended.
    errors.length = 0;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('tells a visitor without the right token what to do', async () => {
    const other = await context.newPage();
    const seen = watchErrors(other);
    await other.goto(`${serving.server.url}#token=wrong`);
    await other.getByRole('alert').filter({ hasText: 'kho serve' }).waitFor();
    expect(seen.every((e) => e.includes('401'))).toBe(true);
    await other.close();
  });

  /** The browser logs refused calls (HTTP 400) of the too-long query: that step's point, not errors of the page. */
  const REFUSED_CALL = /status of 400 \(Bad Request\) \(.*\/api\/(search|suggest)\)$/;

  it('words notices, query problems, errors and failure reasons in Vietnamese and in English', async () => {
    const texts = {
      vi: { search: 'Tìm kiếm', library: /Thư viện/, box: 'Tìm trong kho văn bản', filtersOnly: 'Thêm từ cần tìm để xem đoạn trích', quote: 'Thiếu dấu ngoặc kép đóng', tooLong: 'Câu tìm kiếm quá dài', reason: 'Tệp PDF bị hỏng hoặc không đúng định dạng.' },
      en: { search: 'Search', library: /Library/, box: 'Search the document library', filtersOnly: 'Add words to see passages', quote: 'unclosed quote', tooLong: 'the search query is too long', reason: 'the PDF is damaged or not a readable PDF' },
    };
    for (const lang of ['vi', 'en'] as const) {
      const t = texts[lang];
      if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: t.search, exact: true }).click();
      const box = page.getByRole('combobox', { name: t.box });
      // A filter with no words to search for lists the matching documents, and says how to see passages.
      await box.fill('loai:quyet-dinh');
      await page.locator('.browse-note', { hasText: t.filtersOnly }).waitFor();
      // A problem of the query, shown once (it used to come as a notice too).
      await box.fill('đổi mới "sáng tạo');
      await page.locator('.notice[data-code="query.unclosedQuote"]', { hasText: t.quote }).waitFor();
      expect(await page.locator('.notice[data-code="query.unclosedQuote"]').count()).toBe(1);
      // A user error: a query over the length limit.
      await box.fill('đổi mới '.repeat(200));
      expect(await page.getByRole('alert').filter({ hasText: t.tooLong }).innerText()).toMatch(/1000/);
      await box.fill('');
      // The browser logs the refused calls (HTTP 400); they are this step's point, not errors of the page.
      errors.splice(0, errors.length, ...errors.filter((e) => !REFUSED_CALL.test(e)));
      // A failure reason.
      await page.getByRole('button', { name: t.library }).click();
      expect(await page.locator('table.failures tr', { hasText: 'hong-tep.pdf' }).locator('.reason').innerText()).toBe(t.reason);
    }
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('button', { name: 'Tìm kiếm', exact: true }).click();
    // The refused suggestion call of the last pass may be logged after that pass looked.
    errors.splice(0, errors.length, ...errors.filter((e) => !REFUSED_CALL.test(e)));
  });

  it('switches to English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('combobox', { name: 'Search the document library' }).waitFor();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  });

  async function topCards() {
    return page.locator('.result').evaluateAll((cards) =>
      cards.slice(0, 5).map((card) => ({
        title: card.querySelector('.result-title')?.textContent ?? '',
        marks: [...card.querySelectorAll('mark')].map((m) => m.textContent ?? ''),
      })),
    );
  }

  function activeId(): Promise<string | undefined> {
    return page.evaluate(() => document.activeElement?.id);
  }

  function clipboard(): Promise<string> {
    return page.evaluate(() => navigator.clipboard.readText());
  }
});
