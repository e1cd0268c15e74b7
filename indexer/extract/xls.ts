/**
 * Excel 97–2003 (.xls, BIFF8; BIFF5 read as far as its strings go) → blocks.
 *
 * Our own reader over `cfb`, not SheetJS: the `xlsx` 0.18.5 package on the npm
 * registry is no longer maintained there and carries published advisories
 * (prototype pollution, CVE-2023-30533; ReDoS, CVE-2024-22363) that matter
 * exactly here, since we open whatever files an office has. Reading text out of
 * BIFF is small: the shared-string table, the cell records, the sheet names, and
 * — which SheetJS does not expose per cell in a form we can use — each cell's font
 * through its XF record, so a `.VnTime` cell is converted as TCVN3 and a
 * `VNI-Times` cell as VNI. Layout: [MS-XLS] 2.4 (records), 2.5.293 (strings).
 */
import { LegacyConverter, legacyNotes } from '../vietnamese/legacy.js';
import { openOle } from './ole.js';
import { formatNumber, sheetBlocks, type Cell, type Sheet } from './spreadsheet.js';
import { ExtractionError, type ExtractedDocument, type ExtractOptions } from './types.js';
import { MAX_SPREADSHEET_CELLS } from './limits.js';

const R = {
  BOF: 0x0809,
  EOF: 0x000a,
  FILEPASS: 0x002f,
  CODEPAGE: 0x0042,
  BOUNDSHEET: 0x0085,
  FONT: 0x0031,
  XF: 0x00e0,
  SST: 0x00fc,
  CONTINUE: 0x003c,
  LABELSST: 0x00fd,
  LABEL: 0x0204,
  RSTRING: 0x00d6,
  NUMBER: 0x0203,
  RK: 0x027e,
  MULRK: 0x00bd,
  FORMULA: 0x0006,
  STRING: 0x0207,
  BOOLERR: 0x0205,
} as const;

interface RecordData {
  type: number;
  /** Offset of the record header in the stream. */
  offset: number;
  data: Buffer;
  /** CONTINUE records that follow it. */
  continues: Buffer[];
}


export async function extractXls(data: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const ole = openOle(data, 'Excel workbook');
  const stream = ole.stream('Workbook') ?? ole.stream('Book');
  if (!stream) {
    if (ole.stream('WordDocument')) throw new ExtractionError('corrupt', 'named .xls but it is a Word document', { code: 'failure.misnamed', params: { ext: '.xls', actual: 'word' } });
    throw new ExtractionError('corrupt', 'not a readable Excel workbook (no Workbook stream)', { code: 'failure.corrupt', params: { format: 'excel' } });
  }
  let workbook: ReturnType<typeof readWorkbook>;
  try {
    workbook = readWorkbook(stream);
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw new ExtractionError('corrupt', `not a readable Excel workbook (${(error as Error).message})`, { code: 'failure.corrupt', params: { format: 'excel' } });
  }
  const converter = new LegacyConverter({ uppercaseFonts: options.legacy?.uppercaseFonts });
  const blocks = sheetBlocks(workbook.sheets, converter);
  if (blocks.length === 0) throw new ExtractionError('empty', 'the workbook has no text or numbers', { code: 'failure.noText', params: { format: 'excel' } });
  return { format: 'xls', blocks, title: null, pageCount: null, notes: legacyNotes(converter) };
}

function records(stream: Buffer): RecordData[] {
  const out: RecordData[] = [];
  let pos = 0;
  while (pos + 4 <= stream.length) {
    const type = stream.readUInt16LE(pos);
    const length = stream.readUInt16LE(pos + 2);
    const data = stream.subarray(pos + 4, pos + 4 + length);
    if (type === R.CONTINUE && out.length) out[out.length - 1]!.continues.push(data);
    else out.push({ type, offset: pos, data, continues: [] });
    pos += 4 + length;
  }
  return out;
}

/** Reads across a record and its CONTINUE records; a string split at a boundary restarts with a flags byte. */
class SegmentReader {
  private seg = 0;
  private pos = 0;
  constructor(private readonly segments: Buffer[]) {}

