/**
 * Renders the fresh held-out documents of scripts/metadata-labels-fresh.mjs as
 * files, the way offices' files come: DOCX with the header and the signature
 * in borderless two-column tables (V/v under the number), a PDF drawn with the
 * two header columns side by side, HTML with a header table (a portal's copy),
 * and TXT with the two columns on one line separated by tabs (a plain-text
 * export of a Word file). Written apart from scripts/make-corpus.mjs (whose
 * layouts the identity was tuned on), so the files differ from the tuned ones.
 *
 *   import { renderFresh } from './render-fresh.mjs'; await renderFresh(dir) → [{ id, file }]
 */
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { freshDocuments, freshDocuments2 } from './metadata-labels-fresh.mjs';

const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
const FONT_DIR = '/usr/share/fonts/truetype/dejavu';

/** Lines of the signature block's right column (and the second signer's, for a biên bản). */
function signLines(spec) {
  return [...spec.position, '', '(Đã ký)', '', spec.name];
}

// --- TXT -------------------------------------------------------------------

function renderTxt(spec) {
  const rows = [];
  const right = [NATION, MOTTO, spec.dateLine];
  const left = [...spec.left, spec.number, ...(spec.vv ?? [])];
  for (let i = 0; i < Math.max(left.length, right.length); i++) rows.push(`${left[i] ?? ''}\t\t${right[i] ?? ''}`.trimEnd());
  rows.push('');
  if (spec.typeLine) rows.push(spec.typeLine, ...spec.summary, ...(spec.after ?? []), '');
  rows.push(...spec.body, '');
  if (spec.secondSigner) {
    const a = signLines(spec);
    const b = signLines(spec.secondSigner);
    for (let i = 0; i < Math.max(a.length, b.length); i++) rows.push(`${a[i] ?? ''}\t\t\t${b[i] ?? ''}`.trimEnd());
  } else {
    const left2 = spec.recipients.length ? ['Nơi nhận:', ...spec.recipients.map((r) => `- ${r}`)] : [];
    const right2 = signLines(spec);
    for (let i = 0; i < Math.max(left2.length, right2.length); i++) rows.push(`${left2[i] ?? ''}\t\t\t${right2[i] ?? ''}`.trimEnd());
  }
  return Buffer.from(rows.join('\r\n') + '\r\n', 'utf8');
}

// --- HTML ------------------------------------------------------------------

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function renderHtml(spec) {
  const cell = (lines) => lines.map((l) => `<p>${esc(l)}</p>`).join('');
  const out = ['<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Văn bản</title></head><body>'];
  out.push(`<table class="header"><tr><td>${cell([...spec.left, spec.number, ...(spec.vv ?? [])])}</td><td>${cell([NATION, MOTTO, spec.dateLine])}</td></tr></table>`);
  if (spec.typeLine) out.push(`<p align="center"><b>${esc(spec.typeLine)}</b></p>`, ...spec.summary.map((s) => `<p align="center"><b>${esc(s)}</b></p>`), ...(spec.after ?? []).map((s) => `<p align="center"><b>${esc(s)}</b></p>`));
  out.push(...spec.body.map((p) => `<p>${esc(p)}</p>`));
  const left = spec.recipients.length ? ['Nơi nhận:', ...spec.recipients.map((r) => `- ${r}`)] : [];
  out.push(`<table class="sign"><tr><td>${cell(left)}</td><td>${cell(signLines(spec))}</td></tr></table>`);
  out.push('</body></html>');
  return Buffer.from(out.join('\n'), 'utf8');
}

// --- DOCX ------------------------------------------------------------------

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const para = (text, opts = {}) =>
  new Paragraph({ alignment: opts.align ?? AlignmentType.CENTER, children: [new TextRun({ text, bold: opts.bold, italics: opts.italics, size: opts.size ?? 26, font: 'Times New Roman' })] });

function columns(left, right, leftPct = 40) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [
      new TableCell({ width: { size: leftPct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children: left.length ? left : [para('')] }),
      new TableCell({ width: { size: 100 - leftPct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children: right.length ? right : [para('')] }),
    ] })],
  });
}

