/**
 * A question's own citation of a document — "Theo Luật An ninh mạng số
 * 24/2018/QH14 ngày 12/6/2018 của Quốc hội, …", "Hiến pháp nước Cộng hòa xã
 * hội chủ nghĩa Việt Nam năm 2013", "Nghị định 30/2020/NĐ-CP" — says which
 * document it asks about, not what it asks. Its number, date, year and issuer
 * are words of the article that says when the law was passed and takes effect
 * ("Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa
 * XIV … thông qua ngày 12 tháng 6 năm 2018"; "có hiệu lực thi hành từ ngày…"),
 * so counted as content they pull that article up for every question citing
 * the law. The document's name stays: title words are terms of every passage
 * of their document (ingest/context.ts), so it still picks the document.
 *
 * Only what follows a kind of document ("Luật", "Bộ luật", "Hiến pháp",
 * "Nghị định"…) and its name, up to the clause's end, is read as citation; a
 * date elsewhere ("kể từ ngày 01/01/2023") is content. The document's number
 * stays, like its name: a document's title holds its number ("Luật An ninh
 * mạng số 24/2018/QH14", analyze/identity/title.ts), so it picks the
 * document for every passage alike, and an article reference needs it
 * ("Điều 5 Luật số 24/2018/QH14", references-in-query.ts). The re-rank does
 * not count its digits as words in order (rerank.ts `queryShape`).
 */
import { foldAccents } from '../common/normalize.js';
import { NUMBER_SRC } from '../common/doc-numbers.js';

/** Kinds of document that open a citation, accent-free lower-case word sequences (longest first). */
const KINDS = [
  'thong tu lien tich', 'bo luat', 'hien phap', 'nghi dinh', 'thong tu', 'quyet dinh', 'nghi quyet', 'phap lenh', 'chi thi', 'luat',
].map((k) => k.split(' '));
/** Abbreviated kinds, as typed (capitals): "BLDS", "NĐ", "TT". */
const KIND_CODES = new Set(['BLDS', 'BLHS', 'BLLĐ', 'BLLD', 'BLTTDS', 'BLTTHS', 'NĐ', 'ND', 'TT', 'QĐ', 'QD', 'NQ']);
/** At most this many words of a document's name between its kind and the citation's number, date or issuer. */
const NAME_WORDS = 8;
/** Words that end a document's name: the question goes on ("Luật An ninh mạng quy định…"). */
const NOT_NAME = new Set([
  'co', 'la', 'duoc', 'quy', 'khong', 'thi', 'khi', 'nao', 'gi', 'ai', 'da', 'se', 'phai', 'can', 'neu', 'ma', 'de', 'cho', 'theo',
  'tai', 'voi', 'dieu', 'khoan', 'diem', 'hay', 'hoac', 'nhung', 'cac', 'mot', 'duoi', 'tren', 'sau', 'truoc', 'tu', 'den', 'ngay', 'nam', 'so', 'cua', 'do',
]);
/** Bodies that issue documents, accent-free ("của Quốc hội", "do Chính phủ ban hành"). */
const ISSUERS = [
  'uy ban thuong vu quoc hoi', 'thu tuong chinh phu', 'quoc hoi', 'chinh phu', 'thu tuong', 'chu tich nuoc', 'ubtvqh',
  'ubnd', 'hdnd', 'uy ban nhan dan', 'hoi dong nhan dan', 'bo truong', 'bo',
].map((k) => k.split(' '));
/** After a local body, its level and place: "UBND tỉnh Nghệ An". */
const LEVELS = new Set(['tinh', 'thanh', 'pho', 'huyen', 'quan', 'thi', 'xa', 'phuong', 'tran']);

const NUMBER = new RegExp(`^${NUMBER_SRC}$`, 'u');
const YEAR = /^(?:19|20)\d{2}$/u;
const DATE = /^\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}$/u;
const ROMAN = /^[ivxlc]+$/u;

interface Token {
  /** As typed, without the punctuation around it. */
  bare: string;
  /** Accent-free, lower case. */
  key: string;
  /** Whether the token ends a clause (a comma, question mark… after it). */
  ends: boolean;
}

