/**
 * MiniSearch, and only MiniSearch, lives here: as-you-type suggestions.
 *
 * Its entries are the phrases of titles and section headings (two to four
 * syllables, e.g. "đổi mới sáng tạo", "chuyển giao công nghệ"), keyed by their
 * accent-free form, so "chuyen d" completes to "chuyển đổi số". How many
 * documents use a phrase ranks it. Body text lives in LanceDB (see lance.ts).
 *
 * The index and the per-document phrase lists are saved atomically, gzipped,
 * with a checksum; a missing or damaged file is rebuilt from the catalogue.
 */
import { createHash } from 'node:crypto';
import MiniSearch from 'minisearch';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { readBytesOrNull, writeFileAtomic } from './atomic.js';
import { normalizeText } from '../common/normalize.js';
import { FUNCTION_WORDS } from '../search/rerank.js';
import { tokenizeText } from '../vietnamese/tokenize.js';

export interface TitleEntry {
  id: string;
  title: string;
  fileName: string;
  /** Section headings, one per line. */
  headings: string;
}

/** Bump when phrase extraction changes: older files are then rebuilt. */
const FORMAT_VERSION = 2;
/** Phrase lengths taken from titles and headings, in syllables. */
const MIN_PHRASE = 2;
const MAX_PHRASE = 4;
/** Fuzzy matching of the word being typed: one edit per five characters. */
const SUGGEST_FUZZY = 0.2;

interface PhraseDoc {
  id: string;
}

const options = {
  fields: ['id'],
  storeFields: [] as string[],
  // Keys are accent-free phrases: words split on spaces.
  tokenize: (key: string) => key.split(' '),
  processTerm: (term: string) => term || null,
};

interface SavedFile {
  version: number;
  checksum: string;
  /** Per document: the phrases it contributed (surface forms). */
  documents: Record<string, string[]>;
  index: string;
}

/** Phrases of a title or heading: runs of 2–4 syllables not starting or ending with a function word. */
export function phrasesOf(text: string): string[] {
  const phrases: string[] = [];
  for (const line of text.split('\n')) {
    const tokens = tokenizeText(normalizeText(line)).filter((t) => !t.code && !/^\d+$/.test(t.exact));
    // Split into runs where the line breaks phrases (punctuation).
    for (let i = 0; i < tokens.length; i++) {
      for (let n = MIN_PHRASE; n <= MAX_PHRASE && i + n <= tokens.length; n++) {
        const run = tokens.slice(i, i + n);
        if (run.some((t) => t.phrase !== run[0]!.phrase)) break;
        if (FUNCTION_WORDS.has(run[0]!.folded) || FUNCTION_WORDS.has(run[n - 1]!.folded)) continue;
        phrases.push(run.map((t) => t.exact).join(' '));
      }
    }
  }
  return [...new Set(phrases)];
}

function keyOf(surface: string): string {
  return tokenizeText(surface).map((t) => t.folded).join(' ');
}

