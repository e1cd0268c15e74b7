/**
 * Honest highlighting: what is marked in a hit is what matched.
 * - In a query typed with accents, each word marks its own spelling only (case
 *   aside): "công" marks "Công" and "CÔNG", never "cộng", and the "thu" of "thuế
 *   thu nhập" never marks "thụ"; a query typed without accents marks every
 *   spelling ("cong" marks both) — as does any query that only matched once
 *   accents were ignored (first-stage.ts `folded`).
 * - Function words ("và", "của", "các", "được", "theo"…) are marked only inside
 *   a run of the query's words in the query's order ("quyền và nghĩa vụ"
 *   marks "và" there, not in "cha và mẹ"), unless the query has nothing else.
 * - Prefixes (`đổi mới*`) mark the words starting with their stem.
 */
import type { ParsedQuery } from '../api/contract.js';
import { tokenizeText, type TextToken } from '../vietnamese/tokenize.js';
import { FUNCTION_WORDS } from './rerank.js';

interface Wanted {
  exact: string;
  folded: string;
  accented: boolean;
  /** A function word: marked only inside a run of the query's words. */
  weak: boolean;
}

/** The query prepared once for highlighting many passages. */
export class Highlighter {
  private readonly words: Wanted[];
  private readonly prefixes: Array<{ stem: string; accented: boolean }>;
  /** Adjacent pairs of query words, as "a b" in the forms compared. */
  private readonly pairs = new Set<string>();

  constructor(parsed: Pick<ParsedQuery, 'words' | 'phrases' | 'prefixes'>, private readonly folded: boolean) {
    const tokens = tokenizeText([...parsed.words, ...parsed.phrases].join(' ')).filter((t) => !t.code);
    const allWeak = tokens.every((t) => FUNCTION_WORDS.has(t.folded));
    // A query typed with accents is accented throughout: its "thu" is the level-tone "thu", not "thụ" or "thư".
    // Typed with accents: at least half its syllables carry a mark ("thuế thu nhập"; not "thue thu nhập").
    const typedWithAccents = tokens.filter((t) => t.exact !== t.folded).length * 2 >= tokens.length && tokens.some((t) => t.exact !== t.folded);
    this.words = tokens.map((t) => ({ exact: t.exact, folded: t.folded, accented: typedWithAccents, weak: !allWeak && FUNCTION_WORDS.has(t.folded) }));
    for (let i = 1; i < this.words.length; i++) this.pairs.add(`${this.words[i - 1]!.folded} ${this.words[i]!.folded}`);
    this.prefixes = parsed.prefixes.flatMap((p) => tokenizeText(p).filter((t) => !t.code).slice(-1).map((t) => ({ stem: folded || t.exact === t.folded ? t.folded : t.exact, accented: !folded && t.exact !== t.folded })));
  }

  private wordOf(token: TextToken): Wanted | undefined {
    return this.words.find((w) => (w.accented && !this.folded ? token.exact === w.exact : token.folded === w.folded));
  }

  /** Character ranges of `text` to mark, adjacent words merged. */
  ranges(text: string): Array<[number, number]> {
    if (this.words.length === 0 && this.prefixes.length === 0) return [];
    const tokens = tokenizeText(text).filter((t) => !t.code);
    const found = tokens.map((t) => this.wordOf(t));
    const marked = tokens.map((t, i) => {
      const w = found[i];
      if (w && !w.weak) return true;
      if (w) {
        // A function word counts only between two query words, in the query's order.
        const before = found[i - 1] && tokens[i - 1]!.phrase === t.phrase && this.pairs.has(`${tokens[i - 1]!.folded} ${t.folded}`);
        const after = found[i + 1] && tokens[i + 1]!.phrase === t.phrase && this.pairs.has(`${t.folded} ${tokens[i + 1]!.folded}`);
        return !!(before && after);
      }
      return this.prefixes.some((p) => (p.accented ? t.exact : t.folded).startsWith(p.stem));
    });
    const out: Array<[number, number]> = [];
    tokens.forEach((t, i) => {
      if (!marked[i]) return;
      const last = out[out.length - 1];
      if (last && /^\s*$/u.test(text.slice(last[1], t.start))) last[1] = t.end;
      else out.push([t.start, t.end]);
    });
    return out;
  }
}
