/**
 * `kho --help`, in Vietnamese (the default) and in English (`--lang en`).
 * Commands, options and query fields stay as typed; only the explanations change.
 */
import type { Lang } from '../../common/messages/format.js';

export function usage(lang: Lang, defaultModel: string): string {
  return lang === 'en' ? english(defaultModel) : vietnamese(defaultModel);
}

/**
 * `kho <command> --help`: the usage lines of that command (with their continuation
 * lines), then the options, paths, environment and exit codes shared by all.
 * Null for a command the usage does not list.
 */
export function commandUsage(lang: Lang, command: string, defaultModel: string): string | null {
  const text = usage(lang, defaultModel);
  const [head, rest] = text.split(lang === 'en' ? '\nUsage:\n' : '\nCách dùng:\n', 2) as [string, string];
  const [commands, shared] = rest.split(lang === 'en' ? '\nOptions:\n' : '\nTùy chọn:\n', 2) as [string, string];
  const lines: string[] = [];
  let inCommand = false;
  for (const line of commands.split('\n')) {
    if (line.startsWith('  kho ')) inCommand = line.startsWith(`  kho ${command} `) || line === `  kho ${command}`;
    else if (!/^ {10,}\S/.test(line)) inCommand = false;
    if (inCommand) lines.push(line);
  }
  if (lines.length === 0) return null;
  // The query language belongs to search alone.
  const options = command === 'search' ? shared : shared.split(/\n(?=Cú pháp tìm kiếm|Query language)/)[0]!.trimEnd() + '\n';
  return `${head}\n${lang === 'en' ? 'Usage' : 'Cách dùng'}:\n${lines.join('\n')}\n\n${lang === 'en' ? 'Options' : 'Tùy chọn'}:\n${options}`;
}

