/**
 * Policy memory through the CLI: Decree 30/2020's legal basis and the decrees
 * it ends, a replaced decision marked in search results, and the filters.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, khoJson, SHARED_DATA, tempDir } from './helpers.js';

describe('kho doc, validity and relation filters', () => {
  const work = tempDir('policy');
  const data = path.join(work.dir, 'data');
  const decree = path.join(SHARED_DATA, 'nd30-2020', '30_2020_ND_CP.docx');
  beforeAll(async () => {
    await khoJson(['index', CORPUS, decree, '--data', data]);
  });
  afterAll(() => work.cleanup());

  it('reports Decree 30/2020: its basis, the two decrees it ends, in force from signing, each with evidence', async () => {
    const doc = await khoJson(['doc', decree, '--data', data]);
    expect(doc).toMatchObject({ path: decree, metadata: expect.objectContaining({ number: '30/2020/NĐ-CP' }) });
    expect(doc.status.value).toBe('in-force');
    expect(doc.status.evidence.text).toMatch(/hiệu lực thi hành kể từ ngày ký/);
    const out = doc.relations.filter((r: any) => r.direction === 'out');
    const basis = out.find((r: any) => r.type === 'basis' && /Tổ chức Chính phủ/i.test(r.target.title ?? ''));
    expect(basis?.target.date).toBe('2015-06-19');
    const repealed = out.filter((r: any) => r.type === 'repeals').map((r: any) => r.target.number);
    expect(repealed).toEqual(expect.arrayContaining(['110/2004/NĐ-CP', '09/2010/NĐ-CP']));
    for (const r of out) expect(r.evidence.text.length).toBeGreaterThan(10);
  });

  it('marks a replaced decision in results and answers hieuluc: and lienquan:', async () => {
    const old = path.join(CORPUS, 'qd-1520-2020-ubnd-nghe-an-quy-che-quan-ly-nhiem-vu-khoa-hoc-cong-nghe.pdf');
    const doc = await khoJson(['doc', old, '--data', data]);
    expect(doc.status.value).toBe('replaced');
    expect(doc.relations).toEqual(expect.arrayContaining([expect.objectContaining({ direction: 'in', type: 'replaces' })]));
    const all = await khoJson(['search', 'quy chế quản lý nhiệm vụ khoa học và công nghệ', '--data', data, '--limit', '20']);
    const oldHits = all.hits.filter((h: any) => h.path === old);
    expect(oldHits.length).toBeGreaterThan(0);
    for (const h of oldHits) expect(h.status).toBe('replaced');
    const current = await khoJson(['search', 'quy chế quản lý nhiệm vụ khoa học và công nghệ hieuluc:con', '--data', data, '--limit', '20']);
    expect(current.hits.some((h: any) => h.path === old)).toBe(false);
    expect(current.hits.every((h: any) => h.status === 'in-force' || h.status === 'amended')).toBe(true);
    const citing = await khoJson(['search', 'quy chế lienquan:1520/QĐ-UBND', '--data', data, '--limit', '20']);
    expect(citing.hits.length).toBeGreaterThan(0);
    expect(new Set(citing.hits.map((h: any) => path.basename(h.path)))).toEqual(new Set(['qd-2876-2023-ubnd-nghe-an-quy-che-quan-ly-nhiem-vu-khoa-hoc-cong-nghe-thay-the.pdf']));
    const related = await khoJson(['related', old, '--data', data]);
    expect(related[0].path).toMatch(/qd-2876-2023/);
  });
});
