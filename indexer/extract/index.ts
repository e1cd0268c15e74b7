/**
 * Picks the extractor for a file by its extension, after checking that the
 * bytes agree (a PDF renamed .docx is read as what it is, not failed; an RTF or
 * a web page saved as .doc is read as RTF or HTML).
 *
 * Every reader converts legacy Vietnamese encodings (TCVN3, VNI, Windows-1258)
 * with vietnamese/legacy.ts, using font names as evidence where the format has
 * them (.doc, .rtf, .xls, .xlsx, .pptx, .odt), and PDF pages without a usable
 * text layer go through OCR (ocr.ts) unless `options.ocr` is false, and so do
 * page images (JPEG, PNG, BMP, TIFF: image.ts).
 */
import type { FileKindName } from '../api/messages.js';
import path from 'node:path';
import type { DocumentFormat } from '../api/contract.js';
import { extractDoc } from './doc.js';
import { extractDocx } from './docx.js';
import { extractHtml } from './html.js';
import { extractImage } from './image.js';
import { sniffImage, type ImageKind } from './image-format.js';
import { isOle, openOle } from './ole.js';
import { extractPdf } from './pdf.js';
import { extractPpt } from './ppt.js';
import { extractRtf } from './rtf.js';
import { extractMarkdown, extractTxt } from './text.js';
import { extractXls } from './xls.js';
import { extractOdt, extractPptx, extractXlsx } from './zipxml.js';
import { ExtractionError, type ExtractedDocument, type ExtractOptions } from './types.js';
import { EXTENSIONS, IMAGE_FORMATS, NOT_YET } from './formats.js';

export { ExtractionError } from './types.js';
export { formatOf, isCandidate } from './formats.js';
export type { Block, ExtractedDocument, ExtractOptions, OcrOptions, OcrProgress } from './types.js';

const KIND: Record<string, string> = {
  doc: 'Word document', docx: 'Word document', xls: 'Excel workbook', xlsx: 'Excel workbook',
  ppt: 'PowerPoint presentation', pptx: 'PowerPoint presentation', odt: 'OpenDocument text',
};
/** What to save a not-yet-supported format as, for the user's message. */
const SAVE_AS: Record<string, string> = { '.ods': '.xlsx', '.odp': '.pptx' };

/** The kind of file a format is, for the user's message ("the Word document is password-protected"). */
export function fileKindOf(format: string): FileKindName {
  if (format === 'doc' || format === 'docx') return 'word';
  if (format === 'xls' || format === 'xlsx') return 'excel';
  if (format === 'ppt' || format === 'pptx') return 'powerpoint';
  if (format === 'odt') return 'opendocument';
  if (format === 'pdf' || format === 'rtf') return format;
  if (IMAGE_FORMATS.has(format)) return 'image';
  return format === 'txt' || format === 'md' || format === 'html' ? 'text' : 'file';
}

const ZIP_FORMATS = new Set<string>(['docx', 'xlsx', 'pptx', 'odt']);
const OLE_FORMATS = new Set<string>(['doc', 'xls', 'ppt']);

/**
 * What the bytes say the file is, whatever its name. Offices routinely save RTF,
 * HTML ("Web page") or plain text under a .doc or .xls name, and Word's "Save as"
 * leaves the old extension on a converted file.
 */
function sniff(data: Uint8Array, declared: DocumentFormat): DocumentFormat | 'encrypted-ooxml' | 'zip' | 'ole' | null {
  const head = Buffer.from(data.subarray(0, 1024)).toString('latin1');
  // An image saved under another image's name (a PNG called .jpg) is read as what it is.
  const image = sniffImage(data);
  if (image) return image;
  if (head.startsWith('%PDF-') || head.includes('%PDF-')) return 'pdf';
  if (head.startsWith('{\\rtf')) return 'rtf';
  if (isOle(data)) {
    if (OLE_FORMATS.has(declared)) return declared; // the reader checks its own stream
    let streams: string[] = [];
    try {
      streams = openOle(data, 'Office document').names;
    } catch {
      return 'ole';
    }
    if (streams.includes('EncryptedPackage')) return 'encrypted-ooxml';
    if (streams.includes('WordDocument')) return 'doc';
    if (streams.includes('Workbook') || streams.includes('Book')) return 'xls';
    if (streams.includes('PowerPoint Document')) return 'ppt';
    return 'ole';
  }
  if (head.startsWith('PK\u0003\u0004')) {
    if (ZIP_FORMATS.has(declared)) return declared;
    const names = Buffer.from(data.subarray(0, 65536)).toString('latin1');
    if (names.includes('word/')) return 'docx';
    if (names.includes('xl/')) return 'xlsx';
    if (names.includes('ppt/')) return 'pptx';
    if (names.includes('application/vnd.oasis.opendocument.text')) return 'odt';
    return 'zip';
  }
  const text = head.trimStart().slice(0, 200).toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || /^<\?xml[^>]*>\s*<html/.test(text) || text.includes('xmlns:o="urn:schemas-microsoft-com:office')) return 'html';
  return null;
}

