/**
 * How hand-labelled metadata is compared with what the extractor found, shared
 * by scripts/eval-metadata.mjs and test/metadata.test.ts so both score alike.
 * Needs the build (dist/).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { canonicalSyllable, normalizeText } = await import(path.join(ROOT, 'dist/indexer/common/normalize.js'));

/** Fields compared as written (spaces aside); the rest ignore case, spacing and tone placement. */
const EXACT = new Set(['type', 'number', 'date', 'year']);

function textKey(value) {
  return normalizeText(String(value))
    .toLocaleLowerCase('vi')
    .replace(/\btp\.\s*/gu, 'tp.')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => canonicalSyllable(w))
    .join(' ')
    .replace(/[\s.,;:]+$/u, '');
}

/** The form a field's value is compared in; null for a missing value. */
export function comparable(field, value) {
  if (value === null || value === undefined) return null;
  return EXACT.has(field) ? String(value).replace(/\s+/g, '') : textKey(value);
}

/** The blocks of one Appendix III layout: from "Mẫu 1.4 - …" to the next "Mẫu x.y - ". */
export function segmentBlocks(blocks, segment) {
  const start = blocks.findIndex((b) => b.text.startsWith(`${segment} - `));
  if (start < 0) throw new Error(`segment "${segment}" not found`);
  let end = blocks.findIndex((b, i) => i > start && /^Mẫu \d+\.\d+ - /u.test(b.text));
  if (end < 0) end = blocks.length;
  return blocks.slice(start + 1, end);
}
