/**
 * RTF → blocks. Our own small reader: RTF is a plain-text format, and what we need
 * from it — the text, paragraph/cell/row marks, and the font of every run — is what
 * general RTF libraries throw away or render to HTML. The font table is the best
 * evidence of a legacy encoding there is (`.VnTime` → TCVN3, `VNI-Times` → VNI,
 * `.VnTimeH` → drawn in capitals), so each run is converted with its font as a
 * hint. Bytes (`\'hh` and 8-bit text) are decoded with the font's charset
 * (`\fcharset163` = Windows-1258), else the document's `\ansicpg`.
 */
import { LegacyConverter, legacyNotes } from '../vietnamese/legacy.js';
import { normalizeText } from '../common/normalize.js';
import { convertParagraph, type Run } from './doc.js';
import { isStructuralHeading } from '../analyze/structure.js';
import { ExtractionError, type Block, type ExtractedDocument, type ExtractOptions } from './types.js';

/** RTF \fcharset numbers → Windows code pages. */
const CHARSET_CODEPAGE: Record<number, number> = {
  0: 1252, 1: 1252, 2: 1252, 77: 10000, 128: 932, 129: 949, 134: 936, 136: 950, 161: 1253, 162: 1254,
  163: 1258, 177: 1255, 178: 1256, 186: 1257, 204: 1251, 222: 874, 238: 1250, 255: 437,
};

/** Destinations whose text is not document text. */
const SKIP_DESTINATIONS = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'themedata', 'colorschememapping', 'datastore',
  'latentstyles', 'listtable', 'listoverridetable', 'revtbl', 'rsidtbl', 'generator', 'xmlnstbl', 'mmathPr',
  'fldinst', 'datafield', 'bkmkstart', 'bkmkend', 'filetbl', 'pgdsctbl', 'docvar', 'shppict', 'nonshppict', 'blipuid',
  'listtext', 'pntext', 'pntxta', 'pntxtb', 'footnote', 'annotation', 'atnid', 'atnauthor', 'protusertbl', 'wgrffmtfilter',
]);

interface Font {
  name: string;
  codepage: number | null;
}

interface GroupState {
  font: number | null;
  skip: boolean;
  uc: number;
  destination: string | null;
  /** In the font table: 0 = the table's own group, 1 = one font's group, 2+ = inside it (panose, falt). -1 elsewhere. */
  fontLevel: number;
}

const decoders = new Map<number, { decode(input: Uint8Array): string }>();
function decoder(codepage: number): { decode(input: Uint8Array): string } {
  let d = decoders.get(codepage);
  if (!d) {
    try {
      d = new TextDecoder(codepage === 10000 ? 'macintosh' : `windows-${codepage}`);
    } catch {
      d = new TextDecoder('windows-1252');
    }
    decoders.set(codepage, d);
  }
  return d;
}

export async function extractRtf(data: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const source = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  if (!source.startsWith('{\\rtf')) throw new ExtractionError('corrupt', 'not a readable RTF file (no {\\rtf header)', { code: 'failure.corrupt', params: { format: 'rtf' } });
  const converter = new LegacyConverter({ uppercaseFonts: options.legacy?.uppercaseFonts });
  const { blocks, title } = parseRtf(source, converter);
  if (blocks.length === 0) throw new ExtractionError('empty', 'the RTF file has no text', { code: 'failure.noText', params: { format: 'rtf' } });
  return { format: 'rtf', blocks, title, pageCount: null, notes: legacyNotes(converter) };
}

