/**
 * Office zips are read as streams against a byte budget counted on the bytes
 * really inflated: an entry that lies about its size (a zip bomb dressed as a
 * small .xlsx) is stopped at the budget as `too-large` — never `error` — and
 * an honest file whose sizes are merely wrong is still read.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../indexer/extract/index.js';
import { ExtractionError } from '../indexer/extract/types.js';
import { checkInflatedSizes, ZipArchive } from '../indexer/extract/zipguard.js';

const WORKBOOK = `<?xml version="1.0"?><workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Bảng 1" r:id="rId1"/></sheets></workbook>`;
const RELS = `<?xml version="1.0"?><Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`;
const sheet = (rows: number) =>
  `<?xml version="1.0"?><worksheet><sheetData>${Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Danh mục hồ sơ số ${i + 1}</t></is></c></row>`).join('')}</sheetData></worksheet>`;

/** A zip whose central directory and local headers declare every entry `declared` bytes long, whatever it holds. */
function lyingZip(files: Record<string, string>, declared: number): Uint8Array {
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])), { level: 9 });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 4 <= zip.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50) view.setUint32(i + 22, declared, true); // local header: uncompressed size
    if (signature === 0x02014b50) view.setUint32(i + 24, declared, true); // central directory: uncompressed size
  }
  return zip;
}

const bomb = () =>
  lyingZip({ 'xl/workbook.xml': WORKBOOK, 'xl/_rels/workbook.xml.rels': RELS, 'xl/worksheets/sheet1.xml': sheet(1000) + ' '.repeat(8 * 1024 * 1024) }, 1000);

describe('archives read against a byte budget', () => {
  it('stops an entry that lies about its size at the budget, as too-large', () => {
    const data = bomb();
    expect(data.length).toBeLessThan(200 * 1024); // small on disk, 8 MB inside, declaring 1 KB
    const archive = ZipArchive.open(data, { part: 2 * 1024 * 1024, total: 4 * 1024 * 1024 });
    expect(archive.text('xl/workbook.xml')).toContain('Bảng 1');
    let failure: unknown;
    try {
      archive.text('xl/worksheets/sheet1.xml');
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ExtractionError);
    expect((failure as ExtractionError).kind).toBe('too-large');
    expect((failure as ExtractionError).coded.code).toBe('failure.expandsTooMuch');
  });

  it('counts the whole archive too, and guards a parser that unzips by itself', () => {
    const parts: Record<string, string> = {};
    for (let i = 0; i < 6; i++) parts[`word/part${i}.xml`] = 'x'.repeat(1024 * 1024);
    const data = lyingZip(parts, 10);
    expect(() => checkInflatedSizes(data, { part: 2 * 1024 * 1024, total: 4 * 1024 * 1024 })).toThrow(/inflates to more than 4 MB/);
    expect(() => checkInflatedSizes(data, { part: 2 * 1024 * 1024, total: 8 * 1024 * 1024 })).not.toThrow();
  });

  it('reads a workbook whose declared sizes are wrong but whose content is within the limits', async () => {
    const data = lyingZip({ 'xl/workbook.xml': WORKBOOK, 'xl/_rels/workbook.xml.rels': RELS, 'xl/worksheets/sheet1.xml': sheet(30) }, 7);
    const doc = await extractFile('so-lieu.xlsx', data);
    expect(doc.blocks.map((b) => b.text).join('\n')).toContain('Danh mục hồ sơ số 30');
  });

  it('names a damaged archive corrupt, never error', async () => {
    const whole = bomb();
    const data = whole.slice(0, whole.length - 40); // the end of the central directory cut off
    await expect(extractFile('hong.xlsx', data)).rejects.toMatchObject({ kind: 'corrupt' });
    const cut = lyingZip({ 'xl/workbook.xml': WORKBOOK, 'xl/_rels/workbook.xml.rels': RELS, 'xl/worksheets/sheet1.xml': sheet(5) }, 7);
    const view = new DataView(cut.buffer, cut.byteOffset, cut.byteLength);
    for (let i = 0; i + 4 <= cut.length; i++) if (view.getUint32(i, true) === 0x02014b50) view.setUint16(i + 10, 99, true); // an unknown compression method
    await expect(extractFile('hong.xlsx', cut)).rejects.toMatchObject({ kind: 'corrupt' });
  });
});
