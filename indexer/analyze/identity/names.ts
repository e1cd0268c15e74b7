/**
 * Names as sentences write them: an issuer printed in capitals in the header
 * ("SỞ KHOA HỌC VÀ CÔNG NGHỆ") as "Sở Khoa học và Công nghệ", with its locality
 * when it needs one, and capitals-only titles and summaries in sentence case,
 * keeping the proper nouns and acronyms the document's own text spells so.
 */
import { foldAccents } from '../../common/normalize.js';
import { PLACE_WORDS } from './issuer.js';
import { capitalize, collapse, isSyllable, isUpperText, lower, searchKey, upper } from './text.js';

// ---------------------------------------------------------------------------
// Display names: "SỞ KHOA HỌC VÀ CÔNG NGHỆ" → "Sở Khoa học và Công nghệ"
// ---------------------------------------------------------------------------

const PLACE_PREFIX = /^(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\s+(.+)$/u;
/** Units that carry their locality in sentences: "Sở Tài chính tỉnh Nghệ An". */
const LOCAL_UNITS = /^(SỞ|BAN|CHI CỤC|PHÒNG|VĂN PHÒNG|THANH TRA|KHO BẠC)\s/u;
const COUNCILS: Array<[RegExp, string, string]> = [
  [/^(?:ỦY|UỶ) BAN NHÂN DÂN\s*/u, 'Ủy ban nhân dân', 'UBND'],
  [/^UBND\s*/u, 'Ủy ban nhân dân', 'UBND'],
  [/^HỘI ĐỒNG NHÂN DÂN\s*/u, 'Hội đồng nhân dân', 'HĐND'],
  [/^HĐND\s*/u, 'Hội đồng nhân dân', 'HĐND'],
];

function placeName(upperPlace: string): string {
  const m = PLACE_PREFIX.exec(upperPlace);
  if (!m) return upperPlace.split(' ').map(capitalize).join(' ');
  return `${lower(m[1]!)} ${m[2]!.split(' ').map(capitalize).join(' ')}`;
}

/** Mixed-case spelling of an upper-case phrase as the document's own text writes it, if it does. */
function spellingInText(phrase: string, text: string): string | null {
  if (!text) return null;
  const key = searchKey(phrase);
  const hay = searchKey(text);
  if (hay.length !== text.length) return null;
  let from = 0;
  const counts = new Map<string, number>();
  for (;;) {
    const at = hay.indexOf(key, from);
    if (at < 0) break;
    const before = at === 0 ? ' ' : text[at - 1]!;
    const after = text[at + key.length] ?? ' ';
    if (!/\p{L}/u.test(before) && !/\p{L}/u.test(after)) {
      const found = text.slice(at, at + key.length);
      if (!isUpperText(found)) counts.set(found, (counts.get(found) ?? 0) + 1);
    }
    from = at + 1;
  }
  let best: string | null = null;
  for (const [form, n] of counts) if (!best || n > counts.get(best)!) best = form;
  return best;
}

/** Rule of Decree 30 Appendix II (IV.1.a): capitalise the type of body and the first word of each field. */
function ruleCase(upperName: string): string {
  const words = upperName.split(' ');
  return words
    .map((w, i) => {
      if (/^[\p{Lu}Đ&]+$/u.test(w) && !/[AĂÂEÊIOÔƠUƯY]/u.test(foldAccents(w).replace(/[^A-Z]/g, '')) && w.length <= 6) return w; // UBND, KH&CN
      const prev = words[i - 1];
      if (i === 0 || i === 1 || prev === 'VÀ' || prev === '-' || prev === 'VỀ') return capitalize(w);
      return lower(w);
    })
    .join(' ');
}

/** Schools and institutes: "TRƯỜNG CAO ĐẲNG KỸ THUẬT CÔNG NGHỆ LAM SƠN" → "Trường Cao đẳng Kỹ thuật Công nghệ Lam Sơn". */
function schoolCase(upperName: string): string | null {
  const m = /^(TRƯỜNG|HỌC VIỆN|VIỆN|ĐẠI HỌC)\s+(.+)$/u.exec(upperName);
  if (!m) return null;
  const words = m[2]!.split(' ');
  // Vietnamese names of fields are mostly two-syllable words: capitalise the first of each pair; the last pair is a proper name.
  const out: string[] = [];
  let k = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === 'VÀ' || w === '-') {
      out.push(lower(w));
      k = 0;
      continue;
    }
    const lastPair = i >= words.length - 2 && words.length - 2 >= 0 && !words.slice(-2).includes('VÀ');
    out.push(k % 2 === 0 || lastPair ? capitalize(w) : lower(w));
    k++;
  }
  return `${capitalize(m[1]!.split(' ')[0]!)}${m[1]!.includes(' ') ? ' ' + lower(m[1]!.split(' ').slice(1).join(' ')) : ''} ${out.join(' ')}`;
}

