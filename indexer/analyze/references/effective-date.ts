/**
 * A document's own effective-date clause ("Điều … Hiệu lực thi hành"): from
 * signing, from a stated date, or N days after signing or publication in the
 * Công báo. Status (policy/status.ts) turns it into "in force" or "not yet".
 */
import type { Block } from '../../extract/types.js';
import type { DocumentMetadata } from '../../api/contract.js';
import { addDays, isoDate } from '../../common/dates.js';
import { SectionTracker } from '../structure.js';
import { blockAt, buildUnits, evidenceText, sentences } from './sentences.js';
import type { EffectiveDate, ReferenceEvidence } from './types.js';
import { TYPE_ALT } from './type-words.js';
import { CLAUSE_PREFIX } from './verbs.js';

const lower = (s: string) => s.toLocaleLowerCase('vi');

const OWN_DOC = new RegExp(String.raw`(?:${TYPE_ALT}|Luật|Pháp lệnh|Bộ luật)\s+này`, 'iu');
const EFFECT = new RegExp(
  String.raw`có hiệu lực(?:\s+thi hành|\s+pháp luật)?([^.;]{0,140}?)(?:\s+sau\s+(\d{1,3})\s+ngày\s*,?)?\s*(?:kể\s+)?từ\s+(?:ngày\s*)?(?:(ký|ban hành|thông qua|đăng (?:Công báo|công báo))|(\d{1,2})\s*(?:tháng\s*(\d{1,2})\s*năm\s*(\d{4})|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})))`,
  'iu',
);
/** "có hiệu lực thi hành kể từ ngày <another document> có hiệu lực": a date the text does not give. */
const EFFECT_WITH = /có hiệu lực(?:\s+thi hành)?\s+(?:kể\s+)?từ\s+ngày\s+(?=\p{Lu})/u;
const EFFECT_AFTER = /có hiệu lực(?:\s+thi hành)?\s+sau\s+(\d{1,3})\s+ngày\s*,?\s*(?:kể\s+)?từ\s+ngày\s+(ký|ban hành|thông qua|đăng (?:Công báo|công báo))/iu;

/**
 * The document's own effective-date clause: "Nghị định này có hiệu lực thi hành kể
 * từ ngày ký" (on-signing), "… có hiệu lực từ ngày 01/01/2025", "… có hiệu lực sau
 * 15 ngày, kể từ ngày đăng Công báo". The first such clause about the document
 * itself ("<Type> này", or in a "Hiệu lực thi hành" article) wins; null when none.
 */
export function effectiveDate(blocks: Block[], ownMetadata?: Partial<DocumentMetadata> | null): EffectiveDate | null {
  const tracker = new SectionTracker(blocks);
  const sectionOf: Array<string | null> = blocks.map((b) => tracker.enter(b));
  // A date the identity is unsure of (OCR, a cited document's) is no ground for computing when this one takes effect.
  const ownDate = ownMetadata?.unsure?.date ? null : (ownMetadata?.date ?? null);
  for (const unit of buildUnits(blocks)) {
    for (const [sFrom, sTo] of sentences(unit.text)) {
      const sentence = unit.text.slice(sFrom, sTo);
      if (!/hiệu lực/iu.test(sentence)) continue;
      const blockIndex = blockAt(unit, sFrom);
      const section = sectionOf[blockIndex] ?? null;
      const evidence: ReferenceEvidence = { text: evidenceText(sentence, 0), page: blocks[blockIndex]?.page ?? null, section, blockIndex };
      const after = EFFECT_AFTER.exec(sentence);
      const m = after ? null : EFFECT.exec(sentence);
      const other = after || m ? null : EFFECT_WITH.exec(sentence);
      const hit = after ?? m ?? other;
      if (!hit) continue;
      // About this document: "<Type> này" before the clause, or an article on validity.
      const before = sentence.slice(0, hit.index);
      const aboutSelf = OWN_DOC.test(before) || /hiệu lực/iu.test(section ?? '') || before.replace(CLAUSE_PREFIX, '').trim() === '';
      if (!aboutSelf) continue;
      // "… hết hiệu lực từ ngày Nghị định này có hiệu lực": a clause about other documents.
      if (/hết\s*$/u.test(before)) continue;
      if (other) return { value: 'date', date: null, from: null, evidence }; // "… kể từ ngày Thông tư số 40/2000/TT-BTC có hiệu lực"
      if (after) {
        const days = Number(after[1]);
        const fromWord = lower(after[2]!);
        const from = fromWord.startsWith('đăng') ? 'publication' : fromWord === 'thông qua' ? 'passing' : 'signing';
        const date = from !== 'publication' && ownDate ? addDays(ownDate, days) : null;
        return { value: 'date', date, afterDays: days, from, evidence };
      }
      const days = m![2] ? Number(m![2]) : 0;
      if (m![3]) {
        const word = lower(m![3]);
        if (word.startsWith('đăng')) return { value: 'date', date: null, afterDays: days, from: 'publication', evidence };
        if (days > 0) return { value: 'date', date: ownDate ? addDays(ownDate, days) : null, afterDays: days, from: word === 'thông qua' ? 'passing' : 'signing', evidence };
        return { value: 'on-signing', date: ownDate, from: word === 'thông qua' ? 'passing' : 'signing', evidence };
      }
      const date = isoDate(Number(m![4]), Number(m![5] ?? m![7]), Number(m![6] ?? m![8]));
      return { value: 'date', date, evidence };
    }
  }
  return null;
}