export async function extractFile(filePath: string, data: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const ext = path.extname(filePath).toLowerCase();
  const notYet = NOT_YET[ext];
  if (notYet) throw new ExtractionError('unsupported', notYet, { code: 'failure.notYetSupported', params: { ext, saveAs: SAVE_AS[ext] ?? null } });
  const declared = EXTENSIONS[ext];
  if (!declared) throw new ExtractionError('unsupported', `unsupported file type "${ext || '(no extension)'}"`, { code: 'failure.unsupportedType', params: { ext } });
  if (data.length === 0) throw new ExtractionError('empty', 'the file is empty (0 bytes)', { code: 'failure.emptyFile', params: {} });
  const actual = sniff(data, declared);
  if (actual === 'encrypted-ooxml') throw new ExtractionError('encrypted', 'the document is password-protected', { code: 'failure.encrypted', params: { format: fileKindOf(declared) } });
  const binaryDeclared = declared === 'pdf' || ZIP_FORMATS.has(declared) || OLE_FORMATS.has(declared);
  let format: DocumentFormat;
  if (actual === 'zip' || actual === 'ole') {
    throw new ExtractionError('corrupt', `named ${ext} but it is ${actual === 'zip' ? 'a zip archive' : 'an OLE container'} of an unknown kind`, { code: 'failure.misnamed', params: { ext, actual: 'unknown' } });
  } else if (actual) {
    format = actual;
  } else if (IMAGE_FORMATS.has(declared)) {
    throw new ExtractionError('corrupt', `named ${ext} but it is not a readable image (no JPEG, PNG, BMP or TIFF header)`, { code: 'failure.corrupt', params: { format: 'image' } });
  } else if (declared === 'pdf') {
    throw new ExtractionError('corrupt', 'named .pdf but it is not a PDF (no %PDF header)', { code: 'failure.corrupt', params: { format: 'pdf' } });
  } else if (ZIP_FORMATS.has(declared)) {
    throw new ExtractionError('corrupt', `named ${ext} but it is not a readable ${KIND[declared]} (no zip container: damaged, or another format)`, { code: 'failure.corrupt', params: { format: fileKindOf(declared) } });
  } else if (binaryDeclared) {
    // A legacy Office name on something else: plain text is the last thing it can be.
    if (looksLikeText(data)) format = 'txt';
    else throw new ExtractionError('corrupt', `named ${ext} but it is not a readable ${KIND[declared]} (no OLE2 header: damaged, or another format)`, { code: 'failure.corrupt', params: { format: fileKindOf(declared) } });
  } else {
    format = declared;
  }
  switch (format as string) {
    case 'pdf':
      // pdf.js throws plain errors for broken structures (a page tree that loops…): the file is damaged.
      return extractPdf(data, options).catch((error: unknown) => {
        if (error instanceof ExtractionError) throw error;
        throw new ExtractionError('corrupt', `the PDF is damaged (${(error as Error)?.message ?? String(error)})`, { code: 'failure.corrupt', params: { format: 'pdf' } });
      });
    case 'docx':
      return extractDocx(data, options);
    case 'doc':
      return extractDoc(data, options);
    case 'rtf':
      return extractRtf(data, options);
    case 'xls':
      return extractXls(data, options);
    case 'xlsx':
      return extractXlsx(data, options);
    case 'ppt':
      return extractPpt(data, options);
    case 'pptx':
      return extractPptx(data, options);
    case 'odt':
      return extractOdt(data, options);
    case 'md':
      return extractMarkdown(data, options);
    case 'jpg':
    case 'png':
    case 'tiff':
    case 'bmp':
      return extractImage(data, format as ImageKind, options);
    case 'html':
      return extractHtml(data, options);
    default:
      return extractTxt(data, options);
  }
}

function looksLikeText(data: Uint8Array): boolean {
  const sample = data.subarray(0, 4096);
  let controls = 0;
  for (const b of sample) if (b < 9 || (b > 13 && b < 32)) controls++;
  return controls <= sample.length * 0.01;
}
