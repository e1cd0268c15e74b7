/**
 * The query's tests on passage text — phrases, exclusions, prefixes, and "has
 * every word" — prepared once per query, each passage tokenised once.
 */
import type { ParsedQuery } from '../api/contract.js';
import type { StoredPassage } from '../store/lance.js';
import { hasAccents } from '../common/normalize.js';
import { tokenizeText } from '../vietnamese/tokenize.js';

/** Queries up to this many words prefer passages that contain all of them (unless OR was said). */
export const ALL_WORDS_MAX = 6;

/** Syllable sequences of a text, exact and folded, for phrase and word tests. */
export interface Sequences {
  exact: string;
  folded: string;
  exactWords: string[];
  foldedWords: string[];
}

/**
 * Passages whose sequences are kept between queries. The all-words/phrase test and
 * the word-order re-rank read every candidate, and tokenising was the larger part of
 * a keyword query (bench/REPORT.md); a session's queries share many candidates
 * (refining, paging, the next question on the same subject). About 2 KB a passage.
 */
export const SEQUENCE_CACHE_SIZE = 4_096;

/**
 * By passage id, oldest first (a Map keeps insertion order; a hit moves to the end).
 * A passage id carries its document's content key, so a changed text has a new id.
 */
const PASSAGE_SEQUENCES = new Map<string, Sequences>();

export function passageSequences(passage: StoredPassage): Sequences {
  let s = PASSAGE_SEQUENCES.get(passage.id);
  if (s) {
    PASSAGE_SEQUENCES.delete(passage.id);
  } else {
    s = sequences(passage.text);
    if (PASSAGE_SEQUENCES.size >= SEQUENCE_CACHE_SIZE) PASSAGE_SEQUENCES.delete(PASSAGE_SEQUENCES.keys().next().value!);
  }
  PASSAGE_SEQUENCES.set(passage.id, s);
  return s;
}

/** The joined forms are made only when a phrase test reads them (the re-rank reads the words only). */
class TextSequences implements Sequences {
  private joinedExact: string | null = null;
  private joinedFolded: string | null = null;
  constructor(readonly exactWords: string[], readonly foldedWords: string[]) {}

  get exact(): string {
    return (this.joinedExact ??= ` ${this.exactWords.join(' ')} `);
  }

  get folded(): string {
    return (this.joinedFolded ??= ` ${this.foldedWords.join(' ')} `);
  }
}

export function sequences(text: string): Sequences {
  const exactWords: string[] = [];
  const foldedWords: string[] = [];
  for (const t of tokenizeText(text)) {
    if (t.code) continue;
    exactWords.push(t.exact);
    foldedWords.push(t.folded);
  }
  return new TextSequences(exactWords, foldedWords);
}

/** A phrase, exclusion or prefix of the query, tokenised once; accented ones match exactly. */
interface Needle {
  accented: boolean;
  joined: string;
  words: string[];
}

function needle(text: string): Needle {
  const s = sequences(text);
  const accented = hasAccents(text);
  return { accented, joined: accented ? s.exact : s.folded, words: accented ? s.exactWords : s.foldedWords };
}

/**
 * The query's tests on passage text — phrases, exclusions, prefixes, and (for
 * short queries without OR) "has every word" — prepared once per query, so
 * each candidate passage is tokenised once.
 */
export class PassageTest {
  private readonly phrases: Needle[];
  private readonly excluded: Needle[];
  private readonly prefixes: Needle[];
  /** The query's words (accent-free) when the all-words preference applies, else null. */
  private readonly allWords: Set<string> | null;

  constructor(parsed: ParsedQuery, preferAllWords = true) {
    this.phrases = parsed.phrases.map(needle);
    this.excluded = parsed.excluded.map(needle);
    this.prefixes = parsed.prefixes.map(needle).filter((n) => n.words.length > 0);
    const words = new Set(sequences(parsed.words.join(' ')).foldedWords);
    this.allWords = !preferAllWords || parsed.anyOf || words.size === 0 || words.size > ALL_WORDS_MAX ? null : words;
  }

  /** True when phrases, exclusions or prefixes must be checked on passage text. */
  get constrains(): boolean {
    return this.phrases.length + this.excluded.length + this.prefixes.length > 0;
  }

  /** True when there is anything to test on passage text. */
  get needsText(): boolean {
    return this.phrases.length + this.excluded.length + this.prefixes.length > 0 || this.allWords !== null;
  }

  /** Does the passage satisfy the phrases, exclusions and prefixes (and does it hold every word)? */
  check(passage: Sequences): { matches: boolean; allWords: boolean } {
    const contains = (n: Needle) => n.words.length > 0 && (n.accented ? passage.exact : passage.folded).includes(n.joined);
    const startsWith = (n: Needle) => {
      const words = n.accented ? passage.exactWords : passage.foldedWords;
      const last = n.words[n.words.length - 1]!;
      const before = n.words.slice(0, -1);
      return words.some((w, i) => w.startsWith(last) && before.every((b, j) => words[i - before.length + j] === b));
    };
    const matches = this.phrases.every(contains) && !this.excluded.some(contains) && this.prefixes.every(startsWith);
    if (!this.allWords) return { matches, allWords: true };
    // At most ALL_WORDS_MAX words: looked for in the passage's words, no set made of them.
    for (const w of this.allWords) if (!passage.foldedWords.includes(w)) return { matches, allWords: false };
    return { matches, allWords: true };
  }
}

