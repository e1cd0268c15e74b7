/**
 * Which files are documents, by extension: the table the walk consults for
 * every file it sees and extraction (index.ts) dispatches on. Kept apart from
 * the readers so that the indexing run's main thread, which only walks and
 * commits, does not load pdf.js, mammoth and the other format libraries.
 */
import path from 'node:path';
import type { DocumentFormat } from '../api/contract.js';

export const EXTENSIONS: Record<string, DocumentFormat> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.docm': 'docx',
  '.doc': 'doc',
  '.dot': 'doc',
  '.rtf': 'rtf',
  '.xls': 'xls',
  '.xlt': 'xls',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.ppt': 'ppt',
  '.pps': 'ppt',
  '.pptx': 'pptx',
  '.ppsx': 'pptx',
  '.odt': 'odt',
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.jpg': 'jpg',
  '.jpeg': 'jpg',
  '.jpe': 'jpg',
  '.jfif': 'jpg',
  '.png': 'png',
  '.tif': 'tiff',
  '.tiff': 'tiff',
  '.bmp': 'bmp',
};

export const IMAGE_FORMATS = new Set<string>(['jpg', 'png', 'tiff', 'bmp']);

/** Formats we know of but cannot read, with the reason shown to the user. */
export const NOT_YET: Record<string, string> = {
  '.ods': 'OpenDocument spreadsheets (.ods) are not supported yet; save as .xlsx',
  '.odp': 'OpenDocument presentations (.odp) are not supported yet; save as .pptx',
  '.wps': 'Microsoft Works documents (.wps) are not supported',
  '.hwp': 'Hangul documents (.hwp) are not supported',
};

/** True for files the library should try to index when walking a folder. */
export function isCandidate(filePath: string): boolean {
  const ext = path.extname(filePath).toLowerCase();
  return ext in EXTENSIONS || ext in NOT_YET;
}

export function formatOf(filePath: string): DocumentFormat | null {
  return EXTENSIONS[path.extname(filePath).toLowerCase()] ?? null;
}
