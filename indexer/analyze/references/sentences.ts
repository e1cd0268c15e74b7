/**
 * The text the reference reader works on: blocks joined where an extractor broke
 * a sentence across lines (a PDF's wrapped paragraph), then split into sentences
 * and clauses, with the way back from an offset to its block; and the evidence
 * quoted for a reference (the sentence, or the part of a long one around it).
 */
import type { Block } from '../../extract/types.js';
import { normalizeText } from '../../common/normalize.js';

export interface Unit {
  text: string;
  /** Start offset in `text` of each block's contribution, with its block index. */
  starts: Array<{ offset: number; block: number }>;
}

export function buildUnits(blocks: Block[]): Unit[] {
  const units: Unit[] = [];
  let current: Unit | null = null;
  for (let i = 0; i < blocks.length; i++) {
    const text = normalizeText(blocks[i]!.text).replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const prev = current?.text ?? '';
    const continues = current && !/[.;:!?…”"»)]$/u.test(prev) && /^\p{Ll}/u.test(text) && prev.length > 0;
    if (continues && current) {
      current.starts.push({ offset: current.text.length + 1, block: i });
      current.text += ' ' + text;
    } else {
      current = { text, starts: [{ offset: 0, block: i }] };
      units.push(current);
    }
  }
  return units;
}

export function blockAt(unit: Unit, offset: number): number {
  let block = unit.starts[0]!.block;
  for (const s of unit.starts) if (s.offset <= offset) block = s.block;
  return block;
}

/** Sentence spans of a unit: at ". ", "! ", "? " before a capital/digit, at " | " (table cells), and before "V/v". */
export function sentences(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  const boundary = /(?<=[.!?…])\s+(?=[\p{Lu}\d“"(])|\s+\|\s+|\s+(?=V\/v\s)/gu;
  let m: RegExpExecArray | null;
  while ((m = boundary.exec(text))) {
    const before = text.slice(Math.max(start, m.index - 6), m.index);
    // Abbreviations that end in a period: "TS.", "ThS.", "TP.", "KT.", "TM.", "Tp."
    if (/(?:^|\s)(?:TS|ThS|PGS|GS|TP|Tp|KT|TM|TL|TUQ|Q|P|St|Th)\.$/u.test(before)) continue;
    spans.push([start, m.index]);
    start = m.index + m[0].length;
  }
  spans.push([start, text.length]);
  return spans.filter(([a, b]) => b > a);
}

/** Clause spans of a sentence: split at ";". */
export function clauses(text: string, from: number, to: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = from;
  for (let i = from; i < to; i++) {
    if (text[i] === ';') {
      spans.push([start, i]);
      start = i + 1;
    }
  }
  spans.push([start, to]);
  return spans;
}

const MAX_EVIDENCE = 600;

export function evidenceText(sentence: string, at: number): string {
  const s = sentence.trim();
  if (s.length <= MAX_EVIDENCE) return s;
  const from = Math.max(0, Math.min(at - 150, s.length - MAX_EVIDENCE));
  let cut = s.slice(from, from + MAX_EVIDENCE);
  if (from > 0) cut = '…' + cut.replace(/^\S*\s/, '');
  if (from + MAX_EVIDENCE < s.length) cut = cut.replace(/\s\S*$/, '') + '…';
  return cut;
}
