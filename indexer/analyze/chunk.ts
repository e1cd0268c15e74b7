/**
 * Blocks → passages that can be cited.
 *
 * The document's extracted text is its blocks joined by blank lines; every
 * passage is a slice of it (start/end offsets) and keeps the page(s) it
 * spans and the section path in force (e.g. "Chương II › Điều 5"). Passages
 * follow the structure: a new section starts a new passage, a section that fits
 * is one passage, a long article is cut at its khoản (then điểm) with the path
 * going down to them ("Chương II › Điều 5 › khoản 2"), and any other long
 * section into overlapping windows. Later parts repeat the section heading.
 */
import type { Block } from '../extract/types.js';
import { clauseOf, continuesClauses, headingOf, SectionTracker, type Clause } from './structure.js';

/** Tuning knobs; the defaults aim at 150–300 words per passage. */
export interface ChunkOptions {
  /** A section longer than this many words is split into windows. */
  maxWords: number;
  /** Target window length when splitting a long section. */
  windowWords: number;
  /** Words repeated between consecutive windows, so no sentence is lost at a cut. */
  overlapWords: number;
  /** A section shorter than this absorbs the next heading instead of standing alone. */
  minWords: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = {
  maxWords: 300,
  windowWords: 220,
  overlapWords: 30,
  minWords: 30,
};

/** Separator between blocks in the extracted text. */
export const BLOCK_SEPARATOR = '\n\n';

export interface Passage {
  /** Position in the document, from 0. */
  ordinal: number;
  /**
   * What is stored and searched: the document text [start, end), preceded by
   * `heading` and a newline when the passage continues a split section.
   */
  text: string;
  /** The section heading repeated at the front of `text`, or null. */
  heading: string | null;
  page: number | null;
  pageEnd: number | null;
  section: string | null;
  start: number;
  end: number;
  /** Some of the passage's text was recognised by OCR. */
  ocr: boolean;
}

export interface ChunkedDocument {
  /** The document's extracted text; passages are slices of it. */
  text: string;
  passages: Passage[];
}

interface Word {
  start: number;
  end: number;
  page: number | null;
  ocr: boolean;
}

/** A khoản (level 1) or điểm (level 2) starting at word `at` of its run. */
interface Mark {
  at: number;
  level: 1 | 2;
  label: string;
}

interface Run {
  section: string | null;
  words: Word[];
  marks: Mark[];
  /** Word range [from, to) of the block that opened the run's section, if one did. */
  heading: [number, number] | null;
}

/** A cut of a run: word range and the clause path below the run's section. */
interface Part {
  from: number;
  to: number;
  clause: string | null;
}

const ARTICLE = /^Điều \d/u;
const ARTICLE_IN_PATH = /(?:^| › )Điều \d/u;

/** Longest heading carried into later parts of a split section. */
const MAX_CARRIED_WORDS = 30;

export function chunkBlocks(blocks: Block[], options: Partial<ChunkOptions> = {}): ChunkedDocument {
  const opts = { ...DEFAULT_CHUNK_OPTIONS, ...options };
  const tracker = new SectionTracker(blocks);
  const runs: Run[] = [];
  let text = '';
  let current: Run | null = null;
  // The last khoản and the last điểm under it, to follow the numbering.
  let lastKhoan: Clause | null = null;
  let lastDiem: Clause | null = null;

  for (const block of blocks) {
    if (text.length > 0) text += BLOCK_SEPARATOR;
    const offset = text.length;
    text += block.text;
    const heading = headingOf(block);
    const opensSection = heading !== null;
    // A short article still stands alone: merged into the next one, its words would be cited
    // under the next article's number ("Điều 3" for a sentence of Điều 2).
    const articleAfterArticle = heading !== null && ARTICLE.test(heading.label) && ARTICLE_IN_PATH.test(current?.section ?? '');
    const section = tracker.enter(block);
    if (!current || (opensSection && (current.words.length >= opts.minWords || articleAfterArticle))) {
      current = { section, words: [], marks: [], heading: null };
      runs.push(current);
    } else if (opensSection) {
      current.section = section; // a short run (e.g. a lone "Chương II") takes the deeper path
      current.marks = []; // khoản seen so far belonged to the previous article
    }
    if (opensSection) lastKhoan = lastDiem = null;
    const first = current.words.length;
    const clause = opensSection ? null : clauseOf(block, tracker.inArticle());
    if (clause && continuesClauses(clause.level === 1 ? lastKhoan : lastDiem, clause)) {
      current.marks.push({ at: first, level: clause.level, label: clause.label });
      if (clause.level === 1) [lastKhoan, lastDiem] = [clause, null];
      else lastDiem = clause;
    }
    for (const m of block.text.matchAll(/\S+/g)) {
      current.words.push({ start: offset + m.index!, end: offset + m.index! + m[0].length, page: block.page, ocr: block.ocr === true });
    }
    if (opensSection) current.heading = [first, current.words.length];
  }

  const passages: Passage[] = [];
  for (const run of runs) {
    const carried = carriedHeading(run, text);
    const carriedWords = carried ? carried.split(/\s+/).length : 0;
    for (const part of cut(run, text, opts, carriedWords)) {
      const first = run.words[part.from]!;
      const last = run.words[part.to - 1]!;
      const body = text.slice(first.start, last.end);
      // A later part of a split section repeats the section's heading, so the part still
      // answers a search on the heading ("Điều 5. Quyền của người lao động") and reads whole.
      const carry = carried !== null && run.heading !== null && part.from >= run.heading[1];
      passages.push({
        ordinal: passages.length,
        text: carry ? `${carried}\n${body}` : body,
        heading: carry ? carried : null,
        page: first.page,
        pageEnd: last.page,
        section: part.clause ? (run.section ? `${run.section} › ${part.clause}` : part.clause) : run.section,
        start: first.start,
        end: last.end,
        ocr: run.words.slice(part.from, part.to).some((w) => w.ocr),
      });
    }
  }
  return { text, passages };
}

/** The heading text a split section repeats in its later parts (at most a sentence of it). */
function carriedHeading(run: Run, text: string): string | null {
  if (!run.heading) return null;
  const [from, to] = run.heading;
  if (to <= from) return null;
  const words = run.words.slice(from, Math.min(to, from + MAX_CARRIED_WORDS));
  const heading = text.slice(words[0]!.start, words[words.length - 1]!.end).replace(/\s+/g, ' ');
  return to - from > MAX_CARRIED_WORDS ? `${heading} …` : heading;
}

/**
 * Cut a run into parts. A run that fits is one part. A long article is cut at
 * its khoản, consecutive short khoản sharing a part; a khoản still too long is
 * cut at its điểm; anything else too long is cut into overlapping windows.
 */
function cut(run: Run, text: string, opts: ChunkOptions, carriedWords: number): Part[] {
  if (run.words.length === 0) return [];
  if (run.words.length <= opts.maxWords) return [{ from: 0, to: run.words.length, clause: null }];
  return cutRange(run, text, opts, carriedWords, 0, run.words.length, 1, null);
}

function cutRange(run: Run, text: string, opts: ChunkOptions, carriedWords: number, from: number, to: number, level: 1 | 2, prefix: string | null): Part[] {
  const withPrefix = (clause: string | null) => (prefix && clause ? `${prefix} › ${clause}` : (clause ?? prefix));
  const marks = run.marks.filter((m) => m.level === level && m.at > from && m.at < to);
  const starting = run.marks.find((m) => m.level === level && m.at === from);
  if (starting) marks.unshift(starting);
  if (marks.length < 2 && !(marks.length === 1 && marks[0]!.at > from)) {
    // Nothing to cut along at this level: try points inside a khoản, else windows.
    if (level === 1 && run.marks.some((m) => m.level === 2 && m.at > from && m.at < to)) {
      return cutRange(run, text, opts, carriedWords, from, to, 2, prefix);
    }
    return windows(run.words, text, from, to, opts, carriedWords).map(([f, t]) => ({ from: f, to: t, clause: prefix }));
  }
  // Segments: the lead-in before the first mark (no label), then one per mark.
  const segments: Array<{ from: number; to: number; label: string | null }> = [];
  if (marks[0]!.at > from) segments.push({ from, to: marks[0]!.at, label: null });
  marks.forEach((m, i) => segments.push({ from: m.at, to: marks[i + 1]?.at ?? to, label: m.label }));

  const budget = opts.maxWords - carriedWords;
  const parts: Part[] = [];
  let group: typeof segments = [];
  const flush = () => {
    if (group.length === 0) return;
    const f = group[0]!.from;
    const t = group[group.length - 1]!.to;
    const clause = withPrefix(rangeLabel(group.map((g) => g.label)));
    if (t - f <= budget) parts.push({ from: f, to: t, clause });
    else if (level === 1 && group.length === 1 && group[0]!.label) parts.push(...cutRange(run, text, opts, carriedWords, f, t, 2, clause));
    else parts.push(...windows(run.words, text, f, t, opts, carriedWords).map(([a, b]) => ({ from: a, to: b, clause })));
    group = [];
  };
  for (const segment of segments) {
    const size = segment.to - segment.from;
    const groupSize = group.length ? segment.from - group[0]!.from : 0;
    // A lead-in always travels with what follows it; otherwise fill a part up to the window size.
    const leadIn = group.length === 1 && group[0]!.label === null;
    if (group.length && !leadIn && groupSize + size > Math.min(budget, opts.windowWords)) flush();
    group.push(segment);
  }
  flush();
  return parts;
}

/** "khoản 2" for one clause, "khoản 2–4" for several, null for a lead-in alone. */
function rangeLabel(labels: Array<string | null>): string | null {
  const named = labels.filter((l): l is string => l !== null);
  if (named.length === 0) return null;
  if (named.length === 1) return named[0]!;
  const last = named[named.length - 1]!;
  return `${named[0]}–${last.slice(last.lastIndexOf(' ') + 1)}`;
}

/** Word-index windows [from, to) over a range of a run, cut preferably after a sentence end. */
function windows(words: Word[], text: string, start: number, end: number, opts: ChunkOptions, carriedWords = 0): Array<[number, number]> {
  if (end <= start) return [];
  if (end - start <= opts.maxWords - carriedWords) return [[start, end]];
  const result: Array<[number, number]> = [];
  let from = start;
  while (from < end) {
    let to = Math.min(end, from + opts.windowWords);
    if (end - to < opts.minWords && end - from <= opts.maxWords - carriedWords) to = end; // do not leave a tiny tail
    else to = sentenceEndNear(words, text, from, to, opts);
    result.push([from, to]);
    if (to >= end) break;
    from = Math.max(from + 1, to - opts.overlapWords);
  }
  return result;
}

/** Move a cut back (at most a quarter window) to just after a word ending a sentence. */
function sentenceEndNear(words: Word[], text: string, from: number, to: number, opts: ChunkOptions): number {
  const earliest = Math.max(from + opts.overlapWords + 1, to - Math.floor(opts.windowWords / 4));
  for (let i = to; i > earliest; i--) {
    const word = words[i - 1]!;
    if (/[.!?;:]$/.test(text.slice(word.start, word.end))) return i;
  }
  return to;
}