function vietnamese(defaultModel: string): string {
  return `Kho Tri Thức — tra cứu văn bản tiếng Việt ngay trên máy, kèm đoạn trích dẫn

Cách dùng:
  kho index [tệp-hoặc-thư-mục...]  lập chỉ mục văn bản (PDF, DOCX, DOC, XLS, TXT, MD, HTML…), kể cả thư mục con;
                                  không ghi đường dẫn: quét lại các thư mục của thư viện / làm tiếp lần dở dang
  kho watch                       quét lại các thư mục của thư viện rồi theo dõi thay đổi
  kho verify                      kiểm tra các kho dữ liệu có khớp nhau không (chẳng hạn sau khi máy tắt đột ngột)
  kho verify --repair             sửa những gì kiểm tra thấy sai (phần hỏng được cất vào _quarantine/, rồi lập chỉ mục lại từ tệp gốc)
  kho search <câu tìm kiếm>       tìm kiếm; "doi moi" cũng tìm ra "đổi mới"
  kho status                      số văn bản, số đoạn, mô hình, các tệp lỗi
  kho serve [--port N]            giao diện web tại http://127.0.0.1:4477 (0 = cổng trống bất kỳ)
  kho doc <tệp>                   thông tin, hiệu lực (kèm căn cứ) và quan hệ của một văn bản
  kho doc <tệp> --set-status replaced|expired|in-force|… [--note GHI-CHÚ] | --clear-status
                                  ghi nhận đánh giá hiệu lực của bạn (giữ nguyên khi lập chỉ mục lại)
  kho related <tệp> [--passage MÃ]    văn bản cùng chủ đề (hoặc giống một đoạn), kèm lý do
  kho docs [--folder THƯ-MỤC] [--text CHỮ]  các văn bản trong thư viện, kèm hiệu lực, OCR, chuyển mã TCVN3/VNI
  kho folders [rm <thư-mục>]      các thư mục của thư viện; rm gỡ một thư mục (tệp gốc vẫn giữ nguyên)
  kho roots [map <mã> <thư-mục> | unmap <mã>]
                                  thư mục gốc của thư viện dùng chung; map: máy này đọc tệp của nó ở <thư-mục> (như S:\\vanban)
  kho location [s3://bucket/tiền-tố | <thư-mục> | --reset]
                                  thư viện của bạn ở đâu (từ lần mở sau, cho cả ứng dụng và kho serve)
  kho basket list                 giỏ trích dẫn
  kho basket add <passageId> [--note GHI-CHÚ]   thêm một đoạn (mã đoạn lấy từ "kho search --json")
  kho basket rm <mã> | clear      bỏ một mục, hoặc bỏ hết
  kho basket export [--format md|docx] [--title TIÊU-ĐỀ] [--out TỆP|THƯ-MỤC]
                                  xuất các đoạn kèm trích dẫn, để đưa vào báo cáo; không có --out hoặc --out là
                                  thư mục: tệp tên theo tiêu đề và ngày, như trich-dan-tai-lieu-2026-12-03.docx
  kho model list                  các mô hình ngữ nghĩa đã cài
  kho model import <thư-mục>      cài một thư mục mô hình (chẳng hạn từ USB)
  kho model fetch [tên]           tải mô hình trên máy có mạng (mặc định ${defaultModel})
  kho --version                   phiên bản chương trình
  kho <lệnh> --help               cách dùng một lệnh

Tùy chọn:
  --data THƯ-MỤC   thư mục dữ liệu (nếu không có: $KHO_DATA, rồi thư mục dữ liệu ứng dụng của người dùng)
                   hoặc thư viện chung trên kho lưu trữ S3: s3://bucket/thu-muc (khóa từ AWS_ACCESS_KEY_ID…, AWS_PROFILE; máy chủ từ AWS_ENDPOINT_URL)
  --limit N        số kết quả (search; mặc định 10)
  --sort date      văn bản mới nhất trước; number: theo số hiệu; title: theo tên (search; mặc định: theo mức liên quan)
  --page N         trang thứ N, mỗi trang --limit kết quả (search)
  --collapse passage  mỗi đoạn một kết quả (search; mặc định: mỗi điều một kết quả)
  --json           kết quả dạng máy đọc (JSON) trên stdout, với mọi lệnh
  --lang vi|en     ngôn ngữ hiển thị (mặc định theo LANG của máy; không phải tiếng Anh thì là tiếng Việt)
  --id TỔ-CHỨC/TÊN tên mô hình cho "model import" (mặc định: hai cấp thư mục cuối)
  --from URL       địa chỉ kho mô hình cho "model fetch"
  --threads N      số luồng tính vectơ
  --port N         cổng cho "serve"
  --no-wait        index/watch: không chờ khi tiến trình khác đang ghi vào thư viện, báo lỗi ngay
  --title TIÊU-ĐỀ  tiêu đề của bản xuất (basket export; mặc định "Trích dẫn tài liệu")
  --version        phiên bản chương trình
  -h, --help       cách dùng (sau một lệnh: cách dùng lệnh đó)

Đường dẫn có thể dán nguyên cả dấu ngoặc kép ("C:\\Báo cáo\\a.pdf", như khi Windows "Copy as path").
Biến môi trường: KHO_DATA (thư mục dữ liệu), NO_COLOR (không tô đậm, không mã điều khiển), KHO_DEBUG (in chi tiết lỗi),
  KHO_ROOT_MAP (tệp gắn thư mục thư viện với ổ đĩa của máy này; mặc định trong thư mục cấu hình của người dùng).
Không tô đậm khi kết quả không ra màn hình (chuyển vào tệp hoặc lệnh khác).

Mã thoát:
  0    xong
  1    lỗi: thao tác sai hoặc không làm được (một dòng giải thích trên stderr)
  2    xong, nhưng có tệp không lập chỉ mục được (đã liệt kê), hoặc "verify" thấy vấn đề
  130  dừng bằng Ctrl+C (phần đã làm được giữ lại)

Cú pháp tìm kiếm (search):
  "cụm từ chính xác"   -loại-trừ   a OR b   đổi mới* (tiền tố)
  loai:quyet-dinh  so:1234/QĐ-UBND  coquan:"UBND tỉnh"  nam:2021..2025  thumuc:bao-cao
  hieuluc:con (có căn cứ còn hiệu lực) | hieuluc:het | hieuluc:khongro (không rõ)   lienquan:1520/QĐ-UBND
  dinhdang:pdf | word | anh   nguon:banquet (chữ từ bản quét) | macu (chuyển từ TCVN3/VNI) | goc
`;
}

