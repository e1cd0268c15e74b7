/**
 * An accent-free question read with the accents the library writes it with.
 *
 * Typed without accents, "co quan nao thuc hien quan ly nha nuoc" matches
 * every accented reading of each syllable alike ("quan" is quan, quân, quán,
 * quận…), so BM25 cannot prefer the passages that hold the question's own
 * words, as it does for an accented question (which also matches exact forms,
 * tokenize.ts `queryTerms`). The best keyword candidates already say which
 * reading is meant: each word takes the accented form its pairs with the
 * words beside it most often have in them (a word seen in no pair, its most
 * frequent form; a word seen nowhere stays as typed), and the question is
 * ranked again as if typed so. Every reading still matches (the folded terms
 * stay), so a wrong guess costs a preference, never a match; the match set
 * (first-stage.ts) does not change.
 *
 * Chosen on the even half of ALQAC 2024 through files: accent-free R@1/MRR@10
 * 0.891/0.928 → 0.894/0.930 with the first 20 or 30 candidates (10: 0.887/
 * 0.926; 50: 0.894/0.930), equal to the accented question's; confirmed on the
 * odd half, 0.887/0.915 → 0.887/0.915 (+2 −1 questions), again equal to accented.
 */
import { tokenizeText, type TextToken } from '../vietnamese/tokenize.js';

/** Best keyword candidates read for the accents of an accent-free question. */
export const RESTORE_DEPTH = 20;

type Counts = Map<string, Map<string, number>>;

function count(counts: Counts, key: string, form: string): void {
  const forms = counts.get(key) ?? counts.set(key, new Map()).get(key)!;
  forms.set(form, (forms.get(form) ?? 0) + 1);
}

/** The most frequent form and its count (the first seen on a tie), or null. */
function mostFrequent(forms: Map<string, number> | undefined): [string, number] | null {
  let best: [string, number] | null = null;
  for (const [form, n] of forms ?? []) if (!best || n > best[1]) best = [form, n];
  return best;
}

const words = (text: string): TextToken[] => tokenizeText(text).filter((t) => !t.code);

/**
 * `query` (typed without accents) with each word in the form the candidate
 * texts most often give it beside its neighbours; words the texts lack, and
 * everything between words, as typed.
 */
export function restoreAccents(query: string, texts: string[]): string {
  const asked = words(query);
  if (asked.length === 0) return query;
  const wanted = new Set(asked.map((t) => t.folded));
  const pairs: Counts = new Map();
  const singles: Counts = new Map();
  for (const text of texts) {
    const tokens = words(text);
    tokens.forEach((t, i) => {
      if (!wanted.has(t.folded)) return;
      count(singles, t.folded, t.exact);
      const next = tokens[i + 1];
      if (next && next.phrase === t.phrase && wanted.has(next.folded)) count(pairs, `${t.folded} ${next.folded}`, `${t.exact} ${next.exact}`);
    });
  }
  let out = '';
  let last = 0;
  asked.forEach((t, i) => {
    // The readings of the pairs with the word before and after vote, by how often each is written.
    const votes = new Map<string, number>();
    const before = asked[i - 1];
    const after = asked[i + 1];
    const withBefore = before ? mostFrequent(pairs.get(`${before.folded} ${t.folded}`)) : null;
    const withAfter = after ? mostFrequent(pairs.get(`${t.folded} ${after.folded}`)) : null;
    const vote = (form: string, n: number) => votes.set(form, (votes.get(form) ?? 0) + n);
    if (withBefore) vote(withBefore[0].split(' ')[1]!, withBefore[1]);
    if (withAfter) vote(withAfter[0].split(' ')[0]!, withAfter[1]);
    const chosen = mostFrequent(votes)?.[0] ?? mostFrequent(singles.get(t.folded))?.[0];
    const typed = query.slice(t.start, t.end);
    const form = !chosen || chosen === t.exact ? typed : typed !== typed.toLowerCase() ? chosen[0]!.toUpperCase() + chosen.slice(1) : chosen;
    out += query.slice(last, t.start) + form;
    last = t.end;
  });
  return out + query.slice(last);
}
