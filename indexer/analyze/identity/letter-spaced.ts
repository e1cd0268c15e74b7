/**
 * Lines a PDF gave letter by letter ("c ủ a T h ủ t ư ớ n g C h í n h p h ủ s ố
 * 1 1 5 / 2 0 0 4 / Q Đư - T T g …"): the font spaced every glyph, so the spaces
 * between words are lost. The identity readers need the words back to find the
 * number, date and trích yếu, so such a line is cut into Vietnamese syllables
 * again: the cut with the fewest pieces, where a syllable follows the spelling
 * rules (one tone mark, capital only first, ă/â never open), a syllable
 * starting with a vowel costs a little more ("ban hành", not "banh ành") and
 * the common syllables of official texts cost less ("chế thành", not "chết hành").
 * Digits, punctuation and acronyms ("QĐ", "TTg") are pieces of their own.
 */
import { isSyllable } from './text.js';

/** A line is letter-spaced when at least this many of its pieces are one letter long… */
const SPACED_SHARE = 0.85;
/** …and it has at least this many pieces (a short "A B C" list is not). */
const SPACED_MIN_PIECES = 10;
/** Longest Vietnamese syllable in letters ("nghiêng"). */
const MAX_SYLLABLE = 7;

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/** Syllables that settle the usual ambiguous cuts of administrative headers ("ban hành" / "ba nhành"). */
const COMMON = new Set(
  ('của và các có được trong cho người năm ngày tháng số về việc theo thành hành ban phố quy định chế nhà nước ' +
    'hội đồng công nghiệp phát triển kinh tế quản lý tổ chức hoạt động thực hiện chính phủ thủ tướng bộ sở ủy uỷ ' +
    'nhân dân tỉnh huyện xã thông tư nghị quyết luật điều khoản hướng dẫn sửa đổi bổ sung một những tài ngân hàng ' +
    'doanh đầu tư thuế xuất nhập khẩu lập an toàn trên địa bàn').split(' '),
);

function plausibleSyllable(s: string): boolean {
  if (!/^\p{L}[\p{Ll}]*$/u.test(s) && !/^[\p{Lu}]+$/u.test(s)) return false;
  if (!isSyllable(s)) return false;
  const bare = s.normalize('NFD');
  if ((bare.match(TONES) ?? []).length > 1) return false;
  // ă and â always close: "ăn", "âu", "ây" — never a bare "ngâ".
  const base = bare.replace(TONES, '').normalize('NFC').toLocaleLowerCase('vi');
  if (/[ăâ]$/u.test(base)) return false;
  // A stop coda (c, ch, p, t) takes only the sắc or nặng tone: "tốc", never "tổc".
  if (/(?:c|ch|p|t)$/u.test(base) && /[\u0300\u0303\u0309]/u.test(bare)) return false;
  return true;
}

/** True when `text` reads as one glyph per piece. */
export function isLetterSpaced(text: string): boolean {
  const pieces = text.trim().split(/\s+/u);
  if (pieces.length < SPACED_MIN_PIECES) return false;
  const single = pieces.filter((p) => [...p].length === 1 || /^[đĐ]ư$/u.test(p));
  // Mostly letters: a row of column numbers ("1 2 3 4 5 6 7 8 9 10") is no spaced-out sentence.
  const letters = single.filter((p) => /^\p{L}/u.test(p)).length;
  return single.length / pieces.length >= SPACED_SHARE && letters >= single.length * 0.6;
}

interface Piece {
  text: string;
  kind: 'word' | 'digits' | 'punct';
}

/** Cuts a run of letters, digits and punctuation (no spaces) into the cheapest sequence of pieces. */
function segment(chars: string[]): Piece[] {
  const n = chars.length;
  const cost: number[] = new Array(n + 1).fill(Infinity);
  const back: Array<{ from: number; piece: Piece } | null> = new Array(n + 1).fill(null);
  cost[0] = 0;
  for (let i = 0; i < n; i++) {
    if (cost[i] === Infinity) continue;
    const c = chars[i]!;
    const offer = (len: number, piece: Piece, price: number) => {
      if (cost[i]! + price < cost[i + len]!) {
        cost[i + len] = cost[i]! + price;
        back[i + len] = { from: i, piece };
      }
    };
    if (/\d/u.test(c)) {
      let j = i;
      while (j < n && /\d/u.test(chars[j]!)) j++;
      offer(j - i, { text: chars.slice(i, j).join(''), kind: 'digits' }, 1);
      continue;
    }
    if (!/\p{L}/u.test(c)) {
      offer(1, { text: c, kind: 'punct' }, 1);
      continue;
    }
    for (let len = 1; len <= MAX_SYLLABLE && i + len <= n; len++) {
      const s = chars.slice(i, i + len).join('');
      if (!/^\p{L}+$/u.test(s)) break;
      // Between cuts of as many pieces, the one with more of the common syllables of official texts.
      const vowelFirst = /^[aăâeêioôơuưy]/iu.test(s.normalize('NFD').replace(TONES, '').normalize('NFC'));
      if (plausibleSyllable(s)) offer(len, { text: s, kind: 'word' }, (vowelFirst ? 1.4 : 1) - (COMMON.has(s.toLocaleLowerCase('vi')) ? 0.3 : 0));
      // An acronym: capitals, perhaps one lower-case letter after them ("TTg", "QĐ").
      if (/^\p{Lu}{1,6}\p{Ll}?$/u.test(s) && len <= 7) offer(len, { text: s, kind: 'word' }, 2.5 + len * 0.1);
    }
    // Last resort, so that every line can be cut: one letter alone.
    offer(1, { text: c, kind: 'word' }, 5);
  }
  const pieces: Piece[] = [];
  for (let at = n; at > 0; ) {
    const b = back[at]!;
    pieces.unshift(b.piece);
    at = b.from;
  }
  return pieces;
}

/** Puts the pieces back with spaces between words, none inside "115/2004/QĐ-TTg", one after "," ";" ":". */
function join(pieces: Piece[]): string {
  let out = '';
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k]!;
    const prev = pieces[k - 1];
    const glue =
      !prev || /^[/-]$/u.test(prev.text) || /^[/\-,;:)]$/u.test(p.text) || prev.text === '(' ||
      (p.text === '.' && prev.kind !== 'punct') || (prev.text === '.' && p.kind === 'digits');
    out += (glue ? '' : ' ') + p.text;
  }
  return out;
}

/** The line with its words back, or the line as it was when it is not letter-spaced. */
export function joinLetterSpaced(text: string): string {
  if (!isLetterSpaced(text)) return text;
  // The font gives "đư" for a lone "đ" in these lines ("s ử a đư ổ i", "Q Đư - T T g").
  const chars = [...text.trim().split(/\s+/u).map((p) => (/^[đĐ]ư$/u.test(p) ? p[0]! : p)).join('')];
  return join(segment(chars));
}
