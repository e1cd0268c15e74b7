#!/usr/bin/env python3
"""A same-shape stand-in for intfloat/multilingual-e5-small (issues 17 and 20).

    python3 scripts/make-e5-standin.py [--out DIR] [--layers 12] [--vocab 250037]
                                       [--no-fp32] [--no-q8] [--seed 17]

Writes <DIR>/kho/multilingual-e5-small-standin/ (default DIR: /tmp/e5-standin,
outside the repository: the fp32 file is ~470 MB):

    config.json, tokenizer.json, tokenizer_config.json, special_tokens_map.json,
    onnx/model.onnx            fp32, the architecture of the real export
    onnx/model_quantized.onnx  int8 dynamic quantization (what Xenova ships and
                               what transformers.js loads by default: dtype q8)

Why: no real model can be downloaded here, and the test model (one Gather) says
nothing about what embedding costs. The cost of a BERT encoder depends on its
shape and on the number of tokens, not on the values of its weights, so this
folder has the exact shape of multilingual-e5-small (BERT, 12 layers, hidden
384, 12 heads, intermediate 1536, 250,037 embedding rows, 512 positions, 2 token
types) with seeded random weights, and a tokenizer built to cut Vietnamese text
into about as many tokens as the real one. Its vectors mean nothing: use it for
speed and memory only, never for quality.

The graph follows what the PyTorch exporter writes for BertModel (opset 14:
LayerNorm and GELU as elementary ops, the additive attention mask, Q/K/V as
separate MatMul+Add), so ONNX Runtime applies the same fusions (LayerNorm, GELU,
attention, MatMulIntegerToFloat) as to the real file. The quantized variant
follows onnxruntime's quantize_dynamic (IntegerOps mode, weight-only MatMuls
with a constant B, per-tensor int8 weights, DynamicQuantizeLinear on the
activations; word embeddings int8 behind a Gather + DequantizeLinear), which is
how the real model_quantized.onnx (~118 MB) was made.

Tokenizer: the real one is XLM-R's SentencePiece Unigram (250,002 pieces, the
model's embedding has 35 spare rows). This one is a Unigram tokenizer.json too
(so transformers.js runs the same Viterbi code over a 250k-piece trie), with
Metaspace pre-tokenization and whitespace normalisation like XLM-R's:
  - every lower-case Vietnamese syllable seen at least MIN_COUNT times in the
    Vietnamese text given with --text (default: ALQAC laws, corpus/, viparse
    ground truth) as a whole "▁syllable" piece, the frequent ones also
    capitalised and in capitals, as XLM-R (trained on 137 GB of Vietnamese)
    has them;
  - onsets and rhymes (with tones) as pieces, so a rare syllable costs 2 tokens;
  - numbers 0-2100 as "▁n" pieces, 2-digit pieces, punctuation, letters;
  - filler pieces in other scripts up to 250,002, which never match Vietnamese.
The bench prints the tokens per word it gives on real passages.
"""
import argparse
import glob
import json
import math
import os
import re
import sys
import unicodedata
from collections import Counter

try:
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper
except ImportError as missing:  # pyenv and virtualenvs hide Debian's packages: /usr/bin/python3 has them
    sys.exit(f'{missing}: needs numpy and onnx (Debian: apt-get install python3-onnx python3-numpy; then run /usr/bin/python3 {sys.argv[0]})')

MODEL_ID = 'kho/multilingual-e5-small-standin'
HIDDEN = 384
HEADS = 12
INTERMEDIATE = 1536
MAX_POSITIONS = 512
TYPE_VOCAB = 2
EMBED_ROWS = 250037  # config.json of multilingual-e5-small
TOKENIZER_SIZE = 250002  # XLM-R's SentencePiece vocabulary + 2
OPSET = 14  # what the optimum/PyTorch export of the real model used
IR_VERSION = 8  # onnxruntime-node 1.21 accepts IR <= 10
MIN_COUNT = 3
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
SHARED = os.path.join(ROOT, '..', 'shared', 'data')

# ---------------------------------------------------------------------------
# Tokenizer
# ---------------------------------------------------------------------------

