/**
 * Office files (DOCX, XLSX, PPTX, ODT) are zips. This module reads them
 * without trusting what they say about themselves:
 * - `ZipArchive.open` refuses, before anything is inflated, a zip whose central
 *   directory declares a part or a total over the limits (limits.ts);
 * - `ZipArchive` reads parts with fflate's streaming inflater, counting the
 *   bytes really inflated against the same limits whatever sizes the entries
 *   declare: a lying entry is stopped at the budget as `too-large`, never
 *   inflated whole in memory;
 * - `checkInflatedSizes` runs that count over every part, for a parser that
 *   unzips by itself (mammoth, for DOCX).
 */
import { Inflate } from 'fflate';
import { MAX_UNZIPPED_BYTES, MAX_ZIP_PART_BYTES, MAX_ZIP_RATIO, ZIP_RATIO_MIN_BYTES } from './limits.js';
import { ExtractionError } from './types.js';

const MB = 1024 * 1024;
/** Compressed bytes handed to the inflater at a time. */
const CHUNK = 64 * 1024;

/**
 * What the central directory declares, checked before anything is inflated: one part
 * over the limit, or compressed suspiciously well and large, is a zip bomb.
 */
function checkDeclaredSize(size: number, compressed: number): void {
  if (size > MAX_UNZIPPED_BYTES || (compressed > 0 && size / compressed > MAX_ZIP_RATIO && size > ZIP_RATIO_MIN_BYTES)) {
    throw new ExtractionError('too-large', `the file is a zip bomb: one part would expand to ${Math.round(size / MB)} MB; not unpacked`, { code: 'failure.expandsTooMuch', params: { limitMb: null } });
  }
}

function checkDeclaredTotal(total: number): void {
  if (total > MAX_UNZIPPED_BYTES) throw tooLarge(`the file would expand to ${Math.round(total / MB)} MB (over ${MAX_UNZIPPED_BYTES / MB} MB); not unpacked`, MAX_UNZIPPED_BYTES);
}

function findEndOfDirectory(view: DataView, length: number): number {
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  for (let i = length - 22; i >= Math.max(0, length - 65_557); i--) if (view.getUint32(i, true) === 0x06054b50) return i;
  return -1;
}

function tooLarge(detail: string, limit: number | null): ExtractionError {
  return new ExtractionError('too-large', detail, { code: 'failure.expandsTooMuch', params: { limitMb: limit === null ? null : limit / MB } });
}

function damaged(detail: string): ExtractionError {
  return new ExtractionError('corrupt', `not a readable office file (damaged zip: ${detail})`, { code: 'failure.corrupt', params: { format: 'file' } });
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  /** Where the local header starts. */
  local: number;
  /** As declared: used only to bound the compressed bytes read, never to size anything. */
  compressed: number;
}

/** Limits on what one archive may inflate, counted on the bytes really produced. */
export interface InflateBudget {
  part: number;
  total: number;
}

export class ZipArchive {
  private readonly entries = new Map<string, Entry>();
  private inflated = 0;

  private constructor(
    private readonly data: Uint8Array,
    private readonly budget: InflateBudget,
  ) {}

  /** Read the central directory; a zip that declares too much is refused before anything is inflated. */
  static open(data: Uint8Array, budget: InflateBudget = { part: MAX_ZIP_PART_BYTES, total: MAX_UNZIPPED_BYTES }): ZipArchive {
    const archive = new ZipArchive(data, budget);
    archive.readDirectory();
    return archive;
  }