async function renderDocx(spec) {
  const left = [
    ...spec.left.map((l, i) => para(l, { bold: i > 0 || spec.left.length === 1, size: 24 })),
    para(spec.number, { size: 24 }),
    ...(spec.vv ?? []).map((l) => para(l, { size: 22 })),
  ];
  const right = [para(NATION, { bold: true, size: 24 }), para(MOTTO, { bold: true, size: 26 }), para(spec.dateLine, { italics: true })];
  const children = [columns(left, right)];
  if (spec.typeLine) {
    children.push(para(spec.typeLine, { bold: true, size: 28 }));
    for (const s of [...spec.summary, ...(spec.after ?? [])]) children.push(para(s, { bold: true }));
  }
  for (const p of spec.body) children.push(para(p, { align: AlignmentType.JUSTIFIED }));
  const recipients = spec.recipients.length ? [para('Nơi nhận:', { bold: true, italics: true, size: 24, align: AlignmentType.LEFT }), ...spec.recipients.map((r) => para(`- ${r}`, { size: 22, align: AlignmentType.LEFT }))] : [];
  const sign = (s) => signLines(s).map((l) => para(l, { bold: l !== '(Đã ký)', italics: l === '(Đã ký)' }));
  children.push(spec.secondSigner ? columns(sign(spec), sign(spec.secondSigner), 50) : columns(recipients, sign(spec), 45));
  const doc = new Document({ creator: 'Văn thư', title: '', sections: [{ children }] });
  return Packer.toBuffer(doc);
}

// --- PDF -------------------------------------------------------------------

function renderPdf(spec) {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 85, right: 56 }, info: { Title: '', Producer: 'render-fresh' } });
    doc.registerFont('R', path.join(FONT_DIR, 'DejaVuSerif.ttf'));
    doc.registerFont('B', path.join(FONT_DIR, 'DejaVuSerif-Bold.ttf'));
    const chunks = [];
    doc.on('data', (c) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const L = doc.page.margins.left;
    const W = doc.page.width - L - doc.page.margins.right;
    const lw = W * 0.4;
    const column = (lines, x, w, top, font = (i) => 'R') => {
      let y = top;
      lines.forEach((l, i) => {
        doc.font(font(i)).fontSize(10.5).text(l, x, y, { width: w, align: 'center' });
        y = doc.y;
      });
      return y;
    };
    const top = doc.y;
    const leftEnd = column([...spec.left, '', spec.number, ...(spec.vv ?? [])], L, lw, top, (i) => (i > 0 && i < spec.left.length ? 'B' : 'R'));
    const rightEnd = column([NATION, MOTTO, '', spec.dateLine], L + lw, W - lw, top, (i) => (i < 2 ? 'B' : 'R'));
    doc.x = L;
    doc.y = Math.max(leftEnd, rightEnd) + 16;
    if (spec.typeLine) {
      doc.font('B').fontSize(13).text(spec.typeLine, { align: 'center' });
      doc.font('B').fontSize(11.5).text([...spec.summary, ...(spec.after ?? [])].join('\n'), { align: 'center' });
      doc.moveDown();
    }
    for (const p of spec.body) doc.font('R').fontSize(11.5).text(p, { align: 'justify', paragraphGap: 4 });
    doc.moveDown();
    const signTop = doc.y;
    const left = spec.secondSigner ? signLines(spec) : spec.recipients.length ? ['Nơi nhận:', ...spec.recipients.map((r) => `- ${r}`)] : [];
    const right = spec.secondSigner ? signLines(spec.secondSigner) : signLines(spec);
    column(left, L, W * 0.45, signTop, (i) => (spec.secondSigner ? 'B' : i === 0 ? 'B' : 'R'));
    column(right, L + W * 0.45, W * 0.55, signTop, () => 'B');
    doc.end();
  });
}

/** Writes the fresh documents (default: both sets) into `dir`; returns their ids and paths. */
export async function renderFresh(dir, documents = [...freshDocuments, ...freshDocuments2]) {
  fs.mkdirSync(dir, { recursive: true });
  const out = [];
  for (const d of documents) {
    const file = path.join(dir, `${d.id}.${d.format}`);
    const buf = d.format === 'docx' ? await renderDocx(d.spec) : d.format === 'pdf' ? await renderPdf(d.spec) : d.format === 'html' ? renderHtml(d.spec) : renderTxt(d.spec);
    fs.writeFileSync(file, buf);
    out.push({ id: d.id, file });
  }
  return out;
}
