/**
 * `kho --help`, in Vietnamese (the default) and in English (`--lang en`).
 * Commands, options and query fields stay as typed; only the explanations change.
 */
import type { Lang } from '../../common/messages/format.js';

export function usage(lang: Lang, defaultModel: string): string {
  return lang === 'en' ? english(defaultModel) : vietnamese(defaultModel);
}

function vietnamese(defaultModel: string): string {
  return `Kho Tri Thức — tra cứu văn bản tiếng Việt ngay trên máy, kèm đoạn trích dẫn

Cách dùng:
  kho index [tệp-hoặc-thư-mục...]  lập chỉ mục văn bản (PDF, DOCX, DOC, XLS, TXT, MD, HTML…), kể cả thư mục con;
                                  không ghi đường dẫn: quét lại các thư mục của thư viện / làm tiếp lần dở dang
  kho watch                       quét lại các thư mục của thư viện rồi theo dõi thay đổi
  kho verify                      kiểm tra các kho dữ liệu có khớp nhau không (chẳng hạn sau khi máy tắt đột ngột)
  kho search <câu tìm kiếm>       tìm kiếm; "doi moi" cũng tìm ra "đổi mới"
  kho status                      số văn bản, số đoạn, mô hình, các tệp lỗi
  kho serve [--port N]            giao diện web tại http://127.0.0.1:4477 (0 = cổng trống bất kỳ)
  kho doc <tệp>                   thông tin, hiệu lực (kèm căn cứ) và quan hệ của một văn bản
  kho doc <tệp> --set-status replaced|expired|in-force|… [--note GHI-CHÚ] | --clear-status
                                  ghi nhận đánh giá hiệu lực của bạn (giữ nguyên khi lập chỉ mục lại)
  kho related <tệp> [--passage MÃ]    văn bản cùng chủ đề (hoặc giống một đoạn), kèm lý do
  kho docs [--folder THƯ-MỤC] [--text CHỮ]  các văn bản trong thư viện, kèm hiệu lực, OCR, chuyển mã TCVN3/VNI
  kho folders [rm <thư-mục>]      các thư mục của thư viện; rm gỡ một thư mục (tệp gốc vẫn giữ nguyên)
  kho basket list                 giỏ trích dẫn
  kho basket add <passageId> [--note GHI-CHÚ]   thêm một đoạn (mã đoạn lấy từ "kho search --json")
  kho basket rm <mã> | clear      bỏ một mục, hoặc bỏ hết
  kho basket export --format md|docx --out TỆP   xuất các đoạn kèm trích dẫn, để đưa vào báo cáo
  kho model list                  các mô hình ngữ nghĩa đã cài
  kho model import <thư-mục>      cài một thư mục mô hình (chẳng hạn từ USB)
  kho model fetch [tên]           tải mô hình trên máy có mạng (mặc định ${defaultModel})

Tùy chọn:
  --data THƯ-MỤC   thư mục dữ liệu (nếu không có: $KHO_DATA, rồi thư mục dữ liệu ứng dụng của người dùng)
  --limit N        số kết quả (search; mặc định 10)
  --sort date      văn bản mới nhất trước (search; mặc định: theo mức liên quan)
  --json           kết quả dạng máy đọc (JSON) trên stdout
  --lang vi|en     ngôn ngữ hiển thị (mặc định theo LANG của máy; không phải tiếng Anh thì là tiếng Việt)
  --id TỔ-CHỨC/TÊN tên mô hình cho "model import" (mặc định: hai cấp thư mục cuối)
  --from URL       địa chỉ kho mô hình cho "model fetch"
  --threads N      số luồng tính vectơ
  --port N         cổng cho "serve"

Cú pháp tìm kiếm (search):
  "cụm từ chính xác"   -loại-trừ   a OR b   đổi mới* (tiền tố)
  loai:quyet-dinh  so:1234/QĐ-UBND  coquan:"UBND tỉnh"  nam:2021..2025  thumuc:bao-cao
  hieuluc:con | hieuluc:het   lienquan:1520/QĐ-UBND
`;
}

function english(defaultModel: string): string {
  return `Kho Tri Thức — offline search of Vietnamese documents with cited passages

Usage:
  kho index [file-or-folder...]   index documents (PDF, DOCX, DOC, XLS, TXT, MD, HTML…), recursively;
                                  with no paths: rescan the library folders / resume
  kho watch                       rescan the library folders, then follow their changes
  kho verify                      check that the stores agree (after a crash, say)
  kho search <query>              search; "doi moi" finds "đổi mới"
  kho status                      documents, passages, model, failed files
  kho serve [--port N]            the web interface on http://127.0.0.1:4477 (0 = any free port)
  kho doc <file>                  a document's identity, validity (with evidence) and relations
  kho doc <file> --set-status replaced|expired|in-force|… [--note TEXT] | --clear-status
                                  record your own view of its validity (kept across re-indexing)
  kho related <file> [--passage ID]   documents on the same subject (or like one passage), with the reason
  kho docs [--folder DIR] [--text T]  the library's documents with status, OCR and TCVN3/VNI notes
  kho folders [rm <folder>]       the library folders; rm takes one out (files are untouched)
  kho basket list                 the citation basket
  kho basket add <passageId> [--note TEXT]   add a passage (ids from "kho search --json")
  kho basket rm <id> | clear      remove an item, or everything
  kho basket export --format md|docx --out FILE   passages with their citations, for a report
  kho model list                  installed embedding models
  kho model import <folder>       install a model folder (e.g. from a USB stick)
  kho model fetch [id]            download a model on a connected machine (default ${defaultModel})

Options:
  --data DIR     data folder (else $KHO_DATA, else the per-user application-data folder)
  --limit N      number of hits (search; default 10)
  --sort date    newest documents first (search; default: relevance)
  --json         machine-readable output on stdout
  --lang vi|en   language of the output (default: from the locale; Vietnamese unless it is English)
  --id ORG/NAME  model id for "model import" (default: the folder's last two names)
  --from URL     model hub base URL for "model fetch"
  --threads N    embedding threads
  --port N       port for "serve"

Query language (search):
  "exact phrase"   -excluded   a OR b   đổi mới* (prefix)
  loai:quyet-dinh  so:1234/QĐ-UBND  coquan:"UBND tỉnh"  nam:2021..2025  thumuc:bao-cao
  hieuluc:con | hieuluc:het   lienquan:1520/QĐ-UBND
`;
}
