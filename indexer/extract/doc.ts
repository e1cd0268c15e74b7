/**
 * Word 97–2003 (.doc) → blocks, in pure JavaScript (the desktop app runs on
 * Windows machines without LibreOffice or Word).
 *
 * A .doc is an OLE2 compound file. Its text sits in the WordDocument stream as
 * "pieces", each 8-bit Windows-1252 or UTF-16, listed by the piece table in the
 * Table stream; character runs (CHPX pages) name the font of every stretch of
 * text. We read both ourselves, because the font is the best evidence of a legacy
 * encoding: `.VnTime` means TCVN3, `VNI-Times` means VNI, `.VnTimeH` means the
 * text is drawn in capitals. (word-extractor, the maintained npm reader, returns
 * the text but no fonts.) Layout: [MS-DOC] 2.4.1 (text), 2.5 (FIB), 2.9.8 (CLX),
 * 2.9.133 (FFN), 2.9.21 (CHPX FKP).
 */
import { fontEncoding, isUppercaseFont, LegacyConverter, legacyNotes } from '../vietnamese/legacy.js';
import { normalizeText } from '../common/normalize.js';
import { openOle } from './ole.js';
import { isStructuralHeading } from '../analyze/structure.js';
import { ExtractionError, type Block, type ExtractedDocument, type ExtractOptions } from './types.js';

const WORD97_IDENT = 0xa5ec;
const WORD6_IDENT = 0xa5dc;
/** FibRgFcLcb97 starts here; each (fc, lcb) pair is 8 bytes. */
const FC_LCB_BASE = 0x9a;
const FC = { stshf: 1, plcfBteChpx: 12, plcfBtePapx: 13, sttbfFfn: 15, clx: 33 } as const;

interface Piece {
  cpStart: number;
  cpEnd: number;
  /** Byte offset in the WordDocument stream. */
  fc: number;
  compressed: boolean;
}

/** A stretch of text in one font. */
export interface Run {
  text: string;
  font: string | null;
}

export async function extractDoc(data: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const ole = openOle(data, 'Word document');
  const wd = ole.stream('WordDocument');
  if (!wd || wd.length < 0x200) {
    if (ole.stream('Workbook') || ole.stream('Book')) throw new ExtractionError('corrupt', 'named .doc but it is an Excel workbook', { code: 'failure.misnamed', params: { ext: '.doc', actual: 'excel' } });
    if (ole.stream('PowerPoint Document')) throw new ExtractionError('corrupt', 'named .doc but it is a PowerPoint presentation', { code: 'failure.misnamed', params: { ext: '.doc', actual: 'powerpoint' } });
    throw new ExtractionError('corrupt', 'not a readable Word document (no WordDocument stream)', { code: 'failure.corrupt', params: { format: 'word' } });
  }
  const ident = wd.readUInt16LE(0);
  const nFib = wd.readUInt16LE(2);
  if (ident === WORD6_IDENT || (ident === WORD97_IDENT && nFib < 101)) {
    throw new ExtractionError('unsupported', 'Word 6.0/95 documents are not supported (only Word 97–2003 .doc)', { code: 'failure.oldWord', params: {} });
  }
  if (ident !== WORD97_IDENT) throw new ExtractionError('corrupt', 'not a readable Word document (bad file header)', { code: 'failure.corrupt', params: { format: 'word' } });
  const flags = wd.readUInt16LE(0x0a);
  if (flags & 0x0100) throw new ExtractionError('encrypted', 'the Word document is password-protected', { code: 'failure.encrypted', params: { format: 'word' } });
  const table = ole.stream(flags & 0x0200 ? '1Table' : '0Table');
  if (!table) throw new ExtractionError('corrupt', 'not a readable Word document (its table stream is missing)', { code: 'failure.corrupt', params: { format: 'word' } });

  const fcLcb = (index: number): [number, number] => {
    const at = FC_LCB_BASE + index * 8;
    return at + 8 <= wd.length ? [wd.readUInt32LE(at), wd.readUInt32LE(at + 4)] : [0, 0];
  };
  let pieces: Piece[];
  try {
    pieces = readPieces(wd, table, fcLcb(FC.clx));
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw new ExtractionError('corrupt', `not a readable Word document (${(error as Error).message})`, { code: 'failure.corrupt', params: { format: 'word' } });
  }
  const fonts = safe(() => readFontNames(table, fcLcb(FC.sttbfFfn)), []);
  const defaultFont = safe(() => readDefaultFont(table, fcLcb(FC.stshf), fonts), null);
  const fontRuns = safe(() => readFontRuns(wd, fcLcb(FC.plcfBteChpx), table, fonts), []);

  const runs = textRuns(wd, pieces, fontRuns, defaultFont);
  const converter = new LegacyConverter({ uppercaseFonts: options.legacy?.uppercaseFonts });
  const blocks = toBlocks(runs, converter);
  if (blocks.length === 0) throw new ExtractionError('empty', 'the Word document has no text', { code: 'failure.noText', params: { format: 'word' } });
  return { format: 'doc', blocks, title: null, pageCount: null, notes: legacyNotes(converter) };
}

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

