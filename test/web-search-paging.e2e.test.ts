/**
 * Search over a library bigger than one page, end to end in Chromium against
 * `kho serve` (issue 14): the count line says how many passages and documents
 * match, "more results" appends the next page with no repeats, sorting starts
 * again and holds across pages, a filter-only query lists the matching
 * documents (with paging and working facets), the passages of one article are
 * one hit with the others folded under "n more passages" (each with its own
 * citation), a passage-level list on request, identical copies shown once
 * with their other path, and a notice when no passage holds every word.
 *
 * The library is written by the test: 40 decisions (each with a long Điều 2
 * cut into three khoản), 30 reports and 20 plans about "chuyển đổi số", with
 * Decree 30 headers so type, number, issuer and date are real; two notices
 * whose words never share a passage; one file and its identical copy.
 * Every wait is on a condition the page shows, never a fixed sleep.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { closeAfterward, expectRendered, openWorkspace, type Serving } from './web-helpers.js';

const ISSUERS: Array<[string, string, string]> = [
  ['ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA', 'UBND', 'Thanh Hóa'],
  ['ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN', 'UBND', 'Nghệ An'],
  ['UBND TỈNH QUẢNG TRỊ\nSỞ KHOA HỌC VÀ CÔNG NGHỆ', 'SKHCN', 'Quảng Trị'],
];
const FILL = 'nhằm nâng cao hiệu quả quản lý nhà nước, bảo đảm công khai minh bạch, tiết kiệm chi phí và thời gian cho người dân, doanh nghiệp trên địa bàn tỉnh theo đúng quy định của pháp luật hiện hành';
const DECISIONS = 40;
const REPORTS = 30;
const PLANS = 20;

/** A Decree 30 header: issuer, number, place and date, then the type name. Document i is number 100 + i of year 2019 + i % 6. */
function header(i: number, kind: string, symbol: string): { no: number; year: number; text: string } {
  const [issuer, org, place] = ISSUERS[i % ISSUERS.length]!;
  const year = 2019 + (i % 6);
  const no = 100 + i;
  const text = `${issuer}\nSố: ${no}/${symbol}-${org}\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n${place}, ngày ${1 + (i % 27)} tháng ${1 + (i % 12)} năm ${year}\n\n\n${kind}\n`;
  return { no, year, text };
}

function writeLibrary(root: string): void {
  const put = (folder: string, name: string, text: string) => {
    mkdirSync(path.join(root, folder), { recursive: true });
    writeFileSync(path.join(root, folder, name), text);
  };
  for (let i = 0; i < DECISIONS; i++) {
    const h = header(i, 'QUYẾT ĐỊNH', 'QĐ');
    const khoan = [1, 2, 3].map((k) => `${k}. Nội dung thứ ${k} về chuyển đổi số tại đơn vị số ${i}: ${FILL}; ${FILL}; ${FILL}.`).join('\n\n');
    put('quyet-dinh', `qd-${h.no}-${h.year}.txt`, `${h.text}Ban hành quy chế chuyển đổi số số ${i} trong cơ quan nhà nước\n\n\nĐiều 1. Phạm vi điều chỉnh\n\nQuy chế này quy định việc chuyển đổi số trong hoạt động của cơ quan ${i}.\n\nĐiều 2. Nhiệm vụ chuyển đổi số\n\n${khoan}\n\nĐiều 3. Hiệu lực thi hành\n\nQuyết định này có hiệu lực kể từ ngày ký.\n`);
  }
  for (let i = 0; i < REPORTS; i++) {
    const h = header(i + DECISIONS, 'BÁO CÁO', 'BC');
    put('bao-cao', `bc-${h.no}-${h.year}.txt`, `${h.text}Kết quả thực hiện chuyển đổi số năm ${h.year} của đơn vị ${i}\n\n\nI. KẾT QUẢ ĐẠT ĐƯỢC\n\nTrong năm, đơn vị ${i} đã triển khai chuyển đổi số ${FILL}.\n\nII. TỒN TẠI, HẠN CHẾ\n\nNguồn lực cho chuyển đổi số còn hạn chế ${FILL}.\n`);
  }
  for (let i = 0; i < PLANS; i++) {
    const h = header(i + DECISIONS + REPORTS, 'KẾ HOẠCH', 'KH');
    put('ke-hoach', `kh-${h.no}-${h.year}.txt`, `${h.text}Triển khai chuyển đổi số giai đoạn ${h.year}–${h.year + 5} số ${i}\n\n\nI. MỤC ĐÍCH, YÊU CẦU\n\nĐẩy mạnh chuyển đổi số ${FILL}.\n\nII. NHIỆM VỤ\n\nTập huấn kỹ năng số cho cán bộ ${FILL}.\n`);
  }
  // Two words that never share a passage: a query with both has partial matches only.
  put('khac', 'tb-thien-van.txt', `${header(91, 'THÔNG BÁO', 'TB').text}Về buổi nói chuyện thiên văn\n\n\nBuổi nói chuyện về thiên văn học dành cho học sinh ${FILL}.\n`);
  put('khac', 'tb-hai-duong.txt', `${header(92, 'THÔNG BÁO', 'TB').text}Về chuyến khảo sát hải dương\n\n\nChuyến khảo sát hải dương học ven biển ${FILL}.\n`);
  // A file and its identical copy in another folder: one hit, naming the other path.
  const copy = `${header(93, 'CÔNG VĂN', 'CV').text}V/v báo cáo tiến độ số hóa hồ sơ lưu trữ\n\n\nĐề nghị các đơn vị báo cáo tiến độ số hóa hồ sơ lưu trữ ${FILL}.\n`;
  put('khac', 'cv-so-hoa.txt', copy);
  put('ban-sao', 'cv-so-hoa-ban-sao.txt', copy);
}

