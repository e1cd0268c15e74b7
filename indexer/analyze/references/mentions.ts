/**
 * Mentions of documents in one sentence: a type name with a number ("Nghị định số
 * 08/2014/NĐ-CP"), a bare number with a known symbol ("số 29-NQ/TW"), or a law or
 * ordinance by its title ("Luật Khoa học và Công nghệ ngày 18 tháng 6 năm 2013"),
 * each with the date and issuer that follow it. Which mentions are references of
 * which type is find.ts's business.
 */
import { isoDate } from '../../common/dates.js';
import { hasKnownTypeCode, kindOfNumber, NUMBER_SRC, OLD_NUMBER_SRC, SO_SRC as SO, tidyNumber } from '../../common/doc-numbers.js';
import { textKey } from '../../common/fold.js';
import { NUMBERED_TYPE_NAMES, slugOfTypeName, TYPE_SPELLINGS } from './type-words.js';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const lower = (s: string) => s.toLocaleLowerCase('vi');

/** ", ngày 18 tháng 6 năm 2013", " ngày 18/6/2013" at the start of a text. */
export const DATE_AT = new RegExp(String.raw`^\s*,?\s*ngày\s*(\d{1,2})\s*(?:tháng\s*(\d{1,2})\s*năm\s*(\d{4})|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))`, 'iu');

export function dateFromMatch(m: RegExpExecArray, at = 1): string | null {
  const day = Number(m[at]);
  const month = Number(m[at + 1] ?? m[at + 3]);
  const year = Number(m[at + 2] ?? m[at + 4]);
  return isoDate(day, month, year);
}

export interface Mention {
  start: number;
  /** End of the name/number itself. */
  nameEnd: number;
  /** End of number + date + issuer: what follows is description or other text. */
  end: number;
  kind: string | null;
  number: string | null;
  date: string | null;
  issuer: string | null;
  title: string | null;
  /** Law/ordinance by title (no number required). */
  byTitle: boolean;
  /** A bare number without a type name before it. */
  bare: boolean;
}

/** Type name, up to three lower-case words ("Báo cáo thẩm định"), optional "số", number. */
const TYPED_NUMBER = new RegExp(String.raw`(?<![\p{L}\p{N}])(${TYPE_SPELLINGS})((?:\s+\p{Ll}+){0,3}?)\s*(?:${SO}(?:(${NUMBER_SRC})|(${OLD_NUMBER_SRC}))|(${NUMBER_SRC}))`, 'gu');
const BARE_NUMBER = new RegExp(String.raw`(?<![\p{L}\p{N}/-])(?:(${SO})(${OLD_NUMBER_SRC})|(${SO})?(${NUMBER_SRC}))`, 'gu');
/** Laws and ordinances by title: capital "Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp". */
const LAW_START = /(?<![\p{L}\p{N}])(Bộ luật|Luật|Pháp lệnh|Hiến pháp)(?=\s)/gu;

/** Lower-case words an issuer name may contain after a lower-case word ("Ủy ban nhân dân tỉnh"). */
const ISSUER_LOWER = new Set(['nhân', 'dân', 'tỉnh', 'quận', 'huyện', 'xã', 'và', 'thường', 'vụ', 'trực', 'quốc', 'hội', 'chấp', 'hành', 'ương']);
/** Words that end an issuer even after a capital ("… của Chính phủ về …"). */
const ISSUER_STOP = new Set(['về', 'quy', 'phê', 'hướng', 'sửa', 'bổ', 'tại', 'theo', 'đã', 'được', 'mới', 'thành', 'này', 'là', 'có', 'trong', 'cho', 'với', 'đến', 'các', 'thì', 'để', 'hết', 'bị', 'không', 'ngày', 'số', 'triển', 'thực', 'thay', 'bãi', 'nhằm', 'gồm', 'như', 'khi']);

