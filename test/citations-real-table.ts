/**
 * Expected citations of real passages (issue 16), written from the documents
 * themselves — their header (number, date line, issuing body), the heading the
 * passage sits under, its page — not from the program's output. A row names the
 * file, how to find the passage (its section path as the chunker writes it, or
 * words of its text), and the citation an officer would paste. `also`: another
 * citation the document equally supports (a scan whose date OCR may not read).
 * `waitsFor`: the row states what the document supports but needs a part of the
 * identity that is not there yet; such rows are reported, not asserted.
 */
import path from 'node:path';
import { CORPUS, SHARED_DATA } from './helpers.js';

export interface CitationRow {
  file: string;
  /** Exact section path of the passage. */
  section?: string;
  /** Words the passage's text contains (checked after the section). */
  text?: string;
  /** Read scanned pages by OCR. */
  ocr?: boolean;
  expected: string;
  also?: string;
  waitsFor?: string;
}

const corpus = (name: string) => path.join(CORPUS, name);
const tcvn3 = (name: string) => path.join(SHARED_DATA, 'viparse', 'corpus', 'public-domain', 'tcvn3', name);
const vni = (name: string) => path.join(SHARED_DATA, 'viparse', 'corpus', 'public-domain', 'vni', name);
const nd30 = (name: string) => path.join(SHARED_DATA, 'nd30-2020', name);
const scans = (name: string) => path.join(SHARED_DATA, 'scans-danang', name);

/** The ALQAC law files the test writes: `<folder>/<file>` (see citations-real.test.ts). */
export const ALQAC_NAMED = 'alqac-named';
export const ALQAC_LAYOUT = 'alqac-layout';

const BC512 = 'Báo cáo số 512/BC-SKHCN ngày 20/11/2025 của Sở Khoa học và Công nghệ tỉnh Thanh Hóa';
const BC512_I = 'I. KẾT QUẢ THỰC HIỆN GIAI ĐOẠN 2021 - 2025';
const TT13 = 'Thông tư số 13/2001/TT-BTC ngày 08/3/2001 của Bộ Tài chính';
const NCKH22 = 'Phạm Văn Tiến (2022), Nghiên cứu xây dựng mô hình đào tạo kết hợp mô phỏng và thực hành nâng cao kỹ năng gia công trên máy phay CNC cho sinh viên cao đẳng, Trường Cao đẳng Kỹ thuật Công nghiệp Hoan Châu';
const NCKH23 = 'Lê Thị Hồng Nhung (2023), Nghiên cứu thiết kế, chế tạo hệ thống giám sát và tưới tự động ứng dụng IoT cho nhà màng trồng rau tại hợp tác xã, Trường Cao đẳng Kỹ thuật Công nghệ Lam Sơn';
const SCAN = 'bản quét, nhận dạng tự động';