  private readDirectory(): void {
    const { data } = this;
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const eocd = findEndOfDirectory(view, data.length);
    if (eocd < 0) throw damaged('no central directory');
    let offset = directoryOffset(view, eocd);
    const decoder = new TextDecoder('utf-8');
    let declaredTotal = 0;
    while (offset + 46 <= data.length && view.getUint32(offset, true) === 0x02014b50) {
      const nameLength = view.getUint16(offset + 28, true);
      const extraLength = view.getUint16(offset + 30, true);
      const commentLength = view.getUint16(offset + 32, true);
      if (offset + 46 + nameLength > data.length) throw damaged('central directory cut short');
      const name = decoder.decode(data.subarray(offset + 46, offset + 46 + nameLength));
      let declared = view.getUint32(offset + 24, true);
      let compressed = view.getUint32(offset + 20, true);
      let local = view.getUint32(offset + 42, true);
      if (declared === OVERFLOW || compressed === OVERFLOW || local === OVERFLOW) {
        // Zip64 (written by some tools even for small files): the real values are in the extra field,
        // in this order, for the fields that overflowed. Read before the size check, or 0xffffffff reads as 4 GB.
        const zip64 = readZip64(view, offset + 46 + nameLength, extraLength, declared === OVERFLOW, compressed === OVERFLOW, local === OVERFLOW);
        declared = zip64.size ?? declared;
        compressed = zip64.compressed ?? compressed;
        local = zip64.local ?? local;
      }
      // The declared sizes first (one walk of the directory serves both): a bomb is refused before anything is inflated.
      checkDeclaredSize(declared, compressed);
      declaredTotal += declared;
      this.entries.set(name, { name, method: view.getUint16(offset + 10, true), flags: view.getUint16(offset + 8, true), local, compressed });
      offset += 46 + nameLength + extraLength + commentLength;
    }
    checkDeclaredTotal(declaredTotal);
    if (this.entries.size === 0) throw damaged('no entries');
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** A part as UTF-8 text, or null when the archive has no such part. */
  text(name: string): string | null {
    const decoder = new TextDecoder('utf-8');
    const pieces: string[] = [];
    if (!this.inflate(name, (chunk) => pieces.push(decoder.decode(chunk, { stream: true })))) return null;
    pieces.push(decoder.decode());
    return pieces.join('');
  }

  /** Inflate every part, keeping nothing: the real sizes, checked against the budget. */
  checkAll(): void {
    for (const name of this.entries.keys()) if (!name.endsWith('/')) this.inflate(name, () => undefined);
  }

  /** Stream one part's bytes to `sink`; false when there is no such part. */
  private inflate(name: string, sink: (chunk: Uint8Array) => void): boolean {
    const entry = this.entries.get(name);
    if (!entry) return false;
    const { data } = this;
    if (entry.flags & 1) throw new ExtractionError('encrypted', `${name} is encrypted`, { code: 'failure.encrypted', params: { format: 'file' } });
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (entry.local + 30 > data.length || view.getUint32(entry.local, true) !== 0x04034b50) throw damaged(`no local header for ${name}`);
    const start = entry.local + 30 + view.getUint16(entry.local + 26, true) + view.getUint16(entry.local + 28, true);
    // The compressed bytes: as declared when that fits in the file, else up to its end (the inflater stops at the stream's end).
    const end = start + entry.compressed <= data.length && entry.compressed > 0 ? start + entry.compressed : data.length;
    if (start > data.length) throw damaged(`${name} starts past the end of the file`);
    let partBytes = 0;
    const count = (chunk: Uint8Array) => {
      partBytes += chunk.length;
      this.inflated += chunk.length;
      if (partBytes > this.budget.part) throw tooLarge(`${name} inflates to more than ${Math.round(this.budget.part / MB)} MB; stopped there`, null);
      if (this.inflated > this.budget.total) throw tooLarge(`the file inflates to more than ${Math.round(this.budget.total / MB)} MB; stopped there`, this.budget.total);
      sink(chunk);
    };
    if (entry.method === 0) {
      for (let at = start; at < end; at += CHUNK) count(data.subarray(at, Math.min(end, at + CHUNK)));
      return true;
    }
    if (entry.method !== 8) throw damaged(`${name} uses compression method ${entry.method}`);
    let finished = false;
    const inflater = new Inflate((chunk, final) => {
      if (chunk.length > 0) count(chunk);
      if (final) finished = true;
    });
    try {
      for (let at = start; at < end && !finished; at += CHUNK) inflater.push(data.subarray(at, Math.min(end, at + CHUNK)), Math.min(end, at + CHUNK) >= end);
    } catch (error) {
      if (error instanceof ExtractionError) throw error;
      throw damaged(`${name}: ${(error as Error).message}`);
    }
    if (!finished && end > start) throw damaged(`${name} is cut short`);
    return true;
  }
}

/** A 32-bit field of value 0xffffffff means "see the Zip64 record". */
const OVERFLOW = 0xffffffff;

/** Where the central directory starts: from the end record, or from the Zip64 end record it points past. */
function directoryOffset(view: DataView, eocd: number): number {
  const offset = view.getUint32(eocd + 16, true);
  if (offset !== OVERFLOW) return offset;
  // Zip64 end-of-directory locator (20 bytes, just before the end record) → Zip64 end record → directory offset.
  const locator = eocd - 20;
  if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50) throw damaged('a zip64 archive without its locator');
  const record = Number(view.getBigUint64(locator + 8, true));
  if (record + 56 > view.byteLength || view.getUint32(record, true) !== 0x06064b50) throw damaged('a zip64 archive without its end record');
  return Number(view.getBigUint64(record + 48, true));
}

function readZip64(view: DataView, at: number, length: number, size: boolean, compressed: boolean, local: boolean): { size?: number; compressed?: number; local?: number } {
  for (let p = at; p + 4 <= at + length; ) {
    const id = view.getUint16(p, true);
    const fieldLength = view.getUint16(p + 2, true);
    if (id === 0x0001) {
      let q = p + 4;
      const read = () => {
        const value = Number(view.getBigUint64(q, true));
        q += 8;
        return value;
      };
      if (q + 8 * (Number(size) + Number(compressed) + Number(local)) > p + 4 + fieldLength) throw damaged('a zip64 field cut short');
      const sizeValue = size ? read() : undefined;
      return { size: sizeValue, compressed: compressed ? read() : undefined, local: local ? read() : undefined };
    }
    p += 4 + fieldLength;
  }
  throw damaged('a zip64 entry without its sizes');
}

/** For a parser that unzips by itself (mammoth): inflate every part once, counting real bytes against the budget. */
export function checkInflatedSizes(data: Uint8Array, budget?: InflateBudget): void {
  try {
    ZipArchive.open(data, budget).checkAll();
  } catch (error) {
    // Not a zip this guard can read through: the parser names that. Only the budget is this guard's to enforce.
    if (error instanceof ExtractionError && error.kind === 'too-large') throw error;
  }
}
