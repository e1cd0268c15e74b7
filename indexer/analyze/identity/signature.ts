/**
 * The signature block (ô 7a, 7b of Decree 30/2020): the authority and title lines
 * ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC") and the signer's name, found after "Nơi nhận:",
 * "TM./KT./TL." or "(Đã ký)", also when a biên bản has two signatures side by side.
 */
import type { Block } from '../../extract/types.js';
import { collapse, isPlaceholder, isSyllable, isUpperText, upper } from './text.js';

const AUTHORITY = /^(TM|KT|TL|TUQ|Q)\.$/u;
/** Titles of office, longest first, for splitting "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH". */
const TITLES = [
  'PHÓ CHỦ TỊCH THƯỜNG TRỰC', 'PHÓ CHỦ TỊCH', 'CHỦ TỊCH', 'PHÓ THỦ TƯỚNG', 'THỦ TƯỚNG', 'BỘ TRƯỞNG', 'THỨ TRƯỞNG',
  'PHÓ GIÁM ĐỐC', 'TỔNG GIÁM ĐỐC', 'GIÁM ĐỐC', 'PHÓ CHÁNH VĂN PHÒNG', 'CHÁNH VĂN PHÒNG', 'PHÓ TRƯỞNG BAN', 'TRƯỞNG BAN',
  'PHÓ TRƯỞNG PHÒNG', 'TRƯỞNG PHÒNG', 'PHÓ HIỆU TRƯỞNG', 'HIỆU TRƯỞNG', 'PHÓ VIỆN TRƯỞNG', 'VIỆN TRƯỞNG', 'PHÓ CỤC TRƯỞNG',
  'CỤC TRƯỞNG', 'PHÓ VỤ TRƯỞNG', 'VỤ TRƯỞNG', 'CHÁNH THANH TRA', 'PHÓ BÍ THƯ', 'BÍ THƯ', 'THƯ KÝ', 'CHỦ TRÌ', 'CHỦ TỌA', 'CHỦ TOẠ',
  'TRƯỞNG ĐOÀN', 'KẾ TOÁN TRƯỞNG', 'THỦ TRƯỞNG', 'PHÓ THỐNG ĐỐC', 'THỐNG ĐỐC', 'PHÓ TỔNG CỤC TRƯỞNG', 'TỔNG CỤC TRƯỞNG',
  'PHÓ CHÁNH ÁN', 'CHÁNH ÁN', 'PHÓ TỔNG GIÁM ĐỐC', 'PHÓ CHÁNH THANH TRA', 'PHÓ CHỦ NHIỆM', 'CHỦ NHIỆM',
].sort((a, b) => b.length - a.length);

/** Common Vietnamese family names: a signer's name starts with one. */
const SURNAMES = new Set(
  ('Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trịnh Đinh Lâm Mai Trương Đoàn Lưu Tạ Cao Hà ' +
    'Chu Lương Thái Quách Tô Vương Nông Đào Kiều Từ Tôn Hứa Lã Lại Triệu Thân Khổng Mạc Châu Văn Doãn Kim Âu Giang Tăng ' +
    'Quan Thạch Lò Lục Hầu Đàm Ninh Tống Nghiêm Phùng Cù Đồng Mẫn Viên Khúc Bạch Trình Diệp Ông Vi La Sầm Hàn Yên Lạc ' +
    'Tiêu Ngũ Phó Đoàn Tất Trang Hoàng Huỳnh Quang Âu Dư Lữ Thang Ứng Biện Chế Công Giáp Hà Lỗ Nhữ Phí Thiều Tào Vưu')
    .split(' '),
);

/** Headings that look like names ("Chương I", "Phần Hai", "Mục Iv"): never a signer. */
const NOT_A_NAME = /^(Chương|Phần|Mục|Điều|Tiết|Phụ Lục|Biểu|Mẫu|Bảng|Hình)\b|\s[IVXLC]+$/u;

/** A person's name: 2–5 capitalised syllables. */
const NAME_WORD = /^\p{Lu}\p{Ll}*$/u;