ONSETS = ['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh', 'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x']
TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323']
RHYMES = """a ai ao au ay am an ang anh ac ach ap at ă ăm ăn ăng ăc ăp ăt â âu ây âm ân âng âc âp ât e eo em en eng ec ep et
ê êu êm ên ênh êc êch êp êt i ia iu im in inh ic ich ip it iê iêu iêm iên iêng iêc iêp iêt o oa oai oao oay oam oan oang oanh
oac oach oap oat oă oăm oăn oăng oăc oăt oe oeo oen oet oi om on ong oc op ot oo ooc oong ô ôi ôm ôn ông ôc ôp ôt ơ ơi ơm ơn ơp ơt
u ua uân uâng uât uây uê uênh uêch uy uya uyên uyêt uynh uych uyt uyu ui um un ung uc up ut uô uôi uôm uôn uông uôc uôt ư ưa ưi ưu
ưm ưn ưng ưc ưt ươ ươi ươu ươm ươn ương ươc ươp ươt y yê yêu yên yêt""".split()
PUNCT = list('.,;:!?()[]{}"\'/\\-–—_+=*&%$#@<>|~`^') + ['“', '”', '‘', '’', '…', '•', '§', '°', '№', '±', '×']
BIGRAM_PUNCT = [').', '),', ');', '):', '".', '",', '”.', '”,', ':/', '//', '..', '...', '--', '%.', '%,']
CODES = ['NĐ', 'CP', 'QĐ', 'TTg', 'TT', 'BTC', 'QH', 'UBND', 'HĐND', 'BCA', 'BQP', 'BYT', 'KHCN', 'BKHCN', 'CT', 'NQ', 'TW', 'HĐ', 'BC', 'KH', 'CV', 'VPCP', 'SKHCN', 'TU', 'ĐMST', 'CNTT']


def with_tone(syllable_base, tone):
    """Put the tone mark on the vowel that carries it (modern placement is close enough for piece lists)."""
    vowels = [i for i, ch in enumerate(syllable_base) if ch in 'aăâeêioôơuưy']
    if not tone or not vowels:
        return unicodedata.normalize('NFC', syllable_base)
    # The tone goes on ơ/ê/â/ă/ô/ư when present, else the second of two vowels before a coda, else the first.
    marked = [i for i in vowels if syllable_base[i] in 'ăâêôơư']
    if marked:
        at = marked[-1]
    elif len(vowels) >= 2 and vowels[-1] < len(syllable_base) - 1:
        at = vowels[-1]
    else:
        at = vowels[0] if len(vowels) == 1 or syllable_base[vowels[0]] not in 'oui' else vowels[-1]
    return unicodedata.normalize('NFC', syllable_base[: at + 1] + tone + syllable_base[at + 1 :])


def read_texts(paths):
    """Vietnamese text to count syllables in: ALQAC's law.json articles, .txt/.md files."""
    texts = []
    for p in paths:
        files = sorted(glob.glob(os.path.join(p, '**', '*'), recursive=True)) if os.path.isdir(p) else [p]
        for f in files:
            if f.endswith('law.json'):
                for law in json.load(open(f, encoding='utf-8')):
                    texts.extend(a['text'] for a in law['articles'])
            elif f.endswith(('.txt', '.md')) and os.path.isfile(f):
                texts.append(open(f, encoding='utf-8', errors='replace').read())
    return texts


WORD = re.compile(r'[^\W\d_]+', re.UNICODE)


def count_words(texts):
    lower, capital, upper, chars = Counter(), Counter(), Counter(), Counter()
    for t in texts:
        t = unicodedata.normalize('NFC', t)
        chars.update(t)
        for w in WORD.findall(t):
            if w.islower():
                lower[w] += 1
            elif w.isupper() and len(w) > 1:
                upper[w] += 1
                lower[w.lower()] += 0  # seen
            elif w[0].isupper() and (len(w) == 1 or w[1:].islower()):
                capital[w] += 1
                lower[w.lower()] += 0
    return lower, capital, upper, chars