function parseRtf(src: string, converter: LegacyConverter): { blocks: Block[]; title: string | null } {
  const fonts = new Map<number, Font>();
  let defaultCodepage = 1252;
  let defaultFont: number | null = null;
  const stack: GroupState[] = [];
  let state: GroupState = { font: null, skip: false, uc: 1, destination: null, fontLevel: -1 };

  const blocks: Block[] = [];
  let paragraph: Run[] = [];
  let cells: string[] = [];
  let pendingBytes: number[] = [];
  let pendingFont: number | null = null;
  let skipFallback = 0;
  let title = '';
  // Font table parsing.
  let fontEntry: { index: number; codepage: number | null; name: string } | null = null;

  const fontName = (index: number | null) => (index === null ? null : (fonts.get(index)?.name ?? null));
  const emit = (text: string, fontIndex: number | null) => {
    if (!text) return;
    const font = fontName(fontIndex ?? defaultFont);
    const last = paragraph[paragraph.length - 1];
    if (last && last.font === font) last.text += text;
    else paragraph.push({ text, font });
  };
  const flushBytes = () => {
    if (!pendingBytes.length) return;
    const font = fonts.get(pendingFont ?? defaultFont ?? -1);
    const text = decoder(font?.codepage ?? defaultCodepage).decode(Uint8Array.from(pendingBytes));
    pendingBytes = [];
    if (state.destination === 'title') title += text;
    else if (fontEntry && state.destination === 'fonttbl') fontEntry.name += text;
    else if (!state.skip) emit(text, pendingFont);
  };
  const addByte = (byte: number) => {
    if (skipFallback > 0) {
      skipFallback--;
      return;
    }
    if (pendingBytes.length && pendingFont !== state.font) flushBytes();
    pendingFont = state.font;
    pendingBytes.push(byte);
  };
  const addText = (text: string) => {
    flushBytes();
    if (state.destination === 'title') title += text;
    else if (!state.skip) emit(text, state.font);
  };
  const endParagraph = (kind: 'par' | 'cell' | 'row') => {
    flushBytes();
    if (state.skip) return;
    const text = normalizeText(convertParagraph(converter, paragraph).replace(/\s+/g, ' ').trim());
    paragraph = [];
    if (kind === 'cell') {
      cells.push(text);
      return;
    }
    if (kind === 'row' || cells.length) {
      const row = [...cells, text].filter(Boolean).join(' | ');
      cells = [];
      if (row) blocks.push({ text: row, page: null, kind: 'paragraph' });
      return;
    }
    if (text) blocks.push({ text, page: null, kind: isStructuralHeading(text) ? 'heading' : 'paragraph' });
  };

  let i = 0;
  const n = src.length;
  while (i < n) {
    const ch = src[i]!;
    if (ch === '{') {
      flushBytes();
      stack.push(state);
      if (state.fontLevel >= 0) {
        const level = state.fontLevel + 1;
        state = { ...state, fontLevel: level, destination: level === 1 ? 'fonttbl' : 'fontskip' };
      } else state = { ...state };
      i++;
      continue;
    }
    if (ch === '}') {
      flushBytes();
      if (state.fontLevel === 1 && fontEntry) {
        // A font entry closed without its ';' terminator.
        commitFont(fonts, fontEntry);
        fontEntry = null;
      }
      state = stack.pop() ?? state;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      i++;
      continue;
    }
    if (ch !== '\\') {
      if (state.destination === 'fonttbl') {
        if (fontEntry) {
          if (ch === ';') {
            commitFont(fonts, fontEntry);
            fontEntry = null;
          } else fontEntry.name += ch;
        }
      } else if (skipFallback > 0) skipFallback--;
      else if (ch.charCodeAt(0) >= 0x80) addByte(ch.charCodeAt(0));
      else addText(ch === '\t' ? '\t' : ch);
      i++;
      continue;
    }
    // A control word or symbol.
    const next = src[i + 1] ?? '';
    if (next === "'") {
      const byte = parseInt(src.slice(i + 2, i + 4), 16);
      i += 4;
      if (Number.isNaN(byte)) continue;
      if (state.destination === 'fonttbl' && fontEntry) fontEntry.name += String.fromCharCode(byte);
      else addByte(byte);
      continue;
    }
    if (!/[a-zA-Z]/.test(next)) {
      i += 2;
      if (next === '*') {
        state.skip = true;
        state.destination = state.destination ?? '*';
      } else if (next === '~') addText('\u00a0');
      else if (next === '_') addText('-');
      else if (next === '\\' || next === '{' || next === '}') addText(next);
      else if (next === '\n' || next === '\r') endParagraph('par');
      continue;
    }
    const m = /^\\([a-zA-Z]+)(-?\d+)? ?/.exec(src.slice(i, i + 40))!;
    const word = m[1]!;
    const param = m[2] !== undefined ? Number(m[2]) : null;
    i += m[0].length;
    if (word === 'bin' && param) {
      i += param;
      continue;
    }
    if (skipFallback > 0 && word !== 'u') {
      // A control word counts as one fallback character.
      skipFallback--;
      continue;
    }
    switch (word) {
      case 'ansicpg':
        if (param) defaultCodepage = param;
        break;
      case 'mac':
        defaultCodepage = 10000;
        break;
      case 'deff':
        defaultFont = param;
        break;
      case 'fonttbl':
        state.destination = 'fonttbl';
        state.fontLevel = 0;
        state.skip = true;
        break;
      case 'f':
        if (state.destination === 'fonttbl') fontEntry = { index: param ?? 0, codepage: null, name: '' };
        else {
          flushBytes();
          state.font = param;
        }
        break;
      case 'fcharset':
        if (fontEntry && param !== null) fontEntry.codepage = CHARSET_CODEPAGE[param] ?? null;
        break;
      case 'cpg':
        if (fontEntry && param) fontEntry.codepage = param;
        break;
      case 'uc':
        state.uc = param ?? 1;
        break;
      case 'u': {
        if (param === null) break;
        flushBytes();
        addText(String.fromCharCode(param < 0 ? param + 65536 : param));
        skipFallback = state.uc;
        break;
      }
      case 'par':
      case 'sect':
      case 'page':
        endParagraph('par');
        break;
      case 'line':
        addText('\n');
        break;
      case 'tab':
        addText('\t');
        break;
      case 'cell':
      case 'nestcell':
        endParagraph('cell');
        break;
      case 'row':
      case 'nestrow':
        endParagraph('row');
        break;
      case 'emdash':
        addText('—');
        break;
      case 'endash':
        addText('–');
        break;
      case 'bullet':
        addText('•');
        break;
      case 'lquote':
        addText('‘');
        break;
      case 'rquote':
        addText('’');
        break;
      case 'ldblquote':
        addText('“');
        break;
      case 'rdblquote':
        addText('”');
        break;
      case 'plain':
        flushBytes();
        state.font = defaultFont;
        break;
      case 'title':
        state.destination = 'title';
        state.skip = true;
        break;
      default:
        if (SKIP_DESTINATIONS.has(word)) {
          state.skip = true;
          state.destination = word;
        } else if (/^(header|footer)[lrf]?$/.test(word)) {
          // Running heads repeat on every page; keep them out of the body text.
          state.skip = true;
          state.destination = word;
        }
    }
  }
  endParagraph('par');
  const cleanTitle = title ? normalizeText(new LegacyConverter().convert(title).replace(/\s+/g, ' ').trim()) : '';
  return { blocks, title: cleanTitle || null };
}

function commitFont(fonts: Map<number, Font>, entry: { index: number; codepage: number | null; name: string }): void {
  // The name may be followed by an alternative in {\*\falt …}; those were skipped as a destination.
  fonts.set(entry.index, { name: entry.name.trim(), codepage: entry.codepage });
}