/** "của Chính phủ", "của Bộ trưởng Bộ Tài chính", "của Ủy ban nhân dân tỉnh" → the name; null when not at `text`'s start. */
function readIssuer(text: string): { issuer: string; length: number } | null {
  const m = /^\s*,?\s*của\s+/u.exec(text);
  if (!m) return null;
  const words: string[] = [];
  let pos = m[0].length;
  let end = pos;
  let prevCapital = false;
  for (let i = 0; i < 12; i++) {
    const w = /^(\s*)([^\s,;:.()“”"]+)/u.exec(text.slice(pos));
    if (!w) break;
    const word = w[2]!;
    const first = word.charAt(0);
    const capital = first !== lower(first);
    const lw = lower(word);
    const next = text.slice(pos + w[0].length);
    if (words.length === 0 && !capital) return null;
    if (!capital) {
      if (lw === 'thành') {
        if (!/^\s*phố/u.test(next)) break;
      } else if (lw === 'và') {
        if (!/^\s*\p{Lu}/u.test(next)) break;
      } else if (ISSUER_STOP.has(lw)) break;
      else if (!prevCapital && !ISSUER_LOWER.has(lw) && lw !== 'phố') break;
    }
    words.push(word);
    pos += w[0].length;
    end = pos;
    prevCapital = capital;
  }
  while (words.length && lower(words[words.length - 1]!) === 'và') {
    words.pop();
    end = text.lastIndexOf('và', end) - 1;
  }
  if (words.length === 0) return null;
  return { issuer: words.join(' '), length: end };
}

/** Date and issuer right after a number or law name: "ngày 08 tháng 4 năm 2004 của Chính phủ". */
function readDateIssuer(text: string, from: number): { date: string | null; issuer: string | null; end: number; extraDates: Array<{ date: string; end: number }> } {
  let pos = from;
  let date: string | null = null;
  let issuer: string | null = null;
  const extraDates: Array<{ date: string; end: number }> = [];
  const d = DATE_AT.exec(text.slice(pos));
  if (d) {
    date = dateFromMatch(d);
    pos += d[0].length;
    // "ngày 19 tháng 6 năm 2009 và ngày 14 tháng 6 năm 2019": one title, two documents.
    for (;;) {
      const more = new RegExp(String.raw`^\s*(?:và|,)\s*ngày\s*(\d{1,2})\s*(?:tháng\s*(\d{1,2})\s*năm\s*(\d{4})|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))`, 'iu').exec(text.slice(pos));
      if (!more) break;
      const extra = dateFromMatch(more);
      pos += more[0].length;
      if (extra) extraDates.push({ date: extra, end: pos });
    }
  }
  const iss = readIssuer(text.slice(pos));
  if (iss) {
    issuer = iss.issuer;
    pos += iss.length;
    if (!date) {
      const d2 = DATE_AT.exec(text.slice(pos));
      if (d2) {
        date = dateFromMatch(d2);
        pos += d2[0].length;
      }
    }
  }
  return { date, issuer, end: pos, extraDates };
}

const LAW_SLUGS: Record<string, string> = { 'bo luat': 'bo-luat', luat: 'luat', 'phap lenh': 'phap-lenh', 'hien phap': 'hien-phap' };
const LAW_ISSUER: Record<string, string> = { luat: 'Quốc hội', 'bo-luat': 'Quốc hội', 'hien-phap': 'Quốc hội', 'phap-lenh': 'Ủy ban Thường vụ Quốc hội' };
const MAX_TITLE_WORDS = 30;
const LAW_TAIL = new RegExp(String.raw`\s+(?:${SO}(${NUMBER_SRC})|ngày\s*\d{1,2}\s*(?:tháng|[/.-]))`, 'u');
const LAW_PAREN = new RegExp(String.raw`^\s*\(\s*(?:${SO}(${NUMBER_SRC}))?`, 'u');
/** Where a law's title cannot go on: clause punctuation, a dash, or another numbered document ("…, Thông tư số 61 TC/TCT"). */
const LAW_TITLE_STOP = new RegExp(String.raw`[;.:\[\]“”"]|\((?!(?!\s*(?:số|ngày))[^()]{1,25}\))|(?<!\([^()]{0,25})\)|\s[-–]\s|,?\s+(?:và\s+)?(?:${NUMBERED_TYPE_NAMES.join('|')})\s+(?:số|\d)`, 'u');

/** Laws and ordinances: "Luật Khoa học và Công nghệ ngày 18 tháng 6 năm 2013", "Luật thuế Giá trị gia tăng số 02/1997/QH9 ngày 10/5/1997", "Luật … (số 03/1997/QH9 ngày 10 tháng 5 năm 1997)". */
function findLawMentions(text: string): Mention[] {
  const found: Mention[] = [];
  let m: RegExpExecArray | null;
  LAW_START.lastIndex = 0;
  let consumed = 0;
  while ((m = LAW_START.exec(text))) {
    if (m.index < consumed) continue;
    const slug = LAW_SLUGS[textKey(m[1]!)]!;
    const start = m.index;
    const head = m[1]!.length;
    const rest = text.slice(start);
    // The title runs to its number or date, or to the clause's end, or to the next document of a list.
    const stop = LAW_TITLE_STOP.exec(rest.slice(head));
    const limit = stop ? head + stop.index : rest.length;
    const tail = LAW_TAIL.exec(rest.slice(head, limit));
    let titleEnd: number;
    let after: number;
    let number: string | null = null;
    let dated = false;
    if (tail) {
      titleEnd = head + tail.index;
      number = tail[1] ? tidyNumber(tail[1]) : null;
      after = tail[1] ? titleEnd + tail[0].length : titleEnd;
      dated = true;
    } else {
      titleEnd = limit;
      after = limit;
      const paren = LAW_PAREN.exec(rest.slice(limit));
      if (paren && (paren[1] || /^\s*ngày\s*\d/u.test(rest.slice(limit + paren[0].length)))) {
        number = paren[1] ? tidyNumber(paren[1]) : null;
        after = limit + paren[0].length;
        dated = true;
      }
    }
    let title = collapse(rest.slice(0, titleEnd)).replace(/[,\s]+$/u, '');
    // "Luật A, Luật B" / "Luật A và Luật B" without dates: two laws, unless A is an amending law's title ("… của Luật X và Luật Y").
    if (!/sửa đổi|bổ sung/u.test(title)) {
      const split = /,?\s+(?:và\s+)?(?=(?:Luật|Bộ luật|Pháp lệnh)\s)/u.exec(title.slice(head));
      if (split) {
        title = title.slice(0, head + split.index);
        titleEnd = title.length;
        after = titleEnd;
        number = null;
        dated = false;
      }
    }
    const words = title.split(' ');
    consumed = start + titleEnd;
    if (words.length < 2 || words.length > MAX_TITLE_WORDS) continue;
    if (/^(?:Luật|Bộ luật|Pháp lệnh|Hiến pháp)\s+(?:pháp|sư|lệ|này|đó|trên|hiện hành|chơi)(?:\s|$)/u.test(title)) continue;
    if (/\s(?:này|có hiệu lực|được|đã|sẽ|là)(?:\s|$)/u.test(title)) continue;
    const di = dated ? readDateIssuer(text, start + after) : { date: null, issuer: null, end: start + after, extraDates: [] };
    const issuer = di.issuer ?? LAW_ISSUER[slug] ?? null;
    let end = Math.max(di.end, start + after);
    if (dated && /^\s*\)/u.test(text.slice(end))) end += /^\s*\)/u.exec(text.slice(end))![0].length;
    const mention: Mention = { start, nameEnd: start + titleEnd, end, kind: slug, number, date: di.date, issuer, title, byTitle: true, bare: false };
    found.push(mention);
    for (const extra of di.extraDates) found.push({ ...mention, date: extra.date, end: extra.end });
    consumed = mention.end;
  }
  return found;
}