// ---------------------------------------------------------------------------
// Text: the piece table
// ---------------------------------------------------------------------------

function readPieces(wd: Buffer, table: Buffer, [fcClx, lcbClx]: [number, number]): Piece[] {
  if (!lcbClx || fcClx + lcbClx > table.length) throw new ExtractionError('corrupt', 'not a readable Word document (no piece table)', { code: 'failure.corrupt', params: { format: 'word' } });
  const clx = table.subarray(fcClx, fcClx + lcbClx);
  let pos = 0;
  while (pos < clx.length && clx[pos] === 0x01) pos += 3 + clx.readUInt16LE(pos + 1); // Prc: property modifiers
  if (clx[pos] !== 0x02) throw new ExtractionError('corrupt', 'not a readable Word document (bad piece table)', { code: 'failure.corrupt', params: { format: 'word' } });
  const size = clx.readUInt32LE(pos + 1);
  const plc = clx.subarray(pos + 5, pos + 5 + size);
  const n = (plc.length - 4) / 12;
  if (!Number.isInteger(n) || n < 1) throw new ExtractionError('corrupt', 'not a readable Word document (bad piece table size)', { code: 'failure.corrupt', params: { format: 'word' } });
  const pieces: Piece[] = [];
  for (let i = 0; i < n; i++) {
    const cpStart = plc.readUInt32LE(i * 4);
    const cpEnd = plc.readUInt32LE(i * 4 + 4);
    const raw = plc.readUInt32LE(4 * (n + 1) + 8 * i + 2);
    const compressed = (raw & 0x40000000) !== 0;
    const fc = compressed ? (raw & 0x3fffffff) / 2 : raw & 0x3fffffff;
    if (cpEnd < cpStart) continue;
    pieces.push({ cpStart, cpEnd, fc, compressed });
  }
  return pieces;
}

const CP1252 = new TextDecoder('windows-1252');

// ---------------------------------------------------------------------------
// Fonts: SttbfFfn (font names), the style sheet's default, CHPX runs
// ---------------------------------------------------------------------------

function readFontNames(table: Buffer, [fc, lcb]: [number, number]): string[] {
  if (!lcb) return [];
  const sttb = table.subarray(fc, fc + lcb);
  let pos = 0;
  let count = sttb.readUInt16LE(0);
  if (count === 0xffff) {
    count = sttb.readUInt16LE(2);
    pos = 2;
  }
  pos += 2;
  const extra = sttb.readUInt16LE(pos);
  pos += 2;
  const names: string[] = [];
  for (let i = 0; i < count && pos < sttb.length; i++) {
    const cb = sttb[pos]!; // FFN length, excluding this byte
    const ffn = sttb.subarray(pos + 1, pos + 1 + cb);
    // FFN: 1 byte flags, 2 wWeight, 1 chs, 1 ixchSzAlt, 10 panose, 24 fontsig, then xszFfn (UTF-16, NUL-terminated).
    const nameBytes = ffn.subarray(39);
    let end = 0;
    while (end + 1 < nameBytes.length && (nameBytes[end] !== 0 || nameBytes[end + 1] !== 0)) end += 2;
    names.push(nameBytes.subarray(0, end).toString('utf16le'));
    pos += 1 + cb + extra;
  }
  return names;
}

/** The Normal style's font (STSHI's ftcAsci default), used where a run names none. */
function readDefaultFont(table: Buffer, [fc, lcb]: [number, number], fonts: string[]): string | null {
  if (!lcb) return null;
  const stsh = table.subarray(fc, fc + lcb);
  const cbStshi = stsh.readUInt16LE(0);
  // Stshif: cstd(2) cbSTDBaseInFile(2) flags(2) stiMaxWhenSaved(2) istdMaxFixedWhenSaved(2) nVerBuiltInNamesWhenSaved(2) ftcAsci(2)
  if (cbStshi < 14) return null;
  const ftcAsci = stsh.readUInt16LE(2 + 12);
  const fromStyles = normalStyleFont(stsh, cbStshi, fonts);
  return fromStyles ?? fonts[ftcAsci] ?? null;
}

