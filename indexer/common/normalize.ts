/**
 * Vietnamese text normalisation, used identically at index and at query time.
 *
 * - `normalizeText`: Unicode NFC, with combining marks that drifted away from
 *   their base letter (some keyboards and PDF text layers emit "a ̀") repaired.
 * - `canonicalSyllable`: one tone placement for matching, so that old-style
 *   "hòa/thủy/khỏe" and new-style "hoà/thuỷ/khoẻ" (and "qúy"/"quý") are the same
 *   token. The rule is computed from the syllable's structure, not a word list.
 * - `foldAccents`: strip every diacritic and map đ→d, for accent-free matching.
 */

/** Combining tone marks, in NFD. Vowel-quality marks (circumflex, breve, horn) are not tones. */
const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
/** Vietnamese also sees U+0340/U+0341 (deprecated tone marks) in old PDF text layers. */
const TONE_ALIASES: Record<string, string> = { '\u0340': '\u0300', '\u0341': '\u0301' };

const VOWELS = new Set([...'aăâeêioôơuưy']);
/** Vowels that carry a quality mark: when present they take the tone. */
const MARKED_VOWELS = new Set([...'ăâêôơư']);

/**
 * Unicode NFC, with stray combining marks reattached: "a\u0020\u0300" → "à".
 * Use on every piece of extracted text before anything else.
 */
export function normalizeText(text: string): string {
  // Most text has nothing to repair, and finding that out by the cheap test below
  // is several times faster than the letter-by-letter pattern (indexing runs this on every block).
  if (!MAY_NEED_REPAIR.test(text)) return text.normalize('NFC');
  // A combining mark preceded by a space (after a letter) belongs to that letter.
  const repaired = text.replace(/(\p{L}) +(\p{M}+)/gu, '$1$2').replace(/[\u0340\u0341]/g, (m) => TONE_ALIASES[m]!);
  return repaired.normalize('NFC');
}

/** Everything normalizeText repairs contains one of these: a space then a mark, or a deprecated tone mark. */
const MAY_NEED_REPAIR = /[\u0340\u0341]| \p{M}/u;

/** Remove all diacritics and map đ/Đ to d/D. "Đổi mới" → "Doi moi". */
export function foldAccents(text: string): string {
  // Latin text (all Vietnamese is) folds character by character from a table; anything else the long way.
  let folded = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    const replacement = foldedLatin(unit);
    if (replacement === undefined) return foldAccentsSlowly(text);
    if (replacement === null) continue;
    folded += text.slice(from, i) + replacement;
    from = i + 1;
  }
  return from === 0 ? text : folded + text.slice(from);
}

function foldAccentsSlowly(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/**
 * What one character of the Latin ranges folds to (null: itself), worked out by
 * the long way once per character. Within these ranges no character combines
 * with its neighbour once marks are gone, so folding them one by one gives the
 * long way's answer for the whole text. undefined: outside the ranges (a
 * combining mark, another script), which the long way handles.
 */
const LATIN_FOLDS = new Map<number, string | null>();
function foldedLatin(unit: number): string | null | undefined {
  if (!(unit < 0x300 || (unit >= 0x1e00 && unit <= 0x1eff) || (unit >= 0x2000 && unit <= 0x206f))) return undefined;
  let replacement = LATIN_FOLDS.get(unit);
  if (replacement === undefined) {
    const ch = String.fromCharCode(unit);
    const slow = foldAccentsSlowly(ch);
    replacement = slow === ch ? null : slow;
    LATIN_FOLDS.set(unit, replacement);
  }
  return replacement;
}

/** True when the text has any Vietnamese diacritic (including đ). */
export function hasAccents(text: string): boolean {
  return foldAccents(text) !== text.normalize('NFC');
}

/**
 * Put the tone mark of one lower-case syllable where the traditional ("old
 * style") rule puts it, so both spellings index to the same token:
 *
 * 1. A vowel with a quality mark (ă â ê ô ơ ư) takes the tone (ươ → on ơ).
 * 2. Otherwise, if a consonant follows the vowel cluster, the last vowel takes it.
 * 3. Otherwise (open syllable) a two-vowel cluster puts it on the first vowel
 *    (hòa, thủy, khỏe, mùa) and a three-vowel cluster on the middle one (khuỷu).
 * "qu" and "gi" (before another vowel) are initials, so their u/i never count.
 *
 * Input that is not a Vietnamese-looking syllable is returned unchanged (NFC).
 */
export function canonicalSyllable(syllable: string): string {
  const decomposed = syllable.normalize('NFD');
  let tone = '';
  let bare = '';
  for (const ch of decomposed) {
    if (TONE_MARKS.has(ch)) {
      if (tone) return syllable.normalize('NFC'); // two tone marks: not one syllable, leave it alone
      tone = ch;
    } else {
      bare += ch;
    }
  }
  if (!tone) return syllable.normalize('NFC');
  const letters = [...bare.normalize('NFC')];
  const vowelIdx = vowelClusterIndexes(letters);
  if (vowelIdx.length === 0) return syllable.normalize('NFC');
  const target = toneTarget(letters, vowelIdx);
  letters[target] = (letters[target]! + tone).normalize('NFC');
  return letters.join('');
}

/** Indexes of the syllable's main vowel cluster, skipping the u of "qu" and the i of "gi". */
function vowelClusterIndexes(letters: string[]): number[] {
  const lower = letters.map((l) => l.toLowerCase());
  let i = 0;
  while (i < lower.length && !VOWELS.has(lower[i]!)) i++;
  if (i === 0 || i >= lower.length) {
    // no initial consonant, or no vowel at all
  } else {
    const initial = lower.slice(0, i).join('');
    const next = lower[i + 1];
    if (initial === 'q' && lower[i] === 'u' && next !== undefined && VOWELS.has(next)) i++;
    else if (initial === 'g' && lower[i] === 'i' && next !== undefined && VOWELS.has(next)) i++;
  }
  const cluster: number[] = [];
  while (i < lower.length && VOWELS.has(lower[i]!)) cluster.push(i++);
  // Anything after the cluster must be consonants for this to be one syllable.
  return cluster;
}

function toneTarget(letters: string[], cluster: number[]): number {
  const lower = letters.map((l) => l.toLowerCase());
  const marked = cluster.filter((i) => MARKED_VOWELS.has(lower[i]!));
  if (marked.length > 0) return marked[marked.length - 1]!;
  const last = cluster[cluster.length - 1]!;
  const closed = last < letters.length - 1;
  if (closed) return last;
  if (cluster.length >= 3) return cluster[1]!;
  return cluster[0]!;
}

/**
 * The form used for exact matching: NFC, lower case, tone placement unified.
 * Apply to single syllables (tokens), not to running text.
 */
export function exactForm(token: string): string {
  return canonicalSyllable(token.normalize('NFC').toLowerCase());
}

/** The accent-free form used for folded matching: "Đổi" → "doi". */
export function foldedForm(token: string): string {
  return foldAccents(token.toLowerCase());
}