def build_vocab(texts, size, min_count=MIN_COUNT, whole=None):
    """Pieces with Unigram scores (log probabilities); specials first, XLM-R's ids.
    `whole` caps the lower-case syllables kept whole (capitalised: a third, capitals: a thirtieth)."""
    cap = lambda counter, k: counter.most_common() if whole is None else counter.most_common(max(1, int(whole * k)))
    lower, capital, upper, chars = count_words(texts)
    total = sum(lower.values()) + sum(capital.values()) + sum(upper.values()) + 1
    pieces, seen = [], set()

    def add(piece, score):
        if piece and piece not in seen and len(pieces) < size - 1:
            seen.add(piece)
            pieces.append((piece, float(score)))

    for special in ['<s>', '<pad>', '</s>', '<unk>']:
        add(special, 0.0)
    logp = lambda n: math.log(max(n, 0.5) / total)
    # Whole syllables: a syllable XLM-R has surely seen often enough to keep whole.
    for w, n in cap(lower, 1):
        if n >= min_count:
            add('▁' + w, logp(n))
            if n >= 50:
                add(w, logp(n) - 4)  # after a bracket or a slash: "(trừ", "/năm"
    for w, n in cap(capital, 1 / 3):
        if n >= min_count:
            add('▁' + w, logp(n))
    for w, n in cap(upper, 1 / 30):
        if n >= 10:
            add('▁' + w, logp(n) - 1)
    # Sub-syllable pieces: onset + rhyme, so an unseen syllable costs about two tokens.
    sub = -14.0
    for o in ONSETS:
        for cased in {o, o.capitalize(), o.upper()}:
            if cased:
                add('▁' + cased, sub)
                add(cased, sub - 0.5)
    for r in RHYMES:
        for tone in TONES:
            rt = with_tone(r, tone)
            add(rt, sub)
            add(rt.upper(), sub - 1)
            add('▁' + rt, sub - 0.5)
            add('▁' + rt.capitalize(), sub - 0.5)
    # Numbers, codes, punctuation.
    for n in range(0, 2101):
        add('▁' + str(n), -11.0 - math.log10(n + 1))
    for n in range(0, 100):
        add(str(n), -12.0)
        add('%02d' % n, -12.5)
    for y in range(1945, 2041):
        add('/' + str(y), -11.0)
        add(str(y), -11.5)
    for c in CODES:
        add(c, -11.0)
        add('▁' + c, -11.0)
        add('-' + c, -11.5)
    for p in PUNCT + BIGRAM_PUNCT:
        add(p, -8.0)
        add('▁' + p, -9.0)
    # Every character seen, alone and after a space, so nothing becomes <unk>.
    for ch, _ in chars.most_common():
        if not ch.isspace():
            add(ch, -16.0)
            add('▁' + ch, -16.5)
    for code in range(0x21, 0x250):
        ch = chr(code)
        if unicodedata.category(ch)[0] in 'LNPS':
            add(ch, -17.0)
            add('▁' + ch, -17.5)
    for base in 'aăâeêioôơuưy':
        for tone in TONES:
            for ch in {with_tone(base, tone), with_tone(base, tone).upper()}:
                add(ch, -16.0)
                add('▁' + ch, -16.5)
    add('▁', -10.0)
    for w in ('passage', 'query'):  # e5's task prefixes: whole English words in XLM-R
        add('▁' + w, -9.0)
    vietnamese = len(pieces)
    # Filler in scripts Vietnamese text never uses (CJK, Hangul), as XLM-R's other 99 languages.
    rng = np.random.default_rng(1)
    cjk = [chr(c) for c in range(0x4E00, 0x9FA6)]
    hangul = [chr(c) for c in range(0xAC00, 0xD7A4)]
    pool = cjk + hangul
    for ch in pool:
        add(ch, -15.0)
    while len(pieces) < size - 1:
        k = int(rng.integers(2, 5))
        word = ''.join(pool[int(i)] for i in rng.integers(0, len(pool), k))
        add(('▁' if rng.random() < 0.5 else '') + word, -15.0 - k)
    pieces.append(('<mask>', 0.0))
    return pieces, vietnamese


