/**
 * Blocks → passages that can be cited.
 *
 * The document's extracted text is its blocks joined by blank lines; every
 * passage is an exact slice of it (start/end offsets) and keeps the page(s) it
 * spans and the section path in force (e.g. "Chương II › Điều 5"). Passages
 * follow the structure: a new section starts a new passage, a section that fits
 * is one passage, and a long one is cut into overlapping windows.
 */
import type { Block } from './extract/types.js';
import { headingOf, SectionTracker } from './extract/structure.js';

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
  text: string;
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

interface Run {
  section: string | null;
  words: Word[];
}

export function chunkBlocks(blocks: Block[], options: Partial<ChunkOptions> = {}): ChunkedDocument {
  const opts = { ...DEFAULT_CHUNK_OPTIONS, ...options };
  const tracker = new SectionTracker();
  const runs: Run[] = [];
  let text = '';
  let current: Run | null = null;

  for (const block of blocks) {
    if (text.length > 0) text += BLOCK_SEPARATOR;
    const offset = text.length;
    text += block.text;
    const opensSection = headingOf(block) !== null;
    const section = tracker.enter(block);
    if (!current || (opensSection && current.words.length >= opts.minWords)) {
      current = { section, words: [] };
      runs.push(current);
    } else if (opensSection) {
      current.section = section; // a short run (e.g. a lone "Chương II") takes the deeper path
    }
    for (const m of block.text.matchAll(/\S+/g)) {
      current.words.push({ start: offset + m.index!, end: offset + m.index! + m[0].length, page: block.page, ocr: block.ocr === true });
    }
  }

  const passages: Passage[] = [];
  for (const run of runs) {
    for (const [from, to] of windows(run.words, text, opts)) {
      const first = run.words[from]!;
      const last = run.words[to - 1]!;
      passages.push({
        ordinal: passages.length,
        text: text.slice(first.start, last.end),
        page: first.page,
        pageEnd: last.page,
        section: run.section,
        start: first.start,
        end: last.end,
        ocr: run.words.slice(from, to).some((w) => w.ocr),
      });
    }
  }
  return { text, passages };
}

/** Word-index windows [from, to) over a run, cut preferably after a sentence end. */
function windows(words: Word[], text: string, opts: ChunkOptions): Array<[number, number]> {
  if (words.length === 0) return [];
  if (words.length <= opts.maxWords) return [[0, words.length]];
  const result: Array<[number, number]> = [];
  let from = 0;
  while (from < words.length) {
    let to = Math.min(words.length, from + opts.windowWords);
    if (words.length - to < opts.minWords) to = words.length; // do not leave a tiny tail
    else to = sentenceEndNear(words, text, from, to, opts);
    result.push([from, to]);
    if (to >= words.length) break;
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