describe('search paging, totals, browsing and folded passages in Chromium', () => {
  const work = tempDir('web-paging');
  const library = path.join(work.dir, 'library');
  const shots = process.env.KHO_SCREENSHOTS ? path.resolve(process.env.KHO_SCREENSHOTS) : path.join(work.dir, 'shots');
  let serving: Serving;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  const shot = (name: string) => page.screenshot({ path: path.join(shots, `${name}.png`) });
  const input = () => page.getByRole('combobox', { name: 'Tìm trong kho văn bản' });
  const cards = () => page.locator('.results > li > .result');
  const attr = (name: string) => cards().evaluateAll((els, n) => els.map((e) => e.getAttribute(n) ?? ''), name);
  const count = () => page.locator('.meta-line .count');

  /** Type a query and wait for its answer. */
  async function search(query: string) {
    await input().fill(query);
    await page.locator(`.results-area[data-query="${query.replace(/"/g, '\\"')}"][aria-busy="false"] .result`).first().waitFor();
    await page.mouse.click(5, 840); // close the suggestion list
  }

  /** Choose an order and wait for the first page in that order. */
  async function sortBy(sort: string) {
    await page.getByLabel('Sắp xếp').selectOption(sort);
    await page.locator(`.results-area[data-sort="${sort}"][aria-busy="false"] .result`).first().waitFor();
  }

  /** Click "more results" and wait for the list to grow past `shown`. */
  async function more(shown: number) {
    await page.getByRole('button', { name: 'Xem thêm kết quả' }).click();
    await expect.poll(() => cards().count()).toBeGreaterThan(shown);
    await page.locator('.more-results-button:not([disabled]), .all-shown').first().waitFor();
  }

  async function api<T>(method: string, body: unknown): Promise<T> {
    const response = await fetch(`${serving.server.url}api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serving.server.token}` },
      body: JSON.stringify(body),
    });
    const reply = (await response.json()) as { ok: boolean; value: T; error?: unknown };
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    return reply.value;
  }

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    writeLibrary(library);
    ({ serving, browser, page, errors } = await openWorkspace(work.dir, {
      bundledCorpus: null,
      beforeBrowser: async (started) => {
        serving = started;
        await api('index', { paths: [library] });
      },
    }));
    await page.goto(serving.server.pageUrl);
    await expectRendered(page);
  });

  closeAfterward(() => ({ browser, serving, errors }), work);

  it('says how many passages and documents match, and appends the next pages with no repeats', async () => {
    await search('chuyển đổi số');
    const answer = await api<{ total: { passages: number; documents: number; exact: boolean } }>('search', { query: 'chuyển đổi số', limit: 20 });
    expect(answer.total.documents).toBe(DECISIONS + REPORTS + PLANS);
    expect(answer.total.exact).toBe(true);
    expect(await count().innerText()).toMatch(new RegExp(`^${answer.total.passages} đoạn trong ${answer.total.documents} văn bản · đang hiện 1–20 · `));
    // Facets count every matching document, not the first page.
    const facet = (field: string, value: string) => page.locator(`.facet-group[data-field="${field}"] .facet[data-value="${value}"] .facet-count`);
    expect(await facet('loai', 'bao-cao').getAttribute('data-count')).toBe(String(REPORTS));
    expect(await facet('loai', 'quyet-dinh').getAttribute('data-count')).toBe(String(DECISIONS));
    expect(await facet('loai', 'ke-hoach').getAttribute('data-count')).toBe(String(PLANS));
    await shot('p01-first-page');

    const first = await attr('data-passage-id');
    expect(first).toHaveLength(20);
    await more(20);
    const two = await attr('data-passage-id');
    expect(two.slice(0, 20)).toEqual(first);
    expect(new Set(two).size).toBe(two.length);
    // The keyboard reads on: the focus is on the first hit of the new page.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.resultIndex)).toBe('20');
    expect(await count().innerText()).toContain(`đang hiện 1–${two.length}`);

    // To the end: every matching passage shown once, as a hit or folded into one.
    while (await page.getByRole('button', { name: 'Xem thêm kết quả' }).count()) await more(await cards().count());
    await page.locator('.all-shown').waitFor();
    const ids = await attr('data-passage-id');
    expect(new Set(ids).size).toBe(ids.length);
    const folded = (await attr('data-more')).reduce((n, m) => n + Number(m || 0), 0);
    expect(ids.length + folded).toBe(answer.total.passages);
    await shot('p02-all-shown');
  });

  it('sorts over all matches: a new order starts again at the first page and holds across pages', async () => {
    await search('chuyển đổi số');
    await sortBy('date');
    expect(await cards().count()).toBe(20);
    await more(20);
    const dates = await attr('data-date');
    expect(dates.every(Boolean)).toBe(true);
    expect(dates).toEqual([...dates].sort().reverse());
    // The newest documents of the whole library come first, not the newest of the first page.
    expect(dates[0]!.slice(0, 4)).toBe('2024');
    await sortBy('relevance');
    expect(await cards().count()).toBe(20);
  });

  it('lists the documents of a filter-only query, with paging, sorting and working facets', async () => {
    await search('loai:bao-cao');
    const rows = page.locator('.browse-list .doc-row');
    expect(await rows.count()).toBe(20);
    expect(await count().innerText()).toMatch(new RegExp(`^${REPORTS} văn bản · đang hiện 1–20`));
    expect(await page.locator('.browse-list .doc-type').allInnerTexts()).toEqual(Array(20).fill('Báo cáo'));
    expect(await rows.first().locator('.doc-number').innerText()).toMatch(/^số \d+\/BC-/);
    await shot('p03-browse');
    await more(20);
    expect(await rows.count()).toBe(REPORTS);
    expect(new Set(await attr('data-document-id')).size).toBe(REPORTS);
    await page.locator('.all-shown').waitFor();

    // By number: the whole list in order, from the first page on.
    await sortBy('number');
    await more(20);
    const numbers = (await page.locator('.browse-list .doc-number').allInnerTexts()).map((n) => Number(/\d+/.exec(n)![0]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers).toHaveLength(REPORTS);
    // Without words there is no relevance to sort by: the list offers date, number and title.
    expect(await page.getByLabel('Sắp xếp').locator('option').allInnerTexts()).toEqual(['Mới nhất', 'Số hiệu', 'Tên văn bản']);

    // A year facet narrows the list to its count.
    const year = page.locator('.facet-group[data-field="nam"] .facet[data-value="2020"]');
    const expected = Number(await year.locator('.facet-count').getAttribute('data-count'));
    expect(expected).toBeGreaterThan(0);
    await year.click();
    await expect.poll(() => input().inputValue()).toBe('loai:bao-cao nam:2020');
    await page.locator('.results-area[data-query="loai:bao-cao nam:2020"][aria-busy="false"] .doc-row').first().waitFor();
    expect(await rows.count()).toBe(expected);
    expect((await attr('data-date')).every((d) => d.startsWith('2020'))).toBe(true);
    // Enter on a row opens its document page.
    const firstPath = (await rows.first().getAttribute('data-path'))!;
    await rows.first().focus();
    await page.keyboard.press('Enter');
    await page.locator(`article.document-page[data-path="${firstPath}"] #doc-title`).waitFor();
    await page.getByRole('button', { name: 'Tìm kiếm', exact: true }).click();
    await sortBy('date');
  });

  it('folds the passages of one article into one hit, each with its own citation, and lists passages on request', async () => {
    await search('nội dung thứ đơn vị số 7');
    await sortBy('relevance');
    const top = cards().first();
    expect(await top.getAttribute('data-path')).toMatch(/qd-107-2020\.txt$/);
    const toggle = top.locator('.more-toggle');
    expect(await toggle.innerText()).toMatch(/2 đoạn khác trong điều này/);
    // No two of the top 10 hits are the same article.
    const articles = (await cards().evaluateAll((els) => els.slice(0, 10).map((e) => `${(e as HTMLElement).dataset.path}|${e.querySelector('.section')?.textContent?.split(' › ')[0] ?? ''}`)));
    expect(new Set(articles).size).toBe(articles.length);

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const folded = top.locator('.more-passage');
    expect(await folded.count()).toBe(2);
    expect(await folded.first().locator('mark').count()).toBeGreaterThan(0);
    expect(await folded.first().locator('.section').innerText()).toMatch(/^Điều 2 › khoản \d$/);
    const answer = await api<{ hits: Array<{ morePassages: Array<{ passageId: string; citation: string }> }> }>('search', { query: 'nội dung thứ đơn vị số 7', limit: 10 });
    const expected = answer.hits[0]!.morePassages[0]!;
    expect(await folded.first().getAttribute('data-passage-id')).toBe(expected.passageId);
    await folded.first().getByRole('button', { name: 'Chép trích dẫn' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã chép trích dẫn' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected.citation);
    // Into the basket with its own location and citation, not the hit's.
    await folded.first().getByRole('button', { name: 'Thêm vào giỏ' }).click();
    await expect.poll(async () => (await api<Array<{ passageId: string; citation: string }>>('basketList', {})).map((b) => [b.passageId, b.citation])).toEqual([[expected.passageId, expected.citation]]);
    // The server has it; the button shows it once the app has the answer too.
    await expect.poll(() => folded.first().locator('.basket-add').getAttribute('aria-pressed')).toBe('true');
    expect(await top.locator('.result-foot .basket-add').getAttribute('aria-pressed')).toBe('false');
    await shot('p04-folded');
    await api('basketClear', {});

    // Passage by passage: the article's three khoản are three hits.
    // The folded answer stays on screen until the new one arrives (a busy machine
    // can take a while), so wait for the unfolded answer rather than for "not busy".
    await page.getByLabel('Gộp các đoạn cùng điều').uncheck();
    await expect.poll(() => page.locator('.more-toggle').count()).toBe(0);
    await page.locator('.results-area[aria-busy="false"] .result').first().waitFor();
    await expect.poll(async () => (await attr('data-path')).filter((p) => p.endsWith('qd-107-2020.txt')).length).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.more-toggle').count()).toBe(0);
    await page.getByLabel('Gộp các đoạn cùng điều').check();
    await expect.poll(() => page.locator('.more-toggle').count()).toBeGreaterThan(0);
  });

  it('shows an identical copy once, naming its other path', async () => {
    await search('số hóa hồ sơ lưu trữ');
    const copies = cards().filter({ has: page.locator('.file-name', { hasText: /^cv-so-hoa(-ban-sao)?\.txt$/ }) });
    expect(await copies.count()).toBe(1);
    expect(await copies.locator('.other-paths').innerText()).toMatch(/^Cũng có ở: cv-so-hoa(-ban-sao)?\.txt$/);
  });

  it('says so when no passage holds every word', async () => {
    await search('thiên văn hải dương');
    const notice = page.locator('.notice-partial');
    expect(await notice.innerText()).toBe('Không có đoạn nào chứa đủ mọi từ — đang hiện kết quả khớp một phần.');
    expect(await cards().count()).toBeGreaterThan(0);
    await shot('p05-partial');
    await search('chuyển đổi số');
    expect(await notice.count()).toBe(0);
  });
});
