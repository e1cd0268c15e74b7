/**
 * Page images (JPEG, PNG, BMP, TIFF) as the OCR engine takes them, without
 * decoding a pixel here: the kind from the magic bytes, each page's size from
 * its header (the pixel limit is checked before anything is decoded), and a
 * multi-page TIFF cut into single-page TIFFs.
 *
 * Why no image decoder: Tesseract (tesseract.js, through Leptonica) decodes
 * JPEG, PNG, BMP and single-page TIFF itself — uncompressed, PackBits, LZW and
 * the CCITT G3/G4 fax codings office scanners use for black-and-white pages —
 * so a decoder in JavaScript (or a native one) would be a second copy of
 * work already done. What Leptonica lacks is handled here: it reads only a
 * TIFF's first page (each page becomes its own file by pointing the header at
 * its IFD), and it cannot inflate Deflate-coded TIFF strips (inflated here and
 * stored uncompressed). JPEG-coded TIFF pages are refused with a named reason.
 */
import { inflateSync } from 'node:zlib';
import { ExtractionError } from './types.js';

export type ImageKind = 'jpg' | 'png' | 'bmp' | 'tiff';

export interface ImagePage {
  width: number;
  height: number;
  /** The page as bytes Tesseract reads (the file itself for a single image). */
  bytes(): Buffer;
}

