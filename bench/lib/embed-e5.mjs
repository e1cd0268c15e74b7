/**
 * Embedding cost with a same-shape stand-in for multilingual-e5-small (issues
 * 17 and 20): 12-layer BERT, hidden 384, 250,037-row embedding, random weights,
 * a 250k-piece Unigram tokenizer (scripts/make-e5-standin.py). Its vectors mean
 * nothing, but what a passage costs depends on the shape and the token count
 * only, so these are the passages/s, query latency and ETA the product would
 * show with the real model on this machine.
 *
 * Everything goes through the product's own path: passages come from
 * `extractFile` + `chunkBlocks` (what `kho index` stores), vectors from
 * `openEmbedder` (worker thread, batches of 16, "passage: " prefix, the model
 * file transformers.js picks: model_quantized.onnx = q8, else model.onnx), and
 * queries from `embedQuery` in process, as search calls it.
 *
 *   node bench/lib/embed-e5.mjs [--repeats 3] [--count 160]   measure, write bench/results/e5-standin.json,
 *                                                              print the report section
 *   node bench/lib/embed-e5.mjs --section                      print the section from that JSON
 *   (npm run bench runs it too when the stand-in exists; bench:quick never does)
 *
 * The stand-in lives outside the repository (~590 MB): KHO_E5_STANDIN_DIR,
 * default /tmp/e5-standin; make it with `/usr/bin/python3 scripts/make-e5-standin.py` (and `--coarse 300`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALQAC, dist, emit, loadJson, log, maxRssMB, ROOT, run, stats } from './util.mjs';
import { queries } from './synth.mjs';

export const STANDIN_ID = 'kho/multilingual-e5-small-standin';
export const STANDIN_DIR = process.env.KHO_E5_STANDIN_DIR ?? '/tmp/e5-standin';
/** The same harness measures a real model too: KHO_E5_STANDIN_DIR=<models dir> KHO_E5_MODEL_ID=Xenova/multilingual-e5-small. */
const MODEL_ID = process.env.KHO_E5_MODEL_ID ?? STANDIN_ID;
const SAVED = path.join(ROOT, 'bench/results/e5-standin.json');
const MAKE = '/usr/bin/python3 scripts/make-e5-standin.py --out DIR, then the same with --coarse 300 for the tokenizer bound (Debian: apt-get install python3-onnx python3-numpy; ~40 s, ~590 MB)';
/** Documents the ETA is shown for (issue 17). */
const ETA_DOCUMENTS = 10_000;
const SELF = fileURLToPath(import.meta.url);

/** Passages exactly as `kho index` makes them: the sample corpus (office documents) and each ALQAC law as one .txt. */
async function productPassages() {
  const { extractFile } = await dist('extract/index.js');
  const { chunkBlocks } = await dist('analyze/chunk.js');
  const corpus = [];
  const dir = path.join(ROOT, 'corpus');
  for (const f of readdirSync(dir).sort()) {
    const doc = await extractFile(path.join(dir, f), readFileSync(path.join(dir, f)));
    corpus.push(chunkBlocks(doc.blocks).passages.map((p) => p.text));
  }
  const laws = [];
  for (const law of loadJson(path.join(ALQAC, 'law.json'))) {
    const text = `${law.id}\n\n${law.articles.map((a) => `Điều ${a.id}. ${a.text}`).join('\n\n')}\n`;
    laws.push(chunkBlocks((await extractFile('luat.txt', Buffer.from(text))).blocks).passages.map((p) => p.text));
  }
  return { corpus, laws };
}

/** `count` passages in document order (as the store hands them to the embedder): all of the corpus's, then the laws' first ones. */
function sample({ corpus, laws }, count) {
  const out = corpus.flat().slice(0, count);
  const perLaw = Math.ceil((count - out.length) / laws.length);
  for (const law of laws) out.push(...law.slice(0, perLaw));
  return out.slice(0, count);
}

function questions30() {
  const all = loadJson(path.join(ALQAC, 'train.json')).map((q) => q.text);
  return all.filter((q) => { const n = q.split(/\s+/).length; return n >= 25 && n <= 35; });
}

