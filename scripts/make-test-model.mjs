#!/usr/bin/env node
// Generates a tiny, deterministic "bag-of-words" embedding model for tests.
//
//   node scripts/make-test-model.mjs [outDir]      (default: <repo>/test-model)
//
// Layout (load with env.localModelPath = outDir, model id 'kho/test-tiny'):
//   <outDir>/kho/test-tiny/{config.json, tokenizer.json, tokenizer_config.json,
//                           special_tokens_map.json, onnx/model.onnx, onnx/model_quantized.onnx}
//
// The ONNX graph is a single Gather over an embedding table (no transformer
// layers): last_hidden_state[b, s, :] = embeddings[input_ids[b, s], :].
// attention_mask and token_type_ids are declared graph inputs (so transformers.js
// feeds them) but are not consumed by any node. Each embedding row is a unit
// vector of pseudo-random numbers seeded by a hash of the token text, so the
// output is byte-identical across runs and machines. With mean pooling, texts
// that share words get similar vectors. No dependencies beyond Node built-ins;
// the ONNX protobuf is hand-encoded below.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MODEL_ID = 'kho/test-tiny';
/** Vector size: 64 for the tests; `--dim 384` gives the real model's size for the size benchmark (bench/lib/indexing.mjs). */
const dimFlag = process.argv.indexOf('--dim');
const DIM = dimFlag > 0 ? Number(process.argv[dimFlag + 1]) : 64;
if (!Number.isInteger(DIM) || DIM < 1) throw new Error(`--dim must be a positive integer, not ${process.argv[dimFlag + 1]}`);
const MAX_LEN = 512;
const IR_VERSION = 8; // onnxruntime-node 1.21 accepts IR <= 10
const OPSET = 13; // ai.onnx opset; Gather is unchanged since 13

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const positional = process.argv.slice(2).filter((a, i, all) => a !== '--dim' && all[i - 1] !== '--dim');
const outDir = resolve(positional[0] ?? join(repoRoot, 'test-model'));
const modelDir = join(outDir, ...MODEL_ID.split('/'));

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

function vietnameseLetters() {
  const letters = [];
  // Plain Latin letters (incl. f, j, w, z for loanwords), then đ.
  for (let c = 0x61; c <= 0x7a; c++) letters.push(String.fromCharCode(c));
  letters.push('đ');
  // Vowels with all 6 tones (none, huyền, sắc, hỏi, ngã, nặng), composed to NFC.
  const bases = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
  const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
  for (const b of bases) {
    for (const t of tones) {
      const ch = (b + t).normalize('NFC');
      if ([...ch].length !== 1) throw new Error(`not a single code point: ${ch}`);
      letters.push(ch);
    }
  }
  return letters;
}

const DIGITS = '0123456789'.split('');
const PUNCT = [
  ...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  '“', '”', '‘', '’', '–', '—', '…', '«', '»', '•', '§', '°', '№', '±', '×', '÷',
];