function splitNames(words: string[]): string[] {
  // "Trần Thị Lan Anh Nguyễn Hữu Khang" → two names, cut before a family name that leaves ≥ 2 words on each side.
  const names: string[] = [];
  let current: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (current.length >= 2 && SURNAMES.has(w) && words.length - i >= 2 && !['Thị', 'Văn'].includes(words[i - 1]!)) {
      names.push(current.join(' '));
      current = [];
    }
    current.push(w);
  }
  if (current.length) names.push(current.join(' '));
  return names.filter((n) => n.split(' ').length >= 2 && n.split(' ').length <= 5);
}

interface NameFound {
  name: string;
  index: number;
}

/** Names in the text: runs of capitalised syllables starting with a family name. */
function namesIn(text: string): NameFound[] {
  const found: NameFound[] = [];
  const re = /[\p{L}]+/gu;
  let run: Array<{ w: string; at: number }> = [];
  const flush = () => {
    if (run.length >= 2 && SURNAMES.has(run[0]!.w)) {
      let offset = 0;
      for (const name of splitNames(run.map((r) => r.w))) {
        const at = run[offset]!.at;
        found.push({ name, index: at });
        offset += name.split(' ').length;
      }
    }
    run = [];
  };
  let last = -1;
  for (const m of text.matchAll(re)) {
    const w = m[0];
    const gapOk = last < 0 || /^\s+$/.test(text.slice(last, m.index));
    if (!gapOk) flush();
    if (NAME_WORD.test(w) && w.length <= 7) run.push({ w, at: m.index! });
    else flush();
    last = m.index! + w.length;
  }
  flush();
  return found;
}

/** A title of office starting at word `i` of `words`, if any (longest first). */
function titleAt(words: string[], i: number): string | null {
  const rest = words.slice(i).join(' ');
  return TITLES.find((t) => rest === t || rest.startsWith(t + ' ')) ?? null;
}

/** Split one upper-case position run into its lines (authority, title, further title). */
function positionLines(run: string): string[] {
  const words = run.split(' ');
  const groups: string[][] = [];
  for (const w of words) {
    if (AUTHORITY.test(w) || groups.length === 0) groups.push([w]);
    else groups[groups.length - 1]!.push(w);
  }
  const out: string[] = [];
  for (const group of groups) {
    // "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" → "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"; "TM. CHÍNH PHỦ THỦ TƯỚNG" → "TM. CHÍNH PHỦ", "THỦ TƯỚNG".
    let line = group;
    for (;;) {
      const authority = AUTHORITY.test(line[0]!) ? line[0]! : null;
      const body = authority ? line.slice(1) : line;
      let cut = -1;
      for (let i = 1; i < body.length; i++) {
        // "KT. X PHÓ X": the deputy signs for the head, whatever the title (one not in the list too).
        const deputy = authority === 'KT.' && body[i] === 'PHÓ' && body.slice(i + 1).join(' ').startsWith(body.slice(0, i).join(' '));
        if (deputy) {
          cut = i;
          break;
        }
        if (!titleAt(body, i)) continue;
        const left = body.slice(0, i);
        const leftIsTitle = authority === 'TM.' || titleAt(left, 0) !== null;
        if (leftIsTitle) {
          cut = i;
          break;
        }
      }
      if (cut < 0) break;
      out.push([...(authority ? [authority] : []), ...body.slice(0, cut)].join(' '));
      line = body.slice(cut);
    }
    out.push(line.join(' '));
  }
  return out.map(collapse).filter(Boolean);
}

/** Upper-case runs that start a line in the signature area: position lines, not recipients. */
function positionRuns(text: string): Array<{ text: string; index: number }> {
  const runs: Array<{ text: string; index: number }> = [];
  const re = /(?:^|(?<=[:;.|)\]]\s*)|(?<=\(Đã ký\)\s*))((?:(?:TM|KT|TL|TUQ|Q)\.\s+)?\p{Lu}[\p{Lu}Đ]*(?![\p{L}])(?:[ ,]+(?:(?:TM|KT|TL|TUQ|Q)\.\s+)?[\p{Lu}Đ&]+(?![\p{L}]))*)/gu;
  for (const m of text.matchAll(re)) {
    const run = collapse(m[1]!.replace(/,\s*$/, ''));
    const words = run.split(' ');
    if (!words.some((w) => /[\p{L}]{2,}/u.test(w) && isUpperText(w))) continue;
    // The first word must be a syllable or an authority, not an acronym like "VT" or "PCT".
    const first = words[0]!.replace(/\.$/, '');
    if (!AUTHORITY.test(words[0]!) && !isSyllable(first)) continue;
    if (words.length === 1 && !TITLES.includes(run)) continue;
    runs.push({ text: run, index: m.index! });
  }
  return runs;
}