/** Every mention of a document in a sentence, left to right, without overlaps. */
export function findMentions(text: string): Mention[] {
  const mentions: Mention[] = findLawMentions(text);
  const lawSpans = mentions.map((m) => [m.start, m.end] as const);
  const inLaw = (s: number) => lawSpans.some(([a, b]) => s >= a && s < b);

  TYPED_NUMBER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TYPED_NUMBER.exec(text))) {
    const typeName = m[1]!;
    const between = m[2] ?? '';
    // Lower-case words between the type and "số" must not be a sentence ("quyết định … số lượng").
    if (between && /(?:^|\s)(?:này|được|là|có|các|của|tại|theo)(?=\s|$)/u.test(between)) {
      TYPED_NUMBER.lastIndex = m.index + 1;
      continue;
    }
    const raw = m[3] ?? m[4] ?? m[5]!;
    const number = tidyNumber(raw);
    const start = m.index;
    const nameEnd = m.index + m[0].length;
    if (inLaw(start)) continue;
    const di = readDateIssuer(text, nameEnd);
    mentions.push({ start, nameEnd, end: di.end, kind: slugOfTypeName(typeName) ?? kindOfNumber(number), number, date: di.date, issuer: di.issuer, title: null, byTitle: false, bare: false });
  }

  BARE_NUMBER.lastIndex = 0;
  while ((m = BARE_NUMBER.exec(text))) {
    const so = m[1] ?? m[3];
    const raw = m[2] ?? m[4]!;
    const start = m.index;
    const nameEnd = m.index + m[0].length;
    if (mentions.some((x) => start < x.end && nameEnd > x.start)) continue;
    const number = tidyNumber(raw);
    // A bare number continuing a list of typed ones ("các Quyết định số 101/… và 41/…", "…; số 53 TC/TCT") is of the same kind.
    const previous = mentions.filter((x) => x.end <= start && !x.byTitle).sort((a, b) => b.end - a.end)[0];
    const continues = previous && /^\s*(?:,|;|và|hoặc)?\s*$/u.test(text.slice(previous.end, start).replace(/\s*\([^()]*\)\s*/g, ' '));
    let kind = kindOfNumber(number);
    const knownCode = hasKnownTypeCode(number);
    if (continues) kind = previous.kind ?? kind;
    else {
      // Alone, a bare number counts with a known type code, and after "số", or with a year, or party-style "29-NQ/TW".
      if (!knownCode) continue;
      if (!so && !/\/(?:19|20)\d{2}\//.test(number) && !/^\d+-[A-ZĐ]/u.test(number)) continue;
    }
    const di = readDateIssuer(text, nameEnd);
    mentions.push({ start, nameEnd, end: di.end, kind, number, date: di.date, issuer: di.issuer, title: null, byTitle: false, bare: true });
  }
  return mentions.sort((a, b) => a.start - b.start || a.end - b.end);
}
