/**
 * Validity with evidence, or "unknown" (issue 16): a document is in force only
 * when something says so — its own effective-date clause while the document is
 * young enough for its type (common/validity-rule.ts), and nothing in the
 * library replacing, repealing or amending it. Checked on made-up documents and
 * on the real 1998–2009 documents of viparse (TCVN3/VNI): none of them is in
 * force today on its own clause alone.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentMetadata } from '../indexer/api/contract.js';
import { effectiveDate, findReferences } from '../indexer/analyze/references/index.js';
import { HIEULUC_CHOICES } from '../indexer/common/query-fields.js';
import { clauseStillEvidence, DECREE_TRUST_YEARS, LAW_TRUST_YEARS, OTHER_TRUST_YEARS, trustYears, yearsBetween } from '../indexer/common/validity-rule.js';
import { resolveReferences } from '../indexer/policy/resolve.js';
import { deriveStatus, validityType, type DocumentWithRelations } from '../indexer/policy/status.js';
import { matchesValidity } from '../indexer/search/filters.js';
import { SHARED_DATA } from './helpers.js';
import { loadDocument } from './load-document.js';

const meta = (type: string | null, date: string | null, number: string | null = null) => ({ type, date, number, summary: null, title: null }) as unknown as DocumentMetadata;
const clause = (text: string, date: string | null, value: 'date' | 'on-signing' = 'date') => ({ value, date, evidence: { text, page: 1, section: 'Điều 3', blockIndex: 9 } });
const doc = (p: string, m: DocumentMetadata | null, effective: DocumentWithRelations['effective'], references: DocumentWithRelations['references'] = []): DocumentWithRelations => ({ id: p, path: p, metadata: m, effective, references });

describe('the rule: how long an own effective-date clause is evidence', () => {
  it('gives laws the longest window, decrees less, everything else five years', () => {
    expect(trustYears('luat')).toBe(LAW_TRUST_YEARS);
    expect(trustYears('bo-luat')).toBe(LAW_TRUST_YEARS);
    expect(trustYears('nghi-dinh')).toBe(DECREE_TRUST_YEARS);
    expect(trustYears('thong-tu')).toBe(OTHER_TRUST_YEARS);
    expect(trustYears('quyet-dinh')).toBe(OTHER_TRUST_YEARS);
    expect(trustYears(null)).toBe(OTHER_TRUST_YEARS);
    expect(LAW_TRUST_YEARS).toBeGreaterThan(DECREE_TRUST_YEARS);
    expect(DECREE_TRUST_YEARS).toBeGreaterThan(OTHER_TRUST_YEARS);
  });
  it('counts whole years, and never trusts an undated clause', () => {
    expect(yearsBetween('2020-03-05', '2025-03-04')).toBe(4);
    expect(yearsBetween('2020-03-05', '2025-03-05')).toBe(5);
    expect(clauseStillEvidence('quyet-dinh', '2021-01-01', '2025-12-31')).toBe(true);
    expect(clauseStillEvidence('quyet-dinh', '2020-01-01', '2025-12-31')).toBe(false);
    expect(clauseStillEvidence('luat', '2012-01-01', '2026-12-01')).toBe(true);
    expect(clauseStillEvidence('luat', '2004-07-01', '2026-12-01')).toBe(false);
    expect(clauseStillEvidence('luat', null, '2026-12-01')).toBe(false);
  });
});

describe('deriveStatus with evidence', () => {
  const TODAY = '2026-12-01';

  it('is in force on a recent clause, unknown on an old one (the clause kept as what was found)', () => {
    const recent = doc('qd-2024', meta('quyet-dinh', '2024-03-05'), clause('Quyết định này có hiệu lực kể từ ngày ký.', '2024-03-05', 'on-signing'));
    expect(deriveStatus(recent, [recent], TODAY)).toMatchObject({ value: 'in-force', source: 'own', since: '2024-03-05' });
    const old = doc('tt-1998', meta('thong-tu', '1998-07-14', '99/1998/TT-BTC'), clause('Thông tư này có hiệu lực sau 15 ngày kể từ ngày ký.', '1998-07-29'));
    const s = deriveStatus(old, [old], TODAY);
    expect(s).toMatchObject({ value: 'unknown', source: 'own', since: null });
    expect(s.evidence?.text).toBe('Thông tư này có hiệu lực sau 15 ngày kể từ ngày ký.');
    // The same circular was in force in 2000, on the same evidence.
    expect(deriveStatus(old, [old], '2000-01-01')).toMatchObject({ value: 'in-force', since: '1998-07-29' });
  });

  it('reads the type from the clause when the identity has none ("Luật này …"), and never trusts an undated clause', () => {
    const law = doc('luat-vien-chuc.txt', null, clause('Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2012.', '2012-01-01'));
    expect(validityType(law)).toBe('luat');
    expect(deriveStatus(law, [law], TODAY).value).toBe('in-force');
    const undated = doc('qd-undated', meta('quyet-dinh', null), clause('Quyết định này có hiệu lực kể từ ngày ký.', null, 'on-signing'));
    expect(deriveStatus(undated, [undated], TODAY)).toMatchObject({ value: 'unknown', evidence: { text: 'Quyết định này có hiệu lực kể từ ngày ký.' } });
    const none = doc('bc', meta('bao-cao', '2025-01-01'), null);
    expect(deriveStatus(none, [none], TODAY)).toMatchObject({ value: 'unknown', source: 'none', evidence: null });
  });

  it('keeps "amended" only while the amendment is recent; a replacement or repeal stands at any age', () => {
    const target = (type: 'amends' | 'replaces') => ({
      type, target: { kind: 'quyet-dinh', number: '1/QĐ', date: null, issuer: null, title: null, path: 'A', documentId: 'A' },
      evidence: { text: `câu ${type}`, page: 1, section: 'Điều 1', blockIndex: 1 }, resolvedBy: 'number' as const,
    });
    const a = doc('A', meta('quyet-dinh', '2000-01-01', '1/QĐ'), clause('Quyết định này có hiệu lực kể từ ngày ký.', '2000-01-01', 'on-signing'));
    const amendedLongAgo = doc('B', meta('quyet-dinh', '2002-01-01'), clause('x', '2002-01-01', 'on-signing'), [target('amends')]);
    expect(deriveStatus(a, [a, amendedLongAgo], TODAY)).toMatchObject({ value: 'unknown', source: 'library', by: { path: 'B', type: 'amends' } });
    const amendedLately = doc('C', meta('quyet-dinh', '2025-01-01'), clause('x', '2025-01-01', 'on-signing'), [target('amends')]);
    expect(deriveStatus(a, [a, amendedLately], TODAY).value).toBe('amended');
    const replaced = doc('D', meta('quyet-dinh', '2003-01-01'), clause('x', '2003-01-01', 'on-signing'), [target('replaces')]);
    expect(deriveStatus(a, [a, replaced], TODAY).value).toBe('replaced');
  });

  it('lets the user override win over everything', () => {
    const old = doc('tt-1998', meta('thong-tu', '1998-07-14'), clause('Thông tư này có hiệu lực kể từ ngày ký.', '1998-07-14', 'on-signing'));
    expect(deriveStatus(old, [old], TODAY, { value: 'in-force', note: 'vẫn áp dụng', at: '2026-11-01T00:00:00Z' })).toMatchObject({ value: 'in-force', source: 'override' });
  });
});

describe('hieuluc:khongro', () => {
  it('keeps unknown documents under every spelling, and hieuluc:con never keeps them', () => {
    for (const spelling of ['khongro', 'khong-ro', 'khong ro', 'không rõ', 'KHÔNG RÕ', 'unknown']) {
      expect(matchesValidity({ value: 'unknown' }, spelling), spelling).toBe(true);
      expect(matchesValidity({ value: 'in-force' }, spelling), spelling).toBe(false);
    }
    expect(matchesValidity(null, 'khongro')).toBe(true);
    expect(matchesValidity({ value: 'unknown' }, 'con')).toBe(false);
    expect(matchesValidity({ value: 'amended' }, 'con')).toBe(true);
    expect(matchesValidity({ value: 'not-yet' }, 'chua')).toBe(true);
    expect(HIEULUC_CHOICES.map((c) => c.value)).toEqual(['con', 'het', 'chua', 'khongro']);
  });
});

describe('the real 1998–2009 documents of viparse', () => {
  const TODAY = '2026-12-01';
  const folders = ['tcvn3', 'vni'].map((f) => path.join(SHARED_DATA, 'viparse', 'corpus', 'public-domain', f));
  let library: DocumentWithRelations[] = [];
  const find = (name: string) => library.find((d) => path.basename(d.path) === name)!;

  beforeAll(async () => {
    // Text documents only: the spreadsheets hold no effective-date clause.
    const files = folders.flatMap((dir) => readdirSync(dir).filter((f) => /\.(doc|rtf|pdf|ppt)$/i.test(f)).map((f) => path.join(dir, f)));
    const docs = [];
    for (const f of files) docs.push(await loadDocument(f));
    const plain = docs.map((d) => ({ id: d.path, path: d.path, metadata: d.metadata }));
    library = docs.map((d) => ({
      id: d.path, path: d.path, metadata: d.metadata,
      references: resolveReferences(findReferences(d.blocks, d.metadata), plain, { selfPath: d.path }),
      effective: effectiveDate(d.blocks, d.metadata),
    }));
  });

  it('has none in force today on its own clause alone', () => {
    const inForce = library.filter((d) => ['in-force', 'amended'].includes(deriveStatus(d, library, TODAY).value)).map((d) => path.basename(d.path));
    expect(inForce).toEqual([]);
  });

  it('gives TT 99/1998, TT 13/2001 and QĐ 144/2002 "unknown", with the clause that was found, and not hieuluc:con', () => {
    for (const [file, number] of [['2003-A04.rtf', '99/1998/TT-BTC'], ['2003-TT132001.doc', '13/2001/TT-BTC'], ['2003-02144qd.doc', '144/2002/QĐ/BTC']] as const) {
      const d = find(file);
      expect(d.metadata?.number, file).toBe(number);
      const s = deriveStatus(d, library, TODAY);
      expect(s.value, file).toBe('unknown');
      expect(s.evidence?.text, file).toMatch(/hiệu lực/);
      expect(matchesValidity(s, 'con'), file).toBe(false);
      expect(matchesValidity(s, 'khongro'), file).toBe(true);
    }
  });

  it('says the same clause was evidence while the document was young', () => {
    // TT 13/2001 (8/3/2001) in 2002, QĐ 144/2002 (22/11/2002) in 2003: in force on their own clauses then.
    expect(deriveStatus(find('2003-TT132001.doc'), library, '2002-06-01').value).toBe('in-force');
    expect(deriveStatus(find('2003-02144qd.doc'), library, '2003-06-01').value).toBe('in-force');
    // Luật Hợp tác xã 2003 (in force from 1/7/2004) was in force in 2010, not known to be today.
    const law = find('2004-19Z9A_Luat_hop_tac_xasuadoi.doc');
    expect(deriveStatus(law, library, '2010-01-01').value).toBe('in-force');
    expect(deriveStatus(law, library, TODAY).value).toBe('unknown');
  });
});