export interface Signature {
  name: string;
  position: string | null;
}

/** "(Đã ký)", "(ký)", "(Ký và đóng dấu)": where a signature stands in a typed copy (a pattern source, used three ways below). */
const SIGNED_MARK = '\\((?:Đã ký|đã ký|Ký|ký)[^)]{0,40}\\)';

/** A line of nothing but signature marks ("(Đã ký) (Đã ký)": two signers). */
const ONLY_SIGNED_MARKS = new RegExp(`^\\s*(?:${SIGNED_MARK}\\s*)+$`, 'u');

/** A signature mark and what follows it on the line. */
const SIGNED_TAIL = new RegExp(`\\s*${SIGNED_MARK}.*$`, 'u');

export const SIGN_ANCHOR = new RegExp(`(?:^|\\|\\s*)Nơi (?:nhận|gửi)\\s*:|^(?:TM|KT|TL|TUQ)\\.\\s|${SIGNED_MARK}`, 'u');
/** A typist's authority line in any case ("kt/bộ trưởng bộ tài chính", "KT/Bộ trưởng …"): starts the signature too. */
const TYPED_AUTHORITY = /^(?:TM|KT|TL|TUQ)\s*[./]\s*\p{L}/iu;

/** The unit of the authority words typed in any case: "kt/", "Tm.", "KT ." → "KT. ". */
const TYPED_PREFIX = /^(TM|KT|TL|TUQ|Q)\s*[./]\s*/iu;

/**
 * One block of the signature area with its position lines in capitals. Legacy conversions lose capitals
 * ("Tm. ủy ban nhân tỉnh an giang", "Phó chủ tịch"), and a two-column table read row by row puts the
 * position after a recipient ("Nơi nhận: KT/bộ trưởng bộ tài chính", "- Văn phòng TW Đảng thứ trưởng"):
 * such a tail becomes its own position line ("…; THỨ TRƯỞNG"). A bare title tail counts only right after
 * an authority line (`afterAuthority`), so a recipient "- Giám đốc Sở" is left alone.
 */
function typedPosition(block: string, afterAuthority: boolean): string {
  const b = collapse(block);
  const typed = b.replace(TYPED_PREFIX, (_m, a: string) => `${upper(a)}. `);
  const isTitle = (s: string) => TITLES.some((t) => upper(s) === t || upper(s).startsWith(t + ' '));
  // "GIÁM ĐỐC (Đã ký) Lê Văn Hùng": only the position before the signature mark is a position; the name keeps its case.
  const signed = SIGNED_TAIL.exec(typed);
  const short = signed ? typed.slice(0, signed.index) : typed;
  if (short && short.split(' ').length <= 7 && !isUpperText(short) && (/^(TM|KT|TL|TUQ|Q)\.\s/u.test(short) || isTitle(short))) return upper(short) + (signed?.[0] ?? '');
  // "Nơi nhận: KT/bộ trưởng bộ tài chính", "Nơi nhận: thứ trưởng".
  const label = /^(Nơi (?:nhận|gửi)\s*:\s*)(.+)$/u.exec(b);
  if (label) {
    const rest = label[2]!.replace(TYPED_PREFIX, (_m, a: string) => `${upper(a)}. `);
    if (rest.split(' ').length <= 7 && (/^(TM|KT|TL|TUQ)\.\s/u.test(rest) || TITLES.includes(upper(rest)))) return `${label[1]}; ${upper(rest)}`;
  }
  // "- Văn phòng TW Đảng thứ trưởng" right after "KT/bộ trưởng …".
  if (afterAuthority && /^[-–+.•]/u.test(b)) {
    const words = b.split(' ');
    for (let k = Math.max(1, words.length - 4); k < words.length; k++) {
      const tail = words.slice(k).join(' ');
      if (TITLES.includes(upper(tail)) && tail === tail.toLocaleLowerCase('vi')) return `${words.slice(0, k).join(' ')}; ${upper(tail)}`;
    }
  }
  return block;
}

