#!/usr/bin/env node
// Generates the bad-input suite of issue 7: broken, hostile and merely odd files, each
// made here (a few start from a copy of a corpus/ file and damage the copy in outDir).
//
//   node scripts/make-bad-inputs.mjs <outDir> [--json]
//
// Also importable: `makeBadInputs(outDir)` writes everything and returns the manifest,
// one entry per file or folder:
//
//   { file,    // path relative to outDir ('/'-separated; exact bytes matter: NFD stays NFD)
//     kind,    // unique id of the kind of bad input
//     expect,  // 'indexed' | 'failed' | 'skipped' (skipped: neither indexed nor listed as failed)
//     reason,  // for 'failed': a RegExp source (test it case-insensitively) that the failure
//              // reason must match, i.e. the reason must name what is wrong; else null
//     note,    // why this is the expectation
//     failKinds?,   // for 'failed': the acceptable FileFailure.kind values
//     search?,      // for 'indexed': [{ query, text?, page? }] each must find this file
//                   //   (text: a string the hit's passage must contain; page: the hit's page)
//     marker?,      // a word only this file contains: a failed or skipped file must not be found by it
//     once?,        // for 'indexed': the marker must find exactly one document (no duplicates)
//     alt?,         // a second acceptable outcome { expect, reason } when two are equally right
//     sparse?,      // the 1 GB sparse file: compare size and mtime, not a hash
//     walkLevel?,   // the failure is found while walking (stat/readdir), not by reading the file
//   }
//
// Everything is deterministic (seeded bytes, fixed content) except the timestamps.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.join(ROOT, 'corpus');

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

// ---------------------------------------------------------------------------
// Text

const VI_SENTENCES = [
  'Ủy ban nhân dân tỉnh giao Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành triển khai kế hoạch.',
  'Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước và các nguồn vốn hợp pháp khác theo quy định.',
  'Các doanh nghiệp nhỏ và vừa được hỗ trợ chuyển giao công nghệ, đổi mới sáng tạo và phát triển thương hiệu.',
  'Hội đồng tư vấn đánh giá nghiệm thu kết quả thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh.',
  'Báo cáo tổng kết nêu rõ những kết quả đạt được, hạn chế, nguyên nhân và bài học kinh nghiệm.',
  'Quyết định này có hiệu lực kể từ ngày ký; Chánh Văn phòng và thủ trưởng các cơ quan liên quan chịu trách nhiệm thi hành.',
];

/** A few hundred bytes of Vietnamese prose with `marker` and an accented `phrase` in it. */
function viText(marker, phrase, sentences = 4) {
  const body = [];
  for (let i = 0; i < sentences; i++) body.push(VI_SENTENCES[i % VI_SENTENCES.length]);
  return `Văn bản thử nghiệm ${marker}.\n\n${phrase ? `Nội dung chính: ${phrase}.\n\n` : ''}${body.join('\n')}\n`;
}

/** Vietnamese without accents (the base-14 PDF fonts have no Vietnamese glyphs). */
const ASCII_VI = 'Bao cao tong ket cong tac khoa hoc va cong nghe cua tinh trong nam nay';

// ---------------------------------------------------------------------------
// Bytes

/** Deterministic pseudo-random bytes (xorshift32). */
function randomBytes(n, seed) {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** Windows-1258: Vietnamese with base letters (â, ơ, đ …) precomposed and tone marks combining. */
const CP1258 = (() => {
  const decoder = new TextDecoder('windows-1258');
  const map = new Map();
  for (let b = 0; b < 256; b++) {
    const ch = decoder.decode(Uint8Array.of(b));
    if (!map.has(ch)) map.set(ch, b);
  }
  return map;
})();
const TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);

function encodeCp1258(text) {
  const bytes = [];
  for (const ch of text.normalize('NFC')) {
    const direct = CP1258.get(ch);
    if (direct !== undefined) {
      bytes.push(direct);
      continue;
    }
    const parts = [...ch.normalize('NFD')];
    const tones = parts.filter((p) => TONES.has(p));
    const base = parts.filter((p) => !TONES.has(p)).join('').normalize('NFC');
    const code = CP1258.get(base);
    if (code === undefined || tones.length !== 1) throw new Error(`cannot encode ${JSON.stringify(ch)} in Windows-1258`);
    bytes.push(code, CP1258.get(tones[0]));
  }
  return Buffer.from(bytes);
}

function utf16be(text) {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) {
    const t = le[i];
    le[i] = le[i + 1];
    le[i + 1] = t;
  }
  return le;
}

// ---------------------------------------------------------------------------
// ZIP (just enough for DOCX): stored or deflated entries, or a pre-deflated entry.

const DOS_TIME = (12 << 11) | (0 << 5); // 12:00:00
const DOS_DATE = ((2024 - 1980) << 9) | (5 << 5) | 20; // 2024-05-20