// Common Vietnamese syllables (NFC, lower case): administrative, legal,
// science & technology, education, economy and everyday function words.
const SYLLABLES = `
đổi mới sáng tạo khoa học công nghệ chuyển giao số quyết định nghị ủy ban nhân dân
tỉnh kế hoạch báo cáo biên bản hội doanh nghiệp đề tài nghiên cứu trường cao đẳng
đại thông tư chính phủ bộ sở phòng ngành cấp huyện xã phường thị trấn thành phố
trung ương địa phương quốc gia việt nam cộng hòa chủ nghĩa độc lập tự do hạnh phúc
văn hành quản lý nhà nước pháp luật điều khoản mục chương phụ lục kèm theo căn cứ
xét của giám đốc trưởng phó tịch thư ký thủ tướng viện trưởng hiệu
hợp tác nông lâm ngư thủy sản chăn nuôi trồng trọt lúa gạo cây con giống phân bón
thuốc bảo vệ thực vật môi tài nguyên đất đai khoáng biển đảo rừng khí hậu biến
ứng phó thiên tai lũ lụt hạn mặn
dữ liệu mạng phần mềm cứng máy tính điện tử tin truyền an ninh toàn trí tuệ
kỹ thuật thiết bị hệ thống dụng nền tảng trực tuyến dịch vụ cổng giải pháp mô hình
toán chip bán dẫn năng lượng tái mặt trời gió hạt vật liệu sinh y dược tế bào gen
vắc xin bệnh sức khỏe giáo dục đào sư tiến sĩ thạc cử luận án dự trình nhiệm
kinh phí ngân sách vốn đầu thuế lệ thu chi quỹ phát triển tăng xây hạ tầng
đô thôn hóa thể thao du lịch vận tải
tờ báo kết chỉ hướng dẫn quy chế thủ tục hồ sơ giấy phép chứng nhận đăng thẩm
phê duyệt kiểm tra thanh sát đánh nghiệm tổng sơ triển khai thực hiện tổ chức cá
quan đơn vị cán viên người lao động
và các những được trong cho với về này đó là có không một hai ba bốn năm sáu bảy
tám chín mười trăm nghìn triệu tỷ đồng ngày tháng giờ tuần quý kỳ lần
tại từ đến trên dưới ngoài sau trước khi nếu thì mà để nhằm theo bằng như cũng đã
đang sẽ phải cần nên rất nhiều ít hơn nhất mỗi tất cả toàn bộ
khác nhau giữa vào ra lên xuống đi làm việc nói biết thấy
năng suất chất lượng hiệu quả tiêu chuẩn mức độ giá trị sản phẩm hàng xuất nhập
khẩu thị trường mua bán thương mại vụ
sở hữu trí tuệ bằng sáng chế nhãn hiệu kiểu dáng bản quyền tác giả
ươm vườn khởi nghiệp quỹ đổi mới hệ sinh thái liên kết viện trường
phòng thí nghiệm trung tâm mẫu đo lường thử
nghị định thông tư luật lệnh công điện văn bản hợp nhất sửa bổ sung thay thế
bãi bỏ hiệu lực kể từ ngày ký
điều chỉnh phân công phối hợp trách nhiệm quyền hạn nghĩa vụ chức năng
cơ cấu bộ máy biên chế tuyển dụng bổ nhiệm khen thưởng kỷ luật
thi đua kiểm điểm tự phê bình
ngân hàng tín dụng vay lãi suất nợ tiền mặt chuyển khoản
dân số lao động việc làm thu nhập nghèo an sinh phúc lợi
bảo hiểm y tế xã hội thất nghiệp hưu trí
giáo viên học sinh lớp môn thi tuyển sinh tốt nghiệp chương trình khung
đại học sau đại học nghề dạy
xăng dầu than khí đốt thủy điện nhiệt gió mặt trời pin lưu trữ
ô tô xe máy đường sắt cao tốc cầu cảng sân bay hàng không
bản đồ quy hoạch vùng đô thị khu công nghiệp chế xuất kinh tế
hạt giống phân tích thống kê điều tra khảo sát mẫu phiếu
số hóa chính quyền điện tử chữ ký số định danh căn cước
trí tuệ nhân tạo học máy dữ liệu lớn điện toán đám mây vạn vật kết nối
an toàn thông tin mã hóa bảo mật xác thực tài khoản mật khẩu
phần cứng phần mềm mã nguồn mở lập trình ứng dụng di động
robot tự động hóa cảm biến vi mạch bán dẫn viễn thông băng rộng
vệ tinh vũ trụ hạt nhân nguyên tử phóng xạ
y học dược học công nghệ sinh học vi sinh hóa sinh di truyền
nông sản thực phẩm chế biến bảo quản truy xuất nguồn gốc
nước sạch vệ sinh rác thải xử lý ô nhiễm khí thải chất thải
tuần hoàn xanh bền vững phát thải carbon trung hòa
đất nước dân tộc tôn giáo văn hóa di sản lịch sử
gia đình trẻ em phụ nữ thanh niên người cao tuổi khuyết tật
hội đồng thường trực thường vụ đảng ủy mặt trận đoàn thể
chính trị tư tưởng đạo đức phong cách
cải cách hành chính một cửa liên thông mức độ trực tuyến
tiếp nhận trả kết quả giải quyết khiếu nại tố cáo kiến nghị phản ánh
mời họp dự đại biểu thành viên ý kiến thống nhất biểu quyết thông qua
tiếp tục tập trung đẩy mạnh nâng cao tăng cường hoàn thiện đổi mới
ưu tiên trọng điểm đột phá chiến lược tầm nhìn mục tiêu giải pháp
`;

function stripVietnameseAccents(s) {
  return s.normalize('NFD').replace(/\p{Mn}/gu, '').replace(/đ/g, 'd').normalize('NFC');
}

