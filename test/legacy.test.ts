/**
 * Legacy Vietnamese encodings: the tables, detection per line and per word, font
 * names as evidence, and the guarantee that matters most — correct Unicode is never
 * converted (checked on every document of corpus/, Decree 30/2020 and its
 * appendices, and the 2,249 ALQAC law articles).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../indexer/extract/index.js';
import {
  convertLegacyText,
  decodeCp1258,
  decodeTcvn3,
  decodeVni,
  fontEncoding,
  isUppercaseFont,
  isVietnameseSyllable,
  LegacyConverter,
  restoreLostU,
  textQuality,
} from '../indexer/vietnamese/legacy.js';
import { CORPUS, SHARED_DATA } from './helpers.js';

/** Unicode text → the Windows-1252 characters of its legacy bytes, via an inverted table. */
const cp1252 = (bytes: number[]) => new TextDecoder('windows-1252').decode(Uint8Array.from(bytes));

describe('tables', () => {
  it('reads TCVN3 (ABC) bytes', () => {
    expect(decodeTcvn3('céng hoµ x· héi chñ nghÜa ViÖt Nam')).toBe('cộng hoà xã hội chủ nghĩa Việt Nam');
    expect(decodeTcvn3('§éc lËp - Tù do - H¹nh phóc')).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(decodeTcvn3('Bé tr­ëng Bé Tµi chÝnh')).toBe('Bộ trưởng Bộ Tài chính');
  });

  it('reads VNI-Windows pairs, including a quality mark and a tone typed separately', () => {
    expect(decodeVni('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam')).toBe('Cộng hòa xã hội chủ nghĩa Việt Nam');
    expect(decodeVni('Ñoäc laäp - Töï do - Haïnh phuùc')).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(decodeVni('UYÛ BAN NHAÂN DAÂN TÆNH CAØ MAU')).toBe('UỶ BAN NHÂN DÂN TỈNH CÀ MAU');
    expect(decodeVni('ñöôïc, ñôn vò, nghæ, khaúng ñònh')).toBe('được, đơn vị, nghỉ, khẳng định');
    expect(decodeVni('VEÂØ')).toBe('VỀ');
  });

  it('reads Windows-1258 with its combining tone marks', () => {
    // "Việt Nam đổi mới" in Windows-1258 bytes.
    const bytes = [0x56, 0x69, 0xea, 0xf2, 0x74, 0x20, 0x4e, 0x61, 0x6d, 0x20, 0xf0, 0xf4, 0xd2, 0x69, 0x20, 0x6d, 0xf5, 0xec, 0x69];
    expect(decodeCp1258(cp1252(bytes))).toBe('Việt Nam đổi mới');
  });

  it('knows the legacy fonts by name', () => {
    expect(fontEncoding('.VnTime')).toBe('tcvn3');
    expect(fontEncoding('.VnTimeH')).toBe('tcvn3');
    expect(fontEncoding('AARIQC+.VnTime,Bold')).toBe('tcvn3');
    expect(fontEncoding('VnArial')).toBe('tcvn3');
    expect(fontEncoding('VNI-Times')).toBe('vni');
    expect(fontEncoding('VNI-Helve-Condense')).toBe('vni');
    expect(fontEncoding('Times New Roman')).toBeNull();
    expect(fontEncoding(null)).toBeNull();
    expect(isUppercaseFont('.VnTimeH')).toBe(true);
    expect(isUppercaseFont('.VnArialH')).toBe(true);
    expect(isUppercaseFont('.VnTime')).toBe(false);
  });
});

