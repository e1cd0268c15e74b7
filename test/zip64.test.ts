/**
 * Office files written in Zip64 form (some tools write it even for small files:
 * every size and offset 0xffffffff in the central directory, the real values in
 * a Zip64 extra field, and a Zip64 end record) must read like the same file in
 * plain zip form — not be refused as a 4 GB zip bomb — while a Zip64 entry that
 * really declares a huge size is still refused before anything is inflated.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../indexer/extract/index.js';

const OVERFLOW = 0xffffffff;

/** Rewrite a zip's central directory in Zip64 form; `sizeOf` may lie about an entry's uncompressed size. */
function toZip64(zip: Uint8Array, sizeOf: (name: string, real: number) => number = (_n, real) => real): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const directoryStart = view.getUint32(eocd + 16, true);
  const entries: Uint8Array[] = [];
  for (let at = directoryStart; view.getUint32(at, true) === 0x02014b50; ) {
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    const header = Uint8Array.from(zip.subarray(at, at + 46 + nameLength)); // a copy: Buffer.slice would share memory
    const headerView = new DataView(header.buffer);
    const size = sizeOf(name, view.getUint32(at + 24, true));
    const compressed = view.getUint32(at + 20, true);
    const local = view.getUint32(at + 42, true);
    headerView.setUint32(20, OVERFLOW, true);
    headerView.setUint32(24, OVERFLOW, true);
    headerView.setUint32(42, OVERFLOW, true);
    headerView.setUint16(30, 28, true);
    headerView.setUint16(32, 0, true);
    const extra = new DataView(new ArrayBuffer(28));
    extra.setUint16(0, 0x0001, true);
    extra.setUint16(2, 24, true);
    extra.setBigUint64(4, BigInt(size), true);
    extra.setBigUint64(12, BigInt(compressed), true);
    extra.setBigUint64(20, BigInt(local), true);
    entries.push(header, new Uint8Array(extra.buffer));
    at += 46 + nameLength + extraLength + commentLength;
  }
  const directory = Buffer.concat(entries);
  const count = entries.length / 2;
  const record = new DataView(new ArrayBuffer(56));
  record.setUint32(0, 0x06064b50, true);
  record.setBigUint64(4, 44n, true);
  record.setUint16(12, 45, true);
  record.setUint16(14, 45, true);
  record.setBigUint64(24, BigInt(count), true);
  record.setBigUint64(32, BigInt(count), true);
  record.setBigUint64(40, BigInt(directory.length), true);
  record.setBigUint64(48, BigInt(directoryStart), true);
  const locator = new DataView(new ArrayBuffer(20));
  locator.setUint32(0, 0x07064b50, true);
  locator.setBigUint64(8, BigInt(directoryStart + directory.length), true);
  locator.setUint32(16, 1, true);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, 0xffff, true);
  end.setUint16(10, 0xffff, true);
  end.setUint32(12, OVERFLOW, true);
  end.setUint32(16, OVERFLOW, true);
  return Buffer.concat([zip.subarray(0, directoryStart), directory, new Uint8Array(record.buffer), new Uint8Array(locator.buffer), new Uint8Array(end.buffer)]);
}

const docxFile = path.resolve('corpus/kh-245-2024-ubnd-nghe-an-chuyen-doi-so-doanh-nghiep-hop-tac-xa.docx');

describe('Zip64 office files', () => {
  it('a DOCX in Zip64 form gives the same text as the plain one', async () => {
    const plain = readFileSync(docxFile);
    const zip64 = toZip64(plain);
    expect(zip64.length).toBeGreaterThan(plain.length);
    const expected = await extractFile('ke-hoach.docx', plain);
    const got = await extractFile('ke-hoach.docx', zip64);
    expect(got.blocks.map((b) => b.text)).toEqual(expected.blocks.map((b) => b.text));
    expect(expected.blocks.map((b) => b.text).join('')).toContain('chuyển đổi số');
  });

  it('an XLSX in Zip64 form is read through the guard too', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file('xl/workbook.xml', '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Bảng 1" sheetId="1" r:id="rId1"/></sheets></workbook>');
    zip.file('xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>');
    zip.file('xl/sharedStrings.xml', '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Kinh phí hỗ trợ đổi mới sáng tạo</t></si></sst>');
    zip.file('xl/worksheets/sheet1.xml', '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>');
    const plain = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const got = await extractFile('bang.xlsx', toZip64(plain));
    expect(got.blocks.map((b) => b.text).join('\n')).toContain('Kinh phí hỗ trợ đổi mới sáng tạo');
  });

  it('a Zip64 entry that declares a huge size is still refused before inflating', async () => {
    const plain = readFileSync(docxFile);
    const lying = toZip64(plain, (name, real) => (name === 'word/document.xml' ? 8 * 1024 ** 3 : real));
    await expect(extractFile('bom.docx', lying)).rejects.toMatchObject({ kind: 'too-large' });
  });
});