function english(defaultModel: string): string {
  return `Kho Tri Thức — offline search of Vietnamese documents with cited passages

Usage:
  kho index [file-or-folder...]   index documents (PDF, DOCX, DOC, XLS, TXT, MD, HTML…), recursively;
                                  with no paths: rescan the library folders / resume
  kho watch                       rescan the library folders, then follow their changes
  kho verify                      check that the stores agree (after a crash, say)
  kho verify --repair             repair what the check finds (damaged parts are kept in _quarantine/, then re-indexed from the sources)
  kho search <query>              search; "doi moi" finds "đổi mới"
  kho status                      documents, passages, model, failed files
  kho serve [--port N]            the web interface on http://127.0.0.1:4477 (0 = any free port)
  kho doc <file>                  a document's identity, validity (with evidence) and relations
  kho doc <file> --set-status replaced|expired|in-force|… [--note TEXT] | --clear-status
                                  record your own view of its validity (kept across re-indexing)
  kho related <file> [--passage ID]   documents on the same subject (or like one passage), with the reason
  kho docs [--folder DIR] [--text T]  the library's documents with status, OCR and TCVN3/VNI notes
  kho folders [rm <folder>]       the library folders; rm takes one out (files are untouched)
  kho roots [map <root> <folder> | unmap <root>]
                                  roots of a shared library; map: read a root's files from <folder> here (e.g. S:\\vanban)
  kho location [s3://bucket/prefix | <folder> | --reset]
                                  where your library lives (from the next start, for the app and kho serve too)
  kho basket list                 the citation basket
  kho basket add <passageId> [--note TEXT]   add a passage (ids from "kho search --json")
  kho basket rm <id> | clear      remove an item, or everything
  kho basket export [--format md|docx] [--title TITLE] [--out FILE|FOLDER]
                                  passages with their citations, for a report; with no --out, or a folder:
                                  a file named from the title and date, e.g. trich-dan-tai-lieu-2026-12-03.docx
  kho model list                  installed embedding models
  kho model import <folder>       install a model folder (e.g. from a USB stick)
  kho model fetch [id]            download a model on a connected machine (default ${defaultModel})
  kho --version                   the program's version
  kho <command> --help            how to use one command

Options:
  --data DIR     data folder (else $KHO_DATA, else the per-user application-data folder)
                 or a shared library on S3-compatible storage: s3://bucket/prefix (keys from AWS_ACCESS_KEY_ID…/AWS_PROFILE, server from AWS_ENDPOINT_URL)
  --limit N      number of hits (search; default 10)
  --sort date    newest documents first; number: by number; title: by title (search; default: relevance)
  --page N       page N, --limit hits per page (search)
  --collapse passage  one hit per passage (search; default: one per article)
  --json         machine-readable output on stdout, for every command
  --lang vi|en   language of the output (default: from the locale; Vietnamese unless it is English)
  --id ORG/NAME  model id for "model import" (default: the folder's last two names)
  --from URL     model hub base URL for "model fetch"
  --threads N    embedding threads
  --port N       port for "serve"
  --no-wait      index/watch: do not wait while another process writes to the library; stop at once
  --title TITLE  heading of the export (basket export; default "Trích dẫn tài liệu")
  --version      the program's version
  -h, --help     this help (after a command: that command's help)

Paths may be pasted with their quotes ("C:\\Reports\\a.pdf", as Windows "Copy as path" gives them).
Environment: KHO_DATA (data folder), NO_COLOR (no bold, no escape codes), KHO_DEBUG (error details),
  KHO_ROOT_MAP (this computer's root mapping file; default: in the user's settings folder).
Nothing is marked with escape codes when the output is not a terminal (a file or a pipe).

Exit codes:
  0    done
  1    error: a mistake in the command or something that stopped it (one line on stderr says which)
  2    done, but some files could not be indexed (they are listed), or "verify" found problems
  130  stopped with Ctrl+C (what was done is kept)

Query language (search):
  "exact phrase"   -excluded   a OR b   đổi mới* (prefix)
  loai:quyet-dinh  so:1234/QĐ-UBND  coquan:"UBND tỉnh"  nam:2021..2025  thumuc:bao-cao
  hieuluc:con (in force, with evidence) | hieuluc:het | hieuluc:khongro (unknown)   lienquan:1520/QĐ-UBND
  dinhdang:pdf | word | anh (images)   nguon:banquet (OCR'd) | macu (converted from TCVN3/VNI) | goc
`;
}
