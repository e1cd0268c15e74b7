/**
 * The second ranking stage and the fusion, on their own: the heading of a
 * file's first passage and a heading reworded by a few words, boilerplate
 * damped by document frequency, an accent-free question read with the
 * library's accents, and a dense list that can only break near-ties of a sure
 * keyword side.
 */
import { describe, expect, it } from 'vitest';
import { AGREE_MARGIN, fuse, keywordIsWeak } from '../indexer/search/fusion.js';
import { restoreAccents } from '../indexer/search/restore-accents.js';
import { BOILERPLATE_DAMPING, gramWeights, HEADING_GAP, HEADING_WEIGHT, headingBonus, orderBonus, passageHeading, queryShape, titleShape } from '../indexer/search/rerank.js';

describe('second stage', () => {
  it('reads the heading of a passage that opens with the document title', () => {
    const first = 'BỘ LUẬT HÌNH SỰ\n\nĐiều 108. Tội phản bội Tổ quốc\n\n1. Công dân Việt Nam nào câu kết với nước ngoài…';
    expect(passageHeading(first, 'Phần thứ hai › Chương XIII › Điều 108')).toBe('Tội phản bội Tổ quốc');
    // A later article's line inside the passage is not this passage's heading.
    expect(passageHeading('Luật X\n\nĐiều 1. Phạm vi\n…\nĐiều 2. Đối tượng', 'Điều 1')).toBe('Phạm vi');
    expect(passageHeading('Điều 5. Tên điều\n2. Nội dung', 'Điều 5 › khoản 2')).toBe('Tên điều');
  });

  it('matches a heading reworded by a few words, in order, accented or not', () => {
    const title = titleShape('Luật Trọng tài thương mại');
    for (const question of ['Điều kiện để giải quyết tranh chấp bằng trọng tài là gì?', 'dieu kien de giai quyet tranh chap bang trong tai la gi?']) {
      const query = queryShape(question);
      // "để" between "kiện" and "giải" and the heading's "các" left out: every pair of the asked heading counts.
      expect(headingBonus(query, 'Điều kiện giải quyết tranh chấp bằng Trọng tài', title)).toBe(HEADING_WEIGHT);
      expect(headingBonus(query, 'Điều kiện giải quyết các tranh chấp', title)).toBe(HEADING_WEIGHT);
      expect(headingBonus(query, 'Nguyên tắc giải quyết tranh chấp bằng Trọng tài', title)).toBeLessThan(HEADING_WEIGHT);
    }
    // Too far apart, or in the other order, a pair does not count.
    const far = queryShape(`giải ${'x '.repeat(HEADING_GAP)}quyết`);
    expect(headingBonus(far, 'Giải quyết')).toBe(0);
    expect(headingBonus(queryShape('quyết giải'), 'Giải quyết')).toBe(0);
  });

  it('reads an accent-free question with the accents its best candidates write it with', () => {
    const candidates = [
      'Điều 37. Cơ quan quản lý nhà nước về thanh niên\n1. Chính phủ thống nhất quản lý nhà nước về thanh niên.',
      'Bộ Quốc phòng quản lý quân nhân; quân đội nhân dân.',
    ];
    // "quan" is "quan" beside "co" and "quản" beside "ly", by the pairs the candidates hold; case and punctuation stay.
    expect(restoreAccents('Co quan nao thuc hien quan ly nha nuoc ve thanh nien?', candidates))
      .toBe('Cơ quan nao thuc hien quản lý nhà nước về thanh niên?');
    // A word the candidates lack stays as typed; no candidates, no change.
    expect(restoreAccents('quan ly xyz', candidates)).toBe('quản lý xyz');
    expect(restoreAccents('quan ly', [])).toBe('quan ly');
  });

  it('damps word runs that most candidates share', () => {
    const shape = queryShape('thời hiệu khởi kiện theo quy định của pháp luật');
    const boiler = 'theo quy dinh cua phap luat'.split(' ');
    const candidates = [
      ['thoi', 'hieu', 'khoi', 'kien', ...boiler],
      ...Array.from({ length: 9 }, (_, i) => [`x${i}`, ...boiler]),
    ];
    const weights = gramWeights(shape, candidates);
    expect(weights.get('thoi hieu')).toBe(1);
    expect(weights.get('phap luat')).toBeCloseTo(1 - BOILERPLATE_DAMPING);
    // The passage with the distinctive run gains more over a boilerplate-only one than without damping.
    const damped = orderBonus(shape, candidates[0]!, weights).bonus - orderBonus(shape, candidates[1]!, weights).bonus;
    const plain = orderBonus(shape, candidates[0]!).bonus - orderBonus(shape, candidates[1]!).bonus;
    expect(damped).toBeGreaterThan(plain);
  });
});

describe('fusion', () => {
  const keyword = [
    { id: 'a', score: 3.0, coverage: 0.9 },
    { id: 'b', score: 3.0 - AGREE_MARGIN * 3 * 0.5, coverage: 0.9 }, // a near-tie with a
    { id: 'c', score: 2.0, coverage: 0.9 },
    { id: 'd', score: 1.0, coverage: 0.9 },
  ];
  const ids = (fused: Array<[string, unknown]>) => fused.map(([id]) => id);

  it('lets the dense list break only near-ties of a sure keyword side', () => {
    // The dense list prefers d, then c, then b: only b, within the margin of a, moves up.
    expect(ids(fuse(keyword, [{ id: 'd', score: 1 }, { id: 'c', score: 1 }, { id: 'b', score: 1 }, { id: 'z', score: 1 }]))).toEqual(['b', 'a', 'c', 'd', 'z']);
    // Without a dense list, the keyword order.
    expect(ids(fuse(keyword, []))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('fuses fully when the keyword side has little evidence', () => {
    expect(keywordIsWeak([])).toBe(true);
    expect(keywordIsWeak([{ id: 'a', score: 1, coverage: 0.1 }])).toBe(true);
    expect(keywordIsWeak(keyword)).toBe(false);
    expect(ids(fuse([], [{ id: 'x', score: 1 }, { id: 'y', score: 1 }]))).toEqual(['x', 'y']);
    const weak = keyword.map((k) => ({ ...k, coverage: 0.1 }));
    expect(ids(fuse(weak, [{ id: 'd', score: 1 }, { id: 'c', score: 1 }]))[0]).toBe('d');
  });
});