/** Token counts with the model's own tokenizer (what the encoder pays for), prefix and <s></s> included. */
async function tokenStats(modelsDir, id, texts, prefix) {
  const { AutoTokenizer, env } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.localModelPath = modelsDir + path.sep;
  const tokenizer = await AutoTokenizer.from_pretrained(id, { local_files_only: true });
  const tokens = texts.map((t) => tokenizer.encode(prefix + t).length);
  const words = texts.map((t) => t.split(/\s+/).filter(Boolean).length);
  const sum = (a) => a.reduce((x, y) => x + y, 0);
  return { total: sum(tokens), perWord: sum(tokens) / sum(words), perPassage: stats(tokens), wordsPerPassage: stats(words), over512: tokens.filter((n) => n > 512).length };
}

/** One measured process (peak RSS = the embedder's): load, passages through the worker, then queries in process. */
export async function childE5({ modelsDir, id, textsFile, queryCount }) {
  const { openEmbedder } = await dist('embed/embedder.js');
  const { prefixesFor } = await dist('embed/models.js');
  const { modelDtype } = await dist('embed/transformers.js');
  const manifest = { id, dims: 384, ...prefixesFor(id), verifiedAt: '' };
  const texts = loadJson(textsFile);

  let t0 = performance.now();
  const indexer = await openEmbedder(modelsDir, manifest, { worker: true });
  const loadMs = performance.now() - t0;
  await indexer.embedPassages(texts.slice(0, 16)); // warm-up: first-run allocations
  t0 = performance.now();
  const cpu0 = process.cpuUsage(); // the whole process, worker thread included
  const vectors = await indexer.embedPassages(texts);
  const passagesMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await indexer.close();

  const searcher = await openEmbedder(modelsDir, manifest, {});
  const time = async (list) => {
    for (const q of list.slice(0, 5)) await searcher.embedQuery(q);
    const ms = [];
    for (const q of list) {
      const t = performance.now();
      await searcher.embedQuery(q);
      ms.push(performance.now() - t);
    }
    return stats(ms);
  };
  const short = await time(queries(queryCount).short);
  const long = await time(questions30().slice(0, queryCount));
  await searcher.close();
  return {
    dtype: modelDtype(path.join(modelsDir, ...id.split('/'))),
    passages: vectors.length,
    passagesPerSec: vectors.length / (passagesMs / 1000),
    // CPU time is far less sensitive to other people's load than wall time: the cross-check.
    cpuMsPerPassage: (cpu.user + cpu.system) / 1000 / vectors.length,
    loadMs,
    queryShortMs: short,
    query30Ms: long,
    maxRssMB: maxRssMB(),
    loadAverage: os.loadavg(),
  };
}

/** The fp32 file through the same loader: a folder holding links to everything but model_quantized.onnx. */
function fp32View(modelsDir, modelId) {
  const source = path.join(modelsDir, ...modelId.split('/'));
  const id = `${modelId}-fp32`;
  const view = path.join(modelsDir, ...id.split('/'));
  if (!existsSync(path.join(source, 'onnx/model.onnx'))) return null;
  mkdirSync(path.join(view, 'onnx'), { recursive: true });
  for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'onnx/model.onnx']) {
    if (!existsSync(path.join(view, f))) symlinkSync(path.join(source, f), path.join(view, f));
  }
  return id;
}

const median = (xs) => { const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : null; };

