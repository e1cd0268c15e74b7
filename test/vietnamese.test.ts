import { describe, expect, it } from 'vitest';
import { canonicalSyllable, foldAccents, hasAccents, normalizeText } from '../indexer/common/normalize.js';
import { headingBonus, HEADING_WEIGHT, passageHeading, queryShape, titleShape } from '../indexer/search/rerank.js';
import { indexTerms, matchRanges, tokenizeText } from '../indexer/vietnamese/tokenize.js';

/** Deterministic pseudo-random generator, so failures reproduce. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const ALPHABET = [...'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ0123456789 .,/-'];

function randomText(next: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    const ch = ALPHABET[Math.floor(next() * ALPHABET.length)]!;
    text += next() < 0.1 ? ch.toUpperCase() : ch;
  }
  return text;
}

describe('normalisation', () => {
  it('repairs decomposed text and marks separated from their letter', () => {
    expect(normalizeText('Đổi mới'.normalize('NFD'))).toBe('Đổi mới');
    expect(normalizeText('hoa \u0300')).toBe('hoà');
    expect(normalizeText('sa \u0301ng ta\u0323o')).toBe('sáng tạo');
  });

  it('unifies old and new tone placement by rule', () => {
    const pairs: Array<[string, string]> = [
      ['hoà', 'hòa'], ['thuý', 'thúy'], ['thuỷ', 'thủy'], ['khoẻ', 'khỏe'], ['uỷ', 'ủy'], ['qúy', 'quý'],
      ['hoạ', 'họa'], ['loà', 'lòa'], ['toả', 'tỏa'], ['xoá', 'xóa'],
    ];
    for (const [a, b] of pairs) expect(canonicalSyllable(a), `${a} / ${b}`).toBe(canonicalSyllable(b));
    // Syllables with one correct placement stay as they are.
    for (const word of ['người', 'mường', 'quyết', 'giữa', 'hoàng', 'khuyến', 'thuở', 'quốc', 'tiếng', 'mùa', 'gìn', 'già']) {
      expect(canonicalSyllable(word)).toBe(word);
    }
    // Different words never merge.
    expect(canonicalSyllable('má')).not.toBe(canonicalSyllable('mà'));
    expect(canonicalSyllable('hoà')).not.toBe(canonicalSyllable('hoá'));
  });

  it('folds every diacritic and đ', () => {
    expect(foldAccents('Đổi mới sáng tạo, ĐẢNG ỦY')).toBe('Doi moi sang tao, DANG UY');
    expect(hasAccents('doi moi')).toBe(false);
    expect(hasAccents('đoi moi')).toBe(true);
  });

  it('is idempotent, commutes with folding, and never drops a letter or digit', () => {
    const next = rng(42);
    for (let i = 0; i < 500; i++) {
      const text = randomText(next, 1 + Math.floor(next() * 40));
      const once = normalizeText(text);
      expect(normalizeText(once)).toBe(once);
      expect(foldAccents(normalizeText(text))).toBe(normalizeText(foldAccents(text)));
      const letters = (s: string) => foldAccents(s).replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
      expect(letters(once)).toBe(letters(text));
      for (const token of tokenizeText(once)) {
        expect(foldAccents(token.exact)).toBe(token.folded);
        if (!token.code) expect(canonicalSyllable(token.exact)).toBe(token.exact);
      }
    }
  });
});

describe('keyword terms', () => {
  it('has syllables and bigrams in exact and folded form, and codes whole', () => {
    const terms = indexTerms('Quyết định số 1234/QĐ-UBND về đổi mới sáng tạo.');
    for (const t of ['đổi', 'doi', 'đổi_mới', 'doi_moi', 'sáng_tạo', 'sang_tao', '1234/qđ-ubnd', '1234/qd-ubnd']) expect(terms).toContain(t);
    // No bigram bridges a sentence end.
    expect(indexTerms('hết. Điều 5')).not.toContain('hết_điều');
  });

  it('recognises dates in both forms as one term', () => {
    expect(indexTerms('Hội nghị ngày 25 tháng 11 năm 2025 tại Thanh Hóa')).toContain('2025-11-25');
    expect(indexTerms('họp ngày 25/11/2025')).toContain('2025-11-25');
    expect(indexTerms('ngay 5 thang 3 nam 2024')).toContain('2024-03-05');
    expect(indexTerms('Nghị định 30/2020/NĐ-CP')).not.toContain('2020-30-01');
    expect(indexTerms('tỷ lệ 45/13/2025')).toEqual(expect.not.arrayContaining([expect.stringMatching(/^2025-13/)]));
  });

  it('matches the same terms for both tone placements', () => {
    expect(indexTerms('hoà bình')).toEqual(indexTerms('hòa bình'));
    expect(indexTerms('Thuỷ lợi')).toEqual(indexTerms('thủy lợi'));
  });

  it('highlights matches of an accent-free query in accented text', () => {
    const text = 'Chương trình đổi mới sáng tạo của tỉnh';
    const ranges = matchRanges(text, 'doi moi sang tao');
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['đổi mới sáng tạo']);
  });
});

describe('heading bonus', () => {
  it('finds the heading of an article, also in a later part of a split one, and of a report section', () => {
    expect(passageHeading('Điều 39. Mục đích của đánh giá viên chức\nMục đích…', 'Chương IV › Điều 39')).toBe('Mục đích của đánh giá viên chức');
    expect(passageHeading('1. Nội dung khoản một', 'Chương II › Điều 5 › khoản 1')).toBe('');
    expect(passageHeading('Tiến độ chậm ở hai dự án.', 'II. Kết quả thực hiện › khoản 2')).toBe('II. Kết quả thực hiện');
    expect(passageHeading('Không có tiêu đề', null)).toBe('');
  });

  it('rewards a query that repeats the heading, but not the law title it names', () => {
    const query = queryShape('Mục đích việc đánh giá viên chức theo Luật Viên chức là gì?');
    const title = titleShape('Luật Viên chức');
    const own = headingBonus(query, 'Mục đích của đánh giá viên chức', title);
    const other = headingBonus(query, 'Trách nhiệm đánh giá viên chức', title);
    expect(own).toBeGreaterThan(other);
    expect(own).toBeLessThanOrEqual(HEADING_WEIGHT);
    // Accents do not matter; a heading that is only the title's words earns nothing.
    expect(headingBonus(queryShape('muc dich danh gia vien chuc'), 'Mục đích của đánh giá viên chức', title)).toBe(own);
    expect(headingBonus(query, 'Viên chức', title)).toBe(0);
    expect(headingBonus(queryShape('độ tuổi của thanh niên'), 'Thanh niên')).toBe(HEADING_WEIGHT);
    // An accented query rewards a heading with the same accents above one that matches only without them.
    expect(headingBonus(queryShape('bảo đảm an toàn'), 'Bảo đảm an toàn')).toBe(HEADING_WEIGHT);
    expect(headingBonus(queryShape('bảo đảm an toàn'), 'Bao dam an toan')).toBe(HEADING_WEIGHT / 2);
    expect(headingBonus(queryShape('bao dam an toan'), 'Bảo đảm an toàn')).toBe(HEADING_WEIGHT);
  });
});