/**
 * entries: [{ name, data }] (deflated here) or [{ name, deflated, crc, size }] (already deflated).
 */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = entry.deflated ?? zlib.deflateRawSync(entry.data, { level: 6 });
    const crc = entry.crc ?? zlib.crc32(entry.data);
    const size = entry.size ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(raw.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(raw.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, raw);
    centrals.push(central, name);
    offset += local.length + name.length + raw.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';
const DOC_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W_NS}"><w:body>`;
const DOC_TAIL = '</w:body></w:document>';

function escapeXml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One Word paragraph with the run properties real documents carry. */
function wPara(text) {
  return (
    '<w:p><w:pPr><w:spacing w:before="120" w:after="120"/><w:jc w:val="both"/></w:pPr>' +
    '<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/></w:rPr>' +
    `<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`
  );
}

function docxPackage(documentXml, { withDocument = true } = {}) {
  const entries = [
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
  ];
  if (withDocument) entries.push({ name: 'word/document.xml', data: Buffer.isBuffer(documentXml) ? documentXml : Buffer.from(documentXml, 'utf8') });
  return zip(entries);
}

function simpleDocx(paragraphs) {
  return docxPackage(DOC_HEAD + paragraphs.map(wPara).join('') + DOC_TAIL);
}

/**
 * A DOCX whose word/document.xml inflates to `inflatedBytes` (> 1 GB): the deflate stream is
 * one fully-flushed deflate of a 1 MiB chunk repeated, so it costs ~1 MB and a second to make.
 * Sizes and CRC in the zip are honest, as in a real bomb.
 */
function zipBombDocx(minInflated) {
  const head = Buffer.from(DOC_HEAD + wPara('zqzipbomb Tài liệu mở đầu bình thường.'));
  const unit = Buffer.from(wPara('bom bom bom bom bom bom bom bom'));
  const chunk = Buffer.alloc(Math.floor(MiB / unit.length) * unit.length);
  for (let at = 0; at < chunk.length; at += unit.length) unit.copy(chunk, at);
  const tail = Buffer.from(DOC_TAIL);
  const chunks = Math.ceil((minInflated - head.length - tail.length) / chunk.length);
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 };
  const headZ = zlib.deflateRawSync(head, flush);
  const chunkZ = zlib.deflateRawSync(chunk, flush);
  const tailZ = zlib.deflateRawSync(tail, { level: 9 });
  let crc = zlib.crc32(head);
  for (let i = 0; i < chunks; i++) crc = zlib.crc32(chunk, crc);
  crc = zlib.crc32(tail, crc);
  const size = head.length + chunks * chunk.length + tail.length;
  const parts = [headZ];
  for (let i = 0; i < chunks; i++) parts.push(chunkZ);
  parts.push(tailZ);
  const entries = [
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
    { name: 'word/document.xml', deflated: Buffer.concat(parts), crc, size },
  ];
  return { data: zip(entries), inflated: size };
}

// ---------------------------------------------------------------------------
// PDF, written object by object

const PDF_PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function md5(...parts) {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
}

function rc4(key, data) {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
    out[n] = data[n] ^ s[(s[i] + s[j]) & 0xff];
  }
  return out;
}

function padPassword(password) {
  const b = Buffer.from(password, 'latin1').subarray(0, 32);
  return Buffer.concat([b, PDF_PAD.subarray(0, 32 - b.length)]);
}

/** Standard security handler, revision 2 (40-bit RC4): PDF 1.7 §7.6.3, algorithms 2, 3 and 4. */
function standardSecurity(userPassword, ownerPassword, fileId) {
  const P = -44; // printing and copying not allowed
  const ownerKey = md5(padPassword(ownerPassword)).subarray(0, 5);
  const O = rc4(ownerKey, padPassword(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(P);
  const key = md5(padPassword(userPassword), O, p, fileId).subarray(0, 5);
  const U = rc4(key, PDF_PAD);
  return {
    dict: `<< /Filter /Standard /V 1 /R 2 /O <${O.toString('hex')}> /U <${U.toString('hex')}> /P ${P} >>`,
    objectKey: (num, gen) => md5(key, Buffer.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, gen & 0xff, (gen >> 8) & 0xff])).subarray(0, 10),
  };
}

/**
 * objects[i] is object i+1: a string body, or { dict, stream: Buffer } (the /Length is added).
 * The catalogue must be object 1. Options: encrypt { user, owner }.
 */
