/**
 * The Vietnamese text of every message code, as an officer reads it. A code
 * without a text here fails to compile (see MessageTexts).
 */
import type { FailureKind } from '../../api/contract.js';
import type { FileKindName, MessageParams } from '../../api/messages.js';
import type { MessageTexts } from './format.js';

const FORMATS: Record<FileKindName, string> = {
  pdf: 'tệp PDF', word: 'văn bản Word', excel: 'bảng tính Excel', powerpoint: 'bản trình chiếu PowerPoint',
  opendocument: 'văn bản OpenDocument', rtf: 'tệp RTF', text: 'tệp văn bản', image: 'tệp ảnh', file: 'tệp',
};

const KINDS: Record<FailureKind, string> = {
  unsupported: 'Chưa hỗ trợ loại tệp này.',
  corrupt: 'Tệp bị hỏng hoặc không đúng định dạng.',
  encrypted: 'Tệp có đặt mật khẩu.',
  empty: 'Tệp không có nội dung chữ.',
  unreadable: 'Không đọc được tệp.',
  'too-large': 'Tệp quá lớn.',
  'not-found': 'Không tìm thấy tệp.',
  timeout: 'Đọc tệp quá lâu nên đã dừng.',
  error: 'Có lỗi khi đọc tệp.',
};

const ARGUMENTS: Record<MessageParams['cli.needsArgument']['what'], (command: string) => string> = {
  document: (command) => `kho ${command} cần đường dẫn của văn bản.`,
  query: () => 'kho search cần câu tìm kiếm, ví dụ: kho search "đổi mới sáng tạo".',
  passageId: () => 'kho basket add cần mã đoạn (passageId, lấy từ “kho search --json”).',
  itemId: () => 'kho basket rm cần mã mục (xem “kho basket list”).',
  outFile: () => 'kho basket export cần --out TỆP.',
  modelFolder: () => 'kho model import cần thư mục mô hình.',
  folder: () => 'kho folders rm cần thư mục muốn gỡ khỏi thư viện.',
  root: (command) => `kho ${command} cần mã hoặc tên thư mục thư viện (xem “kho roots”).`,
  rootFolder: (command) => `kho ${command} cần thư mục mà máy này thấy thư mục thư viện đó, ví dụ S:\\vanban.`,
};

const upper = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const S3_PROBLEMS_VI: Record<MessageParams['remote.badLocation']['problem'], string> = {
  scheme: 'không bắt đầu bằng s3://', bucket: 'tên bucket không hợp lệ (3–63 ký tự: chữ thường, chữ số, dấu chấm hoặc gạch nối)',
  prefix: 'phần thư mục có đoạn rỗng, “.” hay “..”, có dấu gạch ngược hoặc quá dài', query: 'có phần “?” hoặc “#”',
};

const CHECKS_VI: Record<MessageParams['remote.noConditionalWrites']['check'], string> = {
  race: 'hai lần ghi “chỉ tạo mới” cùng một đối tượng đều thành công', 'create-only': 'lần ghi “chỉ tạo mới” đã ghi đè một đối tượng có sẵn',
  'stale-etag': 'lần ghi theo một phiên bản đã cũ vẫn thành công',
};