export class TitleIndex {
  /**
   * Accent-free key → surface form and how many documents use it: worked out
   * at the first change or suggestion, not at load (an indexing run that finds
   * nothing changed never needs it).
   */
  private countsMade: Map<string, { surface: string; count: number }> | null = null;
  /** Changed since loaded or saved: `save()` has something to write. */
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly index: MiniSearch<PhraseDoc>,
    private readonly documents: Map<string, string[]>,
  ) {}

  private get counts(): Map<string, { surface: string; count: number }> {
    if (!this.countsMade) {
      this.countsMade = new Map();
      for (const phrases of this.documents.values()) for (const p of phrases) this.count(p, +1, false);
    }
    return this.countsMade;
  }

  static empty(file: string): TitleIndex {
    const titles = new TitleIndex(file, new MiniSearch<PhraseDoc>(options), new Map());
    titles.dirty = true;
    return titles;
  }

  /**
   * Load from disk. Returns null when the file is missing, damaged or from an
   * older format: the caller rebuilds it from the catalogue.
   */
  static async load(file: string): Promise<TitleIndex | null> {
    let saved: SavedFile;
    try {
      const bytes = await readBytesOrNull(file);
      if (bytes === null) return null;
      // Gzipped since issue 20; a library saved before holds the JSON as it is.
      const text = (isGzip(bytes) ? await gunzipAsync(bytes) : bytes).toString('utf8');
      saved = JSON.parse(text) as SavedFile;
    } catch {
      return null;
    }
    if (saved?.version !== FORMAT_VERSION || typeof saved.index !== 'string' || typeof saved.documents !== 'object') return null;
    if (checksum(saved.index, saved.documents) !== saved.checksum) return null;
    try {
      return new TitleIndex(file, MiniSearch.loadJSON<PhraseDoc>(saved.index, options), new Map(Object.entries(saved.documents)));
    } catch {
      return null;
    }
  }

  get size(): number {
    return this.documents.size;
  }

  has(id: string): boolean {
    return this.documents.has(id);
  }

  /** Update the counts (and the index when a phrase appears or disappears). */
  private count(surface: string, delta: number, touchIndex = true): void {
    const key = keyOf(surface);
    if (!key) return;
    const entry = this.counts.get(key);
    if (!entry) {
      if (delta <= 0) return;
      this.counts.set(key, { surface, count: delta });
      if (touchIndex && !this.index.has(key)) this.index.add({ id: key });
      return;
    }
    entry.count += delta;
    if (entry.count <= 0) {
      this.counts.delete(key);
      if (touchIndex && this.index.has(key)) this.index.discard(key);
    }
  }

  upsert(entry: TitleEntry): void {
    this.dirty = true;
    void this.counts; // made from the documents as loaded, before this one changes them
    this.remove(entry.id);
    const phrases = phrasesOf(`${entry.title}\n${entry.headings}`);
    this.documents.set(entry.id, phrases);
    for (const p of phrases) this.count(p, +1);
  }

  remove(id: string): void {
    const phrases = this.documents.get(id);
    if (!phrases) return;
    this.dirty = true;
    void this.counts; // made from the documents as loaded, before this one leaves them
    this.documents.delete(id);
    for (const p of phrases) this.count(p, -1);
  }

  /**
   * Completions of what the user is typing: phrases that start with the typed
   * words (the last one as a prefix, or nearly), most used first. A phrase that
   * is only a truncation of a longer one used as often ("đổi mới sáng" of
   * "đổi mới sáng tạo") is left out. When nothing starts that way, phrases
   * holding the typed words anywhere are offered.
   */
  suggest(prefix: string, limit: number): Array<{ text: string; score: number }> {
    const typed = keyOf(normalizeText(prefix));
    if (!typed) return [];
    const matches = this.index
      .search(typed, {
        combineWith: 'AND',
        prefix: (_term, i, terms) => i === terms.length - 1,
        fuzzy: (term, i, terms) => (i === terms.length - 1 && term.length >= 4 ? SUGGEST_FUZZY : false),
      })
      .map((r) => r.id as string);
    const starting = matches.filter((key) => key.startsWith(typed));
    const keys = starting.length > 0 ? starting : matches;
    const count = (key: string) => this.counts.get(key)?.count ?? 0;
    const kept = keys.filter((key) => !keys.some((other) => other !== key && other.startsWith(key + ' ') && count(other) >= count(key) * 0.8));
    return kept
      .map((key) => ({ text: this.counts.get(key)?.surface ?? key, score: count(key) + key.split(' ').length / 10 }))
      .sort((a, b) => b.score - a.score || a.text.localeCompare(b.text, 'vi'))
      .slice(0, limit);
  }

  /** Write the index when it changed since loaded or saved. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    const index = JSON.stringify(this.index);
    const documents = Object.fromEntries(this.documents);
    const saved: SavedFile = { version: FORMAT_VERSION, checksum: checksum(index, documents), documents, index };
    await writeFileAtomic(this.file, await gzipAsync(JSON.stringify(saved)));
    this.dirty = false;
  }
}

/**
 * The file is written gzipped: its JSON repeats the phrase keys and document ids,
 * and 10,000 documents' titles and headings took 36.6 MB as JSON and 5.4 MB
 * gzipped (0.6 s of a thread-pool thread to write, 0.07 s to read back).
 */
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function checksum(index: string, documents: Record<string, string[]>): string {
  return createHash('sha256').update(index).update(JSON.stringify(documents)).digest('hex');
}