export const ROWS: CitationRow[] = [
  // The team's corpus: PDF, DOCX, TXT, MD with a text layer.
  { file: corpus('qd-1234-2024-ubnd-thanh-hoa-ho-tro-doi-moi-sang-tao.pdf'), section: 'Điều 1', expected: 'Quyết định số 1234/QĐ-UBND ngày 05/3/2024 của UBND tỉnh Thanh Hóa, Điều 1, tr. 1' },
  { file: corpus('qd-1234-2024-ubnd-thanh-hoa-ho-tro-doi-moi-sang-tao.pdf'), section: 'Điều 2', expected: 'Quyết định số 1234/QĐ-UBND ngày 05/3/2024 của UBND tỉnh Thanh Hóa, Điều 2, tr. 1' },
  { file: corpus('qd-2876-2023-ubnd-nghe-an-quy-che-quan-ly-nhiem-vu-khoa-hoc-cong-nghe-thay-the.pdf'), section: 'Điều 2', expected: 'Quyết định số 2876/QĐ-UBND ngày 18/9/2023 của UBND tỉnh Nghệ An, Điều 2, tr. 1' },
  { file: corpus('qd-1520-2020-ubnd-nghe-an-quy-che-quan-ly-nhiem-vu-khoa-hoc-cong-nghe.pdf'), section: 'Điều 2', expected: 'Quyết định số 1520/QĐ-UBND ngày 12/5/2020 của UBND tỉnh Nghệ An, Điều 2, tr. 1' },
  { file: corpus('qd-3105-2024-ubnd-thanh-hoa-sua-doi-quy-dinh-ho-tro-doi-moi-sang-tao.docx'), text: 'Sửa đổi, bổ sung một số điều của Quy định ban hành kèm theo', expected: 'Quyết định số 3105/QĐ-UBND ngày 20/12/2024 của UBND tỉnh Thanh Hóa, Điều 1, khoản 1' },
  { file: corpus('nq-15-2021-hdnd-thanh-hoa-chinh-sach-khoa-hoc-cong-nghe-doi-moi-sang-tao.pdf'), section: 'Chương I › Điều 1', expected: 'Nghị quyết số 15/2021/NQ-HĐND ngày 10/12/2021 của HĐND tỉnh Thanh Hóa, Điều 1, tr. 1–2' },
  { file: corpus('nq-08-2019-hdnd-da-nang-ho-tro-chuyen-giao-ung-dung-cong-nghe.docx'), section: 'NỘI DUNG VÀ MỨC HỖ TRỢ › Điều 4', expected: 'Nghị quyết số 08/2019/NQ-HĐND ngày 11/7/2019 của HĐND thành phố Đà Nẵng, Điều 4' },
  // Headings broken across lines in the PDF are cited whole (not "… chuyển giao công, tr. 3").
  { file: corpus('bc-512-2025-skhcn-thanh-hoa-tong-ket-khcn-dmst-2021-2025.pdf'), section: `${BC512_I} › 3. Phát triển thị trường khoa học và công nghệ, chuyển giao công nghệ`, expected: `${BC512}, mục I.3. Phát triển thị trường khoa học và công nghệ, chuyển giao công nghệ, tr. 3` },
  { file: corpus('bc-512-2025-skhcn-thanh-hoa-tong-ket-khcn-dmst-2021-2025.pdf'), section: `${BC512_I} › 5. Hệ sinh thái khởi nghiệp đổi mới sáng tạo và doanh nghiệp khoa học và công nghệ`, expected: `${BC512}, mục I.5. Hệ sinh thái khởi nghiệp đổi mới sáng tạo và doanh nghiệp khoa học và công nghệ, tr. 3` },
  { file: corpus('bc-512-2025-skhcn-thanh-hoa-tong-ket-khcn-dmst-2021-2025.pdf'), section: `${BC512_I} › 2. Kết quả thực hiện nhiệm vụ khoa học và công nghệ › 2.1. Số lượng và kinh phí`, expected: `${BC512}, mục I.2.1. Số lượng và kinh phí, tr. 1–2` },
  { file: corpus('bc-512-2025-skhcn-thanh-hoa-tong-ket-khcn-dmst-2021-2025.pdf'), section: 'III. BÀI HỌC KINH NGHIỆM', expected: `${BC512}, mục III. Bài học kinh nghiệm, tr. 5` },
  { file: corpus('cv-1420-2025-skhcn-da-nang-dang-ky-nhu-cau-ket-noi-cung-cau-cong-nghe.txt'), text: 'Số: 1420/SKHCN-QLCN', expected: 'Công văn số 1420/SKHCN-QLCN ngày 03/6/2025 của Sở Khoa học và Công nghệ thành phố Đà Nẵng' },
  { file: corpus('kh-112-2025-ubnd-thanh-hoa-cho-cong-nghe-ket-noi-cung-cau.md'), section: 'I. MỤC ĐÍCH, YÊU CẦU › 1. Mục đích', expected: 'Kế hoạch số 112/KH-UBND ngày 14/5/2025 của UBND tỉnh Thanh Hóa, mục I.1. Mục đích' },
  // The type line ("KẾ HOẠCH", "BÁO CÁO") read as a heading is not cited as a place in the document.
  { file: corpus('kh-112-2025-ubnd-thanh-hoa-cho-cong-nghe-ket-noi-cung-cau.md'), section: 'KẾ HOẠCH', expected: 'Kế hoạch số 112/KH-UBND ngày 14/5/2025 của UBND tỉnh Thanh Hóa' },
  { file: corpus('kh-245-2024-ubnd-nghe-an-chuyen-doi-so-doanh-nghiep-hop-tac-xa.docx'), section: 'I. MỤC ĐÍCH, YÊU CẦU › 1. Mục đích', expected: 'Kế hoạch số 245/KH-UBND ngày 08/4/2024 của UBND tỉnh Nghệ An, mục I.1. Mục đích' },
  { file: corpus('bc-1689-2024-skhcn-nghe-an-ket-qua-ket-noi-cung-cau-cong-nghe.md'), section: 'BÁO CÁO', expected: 'Báo cáo số 1689/BC-SKHCN ngày 30/10/2024 của Sở Khoa học và Công nghệ tỉnh Nghệ An' },
  { file: corpus('bc-1689-2024-skhcn-nghe-an-ket-qua-ket-noi-cung-cau-cong-nghe.md'), section: 'I. KHÁI QUÁT CHUNG', expected: 'Báo cáo số 1689/BC-SKHCN ngày 30/10/2024 của Sở Khoa học và Công nghệ tỉnh Nghệ An, mục I. Khái quát chung' },
  { file: corpus('tb-186-2022-ubnd-thanh-hoa-ket-luan-he-sinh-thai-khoi-nghiep.txt'), section: 'II. NHIỆM VỤ TRONG THỜI GIAN TỚI', expected: 'Thông báo số 186/TB-UBND ngày 22/8/2022 của UBND tỉnh Thanh Hóa, mục II. Nhiệm vụ trong thời gian tới' },
  { file: corpus('bb-14-2023-hoi-thao-chuyen-giao-cong-nghe-ma-khay-cay-may-nghe-an.txt'), section: 'II. THÀNH PHẦN THAM DỰ', expected: 'Biên bản số 14/BB-TTUD ngày 16/3/2023 của Trung tâm Ứng dụng tiến bộ khoa học và công nghệ, mục II. Thành phần tham dự' },
  { file: corpus('bb-96-2025-hoi-nghi-tong-ket-khcn-dmst-thanh-hoa-25-11-2025.docx'), section: 'I. THỜI GIAN, ĐỊA ĐIỂM', expected: 'Biên bản số 96/BB-SKHCN ngày 25/11/2025 của Sở Khoa học và Công nghệ tỉnh Thanh Hóa, mục I. Thời gian, địa điểm' },
  // Research reports in a research style: author (year), title, host institution, section, page.
  { file: corpus('nckh-2022-cd-ky-thuat-cong-nghiep-hoan-chau-dao-tao-gia-cong-cnc.pdf'), section: '1. Tính cấp thiết của đề tài', expected: `${NCKH22}, mục 1. Tính cấp thiết của đề tài, tr. 2` },
  { file: corpus('nckh-2023-cd-ky-thuat-cong-nghe-lam-son-iot-tuoi-tu-dong-nha-mang.pdf'), section: '1. Tính cấp thiết của đề tài', expected: `${NCKH23}, mục 1. Tính cấp thiết của đề tài, tr. 2` },
  // The title names the school already: it is not repeated.
  { file: corpus('nckh-2024-cd-cong-nghe-du-lich-song-han-chuyen-doi-so-dao-tao-nghe.docx'), section: 'MỞ ĐẦU › 1. Lý do chọn đề tài', expected: 'Trần Thị Thu Hà (2024), Giải pháp chuyển đổi số trong hoạt động đào tạo tại Trường Cao đẳng Công nghệ và Du lịch Sông Hàn, mục 1. Lý do chọn đề tài' },

  // Decree 30/2020 and its appendix, DOCX and Word 97.
  { file: nd30('30_2020_ND_CP.docx'), section: 'Chương I › Điều 1', expected: 'Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ, Điều 1' },
  // Its trích yếu ("Về công tác văn thư") under the type line is not a section.
  { file: nd30('30_2020_ND_CP.docx'), section: 'Về công tác văn thư', expected: 'Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ' },
  { file: nd30('Phuluc1.docx'), section: 'Phần I › II. CÁC THÀNH PHẦN THỂ THỨC CHÍNH', expected: 'Phụ lục I kèm theo Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ, Phần I, mục II. Các thành phần thể thức chính' },
  { file: nd30('Phuluc1.doc'), section: 'Phần I › II. CÁC THÀNH PHẦN THỂ THỨC CHÍNH', expected: 'Phụ lục I kèm theo Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ, Phần I, mục II. Các thành phần thể thức chính' },

  // Legacy TCVN3 and VNI files (1998–2008).
  { file: tcvn3('2003-TT132001.doc'), section: 'Phần thứ hai › I. Thuế thu nhập doanh nghiệp:', expected: `${TT13}, Phần thứ hai, mục I. Thuế thu nhập doanh nghiệp` },
  { file: tcvn3('2003-TT132001.doc'), section: 'Phần thứ tư › V. Tổ chức thực hiện', expected: `${TT13}, Phần thứ tư, mục V. Tổ chức thực hiện` },
  { file: tcvn3('2003-A05.rtf'), section: 'Phần thứ hai › I. Thuế thu nhập doanh nghiệp:', expected: `${TT13}, Phần thứ hai, mục I. Thuế thu nhập doanh nghiệp` },
  { file: tcvn3('2003-A04.rtf'), text: 'Căn cứ Luật thuế thu nhập doanh nghiệp', expected: 'Thông tư số 99/1998/TT-BTC ngày 14/7/1998 của Bộ Tài chính' },
  { file: tcvn3('2003-A06.rtf'), section: 'III. Đăng ký, kê khai, nộp thuế, quyết toán thuế thu nhập doanh nghiệp:', expected: 'Thông tư số 08/2001/TT-BTC ngày 18/01/2001 của Bộ Tài chính, mục III. Đăng ký, kê khai, nộp thuế, quyết toán thuế thu nhập doanh nghiệp' },
  { file: tcvn3('2004-TT1691998.doc'), section: 'I. Đối tượng áp dụng Thông tư:', expected: 'Thông tư số 169/1998/TT-BTC ngày 22/12/1998 của Bộ Tài chính, mục I. Đối tượng áp dụng Thông tư' },
  { file: tcvn3('2003-02144qd.doc'), section: 'Điều 1', expected: 'Quyết định số 144/2002/QĐ/BTC ngày 22/11/2002 của Bộ Tài chính, Điều 1' },
  { file: tcvn3('2004-NghiDinh114_2003.doc'), section: 'Chương I › Điều 1', expected: 'Nghị định số 114/2003/NĐ-CP ngày 10/10/2003 của Chính phủ, Điều 1' },
  // A regulation and an appendix issued with a decision: the number is the decision's, so they are cited by it (issue 16, round 3).
  { file: tcvn3('2005-QDINHUUDAI522.doc'), section: 'Chương I › Điều 1 › khoản 1–3', expected: 'Quy định ban hành kèm theo Quyết định số 522/2002/QĐ.UB ngày 07/3/2002 của UBND tỉnh An Giang, Điều 1, khoản 1–3' },
  { file: tcvn3('2005-QDSUA522.doc'), section: 'II. Phát triển sản xuất công nghiệp - tiểu thủ công nghiệp.', expected: 'Phụ lục kèm theo Quyết định số 1445/2002/QĐ-UB ngày 12/6/2002 của UBND tỉnh An Giang, mục II. Phát triển sản xuất công nghiệp - tiểu thủ công nghiệp' },
  { file: tcvn3('2005-QD-256.doc'), section: 'Điều 2', expected: 'Quyết định số 256/2004/QĐ-UB ngày 01/7/2004 của UBND thành phố Cần Thơ, Điều 2' },
  { file: vni('2008-23.QD-991-UBND.doc'), section: 'Điều 1', expected: 'Quyết định số 991/QĐ-UBND ngày 14/5/2008 của UBND tỉnh Bình Phước, Điều 1' },
  // Laws by name and number; the name alone when the text gives no number (never "Luật ngày … của Quốc hội").
  { file: tcvn3('2004-A40.rtf'), section: 'Chương I › Điều 1', expected: 'Luật Thuế tiêu thụ đặc biệt, Điều 1' },
  { file: tcvn3('2004-19Z9A_Luat_hop_tac_xasuadoi.doc'), section: 'Chương VII › Điều 45 › khoản 2–3', expected: 'Luật Hợp tác xã số 18/2003/QH11, Điều 45, khoản 2–3', also: 'Luật Hợp tác xã, Điều 45, khoản 2–3' },

  // Scans: OCR'd passages say so; a number or date OCR could not read is left out, never guessed.
  { file: scans('1.pdf'), ocr: true, text: 'TTATGT', expected: `Công văn của Sở Giáo dục và Đào tạo thành phố Đà Nẵng, tr. 1 (${SCAN})` },
  { file: scans('4_1.jpg'), ocr: true, text: 'COVID', expected: `Công văn số 1906/SGDĐT-CTrTT ngày 26/7/2020 của Sở Giáo dục và Đào tạo thành phố Đà Nẵng, tr. 1 (${SCAN})`, also: `Công văn số 1906/SGDĐT-CTrTT của Sở Giáo dục và Đào tạo thành phố Đà Nẵng, tr. 1 (${SCAN})` },
  // Page 2 of the same letter, kept as its own image: no header on it, so no number, date or issuer to state;
  // the page is the one printed at its top ("2"), and the title names it by its first section caption.
  { file: scans('4_2.jpg'), ocr: true, text: 'ngoài công lập', expected: `Trang 2: Đối với các trường đại học ngoài công lập (4_2.jpg; ${SCAN})` },
  { file: scans('4_1_gt.txt'), text: 'COVID', expected: 'Công văn số 1906/SGDĐT-CTrTT ngày 26/7/2020 của Sở Giáo dục và Đào tạo thành phố Đà Nẵng' },

  // ALQAC laws written as files: with the law's header (its number), and as the evaluation writes them (its name only).
  { file: `${ALQAC_LAYOUT}/luat-vien-chuc.txt`, text: 'Điều 45. Chế độ thôi việc', expected: 'Luật Viên chức số 58/2010/QH12, Điều 45' },
  { file: `${ALQAC_LAYOUT}/bo-luat-dan-su.txt`, text: 'Điều 3. Các nguyên tắc cơ bản của pháp luật dân sự', expected: 'Bộ luật Dân sự số 91/2015/QH13, Điều 3' },
  { file: `${ALQAC_LAYOUT}/luat-an-ninh-mang.txt`, text: 'Điều 1. Phạm vi điều chỉnh', expected: 'Luật An ninh mạng số 24/2018/QH14, Điều 1' },
  { file: `${ALQAC_LAYOUT}/luat-giao-duc.txt`, text: 'Điều 114. Hiệu lực thi hành', expected: 'Luật Giáo dục số 43/2019/QH14, Điều 114' },
  { file: `${ALQAC_NAMED}/luat-vien-chuc.txt`, text: 'Điều 45. Chế độ thôi việc', expected: 'Luật Viên chức, Điều 45' },
  { file: `${ALQAC_NAMED}/luat-an-ninh-mang.txt`, text: 'Điều 1. Phạm vi điều chỉnh', expected: 'Luật An ninh mạng, Điều 1' },
  { file: `${ALQAC_NAMED}/luat-giao-duc.txt`, text: 'Điều 114. Hiệu lực thi hành', expected: 'Luật Giáo dục, Điều 114' },
];

/** The ALQAC laws the test writes, with the number and the name line of their official header. */
export const ALQAC_LAWS: Array<{ id: string; file: string; number: string; typeLine: string; nameLine: string }> = [
  { id: 'Luật Viên chức', file: 'luat-vien-chuc.txt', number: '58/2010/QH12', typeLine: 'LUẬT', nameLine: 'VIÊN CHỨC' },
  { id: 'Bộ luật dân sự', file: 'bo-luat-dan-su.txt', number: '91/2015/QH13', typeLine: 'BỘ LUẬT', nameLine: 'DÂN SỰ' },
  { id: 'Luật An ninh mạng', file: 'luat-an-ninh-mang.txt', number: '24/2018/QH14', typeLine: 'LUẬT', nameLine: 'AN NINH MẠNG' },
  { id: 'Luật Giáo dục', file: 'luat-giao-duc.txt', number: '43/2019/QH14', typeLine: 'LUẬT', nameLine: 'GIÁO DỤC' },
];