/** The font named by the Normal style's character properties (sprmCRgFtc0), when it names one. */
function normalStyleFont(stsh: Buffer, cbStshi: number, fonts: string[]): string | null {
  const cbStdBase = stsh.readUInt16LE(2 + 2);
  let pos = 2 + cbStshi;
  const cbStd = stsh.readUInt16LE(pos);
  if (!cbStd) return null;
  const std = stsh.subarray(pos + 2, pos + 2 + cbStd);
  // StdBase: sti/flags(2) stk+istdBase(2) cupx+istdNext(2) bchUpe(2) grfstd(2) [+ 8 bytes in Word 2000+ when cbStdBase=18]
  const cupx = std.readUInt16LE(4) & 0x000f;
  let at = cbStdBase;
  const nameLength = std.readUInt16LE(at);
  at += 2 + nameLength * 2 + 2; // xstzName (UTF-16 with count, NUL-terminated)
  for (let i = 0; i < cupx && at + 2 <= std.length; i++) {
    if (at % 2) at++;
    const cbUpx = std.readUInt16LE(at);
    const upx = std.subarray(at + 2, at + 2 + cbUpx);
    // Paragraph style: UPX 0 is PAPX (istd + grpprl), UPX 1 is CHPX (grpprl).
    if (i === 1 || cupx === 1) {
      const ftc = fontFromSprms(upx, 0, upx.length);
      if (ftc !== null) return fonts[ftc] ?? null;
    }
    at += 2 + cbUpx;
  }
  return null;
}

/** sprmCRgFtc0 (ASCII font) in a run of sprms, or null. */
function fontFromSprms(buf: Buffer, start: number, end: number): number | null {
  let pos = start;
  let font: number | null = null;
  while (pos + 2 <= end) {
    const sprm = buf.readUInt16LE(pos);
    pos += 2;
    const spra = sprm >> 13;
    let size: number;
    switch (spra) {
      case 0:
      case 1:
        size = 1;
        break;
      case 2:
      case 4:
      case 5:
        size = 2;
        break;
      case 3:
        size = 4;
        break;
      case 7:
        size = 3;
        break;
      default:
        // Variable length: one size byte (sprmTDefTable and sprmPChgTabs have special forms).
        size = sprm === 0xd608 ? buf.readUInt16LE(pos) + 1 : buf[pos]! + 1;
    }
    if (sprm === 0x4a4f) font = buf.readUInt16LE(pos);
    pos += size;
  }
  return font;
}

interface FontRun {
  fcStart: number;
  fcEnd: number;
  font: string | null;
}

function readFontRuns(wd: Buffer, [fc, lcb]: [number, number], table: Buffer, fonts: string[]): FontRun[] {
  if (!lcb) return [];
  const plc = table.subarray(fc, fc + lcb);
  const n = (plc.length - 4) / 8;
  const runs: FontRun[] = [];
  for (let i = 0; i < n; i++) {
    const pn = plc.readUInt32LE(4 * (n + 1) + 4 * i) & 0x3fffff;
    const page = wd.subarray(pn * 512, pn * 512 + 512);
    if (page.length < 512) continue;
    const crun = page[511]!;
    for (let r = 0; r < crun; r++) {
      const fcStart = page.readUInt32LE(r * 4);
      const fcEnd = page.readUInt32LE(r * 4 + 4);
      const offset = page[4 * (crun + 1) + r]! * 2;
      let font: number | null = null;
      if (offset) {
        const cb = page[offset]!;
        font = fontFromSprms(page, offset + 1, offset + 1 + cb);
      }
      runs.push({ fcStart, fcEnd, font: font === null ? null : (fonts[font] ?? null) });
    }
  }
  return runs.sort((a, b) => a.fcStart - b.fcStart);
}

// ---------------------------------------------------------------------------
// Runs → paragraphs → blocks
// ---------------------------------------------------------------------------