  private get current(): Buffer {
    return this.segments[this.seg]!;
  }
  get done(): boolean {
    return this.seg >= this.segments.length || (this.seg === this.segments.length - 1 && this.pos >= this.current.length);
  }
  private ensure(): void {
    while (this.seg < this.segments.length && this.pos >= this.current.length) {
      this.seg++;
      this.pos = 0;
    }
    if (this.seg >= this.segments.length) throw new Error('record ended early');
  }
  u8(): number {
    this.ensure();
    return this.current[this.pos++]!;
  }
  u16(): number {
    return this.u8() | (this.u8() << 8);
  }
  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }
  skip(n: number): void {
    for (let left = n; left > 0; ) {
      this.ensure();
      const step = Math.min(left, this.current.length - this.pos);
      this.pos += step;
      left -= step;
    }
  }
  /** `count` characters, 1 or 2 bytes each; at a segment boundary a new flags byte says which. */
  chars(count: number, highByte: boolean): string {
    let out = '';
    let wide = highByte;
    for (let i = 0; i < count; i++) {
      if (this.pos >= this.current.length) {
        this.seg++;
        this.pos = 0;
        if (this.seg >= this.segments.length) throw new Error('string ran past its record');
        wide = (this.u8() & 0x01) !== 0;
      }
      out += String.fromCharCode(wide ? this.u16() : this.u8());
    }
    return out;
  }
  /** XLUnicodeRichExtendedString (SST entries). */
  richString(): string {
    const cch = this.u16();
    const flags = this.u8();
    const runs = flags & 0x08 ? this.u16() : 0;
    const ext = flags & 0x04 ? this.u32() : 0;
    const text = this.chars(cch, (flags & 0x01) !== 0);
    this.skip(runs * 4 + ext);
    return text;
  }
}

/** XLUnicodeString (16-bit count) or ShortXLUnicodeString (8-bit count) at `pos`. */
function unicodeString(buf: Buffer, pos: number, countBytes: 1 | 2): { text: string; end: number } {
  const cch = countBytes === 1 ? buf[pos]! : buf.readUInt16LE(pos);
  let at = pos + countBytes;
  const flags = buf[at++]!;
  const runs = flags & 0x08 ? buf.readUInt16LE((at += 2) - 2) : 0;
  const ext = flags & 0x04 ? buf.readUInt32LE((at += 4) - 4) : 0;
  const wide = (flags & 0x01) !== 0;
  const bytes = buf.subarray(at, at + cch * (wide ? 2 : 1));
  const text = wide ? bytes.toString('utf16le') : bytes.toString('latin1');
  return { text, end: at + bytes.length + runs * 4 + ext };
}

function rkValue(rk: number): number {
  let value: number;
  if (rk & 0x02) value = rk >> 2;
  else {
    const buf = Buffer.alloc(8);
    buf.writeUInt32LE(0, 0);
    buf.writeUInt32LE((rk & 0xfffffffc) >>> 0, 4);
    value = buf.readDoubleLE(0);
  }
  return rk & 0x01 ? value / 100 : value;
}

