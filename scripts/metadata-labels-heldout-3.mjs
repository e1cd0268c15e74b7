/**
 * The third held-out set of scripts/eval-metadata.mjs (issue 16, second round):
 * 12 real documents never labelled before — 10 from viparse (TCVN3 .doc and one
 * .pdf: appendices and forms issued with a decision, a government report,
 * papers of the Vietnam–France forums) and the two scanned letters of
 * scans-danang that have a text layer (1.pdf, 3.pdf; scored without OCR, as the
 * rest of the evaluation).
 *
 * How they were labelled: every value was written from the viparse Unicode
 * reference text (../shared/data/viparse/ground-truth/*.txt) or, for the scans,
 * from the page images, BEFORE the extractor was run on these files, and the
 * whole set is scored only — no rule was written after reading its misses.
 * Conventions as in metadata-labels-heldout.mjs, plus:
 *  - an appendix or form issued "(Kèm theo Quyết định số … ngày … của …)" is a
 *    phu-luc carrying the decision's number, date and issuer as printed there,
 *    and its own heading as summary ("Hướng dẫn …" documents: type huong-dan);
 *  - a forum paper has place and year from its date line; a two-day date
 *    ("ngày 20, 21 tháng 03 năm 2002") is no single date (null);
 *  - a handwritten number or day on a scan is labelled as written: the truth an
 *    officer cites, even where the program cannot read it.
 * Documents whose every field is empty (blank forms, data tables, articles
 * without a date line) were left out: they add nothing to the field score.
 */
const TCVN3 = '../shared/data/viparse/corpus/public-domain/tcvn3';
const NONE = { type: null, number: null, issuer: null, issuerParent: null, place: null, date: null, year: null, summary: null, signer: null, signerPosition: null };
const BKHCN = 'Bộ trưởng Bộ Khoa học và Công nghệ';

/** @type {Array<{group: string, file: string, expected: Record<string, string|number|null>}>} */
export const heldoutDocuments3 = [
  {
    file: `${TCVN3}/2004-13-t-Phuluc3.doc`,
    expected: {
      ...NONE, type: 'phu-luc', number: '13/2004/QĐ-BKHCN', issuer: BKHCN, date: '2004-05-25', year: 2004,
      summary: 'Quy trình tổng thể các bước công việc đánh giá kết quả đề tài khoa học và công nghệ cấp Nhà nước',
    },
  },
  {
    file: `${TCVN3}/2004-B1-1-DONTC.doc`,
    expected: {
      ...NONE, type: 'phu-luc', number: '16/2003/QĐ-BKHCN', issuer: BKHCN, date: '2003-07-18', year: 2003,
      summary: 'Đơn đăng ký chủ trì thực hiện đề tài, dự án SXTN cấp Nhà nước',
    },
  },
  {
    file: `${TCVN3}/2004-B1-2-TMDA.doc`,
    expected: {
      ...NONE, type: 'phu-luc', number: '16/2003/QĐ-BKHCN', issuer: BKHCN, date: '2003-07-18', year: 2003,
      summary: 'Thuyết minh dự án sản xuất thử nghiệm',
    },
  },
  {
    file: `${TCVN3}/2004-HDTMDT.doc`,
    expected: {
      ...NONE, type: 'huong-dan', number: '16/2003/QĐ-BKHCN', issuer: BKHCN, date: '2003-07-18', year: 2003,
      summary: 'Viết thuyết minh đề tài nghiên cứu khoa học và phát triển công nghệ',
    },
  },
  {
    file: `${TCVN3}/2006-huong-dan-ghi-phieu.doc`,
    expected: {
      ...NONE, type: 'phu-luc',
      summary: 'Hướng dẫn cách ghi một số nội dung trong phiếu tự kiểm tra thực hiện pháp luật lao động',
    },
  },
  {
    file: `${TCVN3}/2005-1ADDZ_Ke_hoach_2005__QH_lan_6_25-10.pdf`,
    expected: {
      ...NONE, type: 'bao-cao',
      summary: 'Tình hình thực hiện nhiệm vụ kế hoạch năm 2004 và kế hoạch phát triển kinh tế - xã hội năm 2005',
    },
  },
  { file: `${TCVN3}/2004-13D56_Le_Quang_Thung-phatbieu.doc`, expected: { ...NONE, place: 'Montpellier', year: 2001 } },
  { file: `${TCVN3}/2004-1E849_Tran_Du_Lich.doc`, expected: { ...NONE, place: 'Hà Nội', year: 2002 } },
  { file: `${TCVN3}/2004-1113C_Michele_Debonneuil-_Phattrien_congnghe.doc`, expected: { ...NONE, place: 'Hà Nội', year: 2002 } },
  { file: `${TCVN3}/2004-1F7ZB_EtudeBinh_vn.doc`, expected: { ...NONE, place: 'Thành phố Hồ Chí Minh', year: 2003 } },
  {
    file: '../shared/data/scans-danang/1.pdf',
    expected: {
      type: 'cong-van', number: '1595/SGDĐT-CTrTT', issuer: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', issuerParent: 'UBND THÀNH PHỐ ĐÀ NẴNG',
      place: 'Đà Nẵng', date: '2019-05-31', year: 2019,
      summary: 'bảo đảm TTATGT cho HS, SV trong dịp nghỉ hè và kỳ thi THPT quốc gia năm 2019',
      signer: 'Trần Nguyễn Minh Thành', signerPosition: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC',
    },
  },
  {
    file: '../shared/data/scans-danang/3.pdf',
    expected: {
      type: 'cong-van', number: '5710/UBND-SGDĐT', issuer: 'ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG', issuerParent: null,
      place: 'Đà Nẵng', date: '2023-10-18', year: 2023,
      summary: 'thực hiện Thông báo số 496-TB/TU ngày 17/8/2023 về Kết luận của Thường trực Thành ủy tại Hội nghị tổng kết 10 năm thực hiện Nghị quyết số 29-NQ/TW',
      signer: 'Lê Trung Chinh', signerPosition: 'CHỦ TỊCH',
    },
  },
].map((d) => ({ group: 'heldout-3', ...d }));
