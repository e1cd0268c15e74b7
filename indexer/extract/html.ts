/**
 * HTML → blocks, through htmlparser2 (the one file that knows it). Used for
 * .html files and for the HTML that mammoth makes of DOCX files.
 */
import { Parser } from 'htmlparser2';
import { LegacyConverter, legacyNotes } from '../vietnamese/legacy.js';
import { normalizeText } from '../common/normalize.js';
import { decodeText } from './text.js';
import type { Block, ExtractedDocument, ExtractOptions } from './types.js';

/** Elements whose text ends a block. */
const BLOCK_TAGS = new Set([
  'p', 'div', 'li', 'tr', 'td', 'th', 'br', 'section', 'article', 'blockquote', 'pre',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'ul', 'ol', 'dt', 'dd', 'header', 'footer', 'main', 'title',
]);
/** Elements whose content is never text for a reader. */
const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head']);
const CELL_TAGS = new Set(['td', 'th']);

export interface HtmlBlocks {
  blocks: Block[];
  /** The <title> element's text, if any. */
  title: string | null;
}

export function htmlToBlocks(html: string): HtmlBlocks {
  const blocks: Block[] = [];
  let title: string | null = null;
  let buffer = '';
  let skipDepth = 0;
  let inTitle = false;
  let headingLevel: number | undefined;
  /** Inside a table cell, paragraphs and breaks are spaces: a row is one block. */
  let cellDepth = 0;

  const flush = () => {
    const text = normalizeText(buffer.replace(/\s+/g, ' ').trim());
    buffer = '';
    if (!text) return;
    blocks.push(headingLevel ? { text, page: null, kind: 'heading', level: headingLevel } : { text, page: null, kind: 'paragraph' });
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED_TAGS.has(name)) {
          if (name === 'head') return; // <title> lives in <head>; other head content has no text
          skipDepth++;
          return;
        }
        if (name === 'title') {
          inTitle = true;
          return;
        }
        if (CELL_TAGS.has(name)) {
          cellDepth++;
          buffer += ' | ';
          return;
        }
        if (cellDepth > 0 && name !== 'tr' && name !== 'table') {
          buffer += ' ';
          return;
        }
        if (BLOCK_TAGS.has(name)) flush();
        const heading = /^h([1-6])$/.exec(name);
        if (heading) headingLevel = Number(heading[1]);
      },
      ontext(text) {
        if (skipDepth > 0) return;
        if (inTitle) {
          title = normalizeText(((title ?? '') + text).replace(/\s+/g, ' ')).trim() || null;
          return;
        }
        buffer += text;
      },
      onclosetag(name) {
        if (SKIPPED_TAGS.has(name)) {
          if (name !== 'head') skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (name === 'title') {
          inTitle = false;
          return;
        }
        if (CELL_TAGS.has(name)) {
          cellDepth = Math.max(0, cellDepth - 1);
          return;
        }
        if (cellDepth > 0 && name !== 'tr' && name !== 'table') {
          buffer += ' ';
          return;
        }
        if (name === 'tr' || name === 'table') cellDepth = 0;
        if (BLOCK_TAGS.has(name)) {
          flush();
          if (/^h[1-6]$/.test(name)) headingLevel = undefined;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  // Table rows start with the cell separator; drop the leading one.
  for (const block of blocks) block.text = block.text.replace(/^\|\s*/, '');
  return { blocks: blocks.filter((b) => b.text.length > 0), title };
}

/**
 * An .html file (or a "Web page" saved under a .doc/.xls name). Pages from old
 * Vietnamese sites are often TCVN3 or VNI text in a `<font face=".VnTime">`:
 * each block is checked and converted.
 */
export function extractHtml(data: Uint8Array, options: ExtractOptions = {}): ExtractedDocument {
  const { blocks, title } = htmlToBlocks(decodeText(data));
  const converter = new LegacyConverter({ uppercaseFonts: options.legacy?.uppercaseFonts });
  const converted = convertBlocks(blocks, converter);
  return {
    format: 'html',
    blocks: converted,
    title: title ? normalizeText(converter.convert(title)) : null,
    pageCount: null,
    notes: legacyNotes(converter),
  };
}

/** Legacy-encoding conversion of finished blocks (formats that give no font names). */
export function convertBlocks(blocks: Block[], converter: LegacyConverter): Block[] {
  return blocks.map((block) => ({ ...block, text: normalizeText(converter.convert(block.text)) }));
}