export function findSignature(blocks: Block[], from: number): Signature | null {
  let anchor = -1;
  for (let i = from; i < blocks.length; i++) {
    if (SIGN_ANCHOR.test(blocks[i]!.text) || (TYPED_AUTHORITY.test(blocks[i]!.text) && collapse(blocks[i]!.text).split(' ').length <= 8)) {
      anchor = i;
      break;
    }
  }
  if (anchor < 0) return null;
  // "CHỦ TỊCH QUỐC HỘI" / "(Đã ký)" / "Nguyễn Văn An": the position lines stand just above a "(Đã ký)" anchor.
  // ("(Đã ký) (Đã ký)": two signatures side by side, a biên bản's secretary and chair.)
  if (ONLY_SIGNED_MARKS.test(blocks[anchor]!.text)) {
    while (anchor - 1 >= from && anchor > 0) {
      const prev = collapse(blocks[anchor - 1]!.text);
      if (prev.split(' ').length > 8 || !(isUpperText(prev) || TYPED_AUTHORITY.test(prev))) break;
      anchor--;
    }
  }
  // The signature sits in the anchor block and the few after it; stop at the block holding the name.
  let text = '';
  let names: NameFound[] = [];
  let lastAuthority = -10;
  for (let i = anchor; i < Math.min(blocks.length, anchor + 25); i++) {
    let b = blocks[i]!.text;
    b = typedPosition(b, i - lastAuthority <= 2);
    if (/^(TM|KT|TL|TUQ|Q)\.\s|;\s(TM|KT|TL|TUQ)\.\s/u.test(b)) lastAuthority = i;
    const offset = text.length + (text ? 3 : 0);
    text += (text ? ' ¶ ' : '') + b;
    const words = collapse(b).split(' ');
    // A name closes its block (or is the block): "… (Đã ký) Trịnh Minh Quân".
    const here = namesIn(b)
      .filter((n) => words.length <= 8 || /^[\s.,;)\]]*$/u.test(b.slice(n.index + n.name.length)) || /^[\s.,;)\]]*$/u.test(b.slice(n.index + n.name.length).replace(/^\s*\p{Lu}\p{Ll}*(\s+\p{Lu}\p{Ll}*)*/u, '')))
      .map((n) => ({ name: n.name, index: n.index + offset }));
    // A line of its own that is a name (not every family name is in the list).
    if (here.length === 0 && words.length >= 2 && words.length <= 5 && words.every((w) => NAME_WORD.test(w)) && i > anchor && !NOT_A_NAME.test(collapse(b))) {
      here.push({ name: collapse(b), index: offset });
    }
    if (here.length) {
      names = here;
      break;
    }
  }
  if (names.length === 0) return null;
  const last = names[names.length - 1]!;
  // Another signature before this one (biên bản: "THƯ KÝ (Đã ký) Lê Thị Thu Trang | CHỦ TRÌ …"): read positions after it.
  let start = 0;
  let twoSigners = names.length > 1;
  for (const n of namesIn(text)) {
    if (n.index >= last.index) break;
    const end = n.index + n.name.length;
    // A name in a recipient item ("- TTg, PTTg Lê Minh Khái;") signs nothing.
    if (/^\s*[;,]/u.test(text.slice(end))) continue;
    const between = text.slice(end, last.index);
    if (/\p{L}/u.test(between) && /\(Đã ký\)|\|/u.test(text.slice(Math.max(0, n.index - 12), n.index) + between)) {
      start = end;
      twoSigners = false;
    } else if (!/\p{L}/u.test(between)) twoSigners = true;
  }
  const before = text.slice(start, last.index).replace(/Nơi (?:nhận|gửi)\s*:/gu, ';').replace(/¶/g, ';');
  let lines = positionRuns(before).flatMap((r) => positionLines(r.text));
  lines = lines.filter((l) => !isPlaceholder(l) && !/^(NƠI NHẬN|LƯU)\b/u.test(l));
  // Two signatures (biên bản: thư ký | chủ trì): the last name signs for the chair.
  if (twoSigners && lines.length > 1 && lines[0] === 'THƯ KÝ') lines = lines.slice(1);
  return { name: last.name, position: lines.length ? lines.join(' / ') : null };
}