function tokens(words: string[]): Token[] {
  return words.map((w) => {
    const bare = w.replace(/^[("'“]+|[)"'”,.;:?!]+$/gu, '');
    return { bare, key: foldAccents(bare).toLowerCase(), ends: /[,.;:?!]["'”)]*$/u.test(w) };
  });
}

/** Length of the word sequence `seq` at `i` (0 when not there). */
function at(toks: Token[], i: number, seq: string[]): number {
  return seq.every((w, k) => toks[i + k]?.key === w) ? seq.length : 0;
}

/** Length of a kind of document at `i` (0 when none). */
function kindAt(toks: Token[], i: number): number {
  if (KIND_CODES.has(toks[i]!.bare)) return 1;
  for (const kind of KINDS) if (at(toks, i, kind)) return kind.length;
  return 0;
}

/**
 * One citation part at `i` — "số 24/2018/QH14", "24/2018/QH14" (kept, see
 * above), "năm 2013", "ngày 12/6/2018", "ngày 12 tháng 6 năm 2018", "của
 * Quốc hội", "của UBND tỉnh Nghệ An", "nước Cộng hòa xã hội chủ nghĩa Việt
 * Nam", "khóa XIV", "kỳ họp thứ 5", "ban hành", "thông qua" — or null.
 */
function partAt(toks: Token[], i: number): { length: number; boilerplate: boolean; identifies: boolean } | null {
  const t = toks[i];
  if (!t) return null;
  const next = toks[i + 1];
  const part = (length: number, boilerplate = true, identifies = false) => ({ length, boilerplate, identifies });
  if (NUMBER.test(t.bare)) return part(1, false, true);
  if (t.key === 'so' && next && NUMBER.test(next.bare)) return part(2, false, true);
  if (t.key === 'nam' && next && YEAR.test(next.key)) return part(2, true, true);
  if (t.key === 'ngay' && next && DATE.test(next.key)) return part(2, true, true);
  if (t.key === 'ngay' && /^\d{1,2}$/u.test(next?.key ?? '') && at(toks, i + 2, ['thang']) && at(toks, i + 4, ['nam']) && YEAR.test(toks[i + 5]?.key ?? '')) return part(6, true, true);
  if (t.key === 'cua' || t.key === 'do') {
    for (const issuer of ISSUERS) {
      if (!at(toks, i + 1, issuer)) continue;
      let n = 1 + issuer.length;
      // A local body's level and place ("tỉnh Nghệ An"), a ministry's name ("Bộ Khoa học và Công nghệ").
      if (['ubnd', 'hdnd', 'uy', 'hoi', 'bo'].includes(issuer[0]!)) {
        while (toks[i + n] && !toks[i + n - 1]!.ends && (LEVELS.has(toks[i + n]!.key) || /^\p{Lu}/u.test(toks[i + n]!.bare) || toks[i + n]!.key === 'va')) n++;
      }
      return part(n);
    }
    return null;
  }
  if (at(toks, i, ['nuoc', 'cong', 'hoa', 'xa', 'hoi', 'chu', 'nghia', 'viet', 'nam'])) return part(9, true, true);
  if (t.key === 'khoa' && next && ROMAN.test(next.key)) return part(2);
  if (at(toks, i, ['ky', 'hop', 'thu']) && /^\d+$/u.test(toks[i + 3]?.key ?? '')) return part(4);
  if (at(toks, i, ['ban', 'hanh']) || at(toks, i, ['thong', 'qua'])) return part(2);
  return null;
}

/**
 * Which of the question's words (as the query parser split them) are its
 * citation boilerplate: the date, year and issuer of a document it cites.
 */
export function citationBoilerplate(words: string[]): boolean[] {
  const toks = tokens(words);
  const marked = words.map(() => false);
  for (let i = 0; i < toks.length; i++) {
    const kind = kindAt(toks, i);
    if (!kind) continue;
    // The name: up to NAME_WORDS words, then the citation's parts, one after another, to the clause's end.
    let j = i + kind;
    let name = 0;
    while (j < toks.length && name < NAME_WORDS && !toks[j - 1]!.ends && !partAt(toks, j) && !NOT_NAME.has(toks[j]!.key)) {
      j++;
      name++;
    }
    // A citation names one document: by a name, number, year or date ("Hiến pháp năm 2013"); "nghị quyết của Quốc hội" is a topic.
    let identified = name > 0;
    const parts: Array<{ at: number; length: number; boilerplate: boolean }> = [];
    let part: ReturnType<typeof partAt>;
    while (j < toks.length && !toks[j - 1]!.ends && (part = partAt(toks, j))) {
      parts.push({ at: j, ...part });
      if (part.identifies) identified = true;
      j += part.length;
    }
    if (identified) for (const p of parts) for (let k = p.at; k < p.at + p.length; k++) marked[k] = p.boilerplate;
    i = Math.max(i, j - 1);
  }
  return marked;
}

/**
 * The question's words without its citation boilerplate (all of them when
 * nothing else would be left); the punctuation that ended a dropped word
 * stays, on the word before ("Theo Luật X năm 2018, … là gì?" → "Theo Luật X,
 * … là gì?"), since clauses still matter (definitions.ts).
 */
export function withoutCitationBoilerplate(words: string[]): string[] {
  return withoutMarked(words, citationBoilerplate(words));
}

/**
 * `words` without the marked ones (all of them when nothing else would be
 * left); the punctuation that ended a dropped word stays on the word before
 * ("…, đúng hay sai?" keeps its "?"), since clauses still matter.
 */
export function withoutMarked(words: string[], marked: readonly boolean[]): string[] {
  const kept: string[] = [];
  words.forEach((w, i) => {
    if (!marked[i]) kept.push(w);
    else {
      const end = /[,.;:?!]+["'”)]*$/u.exec(w)?.[0];
      if (end && kept.length > 0 && !/[,.;:?!]$/u.test(kept[kept.length - 1]!)) kept[kept.length - 1] += end;
    }
  });
  return kept.length > 0 ? kept : words;
}