def tokenizer_files(pieces):
    special = lambda i, t: {'id': i, 'content': t, 'single_word': False, 'lstrip': t == '<mask>', 'rstrip': False, 'normalized': False, 'special': True}
    mask_id = len(pieces) - 1
    tokenizer = {
        'version': '1.0',
        'truncation': None,
        'padding': None,
        'added_tokens': [special(0, '<s>'), special(1, '<pad>'), special(2, '</s>'), special(3, '<unk>'), special(mask_id, '<mask>')],
        # XLM-R's Precompiled map is NFKC plus whitespace clean-up: newlines and tabs become spaces.
        'normalizer': {'type': 'Sequence', 'normalizers': [
            {'type': 'NFKC'},
            {'type': 'Replace', 'pattern': {'Regex': '\\s+'}, 'content': ' '},
        ]},
        'pre_tokenizer': {'type': 'Metaspace', 'replacement': '▁', 'add_prefix_space': True, 'prepend_scheme': 'always'},
        'post_processor': {
            'type': 'TemplateProcessing',
            'single': [{'SpecialToken': {'id': '<s>', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}}, {'SpecialToken': {'id': '</s>', 'type_id': 0}}],
            'pair': [{'SpecialToken': {'id': '<s>', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}}, {'SpecialToken': {'id': '</s>', 'type_id': 0}},
                     {'SpecialToken': {'id': '</s>', 'type_id': 0}}, {'Sequence': {'id': 'B', 'type_id': 0}}, {'SpecialToken': {'id': '</s>', 'type_id': 0}}],
            'special_tokens': {'<s>': {'id': '<s>', 'ids': [0], 'tokens': ['<s>']}, '</s>': {'id': '</s>', 'ids': [2], 'tokens': ['</s>']}},
        },
        'decoder': {'type': 'Metaspace', 'replacement': '▁', 'add_prefix_space': True, 'prepend_scheme': 'always'},
        'model': {'type': 'Unigram', 'unk_id': 3, 'vocab': [[p, s] for p, s in pieces], 'byte_fallback': False},
    }
    added = {str(t['id']): {k: v for k, v in t.items() if k != 'id'} for t in tokenizer['added_tokens']}
    config = {
        'tokenizer_class': 'XLMRobertaTokenizer', 'model_max_length': 512, 'clean_up_tokenization_spaces': True,
        'bos_token': '<s>', 'eos_token': '</s>', 'sep_token': '</s>', 'cls_token': '<s>', 'unk_token': '<unk>',
        'pad_token': '<pad>', 'mask_token': '<mask>', 'added_tokens_decoder': added,
    }
    specials = {'bos_token': '<s>', 'eos_token': '</s>', 'sep_token': '</s>', 'cls_token': '<s>', 'unk_token': '<unk>', 'pad_token': '<pad>', 'mask_token': '<mask>'}
    return tokenizer, config, specials


def model_config(layers, rows):
    return {
        '_name_or_path': MODEL_ID, 'architectures': ['BertModel'], 'model_type': 'bert',
        'attention_probs_dropout_prob': 0.1, 'hidden_act': 'gelu', 'hidden_dropout_prob': 0.1,
        'hidden_size': HIDDEN, 'initializer_range': 0.02, 'intermediate_size': INTERMEDIATE,
        'layer_norm_eps': 1e-12, 'max_position_embeddings': MAX_POSITIONS, 'num_attention_heads': HEADS,
        'num_hidden_layers': layers, 'pad_token_id': 0, 'position_embedding_type': 'absolute',
        'tokenizer_class': 'XLMRobertaTokenizer', 'type_vocab_size': TYPE_VOCAB, 'use_cache': True,
        'vocab_size': rows, 'torch_dtype': 'float32', 'transformers_version': '4.46.0',
        'kho_standin': 'random weights with the shape of intfloat/multilingual-e5-small: for speed and memory only',
    }


# ---------------------------------------------------------------------------
# Graph
# ---------------------------------------------------------------------------

class Graph:
    """Nodes and initializers, with fresh names."""

    def __init__(self, quantized):
        self.nodes, self.inits, self.n, self.quantized = [], [], 0, quantized

    def name(self, base):
        self.n += 1
        return f'{base}_{self.n}'

    def const(self, value, base='c', dtype=np.float32):
        name = self.name(base)
        self.inits.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def op(self, op_type, inputs, outputs=1, **attrs):
        names = [self.name(op_type.lower()) for _ in range(outputs)]
        self.nodes.append(helper.make_node(op_type, inputs, names, name=self.name(op_type), **attrs))
        return names[0] if outputs == 1 else names

    def matmul(self, x, w, base):
        """x @ w, as the exporter writes it (fp32) or as quantize_dynamic rewrites it (int8 weights)."""
        if not self.quantized:
            return self.op('MatMul', [x, self.const(w, base)])
        scale = np.float32(np.abs(w).max() / 127.0)
        wq = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
        xq, xs, xzp = self.op('DynamicQuantizeLinear', [x], outputs=3)
        acc = self.op('MatMulInteger', [xq, self.const(wq, base + '_quantized', np.int8), xzp, self.const(0, base + '_zero_point', np.int8)])
        as_float = self.op('Cast', [acc], to=TensorProto.FLOAT)
        both = self.op('Mul', [xs, self.const(scale, base + '_scale')])
        return self.op('Mul', [as_float, both])

    def linear(self, x, w, b, base):
        return self.op('Add', [self.const(b, base + '_bias'), self.matmul(x, w, base)])

    def layer_norm(self, x, hidden, base):
        """LayerNorm as opset-14 elementary ops (ORT fuses it back into LayerNormalization)."""
        mean = self.op('ReduceMean', [x], axes=[-1])
        d = self.op('Sub', [x, mean])
        var = self.op('ReduceMean', [self.op('Pow', [d, self.const(2.0)])], axes=[-1])
        std = self.op('Sqrt', [self.op('Add', [var, self.const(1e-12)])])
        norm = self.op('Div', [d, std])
        return self.op('Add', [self.op('Mul', [norm, self.const(np.ones(hidden), base + '_weight')]), self.const(np.zeros(hidden), base + '_bias')])


