/**
 * How documents relate, as one document says it: the references it makes (legal
 * bases, replacements, repeals, amendments, implementation, plain mentions).
 *
 * Vietnamese administrative writing states relations in a few fixed shapes:
 *
 * ```
 *  Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;            → basis (law: title + date, no number)
 *  Căn cứ Nghị định số 08/2014/NĐ-CP ngày 27/01/2014 của Chính phủ …;  → basis
 *  Thực hiện Công văn số 2114/BGDĐT-GDCTHSSV ngày 16/5/2019 …          → implements
 *  Quyết định này thay thế Quyết định số 1520/QĐ-UBND …                → replaces
 *  Sửa đổi, bổ sung một số điều của Quyết định số 1234/QĐ-UBND …        → amends
 *  Nghị định số 110/2004/NĐ-CP … và Nghị định số 09/2010/NĐ-CP …
 *    sửa đổi, bổ sung … của Nghị định số 110/2004/NĐ-CP … hết hiệu lực  → repeals (both heads; the nested 110/2004 is part of a title)
 * ```
 *
 * The reader works sentence by sentence and clause (";") by clause: it finds every
 * document mention (mentions.ts), decides which mentions are *heads* (objects of
 * the sentence's own verb, coordinated by "và", ",", ";") and which are *nested* in
 * another mention's title ("… sửa đổi, bổ sung … của Nghị định số 110/2004/NĐ-CP"),
 * and gives heads the relation of the verb that governs them (verbs.ts): a lead
 * ("Căn cứ", "Thực hiện", carried over the ";"-separated list), a verb the document
 * itself says ("[Quyết định này] thay thế / bãi bỏ / sửa đổi"), or a verb after them
 * ("… hết hiệu lực", "… bị bãi bỏ"). Everything else is a mention.
 *
 * Pure functions, no I/O. What the references mean inside one library (which
 * document they point at, which documents are still in force) is policy/'s business.
 */
import type { Block } from '../../extract/types.js';
import type { DocumentMetadata } from '../../api/contract.js';
import { referenceNumberKey } from '../../common/doc-numbers.js';
import { textKey } from '../../common/fold.js';
import { SectionTracker } from '../structure.js';
import { findMentions, type Mention } from './mentions.js';
import { blockAt, buildUnits, clauses, evidenceText, sentences } from './sentences.js';
import type { Reference, ReferenceTarget, ReferenceType } from './types.js';
import { CLAUSE_PREFIX, clauseLead, coordinated, postVerb, POST_VERB_AT, preVerb } from './verbs.js';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Types of document that can replace, repeal or amend others (normative and individual decisions). */
const DECIDING_TYPES = new Set(['nghi-quyet', 'quyet-dinh', 'chi-thi', 'quy-che', 'quy-dinh', 'nghi-dinh', 'thong-tu', 'thong-tu-lien-tich', 'luat', 'bo-luat', 'phap-lenh', 'hien-phap', 'huong-dan', 'phu-luc']);

const DECIDING_SUBJECT = /^(?:Nghị quyết|Quyết định|Chỉ thị|Nghị định|Thông tư(?: liên tịch)?|Luật|Bộ luật|Pháp lệnh|Quy chế|Quy định)\s+này(?![\p{L}])/iu;

const TYPE_RANK: Record<ReferenceType, number> = { repeals: 6, replaces: 6, amends: 5, implements: 3, basis: 2, mentions: 1 };

/** Key of a target: its number, else kind + title + date. */
export function targetKey(target: Pick<ReferenceTarget, 'kind' | 'number' | 'title' | 'date'>): string {
  if (target.number) return 'n:' + referenceNumberKey(target.number);
  return `t:${target.kind ?? ''}:${textKey(target.title ?? '')}:${target.date ?? ''}`;
}

const DESCRIPTION_START = /^\s*,?\s*(về|quy định|ban hành|phê duyệt|hướng dẫn|sửa đổi|bổ sung|bãi bỏ|thay thế|thực hiện|triển khai|tổng kết|kết luận|về việc|ve viec)(?![\p{L}])/iu;

function describe(text: string, from: number, to: number): string | null {
  let region = text.slice(from, to);
  if (!DESCRIPTION_START.test(region)) return null;
  const post = POST_VERB_AT.exec(region);
  if (post) region = region.slice(0, post.index);
  region = collapse(region)
    .replace(/^,\s*/, '')
    .replace(/\s*(?:,|và|hoặc|;|:)\s*$/u, '')
    .replace(/\s*\((?:sau đây )?gọi tắt[^)]*\)?\s*$/u, '')
    .replace(/[\s,.;:]+$/u, '');
  if (!region) return null;
  return region.length > 250 ? region.slice(0, 249).replace(/\s\S*$/, '') + '…' : region;
}

