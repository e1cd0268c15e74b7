/**
 * The query language: the parser on its own, then its effect on real searches
 * over the sample corpus (keyword mode), and the ALQAC quality guard.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../indexer/vietnamese/query.js';
import { ABBREVIATIONS, expandAbbreviation, expandAbbreviations } from '../indexer/search/abbreviations.js';
import { isNaturalQuestion, understandQuestion } from '../indexer/search/question.js';
import { queryReferences, sectionArticle, sectionHasClause, titleMatch } from '../indexer/search/references-in-query.js';
import { readFileSync } from 'node:fs';
import { CORPUS, kho, khoJson, ROOT, tempDir } from './helpers.js';

describe('parseQuery', () => {
  it('understands phrases, exclusions, OR, prefixes and fields', () => {
    const q = parseQuery('"chuyển giao công nghệ" đổi mới* -"ma túy" -nông OR khởi nghiệp loai:quyet-dinh nam:2021..2025 so:1234/QĐ-UBND coquan:"UBND tỉnh" thumuc:bao-cao');
    expect(q.phrases).toEqual(['chuyển giao công nghệ']);
    expect(q.excluded).toEqual(['ma túy', 'nông']);
    expect(q.prefixes).toEqual(['đổi mới']);
    expect(q.words).toEqual(['khởi', 'nghiệp']);
    expect(parseQuery('nghi*').prefixes).toEqual(['nghi']);
    expect(q.anyOf).toBe(true);
    expect(q.filters).toEqual([
      { field: 'loai', value: 'quyet dinh' },
      { field: 'nam', value: '2021..2025', from: 2021, to: 2025 },
      { field: 'so', value: '1234/qd ubnd' },
      { field: 'coquan', value: 'ubnd tinh' },
      { field: 'thumuc', value: 'bao cao' },
    ]);
    expect(q.problems).toEqual([]);
    expect(parseQuery('loại:quyết-định năm:2024').filters).toEqual([{ field: 'loai', value: 'quyet dinh' }, { field: 'nam', value: '2024', from: 2024, to: 2024 }]);
  });

  it('explains malformed parts and keeps the rest', () => {
    const unclosed = parseQuery('đổi mới "sáng tạo');
    expect(unclosed.problems).toEqual([{ code: 'query.unclosedQuote', params: {} }]);
    expect(unclosed.text).toBe('đổi mới sáng tạo');
    const unknown = parseQuery('tacgia:Nguyễn báo cáo');
    expect(unknown.problems[0]).toMatchObject({ code: 'query.unknownField', params: { field: 'tacgia' } });
    expect(unknown.text).toContain('báo cáo');
    expect(parseQuery('nam:20x4 đề án').problems[0]).toEqual({ code: 'query.badYear', params: { value: '20x4' } });
    expect(parseQuery('   ').problems).toEqual([{ code: 'query.empty', params: {} }]);
    // Numbers with dashes and times are not syntax.
    expect(parseQuery('57-NQ/TW lúc 8:30').words).toEqual(['57-NQ/TW', 'lúc', '8:30']);
  });
});

describe('questions as officers type them', () => {
  it('reads explicit article references, with or without the law', () => {
    expect(queryReferences('khoản 3 Điều 2 Luật An ninh mạng quy định gì?')).toEqual([
      { article: '2', clause: '3', documentWords: ['luat', 'an', 'ninh', 'mang', 'quy', 'dinh', 'gi'], documentNumber: null },
    ]);
    expect(queryReferences('Theo Điều 143 của Luật Tố tụng hành chính, ai có quyền kháng cáo?')).toEqual([
      { article: '143', clause: null, documentWords: ['luat', 'to', 'tung', 'hanh', 'chinh'], documentNumber: null },
    ]);
    expect(queryReferences('dieu 45 luat vien chuc')).toEqual([{ article: '45', clause: null, documentWords: ['luat', 'vien', 'chuc'], documentNumber: null }]);
    expect(queryReferences('điểm a khoản 2 Điều 12a BLDS')).toEqual([{ article: '12a', clause: '2', documentWords: ['blds'], documentNumber: null }]);
    expect(queryReferences('Điều 5 quy định những gì')[0]).toMatchObject({ article: '5', documentWords: [] });
    // Words that only look alike are no reference.
    expect(queryReferences('điều kiện cấp giấy phép')).toEqual([]);
    expect(queryReferences('điều chỉnh 45 dự án')).toEqual([]);
  });

  it('maps section paths to articles and clauses, and titles to named laws', () => {
    expect(sectionArticle('Chương II › Điều 5 › khoản 2–3')).toBe('5');
    expect(sectionArticle('Điều 108')).toBe('108');
    expect(sectionArticle('II. Kết quả thực hiện')).toBeNull();
    expect(sectionHasClause('Điều 5 › khoản 2–3', '3')).toBe(true);
    expect(sectionHasClause('Điều 5 › khoản 2–3', '4')).toBe(false);
    expect(sectionHasClause('Điều 5', '4')).toBe(true);
    expect(titleMatch('Luật An ninh mạng', ['luat', 'an', 'ninh', 'mang', 'quy', 'dinh'])).toBeGreaterThan(0);
    expect(titleMatch('Luật Viên chức', ['luat', 'an', 'ninh', 'mang'])).toBe(0);
    // The longer title that is fully named wins over a shorter one inside it.
    expect(titleMatch('Luật Tố tụng hành chính', ['luat', 'to', 'tung', 'hanh', 'chinh'])).toBeGreaterThan(titleMatch('Luật Hành chính', ['luat', 'to', 'tung', 'hanh', 'chinh']));
  });

  it('expands the abbreviations of its table, and only whole tokens', () => {
    expect(expandAbbreviation('UBND')).toBe('ủy ban nhân dân');
    expect(expandAbbreviation('ubnd')).toBe('ủy ban nhân dân');
    expect(expandAbbreviation('HDND')).toBe('hội đồng nhân dân');
    expect(expandAbbreviation('(NĐ-CP),')).toBe('nghị định chính phủ');
    expect(expandAbbreviation('KH&CN')).toBe('khoa học và công nghệ');
    expect(expandAbbreviation('TT')).toBe('thông tư');
    expect(expandAbbreviation('tt')).toBeNull(); // two letters: capitals only
    expect(expandAbbreviation('15/2020/NĐ-CP')).toBeNull(); // a number stays a number
    expect(expandAbbreviations(['UBND', 'tỉnh'])).toEqual(['UBND', 'ủy', 'ban', 'nhân', 'dân', 'tỉnh']);
    expect(expandAbbreviations(['ubnd', 'tinh'])).toEqual(['ubnd', 'uy', 'ban', 'nhan', 'dan', 'tinh']);
    for (const key of ['UBND', 'HĐND', 'TAND', 'VKSND', 'BLDS', 'BLHS', 'BLLĐ', 'NĐ-CP', 'QĐ', 'BHXH', 'GTGT', 'TNCN', 'TNDN', 'KH&CN', 'ĐMST', 'GDNN']) {
      expect(ABBREVIATIONS[key], key).toMatch(/^[\p{Ll} ]+$/u);
    }
  });

  it('reads quotes in a question as words, and keeps query syntax for short queries', () => {
    const question = understandQuestion(parseQuery('Định nghĩa của "Người lao động" là gì?'));
    expect(question.phrases).toEqual([]);
    expect(question.text).toBe('Định nghĩa của Người lao động là gì?');
    expect(understandQuestion(parseQuery('“An ninh mạng” là gì?')).phrases).toEqual([]);
    expect(understandQuestion(parseQuery('"chuyển giao công nghệ"')).phrases).toEqual(['chuyển giao công nghệ']);
    expect(understandQuestion(parseQuery('"ma túy" cai nghiện')).phrases).toEqual(['ma túy']);
    expect(isNaturalQuestion(parseQuery('"ma túy" cai nghiện -"bắt buộc" loai:luat'))).toBe(false);
    expect(understandQuestion(parseQuery('trách nhiệm của UBND cấp xã')).text).toBe('trách nhiệm của UBND ủy ban nhân dân cấp xã');
  });
});

describe('query language on the corpus', () => {
  const work = tempDir('query');
  const data = path.join(work.dir, 'data');
  const search = (q: string, limit = 10) => khoJson(['search', q, '--data', data, '--limit', String(limit)]);
  beforeAll(async () => {
    await khoJson(['index', CORPUS, '--data', data]);
  });
  afterAll(() => work.cleanup());

  it('requires exact phrases and drops excluded words', async () => {
    const phrase = await search('"kết nối cung - cầu công nghệ"', 20);
    expect(phrase.hits.length).toBeGreaterThan(0);
    for (const h of phrase.hits) expect(h.text.toLowerCase()).toMatch(/kết nối cung\s*-\s*cầu công nghệ/);
    const folded = await search('"ket noi cung cau cong nghe"', 20);
    // The same passages; their order may differ, since an accented query also rewards exact accents.
    const ids = (r: any) => r.hits.map((h: any) => h.passageId).sort();
    expect(ids(folded)).toEqual(ids(phrase));
    const without = await search('đổi mới sáng tạo -"khởi nghiệp"', 20);
    expect(without.hits.length).toBeGreaterThan(0);
    for (const h of without.hits) expect(h.text.toLowerCase()).not.toMatch(/khởi nghiệp/);
  });

  it('completes a prefix and filters by folder, type, number, issuer and year', async () => {
    const prefix = await search('ươm tạ*', 10);
    expect(prefix.hits.length).toBeGreaterThan(0);
    for (const h of prefix.hits) expect(h.text.toLowerCase()).toMatch(/ươm tạ/);
    const all = await search('chuyển giao công nghệ', 30);
    const files = new Set(all.hits.map((h: any) => path.basename(h.path)));
    expect(files.size).toBeGreaterThan(1);
    const onlyNghean = await search('chuyển giao công nghệ thumuc:corpus', 30);
    expect(onlyNghean.hits.length).toBe(all.hits.length);
    const nothing = await search('chuyển giao công nghệ thumuc:khong-co-thu-muc-nay', 30);
    expect(nothing.hits).toEqual([]);
    const plans = await search('chuyển đổi số loai:ke-hoach nam:2024', 20);
    expect(plans.hits.length).toBeGreaterThan(0);
    for (const h of plans.hits) expect(h.metadata).toMatchObject({ type: 'ke-hoach', year: 2024 });
    const decisions = await search('hỗ trợ loai:quyet-dinh', 20);
    expect(new Set(decisions.hits.map((h: any) => h.metadata.type))).toEqual(new Set(['quyet-dinh']));
    // The filtered field's facet leaves its own filter out, so the other types stay on offer (issue 14).
    expect(decisions.facets.loai.map((f: any) => f.value)).toContain('quyet-dinh');
    expect(decisions.facets.loai.length).toBeGreaterThan(1);
    const unfiltered = await search('hỗ trợ', 50);
    expect(unfiltered.facets.loai.length).toBeGreaterThan(2);
    expect(unfiltered.facets.nam.every((f: any) => /^20\d\d$/.test(f.value) && f.count > 0)).toBe(true);
    const byNumber = await search('quy chế so:2876/QĐ-UBND', 10);
    expect(byNumber.hits.length).toBeGreaterThan(0);
    for (const h of byNumber.hits) expect(path.basename(h.path)).toMatch(/^qd-2876-2023/);
    const byIssuer = await search('khoa học coquan:"nghe an"', 20);
    expect(byIssuer.hits.length).toBeGreaterThan(0);
    for (const h of byIssuer.hits) expect(JSON.stringify(h.metadata)).toMatch(/NGHỆ AN|Nghệ An/);
  });

  it('suggests accented phrases from titles and headings as the user types', async () => {
    const { Library } = await import('../indexer/library/library.js');
    const library = await Library.open({ dataDir: data });
    try {
      const texts = async (prefix: string) => (await library.suggest({ prefix, limit: 5 })).map((s) => s.text);
      expect(await texts('chuyen d')).toContain('chuyển đổi số');
      expect(await texts('đổi mới s')).toEqual(['đổi mới sáng tạo']);
      expect(await texts('chuyển giao c')).toContain('chuyển giao công nghệ');
      expect(await texts('')).toEqual([]);
    } finally {
      await library.close();
    }
  });

  it('cites hits the administrative way and exports a basket', async () => {
    const response = await search('"hỗ trợ hoạt động đổi mới sáng tạo"', 3);
    const hit = response.hits.find((h: any) => path.basename(h.path).startsWith('qd-1234-2024'));
    expect(hit.citations.administrative).toMatch(/^Quyết định số 1234\/QĐ-UBND ngày 05\/3\/2024 của UBND tỉnh Thanh Hóa/);
    expect(hit.citation).toBe(hit.citations.best);
    const added = await khoJson(['basket', 'add', hit.passageId, '--note', 'dùng cho báo cáo quý', '--data', data]);
    expect(added.note).toBe('dùng cho báo cáo quý');
    const md = path.join(work.dir, 'basket.md');
    const docx = path.join(work.dir, 'basket.docx');
    expect((await kho(['basket', 'export', '--format', 'md', '--out', md, '--data', data])).code).toBe(0);
    expect((await kho(['basket', 'export', '--format', 'docx', '--out', docx, '--data', data])).code).toBe(0);
    const markdown = readFileSync(md, 'utf8');
    expect(markdown).toContain(hit.citation);
    expect(markdown).toContain('dùng cho báo cáo quý');
    const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8' });
    expect(xml).toContain('1234/QĐ-UBND');
    // The basket outlives the process.
    expect((await khoJson(['basket', 'list', '--data', data])).map((i: any) => i.passageId)).toEqual([hit.passageId]);
  });

  it('finds a document by its number', async () => {
    const response = await search('2876/QĐ-UBND', 3);
    expect(path.basename(response.hits[0].path)).toMatch(/^qd-2876-2023/);
    const folded = await search('2876/QD-UBND', 3);
    expect(folded.hits[0].passageId).toBe(response.hits[0].passageId);
  });
});

describe('ALQAC quality guard', () => {
  it('keeps keyword retrieval at the level reached (fixed subset of 120 questions)', () => {
    const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'eval-alqac.mjs'), '--subset', '120', '--json'], { encoding: 'utf8' });
    const results = JSON.parse(out);
    // Levels measured on this subset when the guard was set, minus a small margin for noise.
    expect(results.accented.recallAt1).toBeGreaterThanOrEqual(GUARD.recallAt1);
    expect(results.accented.mrrAt10).toBeGreaterThanOrEqual(GUARD.mrrAt10);
    expect(results.unaccented.recallAt1).toBeGreaterThanOrEqual(results.accented.recallAt1 - 0.05);
  });
});

/** Measured 0.833 / 0.890 on this subset (full set: 0.881 / 0.914); retrieval is deterministic, so the margin is small. */
const GUARD = { recallAt1: 0.825, mrrAt10: 0.88 };
