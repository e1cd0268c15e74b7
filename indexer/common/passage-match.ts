/**
 * Find a cited passage among a page's pieces of text — pdf.js text items in the
 * viewer, OCR words on the server — so the pieces that hold it can be marked.
 * Extraction and the page split lines and spaces differently, so both sides are
 * compared without whitespace (and without the hyphens OCR leaves at line
 * ends); windows of the passage are looked up in order, and the span from the
 * first window found to the last one is the passage on this page (it may start
 * on the page before or end on the next). Pure code: the renderer uses it too.
 */

const WINDOW = 24;
const STEP = 32;

function squash(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[\s\u00ad]+/g, '');
}

/** A piece ending in a hyphen after a letter is a word cut at the line end: extraction joined its halves. */
function piece(text: string): string {
  return squash(text).replace(/(\p{L})-$/u, '$1');
}

/** Indices of the items that hold (part of) the passage; empty when it is not on this page. */
export function matchItems(items: string[], passage: string): number[] {
  let flat = '';
  const owner: number[] = [];
  items.forEach((item, index) => {
    const s = piece(item);
    flat += s;
    for (let i = 0; i < s.length; i++) owner.push(index);
  });
  const needle = squash(passage.replace(/(\p{L})-\s+(\p{Ll})/gu, '$1$2'));
  if (!flat || needle.length < 4) return [];
  let start = -1;
  let end = -1;
  if (needle.length <= WINDOW * 2) {
    const at = flat.indexOf(needle);
    if (at >= 0) [start, end] = [at, at + needle.length];
  } else {
    let cursor = 0;
    const offsets: number[] = [];
    for (let o = 0; o + WINDOW <= needle.length; o += STEP) offsets.push(o);
    offsets.push(needle.length - WINDOW);
    for (const o of offsets) {
      const at = flat.indexOf(needle.slice(o, o + WINDOW), cursor);
      if (at < 0) continue;
      if (start < 0) start = at;
      end = at + WINDOW;
      cursor = at + 1;
    }
  }
  if (start < 0) return [];
  const out = new Set<number>();
  for (let i = start; i < end; i++) out.add(owner[i]!);
  return [...out].sort((a, b) => a - b);
}
