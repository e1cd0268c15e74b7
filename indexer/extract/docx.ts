/**
 * DOCX → blocks through mammoth (the one file that knows it). mammoth turns
 * Word's heading styles into h1–h6, which the HTML reader keeps as headings.
 */
import { LegacyConverter, legacyNotes } from '../vietnamese/legacy.js';
import { convertBlocks, htmlToBlocks } from './html.js';
import { ExtractionError, type ExtractedDocument, type ExtractOptions } from './types.js';
import { checkInflatedSizes } from './zipguard.js';

/**
 * mammoth, loaded on the first DOCX: it is most of an extraction worker's start-up
 * (some 50 ms of its 75), which a folder without Word files need not pay.
 */
let mammothLoaded: Promise<typeof import('mammoth')> | null = null;
const loadMammoth = () => (mammothLoaded ??= import('mammoth').then((m) => m.default ?? m));

/** Titles and subtitles are headings too (mammoth's default map leaves them as paragraphs). */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

export async function extractDocx(data: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  // mammoth inflates whole parts in memory (jszip): count the real inflated bytes first, whatever the entries declare.
  checkInflatedSizes(data);
  let html: string;
  try {
    const mammoth = await loadMammoth();
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(data) }, { styleMap: STYLE_MAP, includeDefaultStyleMap: true });
    html = result.value;
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (error instanceof RangeError && /call stack/i.test(message)) {
      throw new ExtractionError('corrupt', 'the DOCX is malformed: its XML is nested too deeply to read', { code: 'failure.corrupt', params: { format: 'word' } });
    }
    if (/string longer than/i.test(message)) throw new ExtractionError('too-large', 'the DOCX expands to more text than can be read (a zip bomb?)', { code: 'failure.expandsTooMuch', params: { limitMb: null } });
    if (/zip|central directory|end of data|signature/i.test(message)) {
      throw new ExtractionError('corrupt', `not a readable DOCX (damaged or not a Word document: ${message})`, { code: 'failure.corrupt', params: { format: 'word' } });
    }
    throw new ExtractionError('corrupt', `the DOCX could not be read (${message})`, { code: 'failure.corrupt', params: { format: 'word' } });
  }
  // mammoth drops font names, so TCVN3/VNI runs are found by their syllables alone.
  const converter = new LegacyConverter({ uppercaseFonts: options.legacy?.uppercaseFonts });
  const blocks = convertBlocks(htmlToBlocks(html).blocks, converter);
  const first = blocks.find((b) => b.kind === 'heading' && b.level === 1);
  return { format: 'docx', blocks, title: first?.text ?? null, pageCount: null, notes: legacyNotes(converter) };
}
