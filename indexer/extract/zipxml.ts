/**
 * Zip-of-XML formats: Excel 2007+ (.xlsx), PowerPoint 2007+ (.pptx) and
 * OpenDocument text (.odt). zipguard.ts opens the container (streaming inflate
 * within the byte budget), htmlparser2's SAX parser
 * (XML mode) reads the parts; each reader keeps only text, structure marks and
 * the font names that say whether a run is TCVN3 or VNI.
 *
 * .xlsx is read here rather than with SheetJS (see xls.ts for why): a few dozen
 * lines over sharedStrings.xml, styles.xml and the sheet parts, building only
 * Maps and arrays, so no key from a file ever lands on an object prototype.
 */
import { Parser } from 'htmlparser2';
import { LegacyConverter, legacyNotes } from '../vietnamese/legacy.js';
import { normalizeText } from '../common/normalize.js';
import { convertParagraph, type Run } from './doc.js';
import { formatNumber, sheetBlocks, type Cell, type Sheet } from './spreadsheet.js';
import { isStructuralHeading } from '../analyze/structure.js';
import { ExtractionError, type Block, type ExtractedDocument, type ExtractOptions } from './types.js';
import { ZipArchive } from './zipguard.js';


/** Open an office zip; its parts are inflated as streams against the byte budget (zipguard.ts). */
function openZip(data: Uint8Array, what: string): ZipArchive {
  try {
    return ZipArchive.open(data);
  } catch (error) {
    if (error instanceof ExtractionError && error.kind !== 'corrupt') throw error;
    throw new ExtractionError('corrupt', `not a readable ${what} (${(error as Error).message})`, { code: 'failure.corrupt', params: { format: 'file' } });
  }
}

async function part(zip: ZipArchive, name: string): Promise<string | null> {
  return zip.text(name);
}