/** Sentence form of one unit line: "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN" → "Ủy ban nhân dân tỉnh Nghệ An". */
function unitName(unit: string, text: string, short: boolean): string {
  for (const [re, long, abbr] of COUNCILS) {
    const m = re.exec(unit);
    if (m) {
      const rest = unit.slice(m[0].length).trim();
      return collapse(`${short ? abbr : long} ${rest ? placeName(rest) : ''}`);
    }
  }
  if (/^CHÍNH PHỦ$/u.test(unit)) return 'Chính phủ';
  if (!isUpperText(unit)) return unit;
  const found = spellingInText(unit, text);
  if (found) return found;
  // Split off a trailing locality: "SỞ TÀI CHÍNH TỈNH NGHỆ AN".
  const loc = new RegExp(`^(.*?)\\s+(${PLACE_WORDS.source.slice(3, -3)}\\s+.+)$`, 'u').exec(unit);
  if (loc) return `${spellingInText(loc[1]!, text) ?? ruleCase(loc[1]!)} ${placeName(loc[2]!)}`;
  return schoolCase(unit) ?? ruleCase(unit);
}

/** The issuer as a sentence names it, with the locality of its parent when it needs one. */
export function issuerDisplayName(issuer: string, parent: string | null, text = '', options: { short?: boolean } = {}): string {
  const name = unitName(issuer, text, options.short ?? false);
  if (parent && LOCAL_UNITS.test(issuer) && !PLACE_WORDS.test(issuer + ' ')) {
    const top = parent.split(' / ')[0]!;
    const council = COUNCILS.find(([re]) => re.test(top));
    const locality = council ? top.replace(council[0], '').trim() : PLACE_PREFIX.test(top) ? top : null;
    if (locality && PLACE_PREFIX.test(locality)) return `${name} ${placeName(locality)}`;
  }
  return name;
}

/** "ỦY BAN NHÂN DÂN TỈNH THANH HÓA" → "UBND tỉnh Thanh Hóa": the short form citations use. */
export function shortIssuerName(name: string): string {
  return name.replace(/^Ủy ban nhân dân\b/u, 'UBND').replace(/^Uỷ ban nhân dân\b/u, 'UBND').replace(/^Hội đồng nhân dân\b/u, 'HĐND');
}

// ---------------------------------------------------------------------------
// Recasing upper-case titles and summaries
// ---------------------------------------------------------------------------

/** Word → its most frequent spelling in the middle of sentences of the text. */
function spellings(text: string): Map<string, Map<string, number>> {
  const map = new Map<string, Map<string, number>>();
  for (const m of text.matchAll(/(?<=[\p{L}\p{N},;)]\s+)[\p{L}\p{N}]+/gu)) {
    const word = m[0];
    // Capitals from headings say nothing about spelling; acronyms ("CNC", "UBND") do.
    if (isUpperText(word) && word.length > 1 && isSyllable(word)) continue;
    const key = lower(word);
    const forms = map.get(key) ?? new Map<string, number>();
    forms.set(word, (forms.get(word) ?? 0) + 1);
    map.set(key, forms);
  }
  return map;
}

/** Sentence case for an all-capitals line, keeping proper nouns and acronyms the body spells so. */
export function recase(upperText: string, text = ''): string {
  if (!isUpperText(upperText)) return upperText;
  const known = spellings(text);
  let first = true;
  return upperText.replace(/[\p{L}\p{N}]+/gu, (word) => {
    const isFirst = first;
    first = false;
    if (!isUpperText(word) && /\p{Ll}/u.test(word)) return word; // "IoT"
    const forms = known.get(lower(word));
    let best = lower(word);
    if (forms) {
      let bestCount = forms.get(best) ?? 0;
      for (const [form, n] of forms) if (form !== best && n > bestCount) [best, bestCount] = [form, n];
    }
    return isFirst ? upper(best.charAt(0)) + best.slice(1) : best;
  });
}