function buildVocab() {
  const seen = new Set();
  const vocab = [];
  const add = (t) => {
    if (!seen.has(t)) {
      seen.add(t);
      vocab.push(t);
    }
  };
  for (const t of SPECIALS) add(t);
  const chars = [...vietnameseLetters(), ...DIGITS, ...PUNCT];
  for (const c of chars) add(c);
  for (const c of chars) add('##' + c);

  const syllables = [];
  const syllSeen = new Set();
  for (const w of SYLLABLES.split(/\s+/)) {
    const s = w.normalize('NFC').toLowerCase();
    if (!s || syllSeen.has(s)) continue;
    if (!/^\p{L}+$/u.test(s)) throw new Error(`syllable must be letters only: ${s}`);
    syllSeen.add(s);
    syllables.push(s);
  }
  for (const s of syllables) add(s);
  for (const s of syllables) add(stripVietnameseAccents(s));
  return { vocab, syllableCount: syllables.length };
}

// ---------------------------------------------------------------------------
// Deterministic embeddings
// ---------------------------------------------------------------------------

function fnv1a32(str) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(str, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function xorshift32(seed) {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x;
  };
}

// Unit-length row for a token. [PAD] is all zeros (always masked out by
// pooling); [CLS]/[SEP] are short (norm 0.05) so they barely bias mean pooling
// but keep an empty text's embedding non-zero.
function tokenVector(token) {
  const v = new Float64Array(DIM);
  if (token === '[PAD]') return v;
  const next = xorshift32(fnv1a32('kho-test-tiny:' + token));
  for (let i = 0; i < 8; i++) next(); // warm up
  let norm = 0;
  for (let i = 0; i < DIM; i++) {
    v[i] = next() / 0x80000000 - 1; // [-1, 1)
    norm += v[i] * v[i];
  }
  const scale = (token === '[CLS]' || token === '[SEP]' ? 0.05 : 1) / Math.sqrt(norm);
  for (let i = 0; i < DIM; i++) v[i] *= scale;
  return v;
}

function embeddingBytes(vocab) {
  const buf = Buffer.alloc(vocab.length * DIM * 4);
  vocab.forEach((tok, r) => {
    const v = tokenVector(tok);
    for (let i = 0; i < DIM; i++) buf.writeFloatLE(v[i], (r * DIM + i) * 4);
  });
  return buf;
}

// ---------------------------------------------------------------------------
// Minimal protobuf writer + ONNX messages
// ---------------------------------------------------------------------------

function varint(n) {
  let x = BigInt(n);
  if (x < 0n) x += 1n << 64n; // two's complement for negative int64
  const out = [];
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x > 0n) b |= 0x80;
    out.push(b);
  } while (x > 0n);
  return Buffer.from(out);
}
const key = (field, wire) => varint((field << 3) | wire);
const pInt = (field, n) => Buffer.concat([key(field, 0), varint(n)]);
const pBytes = (field, data) => {
  const b = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  return Buffer.concat([key(field, 2), varint(b.length), b]);
};
const msg = (...parts) => Buffer.concat(parts.flat());

const TensorProto_FLOAT = 1;
const TensorProto_INT64 = 7;
const AttributeProto_INT = 2;

// TensorShapeProto.Dimension: dim_value = 1, dim_param = 2
const dim = (d) => (typeof d === 'number' ? pInt(1, d) : pBytes(2, d));
// ValueInfoProto{name=1, type=2}; TypeProto{tensor_type=1};
// TypeProto.Tensor{elem_type=1, shape=2}; TensorShapeProto{dim=1}
const valueInfo = (name, elemType, dims) =>
  msg(
    pBytes(1, name),
    pBytes(2, pBytes(1, msg(pInt(1, elemType), pBytes(2, msg(dims.map((d) => pBytes(1, dim(d)))))))),
  );

// TensorProto{dims=1, data_type=2, name=8, raw_data=9}
const tensor = (name, dataType, dims, raw) =>
  msg(dims.map((d) => pInt(1, d)), pInt(2, dataType), pBytes(8, name), pBytes(9, raw));

// AttributeProto{name=1, i=3, type=20}
const intAttr = (name, i) => msg(pBytes(1, name), pInt(3, i), pInt(20, AttributeProto_INT));

// NodeProto{input=1, output=2, name=3, op_type=4, attribute=5}
const node = (opType, name, inputs, outputs, attrs = []) =>
  msg(
    inputs.map((i) => pBytes(1, i)),
    outputs.map((o) => pBytes(2, o)),
    pBytes(3, name),
    pBytes(4, opType),
    attrs.map((a) => pBytes(5, a)),
  );

