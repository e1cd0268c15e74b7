/**
 * The search workspace end to end, in Chromium against `kho serve` on a copy
 * of the corpus: facets narrow results and show a removable chip, sort by
 * date, the in-app viewer (pdf.js at the cited page with the passage marked;
 * indexed text for DOCX with the passage marked), the citation basket (notes,
 * reorder, Markdown and DOCX export), the document page (validity with
 * evidence, relations, override set and cleared, related documents), and the
 * library (document badges, removing a folder).
 *
 * Every wait is on a condition the page shows, never a fixed sleep.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, tempDir } from './helpers.js';
import { closeAfterward, expectRendered, openWorkspace, type Serving } from './web-helpers.js';

describe('search workspace in Chromium', () => {
  const work = tempDir('web-workspace');
  const library = path.join(work.dir, 'library');
  const extra = path.join(work.dir, 'extra');
  const shots = process.env.KHO_SCREENSHOTS ? path.resolve(process.env.KHO_SCREENSHOTS) : path.join(work.dir, 'shots');
  const corpusFiles = readdirSync(CORPUS).filter((f) => !f.startsWith('.') && f !== 'README.md');
  let serving: Serving;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  const shot = (name: string) => page.screenshot({ path: path.join(shots, `${name}.png`) });
  const input = () => page.getByRole('combobox', { name: 'Tìm trong kho văn bản' });

  /** Type a query and wait for its answer (sorted as asked). */
  async function search(query: string, sort: 'relevance' | 'date' = 'relevance') {
    await input().fill(query);
    await page.locator(`.results-area[data-query="${query.replace(/"/g, '\\"')}"][data-sort="${sort}"][aria-busy="false"] .result`).first().waitFor();
    await page.mouse.click(5, 700); // close the suggestion list
  }

  async function api<T>(method: string, body: unknown): Promise<T> {
    const response = await fetch(`${serving.server.url}api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serving.server.token}` },
      body: JSON.stringify(body),
    });
    const reply = (await response.json()) as { ok: boolean; value: T; error?: { code: string; params: unknown } };
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    return reply.value;
  }

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    cpSync(CORPUS, library, { recursive: true });
    mkdirSync(extra);
    writeFileSync(path.join(extra, 'ghi-chu-kiem-thu.txt'), 'GHI CHÚ\n\nBuổi làm việc về vườn ươm khởi nghiệp Quảng Trị đã thống nhất lộ trình số hóa hồ sơ lưu trữ.\n');
    ({ serving, browser, page, errors } = await openWorkspace(work.dir, {
      bundledCorpus: library,
      acceptDownloads: true,
      beforeBrowser: async (started) => {
        serving = started;
        await api('index', { paths: [library, extra] });
      },
    }));
    await page.goto(serving.server.pageUrl);
    await expectRendered(page);
  });

  closeAfterward(() => ({ browser, serving, errors }), work);

  it('narrows results with a facet, shows it as a removable chip, and sorts by date', async () => {
    await search('quy chế quản lý nhiệm vụ khoa học');
    const titles = () => page.locator('.result .result-title').evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/^Kết quả \d+:\s*/, '')));
    const before = await titles();
    expect(before.some((t) => !t.startsWith('Quyết định'))).toBe(true);

    const facet = page.locator('.facet-group[data-field="loai"] .facet', { hasText: 'Quyết định' });
    const count = Number(await facet.locator('.facet-count').innerText());
    await facet.click();
    await expect.poll(() => input().inputValue()).toBe('quy chế quản lý nhiệm vụ khoa học loai:quyet-dinh');
    await page.locator('.results-area[data-query="quy chế quản lý nhiệm vụ khoa học loai:quyet-dinh"][aria-busy="false"] .result').first().waitFor();
    const chip = page.locator('.chip-filter[data-field="loai"]');
    expect(await chip.innerText()).toContain('Quyết định');
    const after = await titles();
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((t) => t.startsWith('Quyết định'))).toBe(true);
    const docs = new Set(await page.locator('.result').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.path)));
    expect(docs.size).toBeLessThanOrEqual(count);
    expect(await page.locator('.facet-group[data-field="loai"] .facet[aria-pressed="true"]').count()).toBe(1);
    await shot('w01-facet');

    // Sort the narrowed set by date: newest documents first.
    await page.getByLabel('Sắp xếp').selectOption('date');
    await page.locator('.results-area[data-sort="date"][aria-busy="false"] .result').first().waitFor();
    const dates = await page.locator('.result').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.date ?? ''));
    const dated = dates.filter(Boolean);
    expect(dated.length).toBeGreaterThan(1);
    expect(dated).toEqual([...dated].sort().reverse());
    expect(new Set(dated).size).toBeGreaterThan(1);

    // The chip's × takes the filter out of the query again.
    await chip.getByRole('button', { name: /Bỏ bộ lọc loại/ }).click();
    await expect.poll(() => input().inputValue()).toBe('quy chế quản lý nhiệm vụ khoa học');
    await page.locator('.results-area[data-query="quy chế quản lý nhiệm vụ khoa học"][aria-busy="false"] .result').first().waitFor();
    expect(await page.locator('.chip-filter').count()).toBe(0);
    await page.getByLabel('Sắp xếp').selectOption('relevance');
  });

  it('empties the year-range boxes when the query changes, and shows the range a query has', async () => {
    await search('quy chế quản lý nhiệm vụ khoa học');
    const [from, to] = [page.getByLabel('Từ năm'), page.getByLabel('Đến năm')];
    await from.fill('2019');
    await to.fill('2021');
    await search('chuyển giao công nghệ');
    expect([await from.inputValue(), await to.inputValue()]).toEqual(['', '']);
    await from.fill('2020');
    await to.fill('2024');
    await page.locator('.year-range').getByRole('button', { name: 'Lọc' }).click();
    await expect.poll(() => input().inputValue()).toBe('chuyển giao công nghệ nam:2020..2024');
    expect([await from.inputValue(), await to.inputValue()]).toEqual(['2020', '2024']);
    await search('quy chế quản lý nhiệm vụ khoa học');
    expect([await from.inputValue(), await to.inputValue()]).toEqual(['', '']);
  });

  it('opens a PDF hit in the viewer at its cited page with the passage highlighted', async () => {
    await search('hội đồng tư vấn đánh giá nghiệm thu');
    const card = page.locator('.result', { has: page.locator('.format-pdf') }).first();
    const pageText = await card.locator('.result-meta .meta-item').first().innerText();
    const cited = Number(/Trang (\d+)/.exec(pageText)![1]);
    expect(cited).toBeGreaterThan(1);
    await card.getByRole('button', { name: 'Xem', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('.pdf-view[data-state="marked"]').waitFor();
    expect(await dialog.getByLabel('Trang', { exact: true }).inputValue()).toBe(String(cited));
    expect(await dialog.locator('.pdf-view').getAttribute('data-page')).toBe(String(cited));
    const marked = squash((await dialog.locator('.textLayer .cited').allTextContents()).join(''));
    const passage = squash(await dialog.locator('.passage-side').innerText());
    expect(marked.length).toBeGreaterThan(40);
    // What is marked on the page is the cited passage (a long stretch of it, in order).
    expect(passage).toContain(marked.slice(0, 30));
    expect(passage).toContain(marked.slice(-30));
    await shot('w02-pdf-viewer');

    // Page navigation, and back to the cited page.
    await dialog.getByRole('button', { name: 'Trang trước' }).click();
    await dialog.locator(`.pdf-view[data-page="${cited - 1}"][data-state="ready"]`).waitFor();
    await dialog.getByRole('button', { name: /Về trang được trích/ }).click();
    await dialog.locator(`.pdf-view[data-page="${cited}"][data-state="marked"]`).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('opens a DOCX hit as text with section headings and the passage marked', async () => {
    await search('sửa đổi quy định hỗ trợ đổi mới sáng tạo');
    const card = page.locator('.result', { has: page.locator('.format-docx') }).first();
    const start = squash((await card.locator('.passage').innerText()).replace(/^…\s*/, '').replace(/\s*…$/, '')).slice(0, 40);
    await card.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    const block = dialog.locator('.cited-block');
    await block.waitFor();
    expect(squash(await block.innerText())).toContain(start);
    expect(await block.locator('mark').count()).toBeGreaterThan(0);
    expect(await dialog.locator('.text-heading').count()).toBeGreaterThan(0);
    await expect.poll(() => block.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const frame = el.closest('.viewer-doc')!.getBoundingClientRect();
      return box.top < frame.bottom && box.bottom > frame.top;
    })).toBe(true);
    await shot('w03-text-viewer');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('collects two hits in the basket, annotates, reorders and exports Markdown and DOCX', async () => {
    await api('basketClear', {});
    await search('chuyển giao công nghệ');
    const cards = page.locator('.result');
    const first = (await cards.nth(0).locator('.result-title').innerText()).replace(/^Kết quả \d+:\s*/, '');
    const second = (await cards.nth(1).locator('.result-title').innerText()).replace(/^Kết quả \d+:\s*/, '');
    await cards.nth(0).getByRole('button', { name: 'Thêm vào giỏ' }).click();
    await cards.nth(0).getByRole('button', { name: '✓ Trong giỏ' }).waitFor();
    // B on a focused card adds it too.
    await cards.nth(1).focus();
    await page.keyboard.press('b');
    await cards.nth(1).getByRole('button', { name: '✓ Trong giỏ' }).waitFor();

    await page.getByRole('button', { name: /Giỏ trích dẫn/ }).click();
    const basket = page.locator('aside.basket');
    const items = basket.locator('.basket-item');
    await expect.poll(() => items.count()).toBe(2);
    await items.nth(0).getByLabel('Ghi chú').fill('Dùng cho mục 2 của báo cáo');
    await items.nth(0).getByLabel('Ghi chú').blur();
    await items.nth(0).locator('.note-state[data-state="saved"]').waitFor();
    // Move the second passage up: the order is now second, first.
    await basket.getByRole('button', { name: 'Đưa đoạn 2 lên' }).click();
    await expect.poll(() => items.nth(0).locator('.basket-title').innerText()).toBe(second);
    await expect.poll(async () => (await api<Array<{ title: string }>>('basketList', {})).map((i) => i.title)).toEqual([second, first]);
    await shot('w04-basket');

    const [markdown] = await Promise.all([page.waitForEvent('download'), basket.getByRole('button', { name: 'Xuất Markdown' }).click()]);
    expect(markdown.suggestedFilename()).toMatch(/\.md$/);
    const text = readFileSync((await markdown.path())!, 'utf8');
    const at = (needle: string) => text.indexOf(needle);
    expect(at('Dùng cho mục 2 của báo cáo')).toBeGreaterThan(0);
    // Titles appear in the basket's order (citations carry the document identity).
    const key = (title: string) => /số (\S+)/.exec(title)?.[1] ?? title.slice(0, 30);
    expect(at(key(second))).toBeGreaterThanOrEqual(0);
    expect(at(key(first))).toBeGreaterThanOrEqual(0);
    if (key(second) !== key(first)) expect(at(key(second))).toBeLessThan(at(key(first)));

    const [docx] = await Promise.all([page.waitForEvent('download'), basket.getByRole('button', { name: 'Xuất DOCX' }).click()]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = readFileSync((await docx.path())!);
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');

    await basket.getByRole('button', { name: 'Đóng giỏ trích dẫn' }).click();
    await basket.waitFor({ state: 'detached' });
  });

  it('shows a replaced decision’s page: status with evidence, relations both ways, related; sets and clears an override', async () => {
    await search('quy chế quản lý nhiệm vụ khoa học');
    const old = page.locator('.result[data-path$="qd-1520-2020-ubnd-nghe-an-quy-che-quan-ly-nhiem-vu-khoa-hoc-cong-nghe.pdf"]').first();
    expect(await old.locator('.status').innerText()).toBe('Đã bị thay thế');
    await old.getByRole('button', { name: 'Trang văn bản' }).click();
    const doc = page.locator('article.document-page');
    await doc.locator('#doc-title').waitFor();
    expect(await doc.locator('.doc-head .status').innerText()).toBe('Đã bị thay thế');
    expect(await doc.locator('.status-card .evidence').innerText()).toMatch(/thay thế/i);
    const changedBy = doc.locator('.relation-group[data-group="changedBy"]');
    expect(await changedBy.innerText()).toContain('2876');
    expect(await doc.locator('.relation-group[data-group="basis"] .relation').count()).toBeGreaterThan(0);
    expect(await doc.locator('.timeline li').count()).toBeGreaterThan(1);
    await doc.locator('.related-list li').first().waitFor();
    expect(await doc.locator('.related-list .related-reason').first().innerText()).not.toBe('');
    await shot('w05-document-page');

    // The replacing decision has its own page, reached from the relation.
    await changedBy.locator('.relation-target').first().click();
    await page.locator('article.document-page[data-path$="qd-2876-2023-ubnd-nghe-an-quy-che-quan-ly-nhiem-vu-khoa-hoc-cong-nghe-thay-the.pdf"] #doc-title').waitFor();
    const current = page.locator('article.document-page');
    expect(await current.locator('#doc-title').innerText()).toContain('2876');
    const before = await current.locator('.doc-head .status').innerText();
    expect(await current.locator('.relation-group[data-group="changes"]').innerText()).toContain('1520');

    // Override: nothing is chosen until the user chooses; then mark it expired with a note, and clear it.
    expect(await current.getByLabel('Đặt là').inputValue()).toBe('');
    expect(await current.getByRole('button', { name: 'Lưu hiệu lực' }).isDisabled()).toBe(true);
    await current.getByLabel('Đặt là').selectOption('expired');
    await current.getByLabel('Ghi chú', { exact: true }).fill('Đã có quyết định mới, chưa nhập kho');
    await current.getByRole('button', { name: 'Lưu hiệu lực' }).click();
    await current.locator('.doc-head .status[data-status="expired"]').waitFor();
    expect(await current.locator('.status-source').innerText()).toBe('do bạn đặt');
    expect(await current.locator('.override-note').innerText()).toContain('chưa nhập kho');
    await current.getByRole('button', { name: 'Bỏ đánh dấu của tôi' }).click();
    await current.locator('.status-source', { hasText: /^(?!do bạn đặt)/ }).waitFor();
    expect(await current.locator('.doc-head .status').innerText()).toBe(before);

    await current.getByRole('button', { name: /Quay lại/ }).click();
    await page.locator('article.document-page[data-path$="qd-1520-2020-ubnd-nghe-an-quy-che-quan-ly-nhiem-vu-khoa-hoc-cong-nghe.pdf"]').waitFor();
  });

  it('lists documents with badges and removes a folder after confirmation', async () => {
    await page.getByRole('button', { name: /Thư viện/ }).click();
    const rows = page.locator('table.documents tbody tr');
    await expect.poll(() => rows.count()).toBe(corpusFiles.length + 1);
    expect(await page.locator('table.documents .badge-indexed').count()).toBe(corpusFiles.length + 1);
    expect(await page.locator('table.documents tr[data-path$="qd-1520-2020-ubnd-nghe-an-quy-che-quan-ly-nhiem-vu-khoa-hoc-cong-nghe.pdf"] .status').innerText()).toBe('Đã bị thay thế');
    await page.getByLabel('Lọc theo tên hoặc đường dẫn').fill('ghi-chu');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('Lọc theo tên hoặc đường dẫn').fill('');
    await expect.poll(() => rows.count()).toBe(corpusFiles.length + 1);
    await shot('w06-library');

    const folder = page.locator(`.folder-list li[data-folder="${extra}"]`);
    await folder.getByRole('button', { name: `Gỡ thư mục ${extra} khỏi thư viện` }).click();
    await folder.getByRole('button', { name: 'Gỡ thư mục', exact: true }).click();
    await folder.waitFor({ state: 'detached' });
    await page.locator('.folders .done-line', { hasText: 'Đã gỡ thư mục; 1 văn bản' }).waitFor();
    await expect.poll(() => rows.count()).toBe(corpusFiles.length);
    expect(await page.locator(`.folder-list li[data-folder="${library}"]`).count()).toBe(1);
  });

  it('stops a long run from its progress bar, keeps what was done, and resumes it to the end', async () => {
    const many = path.join(work.dir, 'nhieu-bien-ban');
    const FILES = 2000;
    mkdirSync(many);
    for (let i = 0; i < FILES; i++) {
      writeFileSync(path.join(many, `bb-${String(i).padStart(4, '0')}.txt`), `Biên bản họp tổ công tác số ${i + 1}: rà soát hồ sơ đề tài mã ĐT-${i * 13 + 7}.\n`);
    }
    await page.getByRole('button', { name: /Thư viện/ }).click();
    await page.getByLabel('Đường dẫn thư mục hoặc tệp').fill(many);
    await page.getByRole('button', { name: 'Lập chỉ mục', exact: true }).click();
    const stop = page.getByRole('button', { name: 'Dừng' });
    await stop.waitFor();
    // Stop at once: on an idle machine the whole run takes a few seconds, so waiting for
    // anything first (the rate shows after a second of work) could let it finish. The rate
    // and time left are checked on the resumed run below. Only the first stored file is awaited.
    await expect.poll(() => page.locator('.job-panel progress').evaluate((el) => (el as HTMLProgressElement).value)).toBeGreaterThan(0);
    await stop.click();
    const done = page.locator('.job-panel .done-line');
    await done.waitFor();
    expect(await done.innerText()).toContain('Đã dừng giữa chừng');
    // Stopped, not done: its own label, the bar where it stopped, one way to resume, no rate.
    expect(await page.locator('.job-panel .progress-line strong').innerText()).toBe('Đã dừng');
    const bar = await page.locator('.job-panel progress').evaluate((el) => ({ value: (el as HTMLProgressElement).value, max: (el as HTMLProgressElement).max }));
    expect(bar.value).toBeLessThan(bar.max);
    await page.getByRole('button', { name: 'Tiếp tục lập chỉ mục' }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Tiếp tục lập chỉ mục' }).count()).toBe(1);
    expect(await page.locator('.progress-rate').count()).toBe(0);
    await shot('w07b-stopped');
    // Every rate the resumed run shows is over at least a second of work: never more files per second than there are files.
    await page.evaluate(() => {
      const rates: string[] = ((window as unknown as { rates: string[] }).rates = []);
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('.progress-rate')) rates.push(el.textContent ?? '');
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const partial = (await api<{ total: number }>('documents', { folder: many })).total;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(FILES);

    await page.locator('.job-panel').getByRole('button', { name: 'Tiếp tục lập chỉ mục' }).click();
    await expect.poll(async () => (await api<{ total: number }>('documents', { folder: many })).total, { timeout: 20 * 60_000 }).toBe(FILES);
    await page.locator('.job-panel .done-line').filter({ hasNotText: 'Đã dừng' }).waitFor();
    await shot('w08-resumed');
    const rates = await page.evaluate(() => (window as unknown as { rates: string[] }).rates);
    const perSecond = rates.map((r) => /([\d.,]+) tệp\/giây/.exec(r)?.[1]).filter(Boolean).map((n) => Number(n!.replace(/\./g, '').replace(',', '.')));
    expect(perSecond.length, 'a rate is shown while the run goes on').toBeGreaterThan(0);
    expect(perSecond.filter((r) => r > FILES), rates.join(' | ')).toEqual([]);
  });
});

/** Text without whitespace, to compare what pdf.js and the extractor split differently. */
function squash(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, '');
}
