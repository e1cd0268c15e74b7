/**
 * A passage with its matched words marked, whole or as a window around the
 * first match. Offsets index the original text, so whitespace is tidied only
 * inside each segment after splitting.
 */
export interface Segment {
  text: string;
  marked: boolean;
}

/** Split text[from, to) at the highlight ranges (clipped, sorted, non-overlapping). */
export function segments(text: string, highlights: Array<[number, number]>, from = 0, to = text.length): Segment[] {
  const ranges = highlights
    .map(([s, e]) => [Math.max(s, from), Math.min(e, to)] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const out: Segment[] = [];
  let cursor = from;
  for (const [s, e] of ranges) {
    if (e <= cursor) continue;
    if (s > cursor) out.push({ text: text.slice(cursor, s), marked: false });
    out.push({ text: text.slice(Math.max(s, cursor), e), marked: true });
    cursor = e;
  }
  if (cursor < to) out.push({ text: text.slice(cursor, to), marked: false });
  return out;
}

/** The character window shown in a card: about `size` characters starting a little before the first match. */
export function snippetWindow(text: string, highlights: Array<[number, number]>, size = 360): [number, number] {
  if (text.length <= size + 60) return [0, text.length];
  const first = highlights.length ? Math.min(...highlights.map((h) => h[0])) : 0;
  let from = Math.max(0, first - 80);
  // Start at a word boundary.
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < first) from = space + 1;
  }
  let to = Math.min(text.length, from + size);
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > from + size / 2) to = space;
  }
  return [from, to];
}

export function Passage({ text, highlights, full, className }: { text: string; highlights: Array<[number, number]>; full: boolean; className?: string }) {
  const [from, to] = full ? [0, text.length] : snippetWindow(text, highlights);
  const parts = segments(text, highlights, from, to);
  // Extraction separates blocks with blank lines; a card shows one flowing
  // paragraph, the full view keeps line breaks without the gaps.
  const tidy = (s: string) => (full ? s.replace(/\n\s*\n/g, '\n') : s.replace(/\s+/g, ' '));
  return (
    <p className={className ?? 'passage'}>
      {from > 0 && '… '}
      {parts.map((part, i) => (part.marked ? <mark key={i}>{tidy(part.text)}</mark> : <span key={i}>{tidy(part.text)}</span>))}
      {to < text.length && ' …'}
    </p>
  );
}

export function isTruncated(text: string, highlights: Array<[number, number]>): boolean {
  const [from, to] = snippetWindow(text, highlights);
  return from > 0 || to < text.length;
}