function buildOnnx(vocabSize, embRaw) {
  const seqDims = ['batch_size', 'sequence_length'];
  // GraphProto{node=1, name=2, initializer=5, input=11, output=12}
  const graph = msg(
    pBytes(1, node('Gather', 'embed_lookup', ['embeddings', 'input_ids'], ['last_hidden_state'], [intAttr('axis', 0)])),
    pBytes(2, 'kho_test_tiny'),
    pBytes(5, tensor('embeddings', TensorProto_FLOAT, [vocabSize, DIM], embRaw)),
    pBytes(11, valueInfo('input_ids', TensorProto_INT64, seqDims)),
    pBytes(11, valueInfo('attention_mask', TensorProto_INT64, seqDims)),
    pBytes(11, valueInfo('token_type_ids', TensorProto_INT64, seqDims)),
    pBytes(12, valueInfo('last_hidden_state', TensorProto_FLOAT, [...seqDims, DIM])),
  );
  // ModelProto{ir_version=1, producer_name=2, producer_version=3, graph=7, opset_import=8}
  // OperatorSetIdProto{domain=1, version=2}
  return msg(
    pInt(1, IR_VERSION),
    pBytes(2, 'kho-make-test-model'),
    pBytes(3, '1'),
    pBytes(7, graph),
    pBytes(8, msg(pBytes(1, ''), pInt(2, OPSET))),
  );
}

// ---------------------------------------------------------------------------
// JSON configs
// ---------------------------------------------------------------------------

function tokenizerJson(vocab) {
  const ids = Object.fromEntries(vocab.map((t, i) => [t, i]));
  const id = (t) => ids[t];
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((t) => ({
      id: id(t),
      content: t,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    // NFC first so decomposed (NFD) input still hits the NFC vocabulary;
    // strip_accents must be explicitly false (null would strip when lowercasing).
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFC' },
        {
          type: 'BertNormalizer',
          clean_text: true,
          handle_chinese_chars: true,
          strip_accents: false,
          lowercase: true,
        },
      ],
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: ids,
    },
  };
}

const specialTokensMap = {
  unk_token: '[UNK]',
  sep_token: '[SEP]',
  pad_token: '[PAD]',
  cls_token: '[CLS]',
  mask_token: '[MASK]',
};

function tokenizerConfig(vocab) {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    strip_accents: false,
    tokenize_chinese_chars: true,
    do_basic_tokenize: true,
    model_max_length: MAX_LEN,
    clean_up_tokenization_spaces: true,
    ...specialTokensMap,
    added_tokens_decoder: Object.fromEntries(
      SPECIALS.map((t) => [
        String(vocab.indexOf(t)),
        { content: t, lstrip: false, normalized: false, rstrip: false, single_word: false, special: true },
      ]),
    ),
  };
}

function modelConfig(vocab) {
  return {
    _name_or_path: MODEL_ID,
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: DIM,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: DIM,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0,
    attention_probs_dropout_prob: 0,
    max_position_embeddings: MAX_LEN,
    type_vocab_size: 2,
    initializer_range: 0.02,
    layer_norm_eps: 1e-12,
    vocab_size: vocab.length,
    pad_token_id: vocab.indexOf('[PAD]'),
    position_embedding_type: 'absolute',
    torch_dtype: 'float32',
    transformers_version: '4.46.0',
  };
}

// ---------------------------------------------------------------------------

const { vocab, syllableCount } = buildVocab();
if (syllableCount < 400) throw new Error(`only ${syllableCount} syllables`);

const onnx = buildOnnx(vocab.length, embeddingBytes(vocab));
const json = (o) => JSON.stringify(o, null, 2) + '\n';

mkdirSync(join(modelDir, 'onnx'), { recursive: true });
writeFileSync(join(modelDir, 'config.json'), json(modelConfig(vocab)));
writeFileSync(join(modelDir, 'tokenizer.json'), json(tokenizerJson(vocab)));
writeFileSync(join(modelDir, 'tokenizer_config.json'), json(tokenizerConfig(vocab)));
writeFileSync(join(modelDir, 'special_tokens_map.json'), json(specialTokensMap));
writeFileSync(join(modelDir, 'onnx', 'model.onnx'), onnx);
writeFileSync(join(modelDir, 'onnx', 'model_quantized.onnx'), onnx);

console.log(
  `test model '${MODEL_ID}' -> ${modelDir} (vocab ${vocab.length}, ${syllableCount} syllables, dim ${DIM}, onnx ${onnx.length} bytes)`,
);