describe('syllables', () => {
  it('accepts Vietnamese syllables and rejects mojibake', () => {
    for (const w of ['người', 'Nghiêng', 'khuỷu', 'quyết', 'giếng', 'gì', 'trưởng', 'được', 'hoà', 'hòa', 'ĐIỀU', 'oanh', 'xoong']) {
      expect(isVietnameseSyllable(w), w).toBe(true);
    }
    for (const w of ['hoµ', 'Ñoäc', 'chÝnh', 'trởng', 'đợc', 'cáct', 'nghiã̀', 'Hµ']) {
      expect(isVietnameseSyllable(w), w).toBe(false);
    }
  });

  it('puts back the ư a PDF text layer lost (pdf.js drops TCVN3 0xAD, the soft-hyphen slot)', () => {
    expect(restoreLostU('trởng')).toBe('trưởng');
    expect(restoreLostU('đợc')).toBe('được');
    expect(restoreLostU('Chơng')).toBe('Chương');
    expect(restoreLostU('t')).toBe('tư');
    expect(convertLegacyText('Bé tr­ëng Bé KÕ ho¹ch vµ §Çu t', { pdf: true })).toBe('Bộ trưởng Bộ Kế hoạch và Đầu tư');
    expect(convertLegacyText('Bé trëng Bé KÕ ho¹ch vµ §Çu t', { pdf: true })).toBe('Bộ trưởng Bộ Kế hoạch và Đầu tư');
  });
});

describe('detection', () => {
  it('detects each encoding by its syllables and leaves plain ASCII alone', () => {
    expect(convertLegacyText('Hµ Néi, ngµy 13 th¸ng 3 n¨m 2001')).toBe('Hà Nội, ngày 13 tháng 3 năm 2001');
    expect(convertLegacyText('Quy cheá naøy quy ñònh chöùc naêng, nhieäm vuï')).toBe('Quy chế này quy định chức năng, nhiệm vụ');
    expect(convertLegacyText(cp1252([0x48, 0x61, 0xcc, 0x20, 0x4e, 0xf4, 0xf2, 0x69]))).toBe('Hà Nội');
    expect(convertLegacyText('Report 2004, page 12')).toBe('Report 2004, page 12');
  });

  it('repairs UTF-8 that was read as Windows-1252, and nothing else', () => {
    const vi = 'Quyết định phê duyệt đề án phát triển hệ sinh thái khởi nghiệp';
    expect(convertLegacyText(Buffer.from(vi, 'utf8').toString('latin1').replace(/[\x80-\x9f]/g, (c) => cp1252([c.charCodeAt(0)])))).toBe(vi);
    expect(convertLegacyText('Café crème à la française')).toBe('Café crème à la française');
  });

  it('restores capitals on TCVN3 lines typed in capitals, which TCVN3 cannot encode', () => {
    expect(convertLegacyText('QUYÕT §ÞNH cña bé tr­ëng')).toBe('QUYẾT ĐỊNH của bộ trưởng');
    expect(convertLegacyText('Sè: 12/2001/Q§-BTC')).toBe('SỐ: 12/2001/QĐ-BTC');
  });

  it('takes the font name as evidence, and draws .VnTimeH runs in capitals only when asked', () => {
    const converter = new LegacyConverter();
    expect(converter.convert('céng hoµ x· héi chñ nghÜa', { font: '.VnTimeH' })).toBe('cộng hoà xã hội chủ nghĩa');
    const capitals = new LegacyConverter({ uppercaseFonts: true });
    expect(capitals.convert('céng hoµ x· héi chñ nghÜa', { font: '.VnTimeH' })).toBe('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA');
    // A one-byte word is undecidable alone; the font settles it.
    expect(converter.convert('quü', { font: '.VnTime' })).toBe('quỹ');
  });

  it('converts a TCVN3 header inside a Unicode paragraph word by word, and never the Unicode words', () => {
    expect(convertLegacyText('Hà Nội, ngµy 13 tháng 3')).toBe('Hà Nội, ngày 13 tháng 3');
    expect(convertLegacyText('Báo cáo tài chính quý II của công ty')).toBe('Báo cáo tài chính quý II của công ty');
  });

  it('follows a document that switches between TCVN3 and VNI line by line', () => {
    const converter = new LegacyConverter();
    const lines = ['C¨n cø NghÞ ®Þnh sè 15/CP', 'Caên cöù Nghò ñònh soá 15/CP', 'UBND TØnh', 'ñeà nghò cuûa Sôû'];
    expect(lines.map((l) => converter.convert(l))).toEqual(['Căn cứ Nghị định số 15/CP', 'Căn cứ Nghị định số 15/CP', 'UBND Tỉnh', 'đề nghị của Sở']);
    expect(converter.dominant).toMatch(/tcvn3|vni/);
  });

  it('judges text-layer quality: real Vietnamese, mojibake, lost accents', () => {
    const good = textQuality('Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001; theo đề nghị của Bộ trưởng Bộ Tư pháp');
    expect(good.validShare).toBeGreaterThan(0.9);
    const mojibake = textQuality('C¨n cø LuËt Tæ chøc ChÝnh phñ ngµy 25 th¸ng 12 n¨m 2001 theo ®Ò nghÞ cña Bé tr­ëng');
    expect(mojibake.validShare).toBeLessThan(0.6);
    const ocrNoAccents = textQuality('CONG HOA xA HQI CHiJ NGHiA VIVT NAM Dc 1p Ty do Hph phtic SO GIAO DVC vA DA TAO');
    expect(ocrNoAccents.accentedShare).toBeLessThan(0.1);
  });
});