/** SAX walk of an XML string. */
function sax(
  xml: string,
  handlers: { open?: (name: string, attrs: Record<string, string>) => void; close?: (name: string) => void; text?: (text: string) => void },
): void {
  const parser = new Parser(
    {
      onopentag: (name, attrs) => handlers.open?.(name, attrs),
      onclosetag: (name) => handlers.close?.(name),
      ontext: (text) => handlers.text?.(text),
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
}

// ---------------------------------------------------------------------------
// .xlsx
// ---------------------------------------------------------------------------

export async function extractXlsx(data: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const zip = await openZip(data, 'Excel workbook');
  if (zip.has('EncryptionInfo')) throw new ExtractionError('encrypted', 'the workbook is password-protected', { code: 'failure.encrypted', params: { format: 'excel' } });
  const workbook = await part(zip, 'xl/workbook.xml');
  if (!workbook) throw new ExtractionError('corrupt', 'not a readable Excel workbook (no xl/workbook.xml)', { code: 'failure.corrupt', params: { format: 'excel' } });

  const rels = new Map<string, string>();
  sax((await part(zip, 'xl/_rels/workbook.xml.rels')) ?? '', {
    open: (name, a) => {
      if (name === 'Relationship' && a.Id && a.Target) rels.set(a.Id, a.Target.replace(/^\/?(xl\/)?/, 'xl/'));
    },
  });
  const sheetParts: Array<{ name: string; path: string }> = [];
  sax(workbook, {
    open: (name, a) => {
      if (name === 'sheet') {
        const target = rels.get(a['r:id'] ?? '');
        if (target) sheetParts.push({ name: a.name ?? 'Sheet', path: target });
      }
    },
  });

  // Fonts through styles: cellXfs[s].fontId → fonts[fontId].name.
  const fonts: string[] = [];
  const xfFonts: number[] = [];
  let inFonts = false;
  let inCellXfs = false;
  sax((await part(zip, 'xl/styles.xml')) ?? '', {
    open: (name, a) => {
      if (name === 'fonts') inFonts = true;
      else if (name === 'cellXfs') inCellXfs = true;
      else if (inFonts && name === 'font') fonts.push('');
      else if (inFonts && name === 'name' && fonts.length) fonts[fonts.length - 1] = a.val ?? '';
      else if (inCellXfs && name === 'xf') xfFonts.push(Number(a.fontId ?? 0));
    },
    close: (name) => {
      if (name === 'fonts') inFonts = false;
      if (name === 'cellXfs') inCellXfs = false;
    },
  });

  // Shared strings, with the first run font as the string's font when it names one.
  const shared: Array<{ text: string; font: string | null }> = [];
  let current: { text: string; font: string | null } | null = null;
  let inT = false;
  let inPhonetic = false;
  sax((await part(zip, 'xl/sharedStrings.xml')) ?? '', {
    open: (name, a) => {
      if (name === 'si') current = { text: '', font: null };
      else if (name === 't') inT = true;
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 'rFont' && current && !current.font) current.font = a.val ?? null;
    },
    close: (name) => {
      if (name === 'si' && current) {
        shared.push(current);
        current = null;
      } else if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
    },
    text: (text) => {
      if (current && inT && !inPhonetic) current.text += text;
    },
  });

  const sheets: Sheet[] = [];
  for (const { name, path } of sheetParts) {
    const xml = await part(zip, path);
    if (!xml) continue;
    const cells: Cell[] = [];
    let cell: { ref: string; type: string; style: number; value: string; inline: string } | null = null;
    let inValue = false;
    let inInline = false;
    sax(xml, {
      open: (tag, a) => {
        if (tag === 'c') cell = { ref: a.r ?? '', type: a.t ?? 'n', style: Number(a.s ?? 0), value: '', inline: '' };
        else if (tag === 'v') inValue = true;
        else if (tag === 't' && cell) inInline = true;
      },
      close: (tag) => {
        if (tag === 'v') inValue = false;
        else if (tag === 't') inInline = false;
        else if (tag === 'c' && cell) {
          const position = cellPosition(cell.ref);
          const font = fonts[xfFonts[cell.style] ?? -1] || null;
          if (position) {
            if (cell.type === 's') {
              const s = shared[Number(cell.value)];
              if (s) cells.push({ ...position, text: s.text, font: s.font ?? font });
            } else if (cell.type === 'inlineStr') cells.push({ ...position, text: cell.inline, font });
            else if (cell.type === 'str') cells.push({ ...position, text: cell.value, font });
            else if (cell.type === 'b') cells.push({ ...position, text: cell.value === '1' ? 'TRUE' : 'FALSE', font: null, literal: true });
            else if (cell.type === 'n' && cell.value !== '') {
              const n = Number(cell.value);
              cells.push({ ...position, text: Number.isNaN(n) ? cell.value : formatNumber(n), font: null, literal: true });
            }
          }
          cell = null;
        }
      },
      text: (text) => {
        if (!cell) return;
        if (inValue) cell.value += text;
        else if (inInline) cell.inline += text;
      },
    });
    sheets.push({ name, cells });
  }
  const converter = new LegacyConverter({ uppercaseFonts: options.legacy?.uppercaseFonts });
  const blocks = sheetBlocks(sheets, converter);
  if (blocks.length === 0) throw new ExtractionError('empty', 'the workbook has no text or numbers', { code: 'failure.noText', params: { format: 'excel' } });
  return { format: 'xlsx', blocks, title: null, pageCount: null, notes: legacyNotes(converter) };
}

function cellPosition(ref: string): { row: number; col: number } | null {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

// ---------------------------------------------------------------------------
// .pptx
// ---------------------------------------------------------------------------

export async function extractPptx(data: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const zip = await openZip(data, 'PowerPoint presentation');
  if (zip.has('EncryptionInfo')) throw new ExtractionError('encrypted', 'the presentation is password-protected', { code: 'failure.encrypted', params: { format: 'powerpoint' } });
  const slides = zip.names()
    .map((name) => /^ppt\/slides\/slide(\d+)\.xml$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ path: m[0], number: Number(m[1]) }))
    .sort((a, b) => a.number - b.number);
  if (!slides.length) throw new ExtractionError('corrupt', 'not a readable PowerPoint presentation (no slides)', { code: 'failure.corrupt', params: { format: 'powerpoint' } });
  const converter = new LegacyConverter({ uppercaseFonts: options.legacy?.uppercaseFonts });
  const blocks: Block[] = [];
  for (const [index, slide] of slides.entries()) {
    const xml = (await part(zip, slide.path)) ?? '';
    let paragraph: Run[] = [];
    let font: string | null = null;
    let inText = false;
    let titleShape = false;
    sax(xml, {
      open: (name, a) => {
        if (name === 'a:p') paragraph = [];
        else if (name === 'a:r') font = null;
        else if (name === 'a:latin') font = a.typeface ?? null;
        else if (name === 'a:t') inText = true;
        else if (name === 'a:br') paragraph.push({ text: '\n', font });
        else if (name === 'p:ph' && /title/i.test(a.type ?? '')) titleShape = true;
      },
      close: (name) => {
        if (name === 'a:t') inText = false;
        else if (name === 'p:sp') titleShape = false;
        else if (name === 'a:p') {
          const text = normalizeText(convertParagraph(converter, paragraph).replace(/\s+/g, ' ').trim());
          if (text) blocks.push({ text, page: index + 1, kind: titleShape ? 'heading' : 'paragraph', ...(titleShape ? { level: 2 } : {}) });
        }
      },
      text: (text) => {
        if (inText) paragraph.push({ text, font });
      },
    });
  }
  if (blocks.length === 0) throw new ExtractionError('empty', 'the presentation has no text', { code: 'failure.noText', params: { format: 'powerpoint' } });
  return { format: 'pptx', blocks, title: null, pageCount: slides.length, notes: legacyNotes(converter) };
}

