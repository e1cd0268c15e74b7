/**
 * Plain text and Markdown → blocks. Text files arrive in UTF-8, UTF-16 (with a
 * byte-order mark) or, from older Windows machines, Windows-1258; form feeds
 * (as pdftotext writes them) separate pages.
 */
import { LegacyConverter, legacyNotes } from '../vietnamese/legacy.js';
import { normalizeText } from '../common/normalize.js';
import { isStructuralHeading } from '../analyze/structure.js';
import { ExtractionError, type Block, type ExtractedDocument, type ExtractOptions } from './types.js';

/**
 * Decode bytes to a string, trusting a BOM, then strict UTF-8, then 8-bit.
 * 8-bit text is returned as its Windows-1252 characters: whether the bytes were
 * Windows-1258, TCVN3 or VNI is decided per line afterwards, by
 * vietnamese/legacy.ts (Windows-1258 is one of the encodings it detects).
 */
export function decodeText(data: Uint8Array): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return new TextDecoder('utf-8').decode(data.subarray(3));
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    // Not UTF-8: an 8-bit Vietnamese encoding; legacy.ts tells which, line by line.
    return new TextDecoder('windows-1252').decode(data);
  }
}

function ensureText(text: string): void {
  // Control characters among the text mean a binary file with a text extension. Runs of NUL
  // padding (some old editors and fixed-width exports leave them) are not text, but not a verdict either.
  const sample = text.replace(/\u0000+/g, '').slice(0, 4096);
  const controls = sample.replace(/[\t\n\r\f]/g, '').match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (controls > sample.length * 0.01 || (sample.trim() === '' && text.length > 0 && /\u0000/.test(text))) {
    throw new ExtractionError('corrupt', 'the file is binary, not text', { code: 'failure.binary', params: {} });
  }
}

/** Split a page of text into paragraphs at blank lines, and before structural headings. */
function paragraphBlocks(pageText: string, page: number | null, converter: LegacyConverter): Block[] {
  const blocks: Block[] = [];
  for (const chunk of pageText.split(/\n\s*\n/)) {
    let buffer: string[] = [];
    const flush = () => {
      const text = normalizeText(buffer.join(' ').replace(/\s+/g, ' ').trim());
      if (text) blocks.push({ text, page, kind: 'paragraph' });
      buffer = [];
    };
    for (const raw of chunk.split('\n')) {
      const line = converter.convert(raw);
      if (isStructuralHeading(line.trim())) {
        flush();
        buffer.push(line);
        flush();
      } else {
        buffer.push(line);
      }
    }
    flush();
  }
  return blocks;
}

export function extractTxt(data: Uint8Array, options: ExtractOptions = {}): ExtractedDocument {
  const text = decodeText(data).replace(/\r\n?/g, '\n');
  ensureText(text);
  const converter = new LegacyConverter({ uppercaseFonts: options.legacy?.uppercaseFonts });
  const pages = text.split('\f');
  const paged = pages.length > 1;
  const blocks = pages.flatMap((pageText, i) => paragraphBlocks(pageText, paged ? i + 1 : null, converter));
  return { format: 'txt', blocks, title: null, pageCount: paged ? pages.length : null, notes: legacyNotes(converter) };
}

/** Inline Markdown → plain text: links keep their words, images and markup go. */
function stripInline(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(^|\W)[*_]([^*_]+)[*_](?=\W|$)/g, '$1$2')
    .replace(/<[^>]+>/g, '');
}

export function extractMarkdown(data: Uint8Array, options: ExtractOptions = {}): ExtractedDocument {
  const converter = new LegacyConverter({ uppercaseFonts: options.legacy?.uppercaseFonts });
  const source = decodeText(data)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => converter.convert(line))
    .join('\n');
  ensureText(source);
  const blocks: Block[] = [];
  let title: string | null = null;
  let buffer: string[] = [];
  let inFence = false;
  const flush = () => {
    const text = normalizeText(stripInline(buffer.join(' ')).replace(/\s+/g, ' ').trim());
    if (text) blocks.push({ text, page: null, kind: 'paragraph' });
    buffer = [];
  };
  for (const raw of source.split('\n')) {
    if (/^\s*(```|~~~)/.test(raw)) {
      inFence = !inFence;
      flush();
      continue;
    }
    if (inFence) {
      buffer.push(raw);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    if (heading) {
      flush();
      const text = normalizeText(stripInline(heading[2]!));
      if (!text) continue;
      const level = heading[1]!.length;
      if (level === 1 && title === null) title = text;
      blocks.push({ text, page: null, kind: 'heading', level });
      continue;
    }
    if (/^\s*$/.test(raw) || /^\s*([-*_]\s*){3,}$/.test(raw) || /^\s*\|?[\s:-]+\|[\s|:-]*$/.test(raw)) {
      flush();
      continue;
    }
    const item = /^\s*(?:[-*+]|\d+[.)])\s+/.exec(raw);
    if (item || /^\s*>/.test(raw) || /^\s*\|/.test(raw)) flush();
    buffer.push(raw.replace(/^\s*>\s?/, '').replace(/^\s*[-*+]\s+/, '').replace(/\|/g, ' | '));
    if (/^\s*\|/.test(raw)) flush();
  }
  flush();
  return { format: 'md', blocks, title, pageCount: null, notes: legacyNotes(converter) };
}