export async function embeddingE5({ quick = false, repeats = 3, count = 160, queryCount = 50 } = {}) {
  if (quick) return { skipped: 'not in quick mode (needs the ~590 MB stand-in)' };
  const modelsDir = STANDIN_DIR;
  if (!existsSync(path.join(modelsDir, ...MODEL_ID.split('/'), 'config.json'))) return { skipped: `no stand-in at ${modelsDir}/${MODEL_ID}: make it with ${MAKE.replace('DIR', modelsDir)}` };
  const passages = await productPassages();
  const perDoc = (docs) => docs.flat().length / docs.length;
  const variants = [{ label: 'q8 (model_quantized.onnx, the default download)', id: MODEL_ID }];
  const fp32 = fp32View(modelsDir, MODEL_ID);
  if (fp32) variants.push({ label: 'fp32 (model.onnx)', id: fp32 });
  if (MODEL_ID === STANDIN_ID && existsSync(path.join(modelsDir, ...`${STANDIN_ID}-coarse`.split('/'), 'config.json'))) {
    variants.push({ label: 'q8, coarse tokenizer (pessimistic bound)', id: `${STANDIN_ID}-coarse` });
  }
  const texts = sample(passages, count);
  const textsFile = path.join(os.tmpdir(), `kho-e5-texts-${process.pid}.json`);
  writeFileSync(textsFile, JSON.stringify(texts));
  const out = { model: MODEL_ID, dir: modelsDir, date: new Date().toISOString(), cpu: os.cpus()[0]?.model, cores: os.cpus().length, count, queryCount,
    passagesPerDocument: { corpus: perDoc(passages.corpus), corpusDocs: passages.corpus.length, laws: perDoc(passages.laws), lawDocs: passages.laws.length }, variants: [] };
  // Rounds of every variant in turn, so a change in other people's load hits them all alike.
  const runsOf = new Map(variants.map((v) => [v, []]));
  for (let i = 0; i < repeats; i++) {
    for (const v of variants) {
      log(`embedding (e5 stand-in): ${v.label}, run ${i + 1}/${repeats}, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
      const r = await run(process.execPath, [SELF, '--child', JSON.stringify({ modelsDir, id: v.id, textsFile, queryCount })], { timeoutMs: 1_800_000 });
      runsOf.get(v).push(r.result && !r.failed ? r.result : { error: r.failed ?? 'no result' });
    }
  }
  for (const v of variants) {
    const runs = runsOf.get(v);
    const ok = runs.filter((r) => !r.error);
    const m = (f) => median(ok.map(f));
    const rate = m((r) => r.passagesPerSec);
    const tokens = await tokenStats(modelsDir, v.id, texts, 'passage: ');
    out.variants.push({
      ...v, runs,
      passagesPerSec: rate,
      tokensPerSec: rate ? (rate * tokens.total) / texts.length : null,
      cpuMsPerPassage: m((r) => r.cpuMsPerPassage),
      queryShort: { p50: m((r) => r.queryShortMs?.p50), p95: m((r) => r.queryShortMs?.p95) },
      query30: { p50: m((r) => r.query30Ms?.p50), p95: m((r) => r.query30Ms?.p95) },
      loadMs: m((r) => r.loadMs),
      maxRssMB: m((r) => r.maxRssMB),
      tokens,
      etaSeconds: rate ? { corpus: (ETA_DOCUMENTS * out.passagesPerDocument.corpus) / rate, laws: (ETA_DOCUMENTS * out.passagesPerDocument.laws) / rate } : null,
    });
  }
  rmSync(textsFile, { force: true });
  return out;
}

const f = (x, d = 1) => (x == null || !Number.isFinite(x) ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(d));
const hours = (s) => (s == null ? '—' : s >= 3600 ? `${(s / 3600).toFixed(1)} h` : `${(s / 60).toFixed(0)} min`);

/** The report section: from this run's results, else from the last stand-alone run (bench/results/e5-standin.json). */
export function e5Section(r) {
  let e = r?.embeddingE5;
  let from = 'this run';
  if ((!e || e.skipped) && existsSync(SAVED)) {
    const saved = loadJson(SAVED);
    from = `\`node bench/lib/embed-e5.mjs\`, ${saved.date.slice(0, 10)} (${e?.skipped ? `skipped in this run: ${e.skipped}` : 'not part of this run'})`;
    e = saved;
  }
  if (!e) return '';
  if (e.skipped) return `## 5. Embedding cost — multilingual-e5-small stand-in\n\nSkipped: ${e.skipped}\n`;
  const rows = e.variants.map((v) => [v.label, f(v.tokens?.perWord, 2), f(v.passagesPerSec), f(v.tokensPerSec, 0), f(v.cpuMsPerPassage, 0), `${f(v.queryShort.p50)} / ${f(v.queryShort.p95)}`, `${f(v.query30.p50)} / ${f(v.query30.p95)}`, f(v.loadMs, 0), f(v.maxRssMB, 0), hours(v.etaSeconds?.corpus), hours(v.etaSeconds?.laws)]);
  const idle = e.variants[0]?.cpuMsPerPassage ? (e.cores * 1000) / e.variants[0].cpuMsPerPassage : null;
  const loads = e.variants.flatMap((v) => v.runs.map((x) => x.loadAverage?.[0])).filter(Number.isFinite);
  const t = e.variants[0]?.tokens;
  const ppd = e.passagesPerDocument;
  return `## 5. Embedding cost — multilingual-e5-small stand-in

Source: ${from}. A model with the exact shape of \`intfloat/multilingual-e5-small\` (BERT, 12 layers, hidden 384, 12 heads, intermediate 1536, 250,037-row embedding, 512 positions; random weights; graph as the PyTorch export writes it, int8 variant as onnxruntime's dynamic quantization writes it: 118 MB / 470 MB like the real files) made by \`scripts/make-e5-standin.py\`, run through the product's own path: passages from \`extractFile\` + \`chunkBlocks\`, embedded by \`openEmbedder\` in its worker thread (batches of 16, "passage: " prefix, runtime-default threads), queries by \`embedQuery\` in process as search does. ${e.count} passages (the sample corpus's office documents, then the first passages of each ALQAC law), ${t ? `${f(t.wordsPerPassage?.p50, 0)} words and ${f(t.perPassage?.p50, 0)} tokens per passage (median; p95 ${f(t.perPassage?.p95, 0)} tokens; ${t.over512} over 512 and cut), ${f(t.perWord, 2)} tokens per word` : ''}; queries: ${e.queryCount} short ones (2–4 words) and ALQAC questions of 25–35 words. Median of ${e.variants[0]?.runs.length ?? 0} runs, each a fresh process; 1-minute load average during the runs ${loads.length ? `${f(Math.min(...loads), 2)}–${f(Math.max(...loads), 2)}` : '—'} (a shared machine: other people's tests ran too). CPU: ${e.cpu}, ${e.cores} cores. CPU ms/passage is the measuring process's CPU time (worker thread included) per passage, far less sensitive to other people's load than wall time: ${e.cores} cores ÷ ${f(e.variants[0]?.cpuMsPerPassage, 0)} ms gives ${f(idle)} passages/s for q8 as the ceiling on an idle machine.

ETA for ${ETA_DOCUMENTS.toLocaleString('en')} documents = documents × passages per document ÷ passages/s: office documents like the sample corpus have ${f(ppd.corpus)} passages each (${ppd.corpusDocs} documents), whole laws ${f(ppd.laws, 0)} (${ppd.lawDocs} ALQAC laws).

${table(['model file', 'tokens/word', 'passages/s', 'tokens/s', 'CPU ms/passage', 'query p50 / p95, 2–4 words (ms)', 'query p50 / p95, 25–35 words (ms)', 'model load (ms)', 'peak RSS (MB)', `ETA ${ETA_DOCUMENTS / 1000}k office docs`, `ETA ${ETA_DOCUMENTS / 1000}k laws`], rows)}

The vectors of this stand-in mean nothing (no quality figure comes from it). The tokenizer is a 250,002-piece Unigram like XLM-R's, with whole pieces for the Vietnamese syllables seen at least 3 times in the ALQAC laws, the sample corpus and viparse's reference texts (capitalised and capital forms too), onset/rhyme pieces for the rest, numbers, punctuation and filler in other scripts. The real tokenizer cannot be fetched here, so the "coarse" row bounds the error: the same model with a tokenizer that keeps only the 300 most frequent syllables whole (\`--coarse 300\`), i.e. more tokens per word than XLM-R's 250k pieces trained on 137 GB of Vietnamese would give. Cost grows about linearly with tokens per word; the real figure lies between the two rows (docs/measuring-models.md).
`;
}

function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  const argv = process.argv.slice(2);
  const opt = (name, d) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : d);
  if (argv[0] === '--child') {
    emit(await childE5(JSON.parse(argv[1])));
    process.exit(0);
  } else if (argv.includes('--section')) {
    process.stdout.write(e5Section(null));
  } else {
    const r = await embeddingE5({ repeats: Number(opt('--repeats', 3)), count: Number(opt('--count', 160)) });
    if (r.skipped) {
      console.error(r.skipped);
      process.exit(1);
    }
    mkdirSync(path.dirname(SAVED), { recursive: true });
    writeFileSync(SAVED, JSON.stringify(r, null, 2) + '\n');
    process.stdout.write(e5Section({ embeddingE5: r }));
  }
}