def build_graph(layers, rows, seed, quantized, hidden, heads, intermediate, positions, type_vocab, opset, ir_version):
    rng = np.random.default_rng(seed)
    normal = lambda *shape: (rng.standard_normal(shape, dtype=np.float32) * 0.02)
    g = Graph(quantized)
    head = hidden // heads
    ids, mask, types = 'input_ids', 'attention_mask', 'token_type_ids'

    # Embeddings: word + token type + position, then LayerNorm.
    table = normal(rows, hidden)
    if quantized:  # quantize_dynamic's GatherQuant: int8 table, DequantizeLinear after the lookup.
        scale = np.float32(np.abs(table).max() / 127.0)
        tq = np.clip(np.round(table / scale), -127, 127).astype(np.int8)
        del table
        word = g.op('DequantizeLinear', [g.op('Gather', [g.const(tq, 'word_embeddings_quantized', np.int8), ids]), g.const(scale, 'word_embeddings_scale'), g.const(0, 'word_embeddings_zero_point', np.int8)])
    else:
        word = g.op('Gather', [g.const(table, 'word_embeddings'), ids])
        del table
    token_type = g.op('Gather', [g.const(normal(type_vocab, hidden), 'token_type_embeddings'), types])
    seq = g.op('Unsqueeze', [g.op('Gather', [g.op('Shape', [ids]), g.const(1, 'one', np.int64)], axis=0), g.const([0], 'axes', np.int64)])
    position_ids = g.op('Slice', [g.const(np.arange(positions)[None, :], 'position_ids', np.int64), g.const([0], 'start', np.int64), seq, g.const([1], 'axis', np.int64)])
    position = g.op('Gather', [g.const(normal(positions, hidden), 'position_embeddings'), position_ids])
    h = g.layer_norm(g.op('Add', [g.op('Add', [word, token_type]), position]), hidden, 'embeddings_LayerNorm')

    # The additive mask: 0 where attended, the lowest float where padded.
    m = g.op('Unsqueeze', [g.op('Unsqueeze', [mask, g.const([1], 'axes', np.int64)]), g.const([2], 'axes', np.int64)])
    m = g.op('Mul', [g.op('Sub', [g.const(1.0), g.op('Cast', [m], to=TensorProto.FLOAT)]), g.const(np.finfo(np.float32).min)])

    split_heads = g.const([0, 0, heads, head], 'shape', np.int64)
    merge_heads = g.const([0, 0, hidden], 'shape', np.int64)
    for i in range(layers):
        p = f'layer_{i}'
        q = g.op('Transpose', [g.op('Reshape', [g.linear(h, normal(hidden, hidden), np.zeros(hidden), p + '_query'), split_heads])], perm=[0, 2, 1, 3])
        k = g.op('Transpose', [g.op('Reshape', [g.linear(h, normal(hidden, hidden), np.zeros(hidden), p + '_key'), split_heads])], perm=[0, 2, 3, 1])
        v = g.op('Transpose', [g.op('Reshape', [g.linear(h, normal(hidden, hidden), np.zeros(hidden), p + '_value'), split_heads])], perm=[0, 2, 1, 3])
        scores = g.op('Add', [g.op('Div', [g.op('MatMul', [q, k]), g.const(math.sqrt(head))]), m])
        context = g.op('MatMul', [g.op('Softmax', [scores], axis=-1), v])
        context = g.op('Reshape', [g.op('Transpose', [context], perm=[0, 2, 1, 3]), merge_heads])
        attn = g.linear(context, normal(hidden, hidden), np.zeros(hidden), p + '_attention_output')
        h = g.layer_norm(g.op('Add', [attn, h]), hidden, p + '_attention_LayerNorm')
        up = g.linear(h, normal(hidden, intermediate), np.zeros(intermediate), p + '_intermediate')
        gelu = g.op('Mul', [g.op('Mul', [up, g.op('Add', [g.op('Erf', [g.op('Div', [up, g.const(math.sqrt(2.0))])]), g.const(1.0)])]), g.const(0.5)])
        down = g.linear(gelu, normal(intermediate, hidden), np.zeros(hidden), p + '_output')
        h = g.layer_norm(g.op('Add', [down, h]), hidden, p + '_output_LayerNorm')
    g.nodes.append(helper.make_node('Identity', [h], ['last_hidden_state'], name='output'))

    dims = lambda *d: list(d)
    graph = helper.make_graph(
        g.nodes, 'e5_small_standin',
        [helper.make_tensor_value_info(n, TensorProto.INT64, dims('batch_size', 'sequence_length')) for n in (ids, mask, types)],
        [helper.make_tensor_value_info('last_hidden_state', TensorProto.FLOAT, dims('batch_size', 'sequence_length', hidden))],
        g.inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', opset)], producer_name='kho make-e5-standin')
    model.ir_version = ir_version
    return model


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--out', default='/tmp/e5-standin', help='models folder to write <out>/kho/multilingual-e5-small-standin into')
    ap.add_argument('--layers', type=int, default=12)
    ap.add_argument('--vocab', type=int, default=EMBED_ROWS, help='embedding rows (the tokenizer gets rows - 35 pieces, at least 5,000)')
    ap.add_argument('--seed', type=int, default=17)
    ap.add_argument('--no-fp32', action='store_true', help='skip onnx/model.onnx')
    ap.add_argument('--no-q8', action='store_true', help='skip onnx/model_quantized.onnx')
    ap.add_argument('--text', action='append', help='Vietnamese text to count syllables in (law.json, folders of .txt/.md); repeatable')
    ap.add_argument('--coarse', type=int, metavar='N', help='instead: write <id>-coarse, a tokenizer keeping only the N most frequent '
                    'syllables whole (a pessimistic bound on tokens per word), its onnx/ linked to the model already made')
    args = ap.parse_args()

    main_folder = os.path.join(os.path.abspath(args.out), *MODEL_ID.split('/'))
    folder = main_folder + ('-coarse' if args.coarse else '')
    os.makedirs(os.path.join(folder, 'onnx'), exist_ok=True)
    sources = args.text or [os.path.join(SHARED, 'alqac2024', 'law.json'), os.path.join(ROOT, 'corpus'), os.path.join(SHARED, 'viparse', 'ground-truth')]
    texts = read_texts([s for s in sources if os.path.exists(s)])
    size = max(5000, min(TOKENIZER_SIZE, args.vocab - (EMBED_ROWS - TOKENIZER_SIZE)))
    pieces, vietnamese = build_vocab(texts, size, whole=args.coarse)
    if len(pieces) > args.vocab:
        sys.exit(f'--vocab {args.vocab} is smaller than the {len(pieces)} pieces')
    tokenizer, tok_config, specials = tokenizer_files(pieces)
    for name, data in [('tokenizer.json', tokenizer), ('tokenizer_config.json', tok_config), ('special_tokens_map.json', specials), ('config.json', model_config(args.layers, args.vocab))]:
        with open(os.path.join(folder, name), 'w', encoding='utf-8') as f:
            json.dump(data, f, ensure_ascii=False, indent=None if name == 'tokenizer.json' else 2)
    print(f'tokenizer: {len(pieces)} pieces ({vietnamese} for Vietnamese, digits, punctuation; {len(texts)} texts counted)')

    if args.coarse:
        for name in ('model.onnx', 'model_quantized.onnx'):
            target = os.path.join(folder, 'onnx', name)
            if os.path.exists(os.path.join(main_folder, 'onnx', name)) and not os.path.lexists(target):
                os.symlink(os.path.join(main_folder, 'onnx', name), target)
        print(folder)
        return
    for quantized, name, skip in [(False, 'model.onnx', args.no_fp32), (True, 'model_quantized.onnx', args.no_q8)]:
        if skip:
            continue
        model = build_graph(layers=args.layers, rows=args.vocab, seed=args.seed, quantized=quantized,
                            hidden=HIDDEN, heads=HEADS, intermediate=INTERMEDIATE, positions=MAX_POSITIONS,
                            type_vocab=TYPE_VOCAB, opset=OPSET, ir_version=IR_VERSION)
        onnx.checker.check_model(model)
        target = os.path.join(folder, 'onnx', name)
        onnx.save_model(model, target)
        print(f'{name}: {os.path.getsize(target) / 1e6:.1f} MB, {args.layers} layers, {args.vocab} rows')
    print(folder)


if __name__ == '__main__':
    main()