function buildPdf(objects, { encrypt } = {}) {
  const fileId = md5(Buffer.from(`kho-bad-input-${objects.length}-${encrypt ? encrypt.user : ''}`));
  const security = encrypt ? standardSecurity(encrypt.user, encrypt.owner, fileId) : null;
  const all = security ? [...objects, security.dict] : objects;
  const encryptNum = security ? all.length : 0;
  const chunks = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0].length;
  const offsets = [];
  all.forEach((object, i) => {
    const num = i + 1;
    offsets.push(offset);
    let body;
    if (typeof object === 'string') body = Buffer.from(`${num} 0 obj\n${object}\nendobj\n`, 'latin1');
    else {
      const data = security && num !== encryptNum ? rc4(security.objectKey(num, 0), object.stream) : object.stream;
      const dict = object.dict.replace(/>>\s*$/, ` /Length ${data.length} >>`);
      body = Buffer.concat([Buffer.from(`${num} 0 obj\n${dict}\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
    }
    chunks.push(body);
    offset += body.length;
  });
  const xref = [`xref\n0 ${all.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  const id = fileId.toString('hex');
  const trailer = `trailer\n<< /Size ${all.length + 1} /Root 1 0 R${security ? ` /Encrypt ${encryptNum} 0 R` : ''} /ID [<${id}> <${id}>] >>\nstartxref\n${offset}\n%%EOF\n`;
  chunks.push(Buffer.from(xref + trailer, 'latin1'));
  return Buffer.concat(chunks);
}

function pdfString(latin1) {
  return `(${latin1.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** A content stream drawing lines of Helvetica text (byte strings, WinAnsi). */
function textContent(lines) {
  const ops = ['BT', '/F1 12 Tf', '16 TL', '56 780 Td'];
  for (const line of lines) ops.push(`${pdfString(line)} Tj`, 'T*');
  ops.push('ET');
  return Buffer.from(ops.join('\n'), 'latin1');
}

const HELVETICA = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';

/** pages: an array of pages, each an array of text lines. Objects: 1 catalogue, 2 pages, 3 font, then page/content pairs. */
function textPdf(pages, options = {}) {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', null, HELVETICA];
  const kids = [];
  pages.forEach((lines) => {
    const pageNum = objects.length + 1;
    kids.push(`${pageNum} 0 R`);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageNum + 1} 0 R >>`);
    objects.push({ dict: '<< >>', stream: textContent(lines) });
  });
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`;
  return buildPdf(objects, options);
}

/** Lines of a one-page document: ASCII Vietnamese (no accents), enough letters to count as a text layer. */
function asciiPage(marker) {
  return [`Van ban thu nghiem ${marker}`, ASCII_VI, 'Ket qua dat duoc trong nam duoc danh gia cao'];
}

function imageOnlyPdf() {
  const width = 400;
  const height = 200;
  const pixels = Buffer.alloc(width * height, 0xff);
  // Dark bars like lines of print on a scan, and a little noise.
  const noise = randomBytes(width * height, 7);
  for (let y = 0; y < height; y++) {
    const inLine = y % 20 >= 6 && y % 20 < 14;
    for (let x = 0; x < width; x++) {
      const word = Math.floor(x / 23) % 4 !== 3;
      if (inLine && word && x > 20 && x < width - 20) pixels[y * width + x] = 30 + (noise[y * width + x] & 0x3f);
    }
  }
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
    { dict: '<< >>', stream: Buffer.from('q 500 0 0 250 48 500 cm /Im1 Do Q', 'latin1') },
    { dict: `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode >>`, stream: zlib.deflateSync(pixels) },
  ];
  return buildPdf(objects);
}

function pageTreeCyclePdf() {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [4 0 R 2 0 R] /Count 2 >>', // the tree contains itself
    HELVETICA,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>',
    { dict: '<< >>', stream: textContent(asciiPage('zqpagetreecycle')) },
  ];
  return buildPdf(objects);
}

/** Every xref offset wrong and startxref pointing into the middle of an object. */
function breakXref(pdf) {
  const text = pdf.toString('latin1');
  const xrefAt = text.lastIndexOf('\nxref\n') + 1;
  const broken = text.slice(xrefAt).replace(/^(\d{10}) (\d{5}) n /gm, (_, o, g) => `${String(Number(o) + 37).padStart(10, '0')} ${g} n `).replace(/startxref\n\d+/, `startxref\n${Math.floor(xrefAt / 2)}`);
  return Buffer.from(text.slice(0, xrefAt) + broken, 'latin1');
}

// ---------------------------------------------------------------------------
// The suite

function corpusFile(ext, index = 0) {
  const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith(ext)).sort();
  return fs.readFileSync(path.join(CORPUS, files[index % files.length]));
}

/** True when this process can read a file it has no read permission for (root, CAP_DAC_OVERRIDE). */
function permissionsIgnored(file) {
  try {
    fs.closeSync(fs.openSync(file, 'r'));
    return true;
  } catch {
    return false;
  }
}

export async function makeBadInputs(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const manifest = [];
  const write = (rel, data) => {
    const full = path.join(outDir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, data);
    return full;
  };
  const add = (entry) => manifest.push({ reason: null, ...entry });
  const indexed = (file, kind, note, search, extra = {}) => add({ file, kind, expect: 'indexed', note, search, ...extra });
  const failed = (file, kind, reason, failKinds, note, extra = {}) => add({ file, kind, expect: 'failed', reason, failKinds, note, ...extra });
  const skipped = (file, kind, note, extra = {}) => add({ file, kind, expect: 'skipped', note, ...extra });

  // --- empty and size extremes
  write('rong/tep-rong.pdf', Buffer.alloc(0));
  failed('rong/tep-rong.pdf', 'zero-byte', 'empty|0 bytes|zero', ['empty'], 'a 0-byte file is named as empty');

  write('rong/chi-khoang-trang.txt', ' \n\n\t  \r\n   \n');
  failed('rong/chi-khoang-trang.txt', 'whitespace-only-txt', 'empty|no text', ['empty'], 'only spaces and newlines: no text to index');

  fs.mkdirSync(path.join(outDir, 'thu-muc-rong'), { recursive: true });
  skipped('thu-muc-rong', 'empty-folder', 'an empty folder: nothing to index, nothing to report');

  const huge = path.join(outDir, 'lon/nhat-ky-1GB.txt');
  fs.mkdirSync(path.dirname(huge), { recursive: true });
  fs.writeFileSync(huge, '');
  fs.truncateSync(huge, GiB); // sparse: costs no disk
  failed('lon/nhat-ky-1GB.txt', 'huge-1gb-file', 'too large|size|limit|files over|larger than|bigger than', ['too-large'], 'a 1 GB .txt is not a document: refuse it by size before reading it (a sparse file, so it costs no disk)', { sparse: true });

  {
    const sentences = [];
    let i = 0;
    let length = 0;
    while (length < 5 * MiB) {
      const s = `Câu số ${i} của văn bản một dòng: ${VI_SENTENCES[i % VI_SENTENCES.length]} `;
      sentences.push(s);
      length += Buffer.byteLength(s);
      i++;
    }
    write('lon/mot-dong-5MB.txt', `zqonelinestart ${sentences.join('')}zqonelineend kết thúc văn bản.`);
    indexed('lon/mot-dong-5MB.txt', 'txt-5mb-one-line', '5 MB without a single newline is still text: all of it is indexed, the end too', [
      { query: 'zqonelinestart' },
      { query: 'zqonelineend' },
    ]);
  }

  {
    const lines = [];
    for (let i = 1; i <= 100_000; i++) lines.push(`## Mục ${i}${i === 100_000 ? ' zqlastheading' : ''}`);
    write('lon/100000-tieu-de.md', `# Tài liệu có một trăm nghìn tiêu đề zqfirstheading\n\n${lines.join('\n')}\n`);
    indexed('lon/100000-tieu-de.md', 'md-100k-headings', 'a Markdown file of 100,000 headings indexes without blowing up (passages, section paths)', [
      { query: 'zqfirstheading' },
      { query: 'zqlastheading' },
    ]);
  }

  {
    const pages = [];
    for (let p = 1; p <= 2000; p++) {
      const lines = [`Trang ${p} cua tai lieu hai nghin trang ve quy hoach vung tinh`];
      if (p === 1) lines.push('Mo dau tai lieu zqfirstpage');
      if (p === 2000) lines.push('Trang cuoi cung zqlastpage');
      pages.push(lines);
    }
    write('lon/2000-trang.pdf', textPdf(pages));
    indexed('lon/2000-trang.pdf', 'pdf-2000-pages', 'a 2,000-page PDF (one line per page) indexes completely, citing the right page', [
      { query: 'zqfirstpage', page: 1 },
      { query: 'zqlastpage', page: 2000 },
    ]);
  }

  // --- PDF damage
  {
    const base = corpusFile('.pdf', 2);
    write('pdf/bi-cat-cut.pdf', base.subarray(0, Math.floor(base.length * 0.55)));
    failed('pdf/bi-cat-cut.pdf', 'truncated-pdf', 'truncat|damaged|corrupt|incomplete', ['corrupt'], 'a corpus PDF cut at 55%: name it damaged/truncated, do not index part of it as if whole');
  }

  write('pdf/co-mat-khau.pdf', textPdf([asciiPage('zqencrypted')], { encrypt: { user: 'matkhau123', owner: 'chusohuu456' } }));
  failed('pdf/co-mat-khau.pdf', 'encrypted-pdf', 'password', ['encrypted'], 'Standard security handler (RC4 40-bit) with a user password', { marker: 'zqencrypted' });

  write('pdf/khoa-quyen-in.pdf', textPdf([asciiPage('zqownerlocked')], { encrypt: { user: '', owner: 'chusohuu456' } }));
  indexed('pdf/khoa-quyen-in.pdf', 'encrypted-pdf-empty-user-password', 'encrypted with an empty user password (only printing/copying restricted): every viewer opens it, so must we', [{ query: 'zqownerlocked' }]);

  write('pdf/xref-hong.pdf', breakXref(textPdf([asciiPage('zqbrokenxref')])));
  indexed('pdf/xref-hong.pdf', 'pdf-broken-xref', 'every xref offset and startxref wrong but the objects intact: viewers repair it silently, so must we', [{ query: 'zqbrokenxref' }]);

  write('pdf/cay-trang-vong.pdf', pageTreeCyclePdf());
  failed('pdf/cay-trang-vong.pdf', 'pdf-page-tree-cycle', 'circular|loop|damaged|corrupt', ['corrupt'], 'the page tree contains itself: named as damaged, never a hang', { marker: 'zqpagetreecycle' });

  write('pdf/chi-co-anh.pdf', imageOnlyPdf());
  failed('pdf/chi-co-anh.pdf', 'pdf-image-only', 'no text|scan|image|ocr', ['empty'], 'one page with an image XObject and no text: no text layer (a scan)');

  {
    const vi = 'Quyết định về việc phê duyệt đề án phát triển hệ sinh thái khởi nghiệp đổi mới sáng tạo của tỉnh';
    const mojibake = Buffer.from(vi, 'utf8').toString('latin1'); // shown through WinAnsi: Quyáº¿t Ä‘á»‹nh …
    write('pdf/chu-loi-ma.pdf', textPdf([['zqmojibake', mojibake, mojibake, mojibake]]));
    indexed('pdf/chu-loi-ma.pdf', 'pdf-mojibake-text', 'text layer is UTF-8 read as Windows-1252 (Quyáº¿t Ä‘á»‹nh): repaired, so the real words find it; or named as garbage. Never indexed as garbage.', [
      // Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D have no Windows-1252 character: the PDF draws them
      // as a bullet (0x95), so "đề"/"về" (E1 BB 81) come back as "đổ"/"vổ" and no reader can
      // tell which was meant. The words whose bytes all survive must find the file.
      { query: '"phát triển hệ sinh thái khởi nghiệp"', text: 'hệ sinh thái khởi nghiệp' },
    ], { alt: { expect: 'failed', reason: 'garbage|mojibake|encoding|unreadable text' } });
  }

  // --- misnamed files
  write('ten-sai/that-ra-la-pdf.docx', textPdf([asciiPage('zqpdfnameddocx')]));
  indexed('ten-sai/that-ra-la-pdf.docx', 'pdf-named-docx', 'a PDF named .docx is read as the PDF it is', [{ query: 'zqpdfnameddocx' }]);

  write('ten-sai/that-ra-la-docx.pdf', simpleDocx(['zqdocxnamedpdf', 'Tờ trình về việc cấp kinh phí hỗ trợ đổi mới công nghệ cho hợp tác xã.']));
  indexed('ten-sai/that-ra-la-docx.pdf', 'docx-named-pdf', 'a DOCX named .pdf (a Word file saved with the wrong name) is read as the DOCX it is', [{ query: 'zqdocxnamedpdf' }]);

  write('ten-sai/CHU-HOA.PDF', textPdf([asciiPage('zquppercaseext')]));
  indexed('ten-sai/CHU-HOA.PDF', 'uppercase-extension', 'extension .PDF in capitals, as Windows scanners write it', [{ query: 'zquppercaseext' }]);

  write('ten-sai/ngau-nhien.doc', randomBytes(64 * 1024, 42));
  failed('ten-sai/ngau-nhien.doc', 'random-bytes-doc', 'not a (readable )?word|damaged|corrupt', ['corrupt'], '64 KB of random bytes named .doc');

  write(
    'ten-sai/xuat-tu-web.doc',
    '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta charset="utf-8"><title>Báo cáo</title></head>' +
      '<body><h1>Báo cáo kết quả zqhtmlnameddoc</h1><p>Danh sách hồ sơ đề nghị hỗ trợ chuyển giao công nghệ năm 2024 được xuất từ phần mềm một cửa điện tử.</p></body></html>',
  );
  indexed('ten-sai/xuat-tu-web.doc', 'html-named-doc', 'HTML saved as .doc, as web applications export "Word" files: read as the HTML it is', [{ query: 'zqhtmlnameddoc' }]);

  write('ten-sai/nhi-phan.md', Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(20 * 1024, 99)]));
  // Read by its bytes (images are indexed by OCR now), it is the damaged PNG it starts as.
  failed('ten-sai/nhi-phan.md', 'binary-md', 'binary|not (a )?text|image is damaged', ['corrupt'], 'a PNG-like binary named .md');

  // --- DOCX damage
  write('docx/bom-nen.docx', zipBombDocx(1.1 * GiB).data);
  failed('docx/bom-nen.docx', 'docx-zip-bomb', 'zip|damaged|bomb|too large', ['too-large', 'corrupt'], 'word/document.xml inflates from ~1 MB to 1.1 GB: refused by its declared/inflated size, without inflating it all', { marker: 'zqzipbomb' });

  {
    const depth = 50_000; // 100,000 nested elements
    const xml = DOC_HEAD + '<w:sdt><w:sdtContent>'.repeat(depth) + wPara('zqdeepxml Đoạn văn nằm sâu trong cây XML.') + '</w:sdtContent></w:sdt>'.repeat(depth) + DOC_TAIL;
    write('docx/xml-long-sau.docx', docxPackage(xml));
    failed('docx/xml-long-sau.docx', 'docx-deeply-nested-xml', 'nest|deep|complex|damaged|corrupt|malformed', ['corrupt', 'too-large'], '100,000 nested elements in word/document.xml: a stack overflow must become a named reason (or the text is read)', {
      marker: 'zqdeepxml',
      alt: { expect: 'indexed' },
      search: [{ query: 'zqdeepxml' }],
    });
  }

  {
    const paras = ['zqhugexmlstart Báo cáo rất dài ở định dạng Word.'];
    for (let i = 1; i <= 25_000; i++) paras.push(`Đoạn ${i}. ${VI_SENTENCES[i % VI_SENTENCES.length]}`);
    paras.push('zqhugexmlend Hết báo cáo.');
    write('docx/xml-rat-lon.docx', simpleDocx(paras));
    indexed('docx/xml-rat-lon.docx', 'docx-huge-xml', '25,000 paragraphs (~10 MB of XML, ~2.5 MB of text): a long report, indexed to the last paragraph', [
      { query: 'zqhugexmlstart' },
      { query: 'zqhugexmlend' },
    ]);
  }

  {
    const entities = ['<!ENTITY lol0 "lol lol lol lol">'];
    for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const xml =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE w:document [${entities.join('')}]>` +
      `<w:document xmlns:w="${W_NS}"><w:body>${wPara('zqbillionlaughs Công văn có DTD độc hại.')}<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>${DOC_TAIL}`;
    write('docx/ty-tieng-cuoi.docx', docxPackage(xml));
    failed('docx/ty-tieng-cuoi.docx', 'docx-billion-laughs', 'entit|dtd|bomb|damaged|too large', ['corrupt', 'too-large'], 'XML entity expansion bomb (10^9 "lol"): entities must not be expanded; named, or the text indexed without the expansion', {
      marker: 'zqbillionlaughs',
      alt: { expect: 'indexed' },
      search: [{ query: 'zqbillionlaughs' }],
    });
  }

  write('docx/thieu-document-xml.docx', docxPackage(null, { withDocument: false }));
  failed('docx/thieu-document-xml.docx', 'docx-missing-document-xml', 'document\\.xml|main document|missing|damaged|not a (readable )?(word|docx)', ['corrupt'], 'a valid zip with the package parts but no word/document.xml');

  {
    const good = simpleDocx(['zqbadcentraldir', 'Kế hoạch chuyển đổi số năm 2025 của Sở.']);
    const cdOffset = good.readUInt32LE(good.length - 22 + 16);
    const cdSize = good.readUInt32LE(good.length - 22 + 12);
    randomBytes(cdSize, 5).copy(good, cdOffset);
    write('docx/hong-central-directory.docx', good);
    failed('docx/hong-central-directory.docx', 'docx-corrupt-central-directory', 'zip|central directory|damaged|corrupt', ['corrupt'], 'the zip central directory overwritten with random bytes (the end record intact)', { marker: 'zqbadcentraldir' });
  }

  {
    const base = corpusFile('.docx', 1);
    write('docx/bi-cat-cut.docx', base.subarray(0, Math.floor(base.length * 0.6)));
    failed('docx/bi-cat-cut.docx', 'truncated-docx', 'truncat|damaged|corrupt|zip', ['corrupt'], 'a corpus DOCX cut at 60% (no central directory)');
  }

  // --- text encodings and odd text
  {
    const phrase = 'rừng ngập mặn ven biển Cà Mau';
    write('ma-hoa/windows-1258.txt', encodeCp1258(viText('zqwindows1258', phrase)));
    indexed('ma-hoa/windows-1258.txt', 'txt-windows-1258', 'Windows-1258 (tone marks as combining characters): decoded and composed to NFC', [{ query: `"${phrase}" zqwindows1258`, text: phrase }]);
  }
  {
    const phrase = 'nghiệm thu giống lúa chịu mặn';
    write('ma-hoa/utf16le-bom.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(viText('zqutf16le', phrase), 'utf16le')]));
    indexed('ma-hoa/utf16le-bom.txt', 'txt-utf16le-bom', 'UTF-16 little-endian with BOM (Notepad "Unicode")', [{ query: `"${phrase}" zqutf16le`, text: phrase }]);
  }
  {
    const phrase = 'trạm quan trắc môi trường tự động';
    write('ma-hoa/utf16be-bom.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(viText('zqutf16be', phrase))]));
    indexed('ma-hoa/utf16be-bom.txt', 'txt-utf16be-bom', 'UTF-16 big-endian with BOM', [{ query: `"${phrase}" zqutf16be`, text: phrase }]);
  }
  {
    const phrase = 'hợp tác xã nông nghiệp công nghệ cao';
    const text = Buffer.from(viText('zqinvalidutf8', phrase, 6), 'utf8');
    // Three bad sequences in otherwise valid UTF-8: a lone continuation byte, 0xFF, a cut 3-byte sequence.
    const at = text.length - 40;
    write('ma-hoa/utf8-hong.txt', Buffer.concat([text.subarray(0, at), Buffer.from([0x80, 0x20, 0xff, 0x20, 0xe1, 0xbb, 0x20]), text.subarray(at)]));
    indexed('ma-hoa/utf8-hong.txt', 'txt-invalid-utf8', 'UTF-8 with three invalid byte sequences: the valid text is kept (replacement for the bad bytes), not the whole file re-read as Windows-1258', [
      { query: `"${phrase}" zqinvalidutf8`, text: phrase },
    ]);
  }
  {
    const phrase = 'cơ sở dữ liệu hộ tịch điện tử';
    write('ma-hoa/co-byte-nul.txt', Buffer.concat([Buffer.from(viText('zqnulbytes', phrase), 'utf8'), Buffer.alloc(8192)]));
    indexed('ma-hoa/co-byte-nul.txt', 'txt-nul-bytes', 'text followed by 8 KB of NUL bytes (a file cut short by a crash and zero-padded): the text is indexed, the NULs dropped', [
      { query: `"${phrase}" zqnulbytes`, text: phrase },
    ]);
  }
  write(
    'ma-hoa/chi-co-script.html',
    '<!DOCTYPE html><html><head><meta charset="utf-8"><script>var zqscriptonly = "Quyết định phê duyệt";\nfunction init(){ document.title = "Báo cáo"; }</script>' +
      '<style>body { font-family: "Times New Roman"; } .zqscriptonly { color: red; }</style></head>' +
      `<body><script>${'window.dataLayer = window.dataLayer || []; dataLayer.push({ "event": "xem-trang" });\n'.repeat(200)}</script><noscript></noscript></body></html>`,
  );
  failed('ma-hoa/chi-co-script.html', 'html-only-scripts', 'no text|empty', ['empty'], 'an HTML page made only of <script> and <style>: scripts are not text', { marker: 'zqscriptonly' });

  // --- names and paths
  {
    const name = 'Quyết định số 15 về đất đai.txt';
    const nfc = name.normalize('NFC');
    const nfd = name.normalize('NFD');
    write(`ten-tep/${nfc}`, viText('zqnamenfc', 'bản chuẩn hóa NFC'));
    write(`ten-tep/${nfd}`, viText('zqnamenfd', 'bản tách dấu NFD'));
    indexed(`ten-tep/${nfc}`, 'name-nfc', 'name in NFC; a second file differs only by normalisation: both are separate documents', [{ query: 'zqnamenfc' }], { once: true });
    indexed(`ten-tep/${nfd}`, 'name-nfd', 'name in NFD (as macOS writes it), beside its NFC twin', [{ query: 'zqnamenfd' }], { once: true });
  }
  write('ten-tep/  Báo cáo   tổng kết (bản sửa lần 2) .txt', viText('zqspacesname', null));
  indexed('ten-tep/  Báo cáo   tổng kết (bản sửa lần 2) .txt', 'name-with-spaces', 'leading, doubled and trailing spaces and parentheses in the name', [{ query: 'zqspacesname' }]);
  {
    const parts = [];
    for (let i = 1; i <= 6; i++) parts.push(`${i}-${'thu-muc-luu-tru-ho-so-'.repeat(9)}`.slice(0, 200));
    const rel = `duong-dan-dai/${parts.join('/')}/tai-lieu-sau.txt`;
    write(rel, viText('zqlongpath', null));
    indexed(rel, 'path-over-1000-chars', 'six nested folders of 200 characters: a path of more than 1,000 characters', [{ query: 'zqlongpath' }]);
  }
  {
    let stem = 'Kế hoạch thực hiện chương trình chuyển đổi số quốc gia giai đoạn 2025 đến 2030 của Ủy ban nhân dân tỉnh ';
    while (Buffer.byteLength(`${stem}x.txt`) <= 250) stem += 'x';
    stem = stem.slice(0, -1);
    while (Buffer.byteLength(`${stem}.txt`) < 250) stem += 'y';
    const name = `${stem}.txt`;
    if (Buffer.byteLength(name) !== 250) throw new Error(`long name is ${Buffer.byteLength(name)} bytes`);
    write(`ten-tep/${name}`, viText('zqlongname', null));
    indexed(`ten-tep/${name}`, 'name-250-bytes', 'a file name of 250 bytes (UTF-8, with Vietnamese letters)', [{ query: 'zqlongname' }]);
  }
  write('ho-so.pdf/tep-trong-thu-muc.txt', viText('zqfoldernamedpdf', null));
  indexed('ho-so.pdf/tep-trong-thu-muc.txt', 'folder-named-like-pdf', 'a folder named "ho-so.pdf" is walked as a folder, not read as a PDF', [{ query: 'zqfoldernamedpdf' }]);

  // --- files the walk should pass over
  write('an/.ghi-chu-an.txt', viText('zqhiddenfile', null));
  skipped('an/.ghi-chu-an.txt', 'hidden-file', 'a dot file is hidden: not indexed, not a failure', { marker: 'zqhiddenfile' });
  write('an/.pdf', textPdf([asciiPage('zqonlyextension')]));
  skipped('an/.pdf', 'name-only-extension', 'a file named just ".pdf" is a hidden dot file on Unix: skipped like one', { marker: 'zqonlyextension' });
  {
    const owner = Buffer.alloc(162);
    owner[0] = 12;
    Buffer.from('Nguyen Van A', 'latin1').copy(owner, 1);
    write('an/~$bao-cao.docx', owner);
    skipped('an/~$bao-cao.docx', 'office-lock-file', 'Word\'s owner/lock file "~$…docx" (162 bytes) is not a document: not indexed, not a failure');
  }
  let fifo = false;
  try {
    fs.mkdirSync(path.join(outDir, 'an'), { recursive: true });
    execFileSync('mkfifo', [path.join(outDir, 'an/ong-dan.txt')]);
    fifo = true;
  } catch {
    // No mkfifo (Windows): the kind does not exist there.
  }
  if (fifo) skipped('an/ong-dan.txt', 'fifo-named-txt', 'a named pipe called .txt: opening it would block forever; it is not a regular file, so it is passed over');

  // --- links
  fs.mkdirSync(path.join(outDir, 'vong-lap/a'), { recursive: true });
  fs.mkdirSync(path.join(outDir, 'vong-lap/b'), { recursive: true });
  write('vong-lap/a/noi-dung.txt', viText('zqsymlinkcycle', null));
  fs.symlinkSync('../b', path.join(outDir, 'vong-lap/a/sang-b'));
  fs.symlinkSync('../a', path.join(outDir, 'vong-lap/b/sang-a'));
  indexed('vong-lap/a/noi-dung.txt', 'symlink-folder-cycle', 'folders a/sang-b -> b and b/sang-a -> a: the walk ends and the file is indexed once', [{ query: 'zqsymlinkcycle' }], { once: true });

  fs.mkdirSync(path.join(outDir, 'lien-ket'), { recursive: true });
  fs.symlinkSync('b', path.join(outDir, 'lien-ket/a'));
  fs.symlinkSync('a', path.join(outDir, 'lien-ket/b'));
  skipped('lien-ket/a', 'symlink-loop-folders', 'links a -> b -> a (no extension): not a document; the walk must not hang or fail');
  fs.symlinkSync('y.txt', path.join(outDir, 'lien-ket/x.txt'));
  fs.symlinkSync('x.txt', path.join(outDir, 'lien-ket/y.txt'));
  failed('lien-ket/x.txt', 'symlink-loop-file', '\\bloop\\b|too many (levels of )?symbolic links|circular', ['unreadable'], 'x.txt -> y.txt -> x.txt: named as a link loop (not an errno code)', { walkLevel: true });
  failed('lien-ket/y.txt', 'symlink-loop-file-partner', '\\bloop\\b|too many (levels of )?symbolic links|circular', ['unreadable'], 'y.txt, the other half of the loop: the same', { walkLevel: true });
  fs.symlinkSync('khong-ton-tai.pdf', path.join(outDir, 'lien-ket/lien-ket-hong.pdf'));
  failed('lien-ket/lien-ket-hong.pdf', 'symlink-dangling', 'broken|dangling|missing|not found|does not exist|no longer exists', ['unreadable', 'not-found'], 'a link to a file that does not exist: named as a broken link (not an errno code)', { walkLevel: true });

  // --- permissions
  {
    const file = write('quyen/khong-doc-duoc.txt', viText('zqnoreadperm', null));
    fs.chmodSync(file, 0o000);
    if (permissionsIgnored(file)) {
      indexed('quyen/khong-doc-duoc.txt', 'no-read-permission', 'chmod 000, but this process runs as root (CAP_DAC_OVERRIDE) and can read it anyway: indexed', [{ query: 'zqnoreadperm' }]);
    } else {
      failed('quyen/khong-doc-duoc.txt', 'no-read-permission', 'permission|access|not allowed', ['unreadable'], 'chmod 000: named as a permission problem', { marker: 'zqnoreadperm' });
    }
    const folder = path.join(outDir, 'quyen/thu-muc-khoa');
    write('quyen/thu-muc-khoa/ben-trong.txt', viText('zqlockedfolder', null));
    fs.chmodSync(folder, 0o000);
    let readable = false;
    try {
      fs.readdirSync(folder);
      readable = true;
    } catch {
      readable = false;
    }
    if (readable) {
      indexed('quyen/thu-muc-khoa/ben-trong.txt', 'no-permission-folder', 'folder chmod 000, but this process runs as root and can list it anyway: its file is indexed', [{ query: 'zqlockedfolder' }]);
    } else {
      failed('quyen/thu-muc-khoa', 'no-permission-folder', 'permission|access|not allowed', ['unreadable'], 'a folder chmod 000: named as a permission problem', { walkLevel: true, marker: 'zqlockedfolder' });
    }
  }

  return manifest;
}

/** Undo the permission changes so the folder can be deleted without root. */
export function unlockBadInputs(outDir) {
  for (const rel of ['quyen/khong-doc-duoc.txt', 'quyen/thu-muc-khoa']) {
    try {
      fs.chmodSync(path.join(outDir, rel), 0o755);
    } catch {
      // already gone
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const outDir = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!outDir) {
    process.stderr.write('usage: node scripts/make-bad-inputs.mjs <outDir> [--json]\n');
    process.exit(2);
  }
  const started = Date.now();
  const manifest = await makeBadInputs(path.resolve(outDir));
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(manifest, null, 2) + '\n');
  else {
    for (const m of manifest) process.stdout.write(`${m.expect.padEnd(8)} ${m.kind.padEnd(36)} ${m.file}${m.reason ? `  /${m.reason}/i` : ''}\n`);
    process.stdout.write(`${manifest.length} kinds in ${path.resolve(outDir)} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
}