export const vi: MessageTexts = {
  internal: ({ detail }) => `Đã xảy ra lỗi ngoài dự kiến (chi tiết kỹ thuật: ${detail}).`,
  'request.invalid': ({ method, problem }) => `Yêu cầu “${method}” không hợp lệ (${problem}).`,
  'request.refused': () => 'Yêu cầu bị từ chối: hãy mở đúng địa chỉ do “kho serve” in ra.',

  'query.empty': () => 'Câu tìm kiếm đang trống.',
  'query.tooLong': ({ length, max }) => `Câu tìm kiếm quá dài (${length} ký tự; tối đa ${max}).`,
  'query.unclosedQuote': () => 'Thiếu dấu ngoặc kép đóng: phần còn lại được tìm như các từ thường.',
  'query.unknownField': ({ field, known }) => `Không có trường “${field}:” (các trường: ${known.join(', ')}); đã tìm như từ thường.`,
  'query.badYear': ({ value }) => `nam: cần một năm hoặc khoảng năm như nam:2021..2025, không phải “${value}”; đã bỏ qua.`,
  'query.emptyField': ({ field }) => `${field}: chưa có giá trị; đã bỏ qua.`,
  'query.negatedField': ({ field }) => `Không loại trừ theo trường được (-${field}:); đã dùng như bộ lọc.`,

  'search.keywordOnly': ({ model }) =>
    model
      ? `Đang tìm theo từ khóa: các đoạn chưa có vectơ ngữ nghĩa của mô hình ${model}; hãy chạy “kho index”.`
      : 'Đang tìm theo từ khóa: chưa cài mô hình ngữ nghĩa (xem “kho model import” / “kho model fetch”).',
  'search.notEmbedded': ({ missing, total }) => `${missing} trong ${total} đoạn chưa có vectơ ngữ nghĩa; hãy chạy “kho index” để bổ sung.`,
  'search.filtersOnly': () => 'Hãy thêm từ cần tìm: chỉ có bộ lọc thì chưa chọn được đoạn nào.',
  'search.badLimit': ({ max }) => `Số kết quả phải là số nguyên từ 1 đến ${max}.`,
  'search.badSort': () => 'Cách sắp xếp là “relevance” (theo mức liên quan), “date” (theo ngày), “number” (theo số hiệu) hoặc “title” (theo tên).',
  'search.badOffset': () => 'Vị trí bắt đầu phải là số nguyên từ 0 trở lên.',
  'search.partial': () => 'Không đoạn nào chứa đủ mọi từ cần tìm: các kết quả dưới đây chỉ chứa một phần.',

  'index.interrupted': ({ cancelled, done, total }) =>
    `Lần lập chỉ mục trước ${cancelled ? 'đã dừng giữa chừng' : 'bị gián đoạn'}${done !== null && total !== null ? ` ở ${done}/${total} tệp` : ''}; ` +
    'chạy “kho index” (hoặc mở lại ứng dụng) để làm tiếp.',
  'index.noPaths': () => 'Hãy chỉ ra ít nhất một tệp hoặc thư mục để lập chỉ mục.',
  'index.busy': ({ pid, dataDir }) => `Một lần lập chỉ mục khác (tiến trình ${pid}) đang ghi vào ${dataDir}.`,
  'index.waiting': ({ pid, dataDir }) => `Tiến trình ${pid} đang ghi vào ${dataDir}; đang chờ tiến trình đó xong (Ctrl+C để dừng)…`,
  'index.running': () => 'Đang có một lần lập chỉ mục; hãy chờ nó xong.',
  'folder.missing': ({ path }) => `Không có tệp hoặc thư mục: ${path}`,
  'folder.cannotWatch': ({ folder, problem }) => `Không theo dõi được thay đổi trong ${folder} (${problem}); thư mục vẫn được quét lại khi khởi động.`,
  'folder.notInLibrary': ({ folder, folders }) => `${folder} không phải thư mục của thư viện (các thư mục: ${folders.join(', ') || 'chưa có'}).`,
  'data.unusable': ({ dataDir, problem }) => `Không dùng được thư mục dữ liệu ${dataDir} (${problem}).`,
  'data.newerLayout': ({ dataDir, found, supported }) => `Thư mục dữ liệu ${dataDir} do một phiên bản mới hơn tạo ra (cấu trúc ${found}); phiên bản này đọc cấu trúc ${supported}. Không thay đổi gì; hãy dùng phiên bản mới hơn.`,
  'data.olderLayout': ({ dataDir, found, supported }) => `Thư mục dữ liệu ${dataDir} có cấu trúc cũ (${found}, phiên bản này dùng ${supported}). Chạy \`kho index\` để nâng cấp (bản cũ được sao lưu).`,
  'data.migrated': ({ dataDir, found, supported, backup }) => `Đã nâng cấp ${dataDir} từ cấu trúc ${found} lên ${supported}; dữ liệu cũ được giữ ở ${backup} và thư viện được lập chỉ mục lại từ các tệp gốc.`,
  'data.created': ({ dataDir }) => `Tạo thư viện mới ở ${dataDir}.`,
  'data.noLibrary': ({ dataDir }) => `Không có thư viện nào ở ${dataDir}. Hãy lập chỉ mục trước (\`kho index <thư mục> --data ${dataDir}\`) hoặc kiểm tra lại --data (ổ mạng đã gắn chưa?).`,
  'data.urlUnsupported': ({ dataDir }) => `Chưa hỗ trợ lưu dữ liệu ở địa chỉ ${dataDir}; hãy dùng một thư mục trên máy.`,
  'data.fileCorrupt': ({ file, problem }) => `Tệp ${file} bị hỏng (${problem}); tệp được giữ nguyên.`,
  'data.fileSetAside': ({ file, movedTo }) => `Tệp hỏng ${file} đã được chuyển sang ${movedTo}; một tệp mới sẽ được ghi.`,
  'store.unreadable': ({ table, dataDir, detail }) => `Hiện không đọc được bảng ${table} trong ${dataDir} (${detail}); không có gì bị thay đổi. Hãy kiểm tra quyền truy cập hoặc ổ đĩa rồi thử lại.`,
  'store.damaged': ({ table, dataDir }) => `Bảng ${table} trong ${dataDir} bị hỏng, không còn phiên bản nào đọc được. Chạy \`kho verify --repair --data ${dataDir}\` để chuyển nó sang _quarantine và lập chỉ mục lại.`,
  'store.rolledBack': ({ table, versions, quarantine }) => `Bảng ${table} bị ghi dở: đã lùi ${versions} phiên bản (phần hỏng giữ ở ${quarantine}); lần lập chỉ mục tới sẽ bổ sung phần bị mất từ các tệp gốc.`,
  'store.repaired': ({ table, quarantine }) => `Bảng hỏng ${table} đã được chuyển sang ${quarantine} và tạo lại trống; lần lập chỉ mục tới sẽ lập lại từ các tệp gốc.`,
  'store.cleaned': ({ duplicates, orphans }) => `Đã bỏ ${duplicates} đoạn trùng và ${orphans} mục mồ côi khỏi kho.`,
  'remote.badLocation': ({ url, problem }) => `“${url}” không phải là một địa chỉ lưu trữ đối tượng dùng được: ${S3_PROBLEMS_VI[problem]} (cần dạng s3://bucket/thu-muc).`,
  'remote.badProfile': ({ profile, file }) => `Không có hồ sơ AWS “${profile}” (AWS_PROFILE) trong ${file} hay ~/.aws/config.`,
  'remote.noCredentials': ({ url, profile }) => `Chưa có khóa truy cập cho ${url}: đặt AWS_ACCESS_KEY_ID và AWS_SECRET_ACCESS_KEY, hoặc ${profile ? `thêm khóa vào hồ sơ “${profile}”` : 'đặt AWS_PROFILE là một hồ sơ có khóa'} trong ~/.aws/credentials.`,
  'remote.badEndpoint': ({ value }) => `“${value}” không phải là địa chỉ máy chủ lưu trữ đối tượng (cần dạng http(s)://máy[:cổng], ví dụ trong AWS_ENDPOINT_URL).`,
  'remote.noBucket': ({ url }) => `Bucket của ${url} chưa có; hãy nhờ người quản trị tạo.`,
  'remote.accessDenied': ({ url, detail }) => `Bị từ chối truy cập ${url} (${detail}); hãy kiểm tra khóa truy cập và quyền của khóa.`,
  'remote.offline': ({ url, detail }) => `Không kết nối được kho lưu trữ của ${url} (${detail}); hãy kiểm tra mạng.`,
  'remote.leaseHeld': ({ url, holder, expiresAt }) => `${holder} đang ghi vào ${url} (quyền ghi có hạn đến ${expiresAt}); mỗi lúc chỉ một máy được ghi, tiến trình này chỉ đọc.`,
  'remote.leaseLost': ({ url, holder }) => `Tiến trình này không còn quyền ghi vào ${url}${holder ? ` (${holder} đã nhận quyền ghi)` : ' (không gia hạn kịp quyền ghi)'}; đã dừng ghi.`,
  'remote.leaseTakenOver': ({ url, previous, expiredAt }) => `Đã nhận quyền ghi vào ${url} từ ${previous} (quyền ghi của máy đó hết hạn lúc ${expiredAt}).`,
  'remote.noConditionalWrites': ({ url, endpoint, check }) => `Máy chủ lưu trữ ${endpoint} không tôn trọng ghi có điều kiện (${CHECKS_VI[check]}): hai máy cùng ghi có thể làm mất dữ liệu của nhau, nên không cho máy ghi thứ hai vào ${url}.`,
  'remote.readOnly': ({ url }) => `Tiến trình này chỉ đọc ${url}; chỉ máy ghi (đang giữ quyền ghi, ví dụ kho index trên máy ghi) mới được thay đổi.`,
  'remote.writeConflict': ({ url, name }) => `${name} trong ${url} đã bị một tiến trình khác thay đổi sau khi máy ghi này đọc; không ghi đè gì (có máy ghi thứ hai đang chạy?).`,
  'remote.where': ({ url, endpoint, credentials, role, holder, expiresAt, probe, probedAt }) =>
    `Thư viện trên kho lưu trữ đối tượng: ${url} (${endpoint}, khóa lấy từ ${credentials === 'environment' ? 'biến môi trường' : credentials}); tiến trình này ${role === 'writer' ? 'là máy ghi' : 'chỉ đọc'}; máy ghi: ${holder ? `${holder}, quyền ghi đến ${expiresAt}` : 'không có'}; ghi có điều kiện: ${probe === null ? 'chưa kiểm tra' : probe === 'honoured' ? `được tôn trọng (kiểm tra lúc ${probedAt})` : `KHÔNG được tôn trọng (${CHECKS_VI[probe]}, kiểm tra lúc ${probedAt})`}.`,
  'remote.offlineKept': ({ url, detail, since }) => `Mất kết nối: không tới được ${url} (${detail}) từ ${since}; đang dùng bản đã tải trước đó.`,
  'remote.notCopied': ({ url, count, name, reason }) => `Bản sao trên máy này thiếu ${count} đối tượng của ${url} vì ổ đĩa không chứa được tên của chúng (đầu tiên: ${name}, ${reason}).`,
  'location.invalid': ({ value }) => `“${value}” không phải là vị trí thư viện: cần một thư mục đầy đủ (ví dụ D:\\KhoTriThuc, /srv/kho) hoặc s3://bucket/tiền-tố.`,
  'location.unusable': ({ file, problem }) => `Không dùng được thiết lập vị trí thư viện ${file} (${problem}); đang dùng thư mục mặc định. Đặt lại bằng: kho location <vị-trí>.`,
  'location.set': ({ location, current }) => (location ? `Từ lần mở sau, thư viện ở ${location}` : 'Từ lần mở sau, thư viện ở thư mục mặc định') + (location === current || !current ? '.' : ` (lần này vẫn là ${current}).`),
  'document.notInLibrary': ({ path }) => `${path} chưa có trong thư viện (hãy lập chỉ mục trước).`,
  'document.gone': ({ path }) => `Tệp ${path} không còn ở chỗ đã lập chỉ mục.`,
  'root.notMapped': ({ path, root, name, folder }) => `Tệp ${path} thuộc thư mục thư viện “${name}” (${folder}), chưa được gắn với thư mục nào trên máy này; hãy gắn: kho roots map ${root} <thư-mục-trên-máy-này>.`,
  'root.unknown': ({ root, roots }) => `Không có thư mục thư viện “${root}” (các thư mục: ${roots.join(', ') || 'chưa có'}).`,
  'root.ambiguous': ({ root, ids }) => `“${root}” trùng tên nhiều thư mục thư viện; hãy dùng mã: ${ids.join(', ')}.`,
  'document.cannotOpen': ({ path, detail }) => `Không mở được ${path}: ${detail}`,
  'document.tooLargeForViewer': ({ path, maxMb }) => `${path} quá lớn để xem trong ứng dụng (trên ${maxMb} MB); hãy mở bằng ứng dụng mặc định.`,
  'passage.notFound': ({ passageId }) => `Thư viện không có đoạn ${passageId} (mã đoạn lấy từ “kho search --json”).`,
  'passage.notInDocument': ({ passageId, path }) => `Đoạn ${passageId} không thuộc văn bản ${path}.`,
  'status.unknown': ({ value, expected }) => `Không có tình trạng “${value}” (chọn một trong: ${expected.join(', ')}; hoặc null để bỏ).`,

  'model.folderMissing': ({ folder }) => `Không tìm thấy thư mục mô hình: ${folder}`,
  'model.folderIncomplete': ({ folder, missing }) => `${folder} không phải thư mục mô hình đầy đủ: thiếu ${missing.join(', ')}.`,
  'model.badId': ({ id, example }) => `“${id}” không phải tên mô hình dạng tổ-chức/tên (ví dụ ${example}).`,
  'model.unreachable': ({ base, detail }) => `Không kết nối được tới ${base} (${detail}); trên máy không có mạng, hãy dùng “kho model import <thư mục>”.`,
  'model.downloadFailed': ({ url, status }) => `Tải ${url} không thành công (HTTP ${status}).`,
  'model.doesNotLoad': ({ detail }) => `Không nạp được mô hình (${detail}).`,

  'basket.noItem': ({ id }) => `Giỏ trích dẫn không có mục “${id}”.`,
  'basket.hitIncomplete': () => 'Cần một kết quả tìm kiếm có mã đoạn, nội dung và trích dẫn.',
  'basket.badFormat': () => 'Định dạng xuất là “markdown” hoặc “docx”.',

  'serve.loopbackOnly': ({ host }) => `Chế độ web chỉ phục vụ trên chính máy này (127.0.0.1), không phải ${host}.`,
  'serve.portInUse': ({ port }) => `Cổng ${port} đang được dùng; hãy chọn cổng khác bằng --port N (0 = cổng trống bất kỳ).`,
  'serve.badPort': ({ value }) => `--port phải là số nguyên từ 0 đến 65535 (0 = cổng trống bất kỳ), không phải “${value}”.`,

  'cli.needsValue': ({ option }) => `--${option} cần một giá trị.`,
  'cli.unknownOption': ({ option }) => `Không có tùy chọn --${option} (xem “kho --help”).`,
  'cli.unknownCommand': ({ command, known }) => `Không có lệnh “${command}” (${known.length ? `các lệnh: ${known.join(', ')}` : 'xem “kho --help”'}).`,
  'cli.needsArgument': ({ command, what }) => ARGUMENTS[what](command),
  'cli.notPositive': ({ option, value }) => `${option} phải là số nguyên dương, không phải “${value}”.`,
  'cli.badLang': ({ value }) => `--lang là “vi” hoặc “en”, không phải “${value}”.`,
  'cli.statusConflict': () => 'Chỉ dùng một trong hai: --set-status hoặc --clear-status.',
  'cli.noFolders': () => 'Thư viện chưa có thư mục nào: hãy lập chỉ mục một thư mục trước (kho index <thư mục>).',

  'failure.kind': ({ kind }) => KINDS[kind] ?? KINDS.error,
  'failure.unsupportedType': ({ ext }) => (ext ? `Chưa hỗ trợ loại tệp “${ext}”.` : 'Chưa hỗ trợ tệp không có phần mở rộng.'),
  'failure.notYetSupported': ({ ext, saveAs }) => `Chưa hỗ trợ tệp ${ext}${saveAs ? `; hãy lưu lại thành ${saveAs}` : ''}.`,
  'failure.oldWord': () => 'Chưa hỗ trợ văn bản Word 6.0/95 (chỉ đọc .doc của Word 97–2003); hãy lưu lại thành .docx.',
  'failure.emptyFile': () => 'Tệp rỗng (0 byte).',
  'failure.noText': ({ format }) => `${upper(FORMATS[format])} không có nội dung chữ.`,
  'failure.scanned': ({ cause }) =>
    cause === 'ocr-off' ? 'Tệp PDF là bản quét (không có lớp chữ) và chức năng OCR đang tắt.'
    : cause === 'ocr-failed' ? 'Tệp PDF là bản quét (không có lớp chữ) và OCR không đọc được chữ.'
    : cause === 'mojibake-ocr-off' ? 'Chữ trong tệp PDF bị lỗi mã, không đọc được, và chức năng OCR đang tắt.'
    : 'Chữ trong tệp PDF bị lỗi mã, không đọc được, và OCR cũng không đọc được.',
  'failure.encrypted': ({ format }) => `${upper(FORMATS[format])} có đặt mật khẩu.`,
  'failure.corrupt': ({ format }) => `${upper(FORMATS[format])} bị hỏng hoặc không đúng định dạng.`,
  'failure.misnamed': ({ ext, actual }) => `Tệp mang đuôi ${ext} nhưng thực ra là ${actual === 'unknown' ? 'một loại tệp không nhận ra' : FORMATS[actual]}.`,
  'failure.binary': () => 'Tệp là dữ liệu nhị phân, không phải văn bản.',
  'failure.tooLarge': ({ sizeMb, limitMb }) => `Tệp nặng ${sizeMb} MB; tệp trên ${limitMb} MB không được lập chỉ mục.`,
  'failure.expandsTooMuch': ({ limitMb }) => `Tệp giải nén ra quá lớn${limitMb ? ` (hơn ${limitMb} MB)` : ''}, có thể là “bom nén”; không giải nén.`,
  'failure.tooManyCells': ({ max }) => `Bảng tính có hơn ${max} ô.`,
  'failure.timeout': ({ seconds }) => `Đọc tệp mất hơn ${seconds} giây nên đã dừng.`,
  'failure.memory': ({ limitMb }) => `Đọc tệp cần hơn ${limitMb} MB bộ nhớ nên đã dừng.`,
  'failure.stopped': () => 'Việc đọc tệp đã bị dừng.',
  'failure.crashed': () => 'Tiến trình đọc tệp dừng bất ngờ.',
  'failure.changing': () => 'Tệp liên tục thay đổi trong lúc đọc; sẽ được lập chỉ mục khi ổn định.',
  'failure.vanished': () => 'Tệp đã bị xóa hoặc di chuyển trong lúc lập chỉ mục.',
  'failure.denied': () => 'Không có quyền đọc tệp.',
  'failure.unreadable': ({ problem }) => `Không đọc được tệp (${problem}).`,
  'failure.notRegular': () => 'Không phải tệp thông thường (pipe, socket hoặc thiết bị); không đọc.',
  'failure.linkLoop': () => 'Liên kết tượng trưng trỏ vòng về chính nó; không đi theo.',
  'failure.brokenLink': () => 'Liên kết hỏng: tệp đích không còn.',
  'failure.imagePixels': ({ megapixels, limit }) => `Ảnh có ${megapixels} triệu điểm ảnh; ảnh trên ${limit} triệu điểm ảnh không được nhận dạng chữ (OCR).`,
  'failure.imageCoding': ({ coding }) => `Chưa đọc được ảnh TIFF nén kiểu ${coding}; hãy lưu lại thành PDF, PNG hoặc TIFF nén LZW.`,
  'failure.imageNoText': ({ cause }) => (cause === 'ocr-off' ? 'Tệp ảnh chỉ đọc được bằng nhận dạng chữ (OCR), mà chức năng OCR đang tắt.' : 'Nhận dạng chữ (OCR) không đọc được chữ nào trong ảnh.'),
};