// ---------------------------------------------------------------------------
// .odt
// ---------------------------------------------------------------------------

export async function extractOdt(data: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const zip = await openZip(data, 'OpenDocument text');
  const manifest = (await part(zip, 'META-INF/manifest.xml')) ?? '';
  if (/encryption-data/.test(manifest)) throw new ExtractionError('encrypted', 'the document is password-protected', { code: 'failure.encrypted', params: { format: 'opendocument' } });
  const content = await part(zip, 'content.xml');
  if (!content) throw new ExtractionError('corrupt', 'not a readable OpenDocument text (no content.xml)', { code: 'failure.corrupt', params: { format: 'opendocument' } });

  // Font of each automatic/common style, from its text properties.
  const styleFonts = new Map<string, string>();
  const fontFamilies = new Map<string, string>();
  const styles = ((await part(zip, 'styles.xml')) ?? '') + content;
  let styleName: string | null = null;
  sax(styles, {
    open: (name, a) => {
      if (name === 'style:font-face' && a['style:name']) fontFamilies.set(a['style:name'], (a['svg:font-family'] ?? a['style:name']).replace(/^'|'$/g, ''));
      else if (name === 'style:style') styleName = a['style:name'] ?? null;
      else if (name === 'style:text-properties' && styleName && a['style:font-name']) styleFonts.set(styleName, a['style:font-name']);
    },
    close: (name) => {
      if (name === 'style:style') styleName = null;
    },
  });
  const fontOf = (style: string | undefined) => {
    const face = style ? styleFonts.get(style) : undefined;
    return face ? (fontFamilies.get(face) ?? face) : null;
  };

  const converter = new LegacyConverter({ uppercaseFonts: options.legacy?.uppercaseFonts });
  const blocks: Block[] = [];
  let paragraph: Run[] | null = null;
  let heading: number | null = null;
  const fontStack: Array<string | null> = [];
  let cells: string[] | null = null;
  let title: string | null = null;
  const push = (text: string) => {
    if (paragraph) paragraph.push({ text, font: fontStack[fontStack.length - 1] ?? null });
  };
  sax(content, {
    open: (name, a) => {
      if (name === 'text:p' || name === 'text:h') {
        paragraph = [];
        heading = name === 'text:h' ? Number(a['text:outline-level'] ?? 1) : null;
        fontStack.push(fontOf(a['text:style-name']));
      } else if (name === 'text:span') fontStack.push(fontOf(a['text:style-name']) ?? fontStack[fontStack.length - 1] ?? null);
      else if (name === 'text:s') push(' '.repeat(Math.min(Number(a['text:c'] ?? 1), 100)));
      else if (name === 'text:tab') push('\t');
      else if (name === 'text:line-break') push('\n');
      else if (name === 'table:table-row') cells = [];
    },
    close: (name) => {
      if (name === 'text:span') fontStack.pop();
      else if ((name === 'text:p' || name === 'text:h') && paragraph) {
        fontStack.pop();
        const text = normalizeText(convertParagraph(converter, paragraph).replace(/\s+/g, ' ').trim());
        paragraph = null;
        if (!text) return;
        if (cells) cells.push(text);
        else if (heading !== null) {
          blocks.push({ text, page: null, kind: 'heading', level: heading });
          if (heading === 1 && title === null) title = text;
        } else blocks.push({ text, page: null, kind: isStructuralHeading(text) ? 'heading' : 'paragraph' });
      } else if (name === 'table:table-row' && cells) {
        const row = cells.join('\t');
        cells = null;
        if (row.trim()) blocks.push({ text: row, page: null, kind: 'paragraph' });
      }
    },
    text: (text) => push(text),
  });
  if (blocks.length === 0) throw new ExtractionError('empty', 'the document has no text', { code: 'failure.noText', params: { format: 'opendocument' } });
  return { format: 'odt', blocks, title, pageCount: null, notes: legacyNotes(converter) };
}