/**
 * References made by a document, one per target (the strongest relation wins:
 * repeals/replaces > amends > implements > basis > mentions), in order of first
 * appearance, each with the sentence that states it. Mentions of the document
 * itself (its own number, the header's "Số: …", "(Kèm theo Quyết định số …)" under
 * an appendix) are left out, and so are laws named in passing without number or
 * date. With `ownMetadata`, only deciding documents (decisions, resolutions,
 * decrees, circulars, laws, directives, regulations) replace, repeal or amend —
 * a plan's or report's "Sửa đổi Nghị định …" is a task, kept as a mention — unless
 * the target is of the document's own type (a plan replacing an earlier plan); a
 * document whose type was not read decides only in an article ("Điều 2.") or as
 * "Quyết định này …".
 */
export function findReferences(blocks: Block[], ownMetadata?: Partial<DocumentMetadata> | null): Reference[] {
  const ownKey = ownMetadata?.number ? referenceNumberKey(ownMetadata.number) : null;
  const ownType = ownMetadata?.type ?? null;
  const tracker = new SectionTracker(blocks);
  const sectionOf: Array<string | null> = blocks.map((b) => tracker.enter(b));
  const found: Array<Reference & { order: number }> = [];
  let order = 0;

  for (const unit of buildUnits(blocks)) {
    const text = unit.text;
    for (const [sFrom, sTo] of sentences(text)) {
      const sentence = text.slice(sFrom, sTo);
      const all = findMentions(sentence).map((m) => ({ ...m, start: m.start + sFrom, nameEnd: m.nameEnd + sFrom, end: m.end + sFrom }));
      if (all.length === 0) continue;
      let mode: ReferenceType | null = null;
      // The document naming itself (its number, "(Kèm theo Quyết định số …)", the header's "Số: …") is no reference.
      const isSelf = (m: Mention) => {
        if (ownKey && m.number && referenceNumberKey(m.number) === ownKey) return true;
        if (/\(\s*(?:ban hành\s+)?(?:kèm theo|theo)\s*$/iu.test(text.slice(Math.max(0, m.start - 30), m.start))) return true;
        return m.bare && /^S[ỐốÔô]/u.test(text.slice(m.start, m.start + 2)) && blockAt(unit, m.start) < 8;
      };
      for (const [cFrom, cTo] of clauses(text, sFrom, sTo)) {
        const clauseAll = all.filter((m) => m.start >= cFrom && m.start < cTo);
        // Laws named without number or date count only as the first object of a clause ("Căn cứ Luật …;").
        const inClause = clauseAll.filter((m) => !isSelf(m)).filter((m, i) => i === 0 || !(m.byTitle && !m.number && !m.date));
        // After the document's own number ("Số 94/1998/NĐ-CP ngày … Quy định chi tiết thi hành …") comes its summary.
        const firstAt = inClause.length ? inClause[0]!.start : cTo;
        const selfBefore = clauseAll.filter((m) => isSelf(m) && m.end <= firstAt);
        const from = selfBefore.length ? Math.max(...selfBefore.map((m) => m.end)) : cFrom;
        const lead = clauseLead(text.slice(from, cTo));
        const leading = text.slice(from, firstAt);
        if (lead === 'basis') mode = 'basis';
        else if (lead === 'implements') mode = 'implements';
        else if (lead === 'reset') mode = null;
        else if (inClause.length && leading.replace(CLAUSE_PREFIX, '').trim() === '' && from === cFrom) {
          // A clause that opens with a document continues the list ("Căn cứ A; B; C").
        } else if (inClause.length) {
          mode = preVerb(leading);
        }
        if (inClause.length === 0) continue;
        // Heads: the first mention, and each next one coordinated with a head just before it ("A … và B");
        // a mention inside another's title ("B sửa đổi … của C") is nested. ", căn cứ X" opens a new head.
        const heads = new Set<number>([0]);
        const ownLead = new Map<number, ReferenceType>();
        for (let i = 1; i < inClause.length; i++) {
          const m = inClause[i]!;
          const prev = inClause[i - 1]!;
          const gap = text.slice(prev.end, m.start);
          const relead = /[,;]\s*(căn cứ(?:\s+vào)?|để\s+(?:triển khai\s+)?thực hiện)\s*$/iu.exec(gap);
          if (relead) {
            heads.add(i);
            ownLead.set(i, /^căn/iu.test(relead[1]!) ? 'basis' : 'implements');
          } else if (m.byTitle && prev.byTitle && m.start === prev.start) {
            if (heads.has(i - 1)) heads.add(i); // a second date of the same law
          } else if (heads.has(i - 1) && coordinated(gap)) {
            heads.add(i);
            if (ownLead.has(i - 1)) ownLead.set(i, ownLead.get(i - 1)!);
          }
        }
        const last = inClause[inClause.length - 1]!;
        const post = postVerb(text.slice(last.end, cTo), leading);
        const lastHead = [...heads].sort((a, b) => b - a)[0]!;
        for (let i = 0; i < inClause.length; i++) {
          const m = inClause[i]!;
          const blockIndex = blockAt(unit, m.start);
          if (m.byTitle && !m.number && !m.date) {
            // An undated law counts only as the object of a basis/implementation lead ("Căn cứ Luật Tổ chức Chính phủ;").
            if (!heads.has(i) || !(mode === 'basis' || mode === 'implements')) continue;
          }
          let type: ReferenceType = 'mentions';
          if (heads.has(i)) {
            const strong = mode === 'replaces' || mode === 'repeals' || mode === 'amends' ? mode : null;
            type = ownLead.get(i) ?? strong ?? (post && i <= lastHead ? post : null) ?? mode ?? 'mentions';
          }
          // Only deciding documents replace, repeal or amend; a plan's "Sửa đổi Nghị định …" is a task, not an act
          // (a plan may still replace an earlier plan).
          if ((type === 'replaces' || type === 'repeals' || type === 'amends') && ownMetadata && m.kind !== ownType) {
            const deciding = ownType
              ? DECIDING_TYPES.has(ownType)
              : // Type unknown (no header read): an article ("Điều 2.") or "Quyết định này …" says it decides.
                /(?:^|›\s)Điều\s+\d/u.test(sectionOf[blockIndex] ?? '') || DECIDING_SUBJECT.test(sentence.replace(CLAUSE_PREFIX, ''));
            if (!deciding) type = 'mentions';
          }
          // Title: the description up to the next head (nested mentions belong to it).
          let title = m.title;
          if (!m.byTitle) {
            const nextHead = inClause.find((x, j) => j > i && heads.has(j) && x.start >= m.end);
            const nextAny = inClause.find((x) => x.start >= m.end);
            const to = heads.has(i) ? (nextHead?.start ?? cTo) : (nextAny?.start ?? cTo);
            title = describe(text, m.end, to);
          }
          found.push({
            type,
            target: { kind: m.kind, number: m.number, date: m.date, issuer: m.issuer, title },
            evidence: {
              text: evidenceText(sentence, m.start - sFrom),
              page: blocks[blockIndex]?.page ?? null,
              section: sectionOf[blockIndex] ?? null,
              blockIndex,
            },
            order: order++,
          });
        }
      }
    }
  }

  // One reference per target: the strongest type, with its first evidence; fields filled from any occurrence.
  const byKey = new Map<string, Reference & { order: number }>();
  const keyOf = new Map<Reference, string>();
  for (const ref of found) {
    const key = targetKey(ref.target);
    keyOf.set(ref, key);
    const kept = byKey.get(key);
    if (!kept) {
      byKey.set(key, { ...ref, target: { ...ref.target } });
      continue;
    }
    const t = kept.target;
    if (TYPE_RANK[ref.type] > TYPE_RANK[kept.type]) {
      const merged = { ...ref, target: { ...ref.target }, order: kept.order };
      for (const f of ['kind', 'date', 'issuer', 'title'] as const) if (!merged.target[f] && t[f]) merged.target[f] = t[f];
      byKey.set(key, merged);
    } else {
      for (const f of ['kind', 'date', 'issuer', 'title'] as const) if (!t[f] && ref.target[f]) t[f] = ref.target[f];
    }
  }
  // Numbered references whose date is still unknown may match an undated twin by number only; also merge
  // title-only law references that differ only by a missing date into the dated one.
  return [...byKey.values()].sort((a, b) => a.order - b.order).map(({ order: _order, ...ref }) => ref);
}
