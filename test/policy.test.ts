/**
 * Policy memory over one library (issue 9): references resolved to the library's
 * own documents, status derived from them and from each document's effective
 * date, user overrides kept in a JSON file, the `hieuluc:` / `lienquan:` filters,
 * and "more like this" without a model — on small made-up libraries and on the
 * team's corpus (QĐ 2876/2023 replaces QĐ 1520/2020, QĐ 3105/2024 amends QĐ 1234/2024).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentMetadata } from '../indexer/analyze/identity/metadata.js';
import { effectiveDate, findReferences, type Reference } from '../indexer/analyze/references/index.js';
import { textKey } from '../indexer/common/fold.js';
import { Overrides } from '../indexer/policy/overrides.js';
import { resolveReferences } from '../indexer/policy/resolve.js';
import { deriveStatus, documentRelations, type DocumentWithRelations } from '../indexer/policy/status.js';
import { matchesValidity, referenceMatches } from '../indexer/search/filters.js';
import { relatedByTerms } from '../indexer/search/related.js';
import { CORPUS, tempDir } from './helpers.js';
import { loadDocument as load } from './load-document.js';

describe('resolveReferences', () => {
  const meta = (number: string | null, date: string | null, type = 'quyet-dinh', summary: string | null = null) => ({ type, number, date, summary, title: null }) as unknown as DocumentMetadata;
  const library = [
    { id: 'a', path: '/kho/nd-110.pdf', metadata: meta('110/2004/NĐ-CP', '2004-04-08', 'nghi-dinh') },
    { id: 'b', path: '/kho/qd-1234-thanh-hoa.pdf', metadata: meta('1234/QĐ-UBND', '2024-03-05') },
    { id: 'c', path: '/kho/qd-1234-nghe-an.pdf', metadata: meta('1234/QĐ-UBND', '2021-06-30') },
    { id: 'd', path: '/kho/luat-khcn.docx', metadata: meta(null, '2013-06-18', 'luat', 'Khoa học và Công nghệ') },
  ];
  const ref = (number: string | null, date: string | null, extra: Partial<Reference['target']> = {}): Reference => ({
    type: 'mentions',
    target: { kind: null, number, date, issuer: null, title: null, ...extra },
    evidence: { text: '', page: null, section: null, blockIndex: 0 },
  });
  it('matches numbers ignoring case, accents, Đ/D, spaces, hyphens and leading zeros', () => {
    for (const n of ['110/2004/NĐ-CP', '110/2004/nd-cp', '110 / 2004 / ND - CP', '110-2004-NĐ-CP', '0110/2004/NĐ-CP']) {
      expect(resolveReferences([ref(n, null)], library)[0]!.target, n).toMatchObject({ path: '/kho/nd-110.pdf', documentId: 'a' });
    }
  });
  it('tells same-numbered documents apart by date, and leaves unknown ones external', () => {
    expect(resolveReferences([ref('1234/QĐ-UBND', '2024-03-05')], library)[0]!.target.path).toBe('/kho/qd-1234-thanh-hoa.pdf');
    expect(resolveReferences([ref('1234/QĐ-UBND', '2021-06-30')], library)[0]!.target.path).toBe('/kho/qd-1234-nghe-an.pdf');
    expect(resolveReferences([ref('1234/QĐ-UBND', '2019-01-01')], library)[0]!.target.path).toBeNull();
    const external = resolveReferences([ref('57-NQ/TW', null)], library)[0]!;
    expect(external.target).toMatchObject({ path: null, documentId: null });
    expect(external.resolvedBy).toBeNull();
  });
  it('resolves a law without number by kind, title and date', () => {
    const r = resolveReferences([ref(null, '2013-06-18', { kind: 'luat', title: 'Luật Khoa học và Công nghệ' })], library)[0]!;
    expect(r.target.path).toBe('/kho/luat-khcn.docx');
    expect(r.resolvedBy).toBe('title');
    expect(resolveReferences([ref(null, '2013-06-18', { kind: 'luat', title: 'Luật Chuyển giao công nghệ' })], library)[0]!.target.path).toBeNull();
  });
  it('never resolves a document to itself', () => {
    expect(resolveReferences([ref('110/2004/NĐ-CP', null)], library, { selfPath: '/kho/nd-110.pdf' })[0]!.target.path).toBeNull();
  });
});

describe('deriveStatus', () => {
  const doc = (p: string, effective: string | null, references: DocumentWithRelations['references'] = [], date = '2024-01-01'): DocumentWithRelations => ({
    id: p,
    path: p,
    metadata: { number: `${p}/QĐ-UBND`, date, type: 'quyet-dinh' } as unknown as DocumentMetadata,
    effective: effective ? { value: 'date', date: effective, evidence: { text: `${p} có hiệu lực từ ${effective}`, page: 1, section: 'Điều 2', blockIndex: 3 } } : null,
    references,
  });
  const rel = (type: 'replaces' | 'repeals' | 'amends', target: string): DocumentWithRelations['references'][number] => ({
    type,
    target: { kind: 'quyet-dinh', number: `${target}/QĐ-UBND`, date: null, issuer: null, title: null, path: target, documentId: target },
    evidence: { text: `câu ${type} ${target}`, page: 2, section: 'Điều 3', blockIndex: 7 },
    resolvedBy: 'number',
  });
  const today = '2025-06-01';

  it('uses the own effective date: in force, or not yet', () => {
    const a = doc('A', '2024-03-15');
    expect(deriveStatus(a, [a], today)).toMatchObject({ value: 'in-force', source: 'own', since: '2024-03-15', evidence: { text: 'A có hiệu lực từ 2024-03-15', section: 'Điều 2', path: 'A' } });
    const f = doc('F', '2026-01-01');
    expect(deriveStatus(f, [f], today).value).toBe('not-yet');
    const u = doc('U', null);
    expect(deriveStatus(u, [u], today)).toMatchObject({ value: 'unknown', evidence: null });
  });

  it('is replaced, expired or amended by what other documents in force say, with their evidence', () => {
    const a = doc('A', '2020-01-01');
    const b = doc('B', '2023-09-18', [rel('replaces', 'A')]);
    expect(deriveStatus(a, [a, b], today)).toMatchObject({
      value: 'replaced',
      source: 'library',
      since: '2023-09-18',
      by: { path: 'B', number: 'B/QĐ-UBND', type: 'replaces' },
      evidence: { text: 'câu replaces A', page: 2, section: 'Điều 3', path: 'B' },
    });
    const c = doc('C', '2023-01-01', [rel('repeals', 'A')]);
    expect(deriveStatus(a, [a, c], today).value).toBe('expired');
    const d = doc('D', '2025-01-01', [rel('amends', 'A')]);
    expect(deriveStatus(a, [a, d], today)).toMatchObject({ value: 'amended', by: { path: 'D' } });
    // Replacement outranks amendment; a replacing document not yet in force changes nothing yet.
    expect(deriveStatus(a, [a, b, d], today).value).toBe('replaced');
    // A replacing document not yet in force changes nothing yet (A taking effect in 2022 is young enough to be in force).
    const recent = doc('A', '2022-01-01');
    const later = doc('L', '2026-01-01', [rel('replaces', 'A')]);
    expect(deriveStatus(recent, [recent, later], today).value).toBe('in-force');
  });

  it('keeps a user override above everything', () => {
    const a = doc('A', '2020-01-01');
    const b = doc('B', '2023-09-18', [rel('replaces', 'A')]);
    expect(deriveStatus(a, [a, b], today, { value: 'in-force', note: 'vẫn áp dụng cho hồ sơ cũ', at: '2025-05-01T08:00:00.000Z' })).toMatchObject({
      value: 'in-force',
      source: 'override',
      note: 'vẫn áp dụng cho hồ sơ cũ',
      since: '2025-05-01',
    });
  });

  it('answers hieuluc:con / hieuluc:het', () => {
    expect(matchesValidity({ value: 'in-force' }, 'con')).toBe(true);
    expect(matchesValidity({ value: 'amended' }, 'còn')).toBe(true);
    expect(matchesValidity({ value: 'replaced' }, 'het')).toBe(true);
    expect(matchesValidity({ value: 'expired' }, 'hết')).toBe(true);
    expect(matchesValidity({ value: 'unknown' }, 'con')).toBe(false);
    expect(matchesValidity({ value: 'not-yet' }, 'het')).toBe(false);
  });
});

describe('Overrides (a JSON file, written atomically)', () => {
  it('sets, reads back after reopening, and clears', async () => {
    const tmp = tempDir('overrides');
    try {
      const file = path.join(tmp.dir, 'data', 'overrides.json');
      const store = await Overrides.open(file);
      expect(store.get('corpus/qd-1520.pdf')).toBeNull();
      const saved = await store.set('corpus/qd-1520.pdf', 'in-force', '  vẫn áp dụng  ', new Date('2025-05-01T08:00:00Z'));
      expect(saved).toEqual({ value: 'in-force', note: 'vẫn áp dụng', at: '2025-05-01T08:00:00.000Z' });
      await Promise.all([store.set('b.pdf', 'expired'), store.set('c.pdf', 'replaced')]);
      const again = await Overrides.open(file);
      expect(again.get('corpus/qd-1520.pdf')).toEqual(saved);
      expect(Object.keys(again.all()).sort()).toEqual(['b.pdf', 'c.pdf', 'corpus/qd-1520.pdf']);
      expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1, overrides: { 'b.pdf': { value: 'expired' } } });
      expect(await again.clear('b.pdf')).toBe(true);
      expect(await again.clear('b.pdf')).toBe(false);
      expect((await Overrides.open(file)).get('b.pdf')).toBeNull();
      await expect(again.set('x', 'gone' as never)).rejects.toThrow(/unknown status/);
    } finally {
      tmp.cleanup();
    }
  });
  it('treats a missing or corrupt file as empty', async () => {
    const tmp = tempDir('overrides');
    try {
      const file = path.join(tmp.dir, 'overrides.json');
      await import('node:fs/promises').then((fs) => fs.writeFile(file, '{not json'));
      expect((await Overrides.open(file)).size).toBe(0);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('the corpus as one library', () => {
  const TODAY = '2025-12-01';
  let docs: Array<Awaited<ReturnType<typeof load>>>;
  let library: DocumentWithRelations[];
  const find = (name: string) => library.find((d) => d.path.includes(name))!;

  beforeAll(async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(CORPUS).filter((f) => !/README/i.test(f)).map((f) => path.join(CORPUS, f));
    docs = await Promise.all(files.map((f) => load(f)));
    const plain = docs.map((d) => ({ id: path.basename(d.path), path: d.path, metadata: d.metadata }));
    library = docs.map((d) => ({
      id: path.basename(d.path),
      path: d.path,
      metadata: d.metadata,
      references: resolveReferences(findReferences(d.blocks, d.metadata), plain, { selfPath: d.path }),
      effective: effectiveDate(d.blocks, d.metadata),
    }));
  });

  it('resolves QĐ 2876 → QĐ 1520 and QĐ 3105 → QĐ 1234 inside the library', () => {
    const replaces = find('qd-2876').references.find((r) => r.type === 'replaces')!;
    expect(replaces.target).toMatchObject({ number: '1520/QĐ-UBND', path: find('qd-1520').path });
    const amends = find('qd-3105').references.find((r) => r.type === 'amends')!;
    expect(amends.target).toMatchObject({ number: '1234/QĐ-UBND', path: find('qd-1234').path });
    // Laws and central documents stay external but searchable.
    const external = find('qd-2876').references.filter((r) => r.target.path === null);
    expect(external.some((r) => r.target.title === 'Luật Khoa học và Công nghệ')).toBe(true);
  });

  it('reports QĐ 1520 replaced by QĐ 2876 and QĐ 1234 amended by QĐ 3105, with the evidence sentence', () => {
    const s1520 = deriveStatus(find('qd-1520'), library, TODAY);
    expect(s1520).toMatchObject({ value: 'replaced', source: 'library', by: { number: '2876/QĐ-UBND', type: 'replaces' }, since: '2023-09-18' });
    expect(s1520.evidence).toMatchObject({ page: 1, section: 'Điều 2', path: find('qd-2876').path });
    expect(s1520.evidence!.text).toMatch(/^Quyết định này thay thế Quyết định số 1520\/QĐ-UBND/);
    expect(matchesValidity(s1520, 'het')).toBe(true);

    const s1234 = deriveStatus(find('qd-1234'), library, TODAY);
    expect(s1234).toMatchObject({ value: 'amended', by: { number: '3105/QĐ-UBND', type: 'amends' }, since: '2025-01-01' });
    expect(s1234.evidence!.text).toMatch(/^Sửa đổi, bổ sung một số điều của Quyết định số 1234\/QĐ-UBND/);
    // Before QĐ 3105 took effect, QĐ 1234 was simply in force.
    expect(deriveStatus(find('qd-1234'), library, '2024-12-31')).toMatchObject({ value: 'in-force', since: '2024-03-15' });

    expect(deriveStatus(find('qd-2876'), library, TODAY)).toMatchObject({ value: 'in-force', since: '2023-09-18' });
    expect(deriveStatus(find('qd-3105'), library, '2024-12-25').value).toBe('not-yet');
    expect(deriveStatus(find('bc-512'), library, TODAY).value).toBe('unknown');
  });

  it('lists relations in both directions in the `kho doc --json` shape', () => {
    const rel1520 = documentRelations(find('qd-1520'), library);
    const incoming = rel1520.filter((r) => r.direction === 'in');
    expect(incoming).toEqual([
      {
        direction: 'in',
        type: 'replaces',
        target: expect.objectContaining({ kind: 'quyet-dinh', number: '2876/QĐ-UBND', date: '2023-09-18', path: find('qd-2876').path }),
        evidence: expect.objectContaining({ section: 'Điều 2' }),
      },
    ]);
    const out = rel1520.filter((r) => r.direction === 'out');
    expect(out.every((r) => Object.keys(r.target).sort().join() === 'date,issuer,kind,number,path,title')).toBe(true);
    expect(out.some((r) => r.type === 'basis' && r.target.number === '08/2014/NĐ-CP')).toBe(true);
    // NQ 15/2021 is cited by the decision, the amendment, the report and the notice.
    const cited = documentRelations(find('nq-15'), library).filter((r) => r.direction === 'in');
    expect(cited.map((r) => path.basename(r.target.path!).slice(0, 7)).sort()).toEqual(['bc-512-', 'qd-1234', 'qd-3105', 'tb-186-']);
  });

  it('answers lienquan:<number> from stored references', () => {
    const citing = (q: string) => library.filter((d) => d.references.some((r) => referenceMatches(r, q))).map((d) => path.basename(d.path).slice(0, 7)).sort();
    expect(citing('57-NQ/TW')).toEqual(['bb-96-2', 'bc-512-', 'kh-112-']);
    expect(citing('57-nq/tw')).toEqual(citing('57-NQ/TW'));
    expect(citing('15/2021/NQ-HDND')).toEqual(['bc-512-', 'qd-1234', 'qd-3105', 'tb-186-']);
    expect(citing('Luật Chuyển giao công nghệ')).toEqual(['kh-112-', 'nq-08-2', 'nq-15-2']);
  });

  it('finds related documents by distinctive shared terms, across types, with a reason', () => {
    const plan = docs.find((d) => d.path.includes('kh-112'))!;
    const related = relatedByTerms(plan, docs, { limit: 5 });
    expect(related[0]!.path).not.toBe(plan.path);
    const top2 = related.slice(0, 2).map((r) => path.basename(r.path).slice(0, 7));
    expect(top2).toEqual(expect.arrayContaining(['cv-1420']));
    const cv = related.find((r) => r.path.includes('cv-1420'))!;
    expect(cv).toMatchObject({ type: 'cong-van', typeName: 'Công văn', crossType: true });
    expect(cv.sharedTerms.map(textKey)).toContain('ket noi cung cau cong nghe');
    expect(cv.reason).toMatch(/^Công văn\. Cùng đề cập: “kết nối cung - cầu công nghệ”/);

    // The replacing decision is the closest document to the one it replaces, and says they cite the same number.
    const q1520 = docs.find((d) => d.path.includes('qd-1520'))!;
    const near = relatedByTerms(q1520, docs, { limit: 3 });
    expect(near[0]!.path).toContain('qd-2876');
    expect(near[0]!.sharedReferences).toContain('08/2014/NĐ-CP');

    // Research reports find each other and can be asked for by type.
    const research = docs.find((d) => d.path.includes('nckh-2023'))!;
    const onlyResearch = relatedByTerms(research, docs, { types: ['de-tai'] });
    expect(onlyResearch.length).toBe(2);
    expect(onlyResearch.every((r) => r.type === 'de-tai' && !r.crossType)).toBe(true);
  });

  it('leaves out near-duplicates (another copy of the same text)', () => {
    const plan = docs.find((d) => d.path.includes('kh-112'))!;
    const copy = { ...plan, path: '/elsewhere/kh-112-copy.md', metadata: { ...plan.metadata, number: null } as DocumentMetadata };
    const related = relatedByTerms(plan, [...docs, copy], { limit: 20 });
    expect(related.some((r) => r.path === copy.path)).toBe(false);
    const edited = { ...copy, text: plan.text.replace(/2025/g, '2026') };
    expect(relatedByTerms(plan, [...docs, edited], { limit: 20 }).some((r) => r.path === copy.path)).toBe(false);
  });
});
