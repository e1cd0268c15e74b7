/**
 * Fusion of the keyword list, the dense (vector) list and the keyword hits
 * holding every query word — made so that the meaning side can only help.
 *
 * Plain reciprocal rank fusion of a strong keyword list and a weaker dense list
 * makes results worse: a passage the model merely thinks is near the question
 * outranks the one holding its words. So the dense list counts for a passage
 * only where it is evidence:
 * - when the two lists agree — the passage is in the keyword list's first
 *   AGREE_DEPTH and the dense list's first AGREE_DEPTH — it breaks the keyword
 *   side's near-ties in favour of what the model also finds;
 * - when the keyword side has little evidence — no keyword hit, or the best
 *   keyword passage holds less than WEAK_COVERAGE of the question's words (a
 *   paraphrase, another wording) — the dense list fuses fully, as RRF does.
 * Checked with the test model on ALQAC (test/hybrid.test.ts): hybrid is never
 * more than 0.005 below keyword-only. Plain RRF there cost R@1 0.25; the
 * constants below were chosen on the even half (a coverage threshold of 0.5
 * and a margin of 0.01 still lost up to 0.008) and hold on the odd half and
 * on the CI subset (hybrid R@1 = or above keyword-only).
 */
import { hasAccents } from '../common/normalize.js';
import type { RankedId } from '../store/lance.js';
import { tokenizeText } from '../vietnamese/tokenize.js';

/** The RRF constant: damps the difference between the first few ranks (60 is the literature's default). */
export const RRF_K = 60;
/** Depth of both lists within which the dense side counts when the keyword side is sure. */
export const AGREE_DEPTH = 10;
/** Keyword scores within this share of the best one's are a near-tie that the dense side may break. */
export const AGREE_MARGIN = 0.005;
/** Below this share of the question's words in the best keyword passage, the keyword side has little evidence. */
export const WEAK_COVERAGE = 0.25;

/**
 * Weight of the vector list in the fusion when the query has no accents: an
 * embedding of accent-free Vietnamese is a much weaker signal than the
 * keyword side, which folds accents exactly.
 */
export const UNACCENTED_VECTOR_WEIGHT = 0.5;
/**
 * Questions up to this many words get the all-words list (search.ts's
 * ALL_WORDS_MAX). For every length it cost ALQAC 2024 R@1 0.006 through files
 * (even 0.857 → 0.853, odd 0.875 → 0.868); up to 6 or 10 words it costs
 * nothing on the even half (6 kept: the same bound as the all-words filter).
 */
export const FUSION_MAX_WORDS = 6;

/** A keyword hit with the share of the question's words it holds (set by the re-rank). */
export type KeywordRanked = RankedId & { coverage?: number };

export interface Fused {
  score: number;
  keywordRank: number | null;
  vectorRank: number | null;
}

/** Whether the keyword side has little evidence for this question (the dense side then fuses fully). */
export function keywordIsWeak(keyword: KeywordRanked[]): boolean {
  return keyword.length === 0 || (keyword[0]!.coverage ?? 1) < WEAK_COVERAGE;
}

/**
 * The keyword side's order: the keyword list, and for short queries
 * (`allWordsList`) the keyword hits that hold every query word — those with the
 * whole query in order first (what a user typing a remembered phrase expects
 * first) — fused by reciprocal rank. For a long question "holds every word"
 * mostly means "is long", so it has no list of its own. Title words need no
 * list either: they are terms of every passage of their document.
 */
function keywordOrder(keyword: KeywordRanked[], allWordsList: boolean): Array<[string, Fused]> {
  const fused = new Map<string, Fused>();
  keyword.forEach((k, i) => fused.set(k.id, { score: 1 / (RRF_K + i + 1), keywordRank: i + 1, vectorRank: null }));
  if (allWordsList) {
    [...keyword.filter((k) => k.wholeQuery), ...keyword.filter((k) => k.allWords && !k.wholeQuery)].forEach((k, i) => {
      fused.get(k.id)!.score += 1 / (RRF_K + i + 1);
    });
  }
  return [...fused.entries()].sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]));
}

/**
 * Keyword order, then the dense list. When the keyword side is sure, a passage
 * the dense list also ranks in its first AGREE_DEPTH climbs past keyword hits
 * the dense list ranks lower, one place at a time and only while their keyword
 * scores are within AGREE_MARGIN of the best one's (near-ties) — never past a
 * hit of another all-words group; dense-only passages follow the keyword hits.
 * When the keyword side has little evidence, the two lists fuse by reciprocal
 * rank (the dense one weighted by `vectorWeight`).
 */
export function fuse(keyword: KeywordRanked[], vector: RankedId[], vectorWeight = 1, allWordsList = true): Array<[string, Fused]> {
  const order = keywordOrder(keyword, allWordsList);
  if (vector.length === 0) return order;
  const denseRank = new Map(vector.map((v, i) => [v.id, i + 1]));
  for (const [id, f] of order) f.vectorRank = denseRank.get(id) ?? null;
  if (keywordIsWeak(keyword)) {
    const fused = new Map(order);
    vector.forEach((v, i) => {
      const e = fused.get(v.id) ?? fused.set(v.id, { score: 0, keywordRank: null, vectorRank: i + 1 }).get(v.id)!;
      e.score += vectorWeight / (RRF_K + i + 1);
    });
    return [...fused.entries()].sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]));
  }
  const info = new Map(keyword.map((k) => [k.id, k]));
  const group = (id: string) => (!allWordsList ? 0 : info.get(id)?.wholeQuery ? 2 : info.get(id)?.allWords ? 1 : 0);
  const margin = AGREE_MARGIN * Math.abs(keyword[0]!.score);
  const agreeing = (id: string) => (denseRank.get(id) ?? Infinity) <= AGREE_DEPTH;
  const ids = order.map(([id]) => id);
  for (let i = 1; i < Math.min(ids.length, AGREE_DEPTH); i++) {
    for (let j = i; j > 0; j--) {
      const [up, down] = [ids[j]!, ids[j - 1]!];
      const closeEnough = Math.abs(info.get(down)!.score - info.get(up)!.score) <= margin;
      if (!agreeing(up) || (denseRank.get(up) ?? Infinity) >= (denseRank.get(down) ?? Infinity) || !closeEnough || group(up) !== group(down)) break;
      [ids[j - 1], ids[j]] = [up, down];
    }
  }
  const entries = new Map(order);
  const result = ids.map((id, i): [string, Fused] => [id, { ...entries.get(id)!, score: 1 / (RRF_K + i + 1) }]);
  vector.filter((v) => !entries.has(v.id)).forEach((v, i) => {
    result.push([v.id, { score: 1 / (RRF_K + ids.length + i + 1), keywordRank: null, vectorRank: denseRank.get(v.id)! }]);
  });
  return result;
}

/** The product's fusion of a question's keyword and vector lists (search.ts; scripts/eval-alqac.mjs measures it). */
export function fuseQuestion(text: string, keyword: KeywordRanked[], vector: RankedId[], allWordsList = true): Array<[string, Fused]> {
  const words = tokenizeText(text).filter((t) => !t.code).length;
  return fuse(keyword, vector, hasAccents(text) ? 1 : UNACCENTED_VECTOR_WEIGHT, allWordsList && words <= FUSION_MAX_WORDS);
}