describe('never converts correct Unicode', () => {
  const unicodeFiles = [
    ...readdirSync(CORPUS).map((f) => path.join(CORPUS, f)),
    ...readdirSync(path.join(SHARED_DATA, 'nd30-2020')).map((f) => path.join(SHARED_DATA, 'nd30-2020', f)),
  ].filter((f) => /\.(pdf|docx?|txt|md|html?)$/i.test(f));

  it('leaves every document of corpus/ and Decree 30/2020 (.doc and .docx) untouched', async () => {
    expect(unicodeFiles.length).toBeGreaterThanOrEqual(25);
    for (const file of unicodeFiles) {
      const doc = await extractFile(file, readFileSync(file), { ocr: false });
      expect(doc.notes?.legacyEncodings, path.basename(file)).toBeUndefined();
      const converter = new LegacyConverter();
      for (const block of doc.blocks) expect(converter.convert(block.text), path.basename(file)).toBe(block.text);
    }
  });

  it('leaves all 2,249 ALQAC law articles untouched', () => {
    const laws = JSON.parse(readFileSync(path.join(SHARED_DATA, 'alqac2024', 'law.json'), 'utf8')) as Array<{ articles: Array<{ text: string }> }>;
    const converter = new LegacyConverter();
    let articles = 0;
    for (const law of laws) {
      for (const article of law.articles) {
        articles++;
        for (const line of article.text.split('\n')) {
          const nfc = line.normalize('NFC');
          if (converter.convert(nfc) !== nfc) expect(converter.convert(nfc)).toBe(nfc);
        }
      }
    }
    expect(articles).toBe(2249);
    expect(converter.converted).toBe(false);
  });
});

describe('Windows-1252 punctuation read as Latin-1', () => {
  it('gives back dashes and ellipses left as C1 controls beside VNI letters', () => {
    // "TỈNH CÀ MAU Độc lập – Tự do" as a Latin-1 reader hands over a VNI line (0x96 = en dash).
    expect(convertLegacyText('TÆNH CAØ MAU Ñoäc laäp \u0096 Töï do')).toBe('TỈNH CÀ MAU Độc lập – Tự do');
    expect(convertLegacyText('TÆNH CAØ MAU \u008505\u0085')).toBe('TỈNH CÀ MAU …05…');
  });

  it('repairs UTF-8 mojibake whose bytes fall in 0x80–0x9F ("Ä‘" → "đ")', () => {
    expect(convertLegacyText('Quyáº¿t Ä‘á»‹nh')).toBe('Quyết định');
  });
});
