/**
 * The fields of the query language (`loai:quyet-dinh nam:2024`), accent-free as they
 * are taught. One list for the parser (indexer/vietnamese/query.ts), its messages and
 * the renderer's query editing. Pure data, no Node imports.
 */
import type { QueryField, ValidityStatus } from '../api/contract.js';

export const QUERY_FIELDS: readonly QueryField[] = ['loai', 'so', 'coquan', 'nam', 'thumuc', 'hieuluc', 'lienquan'];

/**
 * What `hieuluc:` takes, and the validity values each choice keeps. Spellings are
 * compared folded and without spaces or hyphens ("không rõ", "khong-ro", "khongro").
 * `con` keeps only documents with evidence of being in force (common/validity-rule.ts);
 * a document with no such evidence is `khongro`, never `con`.
 */
export const HIEULUC_CHOICES: ReadonlyArray<{ value: 'con' | 'het' | 'chua' | 'khongro'; spellings: readonly string[]; statuses: readonly ValidityStatus[] }> = [
  { value: 'con', spellings: ['con', 'conhieuluc', 'inforce'], statuses: ['in-force', 'amended'] },
  { value: 'het', spellings: ['het', 'hethieuluc', 'expired'], statuses: ['expired', 'replaced'] },
  { value: 'chua', spellings: ['chua', 'chuacohieuluc', 'notyet'], statuses: ['not-yet'] },
  { value: 'khongro', spellings: ['khongro', 'khongrohieuluc', 'chuaro', 'unknown'], statuses: ['unknown'] },
];