/** The document's text split where the font changes, with each run's font. */
function textRuns(wd: Buffer, pieces: Piece[], fontRuns: FontRun[], defaultFont: string | null): Run[] {
  const runs: Run[] = [];
  let r = 0;
  for (const piece of pieces) {
    const width = piece.compressed ? 1 : 2;
    const fcEnd = piece.fc + (piece.cpEnd - piece.cpStart) * width;
    let fc = piece.fc;
    // Runs are sorted by fc; pieces are not necessarily, so search from the start when needed.
    if (r >= fontRuns.length || fontRuns[r]!.fcStart > fc) r = 0;
    while (fc < fcEnd && fc < wd.length) {
      while (r < fontRuns.length && fontRuns[r]!.fcEnd <= fc) r++;
      const run = fontRuns[r];
      const inRun = run && run.fcStart <= fc;
      let end = inRun ? Math.min(run.fcEnd, fcEnd) : run ? Math.min(run.fcStart, fcEnd) : fcEnd;
      end = Math.min(end, wd.length);
      if (width === 2 && (end - fc) % 2) end--;
      if (end <= fc) break;
      const bytes = wd.subarray(fc, end);
      const text = piece.compressed ? CP1252.decode(bytes) : bytes.toString('utf16le');
      runs.push({ text, font: (inRun ? run.font : null) ?? defaultFont });
      fc = end;
    }
  }
  return runs;
}

/** Word's in-band marks: fields \x13 code \x14 result \x15 keep their result only. */
function stripFields(runs: Run[]): Run[] {
  let depth = 0;
  const inCode: boolean[] = [];
  const out: Run[] = [];
  for (const run of runs) {
    let text = '';
    for (const ch of run.text) {
      if (ch === '\x13') {
        depth++;
        inCode.push(true);
      } else if (ch === '\x14') {
        if (depth) inCode[inCode.length - 1] = false;
      } else if (ch === '\x15') {
        if (depth) {
          depth--;
          inCode.pop();
        }
      } else if (!inCode.some(Boolean)) {
        text += ch;
      }
    }
    if (text) out.push({ text, font: run.font });
  }
  return out;
}

function toBlocks(rawRuns: Run[], converter: LegacyConverter): Block[] {
  const runs = stripFields(rawRuns);
  const blocks: Block[] = [];
  let paragraph: Run[] = [];
  let cells: string[] = [];
  let lastWasCell = false;
  const endParagraph = (cellEnd: boolean) => {
    const text = normalizeText(convertParagraph(converter, paragraph).replace(/\s+/g, ' ').trim());
    paragraph = [];
    if (cellEnd) {
      cells.push(text);
      return;
    }
    if (cells.length) {
      const row = cells.filter(Boolean).join(' | ');
      if (row) blocks.push({ text: row, page: null, kind: 'paragraph' });
      cells = [];
    }
    if (text) blocks.push({ text, page: null, kind: isStructuralHeading(text) ? 'heading' : 'paragraph' });
  };
  for (const run of runs) {
    for (const piece of run.text.split(/([\r\x07\x0c])/)) {
      if (!piece) continue;
      if (piece === '\r' || piece === '\x0c') endParagraph(false);
      else if (piece === '\x07') {
        // A cell mark right after another with nothing between ends the table row.
        const empty = paragraph.every((r) => !r.text.trim());
        if (empty && lastWasCell && cells.length) endParagraph(false);
        else endParagraph(true);
      } else {
        const clean = piece
          .replace(/[\x0b\x0e]/g, '\n')
          .replace(/\x1e/g, '-')
          .replace(/[\x00-\x08\x1f\x7f]/g, '')
          .replace(/\u00a0/g, ' ');
        if (clean) paragraph.push({ text: clean, font: run.font });
      }
      lastWasCell = piece === '\x07';
    }
  }
  endParagraph(false);
  return blocks;
}

/**
 * Convert a paragraph's runs, grouping neighbours whose fonts say the same thing,
 * so a word split across two runs (a bold letter) is judged as one word.
 */
export function convertParagraph(converter: LegacyConverter, runs: Run[]): string {
  let out = '';
  let group: Run | null = null;
  const key = (font: string | null) => `${fontEncoding(font)}:${isUppercaseFont(font)}`;
  for (const run of runs) {
    if (group && key(group.font) === key(run.font)) group.text += run.text;
    else {
      if (group) out += converter.convert(group.text, { font: group.font });
      group = { ...run };
    }
  }
  if (group) out += converter.convert(group.text, { font: group.font });
  return out;
}
