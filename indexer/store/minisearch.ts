/**
 * MiniSearch, and only MiniSearch, lives here. It holds one small entry per
 * document (title, file name, section headings) and does what it is best at:
 * instant prefix and fuzzy suggestions, and title matches that lift a
 * document's passages in the ranking. Body text lives in LanceDB (see lance.ts).
 *
 * The index is saved atomically with a checksum; a missing or damaged file is
 * rebuilt from the document catalogue, never fatal.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import MiniSearch from 'minisearch';
import { writeFileAtomic } from '../util/atomic.js';
import { foldedForm, normalizeText } from '../vietnamese/normalize.js';
import { tokenizeText } from '../vietnamese/tokenize.js';

export interface TitleEntry {
  id: string;
  title: string;
  fileName: string;
  headings: string;
}

export interface TitleMatch {
  id: string;
  score: number;
}

/** Bump when the tokenizer or fields change: older files are then rebuilt. */
const FORMAT_VERSION = 1;
/** Title words count more than file-name words and headings. */
const FIELD_BOOST = { title: 3, fileName: 1, headings: 1 };
/** Fuzzy matching for suggestions: one edit per five characters. */
const SUGGEST_FUZZY = 0.2;

const options = {
  fields: ['title', 'fileName', 'headings'],
  storeFields: [] as string[],
  // Folded syllables: suggestions and title matches work with or without accents.
  tokenize: (text: string) => tokenizeText(normalizeText(text)).filter((t) => !t.code).map((t) => t.folded),
  processTerm: (term: string) => foldedForm(term) || null,
};

interface SavedFile {
  version: number;
  checksum: string;
  index: string;
}

export class TitleIndex {
  private constructor(
    private readonly file: string,
    private index: MiniSearch<TitleEntry>,
  ) {}

  static empty(file: string): TitleIndex {
    return new TitleIndex(file, new MiniSearch<TitleEntry>(options));
  }

  /**
   * Load from disk. Returns null when the file is missing, damaged or from an
   * older format: the caller rebuilds it from the catalogue.
   */
  static async load(file: string): Promise<TitleIndex | null> {
    let saved: SavedFile;
    try {
      saved = JSON.parse(await readFile(file, 'utf8')) as SavedFile;
    } catch {
      return null;
    }
    if (saved?.version !== FORMAT_VERSION || typeof saved.index !== 'string') return null;
    if (checksum(saved.index) !== saved.checksum) return null;
    try {
      return new TitleIndex(file, MiniSearch.loadJSON<TitleEntry>(saved.index, options));
    } catch {
      return null;
    }
  }

  get size(): number {
    return this.index.documentCount;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  upsert(entry: TitleEntry): void {
    if (this.index.has(entry.id)) this.index.discard(entry.id);
    this.index.add(entry);
  }

  remove(id: string): void {
    if (this.index.has(id)) this.index.discard(id);
  }

  /** Documents whose title, file name or headings match the query (all words, prefix on the last). */
  match(query: string, limit: number): TitleMatch[] {
    if (!query.trim()) return [];
    return this.index
      .search(query, { boost: FIELD_BOOST, combineWith: 'AND', prefix: (_t, i, terms) => i === terms.length - 1 })
      .slice(0, limit)
      .map((r) => ({ id: r.id as string, score: r.score }));
  }

  /** Completions of what the user is typing, from titles and headings. */
  suggest(prefix: string, limit: number): Array<{ text: string; score: number }> {
    if (!prefix.trim()) return [];
    return this.index
      .autoSuggest(prefix, { boost: FIELD_BOOST, prefix: true, fuzzy: SUGGEST_FUZZY })
      .slice(0, limit)
      .map((s) => ({ text: s.suggestion, score: s.score }));
  }

  async save(): Promise<void> {
    const index = JSON.stringify(this.index);
    const saved: SavedFile = { version: FORMAT_VERSION, checksum: checksum(index), index };
    await writeFileAtomic(this.file, JSON.stringify(saved));
  }
}

function checksum(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
