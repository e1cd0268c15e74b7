/**
 * The fields of the query language (`loai:quyet-dinh nam:2024`), accent-free as they
 * are taught. One list for the parser (indexer/vietnamese/query.ts), its messages and
 * the renderer's query editing. Pure data, no Node imports.
 */
import type { QueryField, ValidityStatus } from '../api/contract.js';

export const QUERY_FIELDS: readonly QueryField[] = ['loai', 'so', 'coquan', 'nam', 'thumuc', 'hieuluc', 'lienquan', 'dinhdang', 'nguon'];

/**
 * What `dinhdang:` takes beyond a file format (`dinhdang:pdf`, `dinhdang:docx`): a family of
 * formats, so an officer need not list them (`anh` every page image, `word` .doc and .docx…).
 */
export const FORMAT_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  anh: ['jpg', 'png', 'tiff', 'bmp'],
  image: ['jpg', 'png', 'tiff', 'bmp'],
  jpeg: ['jpg'],
  tif: ['tiff'],
  word: ['doc', 'docx', 'rtf', 'odt'],
  excel: ['xls', 'xlsx'],
  powerpoint: ['ppt', 'pptx'],
  text: ['txt', 'md'],
  htm: ['html'],
};

/**
 * What `nguon:` (where the text came from) takes: `banquet` — some text was read by OCR
 * from a scan or page image; `macu` — some text was converted from a legacy encoding
 * (TCVN3, VNI…); `goc` — neither, the file's own Unicode text. Spellings folded, without
 * spaces or hyphens ("bản quét", "ban-quet").
 */
export const SOURCE_CHOICES: Readonly<Record<string, 'banquet' | 'macu' | 'goc'>> = {
  banquet: 'banquet', quet: 'banquet', ocr: 'banquet', scan: 'banquet',
  macu: 'macu', tcvn3: 'macu', vni: 'macu', legacy: 'macu', chuyendoi: 'macu',
  goc: 'goc', unicode: 'goc', original: 'goc',
};

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