function readWorkbook(stream: Buffer): { sheets: Sheet[] } {
  const all = records(stream);
  const first = all[0];
  if (!first || (first.type & 0xff) !== 0x09) throw new ExtractionError('corrupt', 'not a readable Excel workbook (no BOF record)', { code: 'failure.corrupt', params: { format: 'excel' } });
  const biff8 = first.type === R.BOF && first.data.readUInt16LE(0) === 0x0600;
  let codepage = 1252;
  const fonts: string[] = [];
  const xfFonts: number[] = [];
  let sst: string[] = [];
  const sheetsAt: Array<{ name: string; offset: number; kind: number }> = [];

  // Workbook globals: up to the first EOF.
  let i = 1;
  for (; i < all.length && all[i]!.type !== R.EOF; i++) {
    const r = all[i]!;
    switch (r.type) {
      case R.FILEPASS:
        throw new ExtractionError('encrypted', 'the workbook is password-protected', { code: 'failure.encrypted', params: { format: 'excel' } });
      case R.CODEPAGE:
        codepage = r.data.readUInt16LE(0);
        break;
      case R.FONT: {
        // Font 4 does not exist in BIFF: indexes skip it.
        if (fonts.length === 4) fonts.push('');
        const name = biff8 ? unicodeString(r.data, 14, 1).text : decode8(r.data.subarray(15, 15 + r.data[14]!), codepage);
        fonts.push(name);
        break;
      }
      case R.XF:
        xfFonts.push(r.data.readUInt16LE(0));
        break;
      case R.SST: {
        const reader = new SegmentReader([r.data, ...r.continues]);
        reader.u32();
        const unique = reader.u32();
        sst = [];
        for (let k = 0; k < unique && !reader.done; k++) sst.push(reader.richString());
        break;
      }
      case R.BOUNDSHEET: {
        const offset = r.data.readUInt32LE(0);
        const kind = r.data[5]!;
        const name = biff8 ? unicodeString(r.data, 6, 1).text : decode8(r.data.subarray(7, 7 + r.data[6]!), codepage);
        sheetsAt.push({ name, offset, kind });
        break;
      }
    }
  }

  const byOffset = new Map(all.map((r, index) => [r.offset, index]));
  const fontOf = (xf: number) => fonts[xfFonts[xf] ?? -1] || null;
  const sheets: Sheet[] = [];
  let cellCount = 0;
  for (const { name, offset, kind } of sheetsAt) {
    if (kind !== 0) continue; // worksheets only (not charts, macro sheets)
    let k = byOffset.get(offset);
    if (k === undefined) continue;
    const cells: Cell[] = [];
    let pendingFormula: { row: number; col: number; font: string | null } | null = null;
    for (k++; k < all.length && all[k]!.type !== R.EOF; k++) {
      const r = all[k]!;
      const d = r.data;
      if (++cellCount > MAX_SPREADSHEET_CELLS) throw new ExtractionError('too-large', `the workbook has more than ${MAX_SPREADSHEET_CELLS} cells`, { code: 'failure.tooManyCells', params: { max: MAX_SPREADSHEET_CELLS } });
      switch (r.type) {
        case R.LABELSST: {
          const text = sst[d.readUInt32LE(6)];
          if (text !== undefined) cells.push({ row: d.readUInt16LE(0), col: d.readUInt16LE(2), text, font: fontOf(d.readUInt16LE(4)) });
          break;
        }
        case R.LABEL:
        case R.RSTRING: {
          const text = biff8 ? unicodeString(d, 6, 2).text : decode8(d.subarray(8, 8 + d.readUInt16LE(6)), codepage);
          cells.push({ row: d.readUInt16LE(0), col: d.readUInt16LE(2), text, font: fontOf(d.readUInt16LE(4)) });
          break;
        }
        case R.NUMBER:
          cells.push({ row: d.readUInt16LE(0), col: d.readUInt16LE(2), text: formatNumber(d.readDoubleLE(6)), font: null, literal: true });
          break;
        case R.RK:
          cells.push({ row: d.readUInt16LE(0), col: d.readUInt16LE(2), text: formatNumber(rkValue(d.readUInt32LE(6))), font: null, literal: true });
          break;
        case R.MULRK: {
          const row = d.readUInt16LE(0);
          const firstCol = d.readUInt16LE(2);
          const count = (d.length - 6) / 6;
          for (let c = 0; c < count; c++) {
            const value = rkValue(d.readUInt32LE(4 + c * 6 + 2));
            cells.push({ row, col: firstCol + c, text: formatNumber(value), font: null, literal: true });
          }
          break;
        }
        case R.FORMULA: {
          const row = d.readUInt16LE(0);
          const col = d.readUInt16LE(2);
          const result = d.subarray(6, 14);
          if (result.readUInt16LE(6) === 0xffff) {
            if (result[0] === 0) pendingFormula = { row, col, font: fontOf(d.readUInt16LE(4)) };
            else if (result[0] === 1) cells.push({ row, col, text: result[2] ? 'TRUE' : 'FALSE', font: null, literal: true });
          } else {
            cells.push({ row, col, text: formatNumber(result.readDoubleLE(0)), font: null, literal: true });
          }
          break;
        }
        case R.STRING:
          if (pendingFormula) {
            const text = biff8 ? unicodeString(d, 0, 2).text : decode8(d.subarray(2, 2 + d.readUInt16LE(0)), codepage);
            cells.push({ ...pendingFormula, text });
            pendingFormula = null;
          }
          break;
        case R.BOOLERR:
          if (d[7] === 0) cells.push({ row: d.readUInt16LE(0), col: d.readUInt16LE(2), text: d[6] ? 'TRUE' : 'FALSE', font: null, literal: true });
          break;
      }
    }
    sheets.push({ name, cells });
  }
  return { sheets };
}

function decode8(bytes: Buffer, codepage: number): string {
  // 8-bit BIFF5 strings: Windows code pages; legacy-font bytes come through as their 1252 characters.
  const label = codepage === 1200 ? 'utf-16le' : codepage === 10000 ? 'macintosh' : `windows-${codepage}`;
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}
