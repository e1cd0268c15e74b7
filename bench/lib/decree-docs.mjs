/**
 * Synthetic administrative documents laid out as Decree 30/2020 asks (issuer
 * block, national motto, number, place and date, type and summary, body,
 * signature), so indexing reads real metadata from them: type, number,
 * issuer, date. Decisions may replace an earlier one ("Quyết định này thay
 * thế Quyết định số …"), which makes validity real too. Used by the search
 * scale tests (test/search-scale.test.ts) and the shipped-path benchmark
 * (bench/lib/scale-children.mjs). Pure functions of their arguments.
 */

export const ISSUERS = [
  { parent: 'ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA', name: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', place: 'Thanh Hóa', symbol: 'SKHCN' },
  { parent: 'ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN', name: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG', place: 'Nghệ An', symbol: 'STTTT' },
  { parent: null, name: 'ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÀ NẴNG', place: 'Đà Nẵng', symbol: 'UBND' },
  { parent: 'BỘ TÀI CHÍNH', name: 'CỤC THUẾ', place: 'Hà Nội', symbol: 'CT' },
];

export const TYPES = {
  'ke-hoach': { heading: 'KẾ HOẠCH', code: 'KH' },
  'bao-cao': { heading: 'BÁO CÁO', code: 'BC' },
  'quyet-dinh': { heading: 'QUYẾT ĐỊNH', code: 'QĐ' },
  'thong-bao': { heading: 'THÔNG BÁO', code: 'TB' },
};

/**
 * One document's text. `articles` (strings) become "Điều N." for decisions
 * and numbered sections otherwise; `replaces` (a number) adds the replacing
 * clause to a decision.
 */
export function decreeDocument({ type, number, date, issuer, summary, articles, replaces = null }) {
  const t = TYPES[type];
  const [y, m, d] = date.split('-');
  const code = `${number}/${t.code}-${issuer.symbol}`;
  const header = [
    ...(issuer.parent ? [issuer.parent] : []),
    issuer.name,
    '-------',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    '---------------',
    `Số: ${code}`,
    `${issuer.place}, ngày ${d} tháng ${m} năm ${y}`,
    '',
    t.heading,
    summary,
    '',
  ];
  const body = articles.map((text, i) => (type === 'quyet-dinh' ? `Điều ${i + 1}. ${text}` : `${roman(i + 1)}. ${text}`));
  if (type === 'quyet-dinh') {
    const clause = replaces ? ` và thay thế Quyết định số ${replaces}` : '';
    body.push(`Điều ${articles.length + 1}. Quyết định này có hiệu lực kể từ ngày ký${clause}.`);
  }
  return { code, text: `${header.join('\n')}\n${body.join('\n\n')}\n\nGIÁM ĐỐC\n\nNguyễn Văn An\n` };
}

function roman(n) {
  const table = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

/** A small deterministic generator (mulberry32). */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPIC_WORDS = ['hạ tầng', 'dữ liệu', 'dịch vụ công', 'nhân lực', 'an toàn thông tin', 'chính quyền số', 'kinh tế số', 'xã hội số', 'nền tảng', 'kết nối'];

/**
 * The 520-file library of issue 14: 400 plans in `ke-hoach/` and 120 reports
 * in `bao-cao/`, all about "chuyển đổi số". Returns [relative path, text].
 */
export function digitalTransformationLibrary() {
  const files = [];
  const rng = seeded(14);
  const pick = (a) => a[Math.floor(rng() * a.length)];
  const make = (type, folder, count) => {
    for (let i = 1; i <= count; i++) {
      const issuer = ISSUERS[i % ISSUERS.length];
      const date = `${2019 + (i % 6)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const topic = pick(TOPIC_WORDS);
      const articles = [
        `MỤC ĐÍCH, YÊU CẦU\nĐẩy mạnh chuyển đổi số về ${topic} trong hoạt động của cơ quan số ${i}; nâng cao hiệu quả quản lý.`,
        `NHIỆM VỤ\nPhát triển ${pick(TOPIC_WORDS)} và ${pick(TOPIC_WORDS)}; tổ chức thực hiện đợt ${i} theo lộ trình.`,
      ];
      const summary = type === 'ke-hoach' ? `Triển khai chuyển đổi số năm ${date.slice(0, 4)} (đợt ${i})` : `Kết quả thực hiện chuyển đổi số năm ${date.slice(0, 4)} (đợt ${i})`;
      const { text } = decreeDocument({ type, number: i, date, issuer, summary, articles });
      files.push([`${folder}/${folder}-${String(i).padStart(3, '0')}.txt`, text]);
    }
  };
  make('ke-hoach', 'ke-hoach', 400);
  make('bao-cao', 'bao-cao', 120);
  return files;
}
