/**
 * Picks the extractor for a file by its extension, after checking that the
 * bytes agree (a PDF renamed .docx is read as what it is, not failed).
 */
import path from 'node:path';
import type { DocumentFormat } from '../api.js';
import { extractDocx } from './docx.js';
import { htmlToBlocks } from './html.js';
import { extractPdf } from './pdf.js';
import { decodeText, extractMarkdown, extractTxt } from './text.js';
import { ExtractionError, type ExtractedDocument } from './types.js';

export { ExtractionError } from './types.js';
export type { Block, ExtractedDocument } from './types.js';

const EXTENSIONS: Record<string, DocumentFormat> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
};

/** Formats we know of but cannot read yet, with the reason shown to the user. */
const NOT_YET: Record<string, string> = {
  '.doc': 'Word 97–2003 (.doc) files are not supported yet',
  '.rtf': 'RTF files are not supported yet',
  '.xls': 'Excel files are not supported yet',
  '.xlsx': 'Excel files are not supported yet',
  '.odt': 'OpenDocument text files are not supported yet',
  '.ppt': 'PowerPoint files are not supported',
  '.pptx': 'PowerPoint files are not supported',
};

/** True for files the library should try to index when walking a folder. */
export function isCandidate(filePath: string): boolean {
  const ext = path.extname(filePath).toLowerCase();
  return ext in EXTENSIONS || ext in NOT_YET;
}

export function formatOf(filePath: string): DocumentFormat | null {
  return EXTENSIONS[path.extname(filePath).toLowerCase()] ?? null;
}

/** What the bytes say the file is, whatever its name. */
function sniff(data: Uint8Array): DocumentFormat | null {
  const head = Buffer.from(data.subarray(0, 1024)).toString('latin1');
  if (head.startsWith('%PDF-') || head.slice(0, 1024).includes('%PDF-')) return 'pdf';
  if (head.startsWith('PK\u0003\u0004')) return 'docx'; // a zip: DOCX is the zip we read
  return null;
}

export async function extractFile(filePath: string, data: Uint8Array): Promise<ExtractedDocument> {
  const ext = path.extname(filePath).toLowerCase();
  const notYet = NOT_YET[ext];
  if (notYet) throw new ExtractionError('unsupported', notYet);
  const declared = EXTENSIONS[ext];
  if (!declared) throw new ExtractionError('unsupported', `unsupported file type "${ext || '(no extension)'}"`);
  if (data.length === 0) throw new ExtractionError('empty', 'the file is empty (0 bytes)');
  const actual = sniff(data);
  const format = actual === 'pdf' || (actual === 'docx' && declared === 'docx') ? actual : declared;
  if (declared === 'docx' && actual !== 'docx' && actual !== 'pdf') {
    throw new ExtractionError('corrupt', 'named .docx but it is not a Word document (no zip container)');
  }
  if (declared === 'pdf' && actual !== 'pdf') {
    throw new ExtractionError('corrupt', 'named .pdf but it is not a PDF (no %PDF header)');
  }
  switch (format) {
    case 'pdf':
      return extractPdf(data);
    case 'docx':
      return extractDocx(data);
    case 'md':
      return extractMarkdown(data);
    case 'html': {
      const { blocks, title } = htmlToBlocks(decodeText(data));
      return { format: 'html', blocks, title, pageCount: null };
    }
    default:
      return extractTxt(data);
  }
}
