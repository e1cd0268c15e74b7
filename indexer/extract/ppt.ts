/**
 * PowerPoint 97–2003 (.ppt) → blocks: the text atoms of the "PowerPoint Document"
 * stream's slide-text index, in slide order, one block per paragraph, with the
 * slide number as the page. Records are [MS-PPT] 2.3.1: an 8-byte header
 * (version/instance, type, length); containers (version 0xF) nest.
 */
import { LegacyConverter, legacyNotes } from '../vietnamese/legacy.js';
import { normalizeText } from '../common/normalize.js';
import { openOle } from './ole.js';
import { ExtractionError, type Block, type ExtractedDocument, type ExtractOptions } from './types.js';

const TEXT_CHARS_ATOM = 0x0fa0; // UTF-16
const TEXT_BYTES_ATOM = 0x0fa8; // 8-bit (high bytes zero)
const SLIDE_PERSIST_ATOM = 0x03f3;
const SLIDE_LIST_WITH_TEXT = 0x0ff0;

export async function extractPpt(data: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const ole = openOle(data, 'PowerPoint presentation');
  const stream = ole.stream('PowerPoint Document');
  if (!stream) throw new ExtractionError('corrupt', 'not a readable PowerPoint presentation (no PowerPoint Document stream)', { code: 'failure.corrupt', params: { format: 'powerpoint' } });
  if (ole.stream('EncryptedSummary')) throw new ExtractionError('encrypted', 'the presentation is password-protected', { code: 'failure.encrypted', params: { format: 'powerpoint' } });
  const converter = new LegacyConverter({ uppercaseFonts: options.legacy?.uppercaseFonts });
  // Slide text is stored twice: per shape in the drawings, and flattened into the
  // SlideListWithText index, which is complete and in slide order (a SlidePersistAtom
  // opens each slide). Read the index; fall back to every text atom when a file has none.
  const atoms: Array<{ text: string; slide: number | null }> = [];
  const all: Array<{ text: string; slide: number | null }> = [];
  const walk = (start: number, end: number, depth: number, index: number | null) => {
    let pos = start;
    let slide = 0;
    while (pos + 8 <= end) {
      const verInstance = stream.readUInt16LE(pos);
      const type = stream.readUInt16LE(pos + 2);
      const length = stream.readUInt32LE(pos + 4);
      const body = pos + 8;
      const next = body + length;
      if (next > end) break;
      if ((verInstance & 0x0f) === 0x0f) {
        if (depth < 16) walk(body, next, depth + 1, type === SLIDE_LIST_WITH_TEXT ? verInstance >> 4 : index);
      } else if (type === SLIDE_PERSIST_ATOM) slide++;
      else if (type === TEXT_CHARS_ATOM || type === TEXT_BYTES_ATOM) {
        const raw = stream.subarray(body, next);
        const text = type === TEXT_CHARS_ATOM ? raw.toString('utf16le') : raw.toString('latin1');
        // Instance 0 lists the slides; 1 the masters, 2 the notes (no slide number for those).
        const atom = { text, slide: index === 0 && slide > 0 ? slide : null };
        (index !== null ? atoms : all).push(atom);
      }
      pos = next;
    }
  };
  try {
    walk(0, stream.length, 0, null);
  } catch (error) {
    throw new ExtractionError('corrupt', `not a readable PowerPoint presentation (${(error as Error).message})`, { code: 'failure.corrupt', params: { format: 'powerpoint' } });
  }
  const blocks: Block[] = [];
  for (const { text, slide } of atoms.length ? atoms : all) {
    for (const paragraph of text.split(/[\r\v]/)) {
      const clean = normalizeText(converter.convert(paragraph).replace(/\s+/g, ' ').trim());
      if (clean) blocks.push({ text: clean, page: slide, kind: 'paragraph' });
    }
  }
  if (blocks.length === 0) throw new ExtractionError('empty', 'the presentation has no text', { code: 'failure.noText', params: { format: 'powerpoint' } });
  const slides = Math.max(0, ...blocks.map((b) => b.page ?? 0));
  return { format: 'ppt', blocks, title: null, pageCount: slides || null, notes: legacyNotes(converter) };
}
