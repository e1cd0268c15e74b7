/**
 * The citation basket as a DOCX laid out per Decree 30/2020 (Times New Roman
 * 14 pt, A4, margins 20/20/30/15 mm), ready to paste into a report.
 */
import {
  AlignmentType,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';
import type { BasketItem } from '../api/contract.js';
import { DEFAULT_TITLE, pickCitation, type ExportOptions } from './export-options.js';

const FONT = 'Times New Roman';
/** docx sizes are half-points. */
const SIZE_BODY = 28; // 14 pt
const SIZE_SMALL = 26; // 13 pt
const MM = 56.7; // twips per millimetre
const CM = 567;

function formatDate(date: Date): string {
  const d = date.getDate();
  const m = date.getMonth() + 1;
  return `ngày ${String(d).padStart(2, '0')} tháng ${m <= 2 ? String(m).padStart(2, '0') : m} năm ${date.getFullYear()}`;
}

/** The basket as a DOCX file (bytes). */
export async function basketToDocx(items: readonly BasketItem[], options: ExportOptions = {}): Promise<Uint8Array> {
  const title = options.title ?? DEFAULT_TITLE;
  const date = options.date === undefined ? new Date() : options.date;
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: date ? 60 : 240 },
      children: [new TextRun({ text: title.toLocaleUpperCase('vi'), bold: true, size: SIZE_BODY })],
    }),
  ];
  if (date) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 240 },
        children: [new TextRun({ text: `(Tổng hợp ${formatDate(date)})`, italics: true, size: SIZE_SMALL })],
      }),
    );
  }
  if (items.length === 0) {
    children.push(new Paragraph({ children: [new TextRun({ text: 'Giỏ trích dẫn trống.', italics: true })] }));
  }
  items.forEach((item, k) => {
    const paragraphs = item.text
      .replace(/\r\n?/g, '\n')
      .split(/\n{2,}/)
      .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
      .filter(Boolean);
    paragraphs.forEach((text, j) => {
      const runs: TextRun[] = [];
      if (j === 0) runs.push(new TextRun({ text: `${k + 1}. `, bold: true }));
      const open = j === 0 ? '“' : '';
      const close = j === paragraphs.length - 1 ? '”' : '';
      runs.push(new TextRun({ text: `${open}${text}${close}` }));
      children.push(
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: CM },
          spacing: { before: j === 0 ? 240 : 0, after: 120, line: 312, lineRule: LineRuleType.AUTO },
          // Keep the last lines of the passage with their citation; long passages may still break across pages.
          keepNext: j === paragraphs.length - 1,
          children: runs,
        }),
      );
    });
    const cited = `(${pickCitation(item, options.style)})`;
    children.push(
      new Paragraph({
        // A short source sits at the right margin; a long one reads better as an indented paragraph.
        alignment: cited.length <= 80 ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
        indent: { left: CM },
        spacing: { after: item.note ? 60 : 120 },
        keepNext: !!item.note,
        children: [new TextRun({ text: cited, italics: true, size: SIZE_SMALL })],
      }),
    );
    if (item.note) {
      children.push(
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { left: CM },
          spacing: { after: 120 },
          children: [new TextRun({ text: 'Ghi chú: ', bold: true, size: SIZE_SMALL }), new TextRun({ text: item.note, size: SIZE_SMALL })],
        }),
      );
    }
  });
  const doc = new Document({
    creator: 'Kho Tri Thức',
    title,
    description: 'Trích dẫn xuất từ giỏ trích dẫn của Kho Tri Thức',
    styles: {
      default: {
        document: { run: { font: FONT, size: SIZE_BODY }, paragraph: { spacing: { line: 312 } } },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) },
          },
        },
        // Page numbers centred at the top, not on the first page (Decree 30/2020, Appendix I, I.7).
        headers: {
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: SIZE_BODY })] })],
          }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