/** The image kind the bytes start with, whatever the file is called. */
export function sniffImage(data: Uint8Array): ImageKind | null {
  if (data.length >= 8 && data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpg';
  // "BM" alone could start a text file: the DIB header's size must be one of the known ones too.
  if (data.length >= 26 && data[0] === 0x42 && data[1] === 0x4d && BMP_HEADERS.has(data[14]! | (data[15]! << 8) | (data[16]! << 16) | (data[17]! << 24))) return 'bmp';
  if (data.length >= 8 && ((data[0] === 0x49 && data[1] === 0x49 && data[2] === 42 && data[3] === 0) || (data[0] === 0x4d && data[1] === 0x4d && data[2] === 0 && data[3] === 42))) return 'tiff';
  return null;
}

const BMP_HEADERS = new Set([12, 40, 52, 56, 64, 108, 124]);

const KIND_NAME: Record<ImageKind, string> = { jpg: 'JPEG', png: 'PNG', bmp: 'BMP', tiff: 'TIFF' };

/** A damaged or unreadable image: the failure names the kind and what is wrong. */
export function corruptImage(kind: ImageKind | null, problem: string): ExtractionError {
  return new ExtractionError('corrupt', `the ${kind ? KIND_NAME[kind] : ''} image is damaged or not an image (${problem})`.replace('the  image', 'the image'), { code: 'failure.corrupt', params: { format: 'image' } });
}

/** The pages of an image file with their sizes; throws a named ExtractionError when the header is damaged. */
export function imagePages(data: Uint8Array, kind: ImageKind): ImagePage[] {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const whole = () => buffer;
  if (kind === 'tiff') return tiffPages(buffer);
  const size = kind === 'png' ? pngSize(buffer) : kind === 'jpg' ? jpegSize(buffer) : bmpSize(buffer);
  if (!size || size.width <= 0 || size.height <= 0) throw corruptImage(kind, 'no valid image size in its header');
  return [{ ...size, bytes: whole }];
}

function pngSize(b: Buffer): { width: number; height: number } | null {
  if (b.length < 24 || b.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The frame size from the first SOFn marker (baseline, progressive, lossless…). */
function jpegSize(b: Buffer): { width: number; height: number } | null {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image, or scan data before any frame
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = b.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (at + 9 > b.length) return null;
      return { height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

function bmpSize(b: Buffer): { width: number; height: number } | null {
  const header = b.readUInt32LE(14);
  if (header === 12) return { width: b.readUInt16LE(18), height: b.readUInt16LE(20) };
  if (header < 40 || b.length < 26) return null;
  return { width: b.readInt32LE(18), height: Math.abs(b.readInt32LE(22)) };
}

// ---- TIFF -------------------------------------------------------------------

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
/** More pages than this in one TIFF chain is a loop or a crafted file, not a scan. */
const MAX_TIFF_IFDS = 10_000;

const COMPRESSION_NAMES: Record<number, string> = { 6: 'JPEG (old-style)', 7: 'JPEG', 34712: 'JPEG 2000', 34887: 'LERC', 50000: 'ZSTD', 50001: 'WebP', 34925: 'LZMA' };
/** Codings Leptonica decodes itself: none, CCITT RLE/G3/G4, LZW, PackBits. */
const NATIVE = new Set([1, 2, 3, 4, 5, 32773]);
const DEFLATE = new Set([8, 32946]);

interface Entry {
  tag: number;
  type: number;
  count: number;
  /** File offset of the entry's 12 bytes. */
  at: number;
}

class TiffReader {
  readonly le: boolean;
  constructor(readonly b: Buffer) {
    this.le = b[0] === 0x49;
  }
  u16(at: number): number {
    this.check(at, 2);
    return this.le ? this.b.readUInt16LE(at) : this.b.readUInt16BE(at);
  }
  u32(at: number): number {
    this.check(at, 4);
    return this.le ? this.b.readUInt32LE(at) : this.b.readUInt32BE(at);
  }
  check(at: number, size: number): void {
    if (at < 0 || at + size > this.b.length) throw corruptImage('tiff', 'an offset points past the end of the file');
  }
  /** The values of an entry (SHORT or LONG, as most tags use). */
  values(e: Entry): number[] {
    const size = TYPE_SIZE[e.type] ?? 1;
    const inline = size * e.count <= 4;
    const start = inline ? e.at + 8 : this.u32(e.at + 8);
    this.check(start, size * e.count);
    const out: number[] = [];
    for (let i = 0; i < e.count; i++) out.push(size === 2 ? this.u16(start + 2 * i) : size === 4 ? this.u32(start + 4 * i) : this.b[start + i]!);
    return out;
  }
}

/** The IFDs of a TIFF's page chain: full-resolution pages only (reduced-size thumbnails are skipped). */
function tiffPages(b: Buffer): ImagePage[] {
  const r = new TiffReader(b);
  if (r.u16(2) !== 42) throw corruptImage('tiff', 'BigTIFF or not a TIFF');
  const pages: ImagePage[] = [];
  const seen = new Set<number>();
  for (let ifd = r.u32(4); ifd !== 0; ) {
    if (seen.has(ifd) || seen.size >= MAX_TIFF_IFDS) throw corruptImage('tiff', 'its page chain loops');
    seen.add(ifd);
    const count = r.u16(ifd);
    r.check(ifd + 2, count * 12 + 4);
    const entries: Entry[] = [];
    for (let i = 0; i < count; i++) {
      const at = ifd + 2 + i * 12;
      entries.push({ tag: r.u16(at), type: r.u16(at + 2), count: r.u32(at + 4), at });
    }
    const next = r.u32(ifd + 2 + count * 12);
    const value = (tag: number, fallback: number) => {
      const e = entries.find((x) => x.tag === tag);
      return e ? (r.values(e)[0] ?? fallback) : fallback;
    };
    if ((value(254, 0) & 1) === 0) {
      const width = value(256, 0);
      const height = value(257, 0);
      if (width <= 0 || height <= 0) throw corruptImage('tiff', `page ${pages.length + 1} has no size`);
      const offset = ifd;
      pages.push({ width, height, bytes: () => singlePage(r, offset, entries, height) });
    }
    ifd = next;
  }
  if (pages.length === 0) throw corruptImage('tiff', 'no pages');
  return pages;
}

/**
 * One page as a TIFF of its own: the whole file, with a new IFD appended that
 * copies the page's entries (their offsets still point into the unchanged
 * bytes) and ends the chain. Deflate strips are inflated and stored plain.
 */
function singlePage(r: TiffReader, ifd: number, entries: Entry[], height: number): Buffer {
  const tag = (t: number) => entries.find((e) => e.tag === t);
  const compression = tag(259) ? r.values(tag(259)!)[0]! : 1;
  if (tag(322) || tag(324)) {
    if (!NATIVE.has(compression)) throw new UnsupportedTiff(`tiled pages with ${COMPRESSION_NAMES[compression] ?? `coding ${compression}`}`);
  } else if (!NATIVE.has(compression) && !DEFLATE.has(compression)) {
    throw new UnsupportedTiff(COMPRESSION_NAMES[compression] ?? `coding ${compression}`);
  }
  if (NATIVE.has(compression)) {
    // Point the header at this page; copy its IFD so the chain ends after it.
    return withIfd(r, entries, new Map(), null);
  }
  const offsets = tag(273) ? r.values(tag(273)!) : [];
  const counts = tag(279) ? r.values(tag(279)!) : [];
  if (offsets.length === 0 || offsets.length !== counts.length) throw corruptImage('tiff', `page at ${ifd} has no strips`);
  const strips = offsets.map((o, i) => {
    r.check(o, counts[i]!);
    try {
      return inflateSync(r.b.subarray(o, o + counts[i]!));
    } catch (error) {
      throw corruptImage('tiff', `a Deflate strip does not inflate (${(error as Error).message})`);
    }
  });
  let pixels: Buffer = Buffer.concat(strips);
  const predictor = tag(317) ? r.values(tag(317)!)[0] : 1;
  if (predictor === 2) pixels = undoPredictor(pixels, r, tag(256)!, tag(277), tag(258));
  return withIfd(r, entries, new Map([[259, 1], [278, height], [279, pixels.length], [317, 1]]), pixels);
}

/** Horizontal differencing (predictor 2) undone, for 8-bit samples (what Deflate TIFFs use). */
function undoPredictor(pixels: Buffer, r: TiffReader, widthEntry: Entry, samplesEntry: Entry | undefined, bitsEntry: Entry | undefined): Buffer {
  const width = r.values(widthEntry)[0]!;
  const samples = samplesEntry ? r.values(samplesEntry)[0]! : 1;
  if (bitsEntry && r.values(bitsEntry).some((bits) => bits !== 8)) throw new UnsupportedTiff('Deflate with a predictor on samples other than 8-bit');
  const row = width * samples;
  for (let start = 0; start + row <= pixels.length; start += row) {
    for (let i = start + samples; i < start + row; i++) pixels[i] = (pixels[i]! + pixels[i - samples]!) & 0xff;
  }
  return pixels;
}

/** A page coding Tesseract cannot read and we do not decode; names the coding. */
export class UnsupportedTiff extends Error {
  constructor(readonly coding: string) {
    super(`TIFF pages coded with ${coding} are not supported`);
  }
}

/**
 * The file plus (optionally) plain pixel data plus one new IFD holding `entries`
 * with `overrides` (inline SHORT/LONG values); the header points at the new IFD.
 */
function withIfd(r: TiffReader, entries: Entry[], overrides: Map<number, number>, pixels: Buffer | null): Buffer {
  const base = r.b.length + (r.b.length % 2);
  const dataAt = base;
  const ifdAt = dataAt + (pixels ? pixels.length + (pixels.length % 2) : 0);
  const tags = new Map(entries.map((e) => [e.tag, e]));
  if (pixels) overrides.set(273, dataAt);
  const all = [...new Set([...tags.keys(), ...overrides.keys()])].sort((a, b) => a - b);
  const out = Buffer.alloc(ifdAt + 2 + all.length * 12 + 4);
  r.b.copy(out, 0);
  if (pixels) pixels.copy(out, dataAt);
  const w16 = (v: number, at: number) => (r.le ? out.writeUInt16LE(v, at) : out.writeUInt16BE(v, at));
  const w32 = (v: number, at: number) => (r.le ? out.writeUInt32LE(v, at) : out.writeUInt32BE(v, at));
  w32(ifdAt, 4);
  w16(all.length, ifdAt);
  all.forEach((t, i) => {
    const at = ifdAt + 2 + i * 12;
    const override = overrides.get(t);
    if (override === undefined) {
      r.b.copy(out, at, tags.get(t)!.at, tags.get(t)!.at + 12);
      return;
    }
    const short = t === 259 || t === 317; // Compression and Predictor are SHORTs; offsets and counts LONGs
    w16(t, at);
    w16(short ? 3 : 4, at + 2);
    w32(1, at + 4);
    if (short) w16(override, at + 8);
    else w32(override, at + 8);
  });
  w32(0, ifdAt + 2 + all.length * 12);
  return out;
}
