/**
 * The indexing targets (issue 20) and their section of bench/REPORT.md, from
 * `results.indexing` (bench/lib/indexing.mjs) and the report folder's sizes
 * in `results.extraction.folder`. Each missed target's reason is built from
 * the same run's figures: CPU seconds against wall time (are both cores
 * busy?), bytes per passage by component, RSS with and without a model.
 */
const f = (v) => (v == null || Number.isNaN(v) ? '—' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const MB = (b) => (b == null ? null : b / 1e6);
const ratio = (a, b) => (a != null && b ? `${f(a / b)}×` : '—');
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const PER_100K = 100_000;

/**
 * Bytes per passage of one part (`data`, `indices`, `total`) of a table in an
 * index-size.mjs breakdown; `vectors` sums every model's vector table.
 */
function partPerPassage(size, table, part) {
  if (!size?.passages) return null;
  const bytes = Object.entries(size.tables ?? {})
    .filter(([name]) => (table === 'vectors' ? name.startsWith('vectors_') : name === table))
    .reduce((sum, [, t]) => sum + t[part], 0);
  return bytes / size.passages;
}

/** Target rows for the indexing section (same shape as report.mjs's targets). */
export function indexingTargets(r) {
  const out = [];
  const folder = r.extraction?.folder;
  if (folder?.ours?.diskBytes && folder.recoll?.diskBytes) {
    const x = folder.ours.diskBytes / folder.recoll.diskBytes;
    out.push({ id: 'folder-disk', what: `on disk, the report's folder (${folder.folder.files} files, ${f(MB(folder.folder.bytes))} MB of sources)`, target: '≤ 4× Recoll', value: `${f(MB(folder.ours.diskBytes))} MB`, peer: `${f(MB(folder.recoll.diskBytes))} MB Recoll`, ratio: `${f(x)}×`, ok: x <= 4, data: { folder } });
  }
  const ix = r.indexing;
  if (!ix) return out;
  const art = ix.articles;
  if (art?.ours?.ms && art.recoll?.ms) {
    out.push({ id: 'index-articles', what: `index ${art.files} one-article files (ALQAC), no embeddings`, target: '≤ 1.0× recollindex', value: `${f(art.ours.ms / 1000)} s`, peer: `${f(art.recoll.ms / 1000)} s recollindex`, ratio: ratio(art.ours.ms, art.recoll.ms), ok: art.ours.ms <= art.recoll.ms, data: { run: art.ours, peer: art.recoll } });
  }
  const tiny = ix.tiny;
  if (tiny?.first?.ms) {
    const rate = tiny.files / (tiny.first.ms / 1000);
    const peerRate = tiny.recoll?.ms ? tiny.files / (tiny.recoll.ms / 1000) : null;
    out.push({ id: 'small-rate', what: `${tiny.files} small files (two sentences each), no embeddings: files/s`, target: '≥ 1,000', value: f(rate), peer: peerRate ? `${f(peerRate)} recollindex` : '—', ratio: peerRate ? `${f(rate / peerRate)}×` : '—', ok: rate >= ix.targets.filesPerSecond, data: { run: tiny.first, peer: tiny.recoll } });
    out.push({ id: 'small-rerun', what: `${tiny.files} small files, unchanged re-run`, target: '≤ 2 s', value: `${f(tiny.rerun.ms / 1000)} s`, peer: `${f(tiny.first.ms / 1000)} s first run`, ratio: ratio(tiny.rerun.ms, tiny.first.ms), ok: tiny.rerun.ms <= ix.targets.rerunMs, data: {} });
  }
  const sm = ix.small;
  if (sm?.first?.ms && sm.recoll?.ms) {
    out.push({ id: 'documents-time', what: `index ${sm.files} documents (${sm.first.passages} passages), no embeddings`, target: '—', value: `${f(sm.first.ms / 1000)} s`, peer: `${f(sm.recoll.ms / 1000)} s recollindex`, ratio: ratio(sm.first.ms, sm.recoll.ms), ok: null, data: {} });
    out.push({ id: 'small-disk', what: `on disk, the same ${sm.files} documents, no embeddings`, target: '—', value: `${f(MB(sm.first.diskBytes))} MB`, peer: `${f(MB(sm.recoll.diskBytes))} MB Recoll`, ratio: ratio(sm.first.diskBytes, sm.recoll.diskBytes), ok: null, data: {} });
  }
  const wv = ix.withVectors;
  if (wv?.passages) {
    const at100k = (wv.diskBytes * PER_100K) / wv.passages;
    out.push({ id: 'vectors-disk', what: `on disk with 384-d vectors, ${wv.passages} passages (${sm?.files} documents), scaled to 100k passages`, target: '≤ 300 MB', value: `${f(MB(at100k))} MB (${f(MB(wv.diskBytes))} MB measured)`, peer: sm?.recoll?.diskBytes ? `${f(MB(sm.recoll.diskBytes))} MB Recoll, no vectors` : '—', ratio: ratio(wv.diskBytes, sm?.recoll?.diskBytes), ok: at100k <= ix.targets.bytesAt100k, data: { wv, sm } });
    out.push({ id: 'vectors-rss', what: `build peak RSS with 384-d vectors, ${wv.passages} passages`, target: '≤ 800 MB', value: `${f(wv.maxRssMB)} MB`, peer: sm?.recoll?.maxRssMB ? `${f(sm.recoll.maxRssMB)} MB recollindex` : '—', ratio: ratio(wv.maxRssMB, sm?.recoll?.maxRssMB), ok: wv.maxRssMB == null ? null : wv.maxRssMB <= ix.targets.rssMBAt100k, data: { wv, sm } });
  }
  return out;
}

/** CPU use of a timed run: CPU seconds, and how many cores were busy on average. */
const cpuNote = (x) => (x?.cpuSeconds != null ? `${f(x.cpuSeconds)} s CPU in ${f(x.ms / 1000)} s (${f(x.cpuSeconds / (x.ms / 1000))} cores busy)` : 'CPU not measured');

/** Why an indexing target is missed, from this run's figures; null for another section's target. */
export function indexingGap(t) {
  switch (t.id) {
    case 'index-articles':
    case 'small-rate': {
      const ours = t.data.run;
      const p = t.data.peer;
      return (
        `CPU-bound: \`kho index\` used ${cpuNote(ours)}${p ? `, recollindex ${cpuNote(p)}` : ''}. ` +
        `Per passage our workers extract, tokenise into syllables, pairs and accent-free forms (the terms column), read identity and references, and LanceDB then builds its full-text index; ` +
        `Recoll's C++ splits words once into Xapian. The main thread only commits; with both cores busy the work itself, not its placement, is the gap: ` +
        `fewer terms per passage (see the size table: the terms column is several times the text) would cut both the time and the bytes.`
      );
    }
    case 'folder-disk':
    case 'vectors-disk': {
      const size = t.data.wv?.size;
      const pp = (part, table) => f(partPerPassage(size, table, part));
      return (
        `by component (table in §3b${size ? `, bytes per passage: passages' data files ${pp('data', 'passages')} (raw text ${f(size.rawColumnBytesPerPassage?.text)}, raw terms ${f(size.rawColumnBytesPerPassage?.terms)}), full-text index ${pp('indices', 'passages')}, vectors ${pp('data', 'vectors')} + ANN index ${pp('indices', 'vectors')}, title suggestions ${f(size.bytesPerPassage?.titleIndex)}` : ''}): ` +
        `each text is stored once and again as its terms (our Vietnamese tokens: syllables and pairs, exact and accent-free — about six times the text's bytes before encoding), and LanceDB's full-text index is built from that column; ` +
        `LanceDB's JavaScript API offers only its built-in tokenizers (simple, whitespace, raw, n-gram), so the index cannot be built from the text with ours. ` +
        `Since 2026-12-04 the terms column is stored zstd-compressed (only the full-text build reads it; the text stays plain, as every search reads it) and the title suggestions are saved gzipped. ` +
        `Vectors are stored as float16 since 2026-12-04 (half the bytes of float32; top-10 agreement with an exact float32 scan within 0.005 of float32's, through the product's own VectorTable: \`node bench/lib/vector-types.mjs\`). ` +
        `What is left is mostly the full-text index itself (postings of every term) and the passages' text and ids.`
      );
    }
    case 'vectors-rss': {
      const phases = (x) => (x?.rssByPhase ? Object.entries(x.rssByPhase.byPhase).map(([p, mb]) => `${p} ${f(mb)} MB`).join(', ') : 'not sampled');
      return (
        `resident memory sampled every 250 ms by phase — with the model: ${phases(t.data.wv)}; the same files without a model: ${phases(t.data.sm?.first)} (peak ${f(t.data.sm?.first?.maxRssMB)} MB). ` +
        `peak in "${t.data.wv.rssByPhase?.peak?.phase ?? '—'}"; during reading it is the read-ahead (64 files / 64 MB), two extraction workers with their heaps and the passages waiting for their batch commit; ` +
        `in the index build it is LanceDB building the full-text index over all ${t.data.wv.passages} passages' terms in memory: rebuilt alone, in a process of its own, over the 94,408 passages of the 10,000 documents it peaked at 647–844 MB whatever LanceDB's build settings (LANCE_FTS_NUM_SHARDS 1–4, LANCE_FTS_PARTITION_SIZE 32–2048 MB; fewer shards only made it slower, 5.6 → 9–11 s), so the build's own memory is LanceDB's and the rest is what the run holds when it starts. ` +
        `\`kho\` runs with two glibc malloc arenas (bin/kho.js; LanceDB's threads otherwise each keep one): measured on the same 10,000 documents without a model, peaks of 1,537–1,685 MB in three runs became 1,184–1,258 MB in three, in the same time. ` +
        `Fewer terms per passage (above) would lower both phases; building the full-text index in parts as batches commit would bound the build, at the cost of an index in many parts until it is optimised.`
      );
    }
    default:
      return null;
  }
}

const componentRow = (label, size, pick) => [label, ...size.map((s) => (s ? f(pick(s)) : '—'))];

/** Section "3b. Indexing at department size". */
export function indexingSection(r) {
  const ix = r.indexing;
  if (!ix) return '';
  const art = ix.articles;
  const sm = ix.small;
  const wv = ix.withVectors;
  const tiny = ix.tiny;
  const runs = [
    [`${art.files} one-article files`, art.ours, art.recoll],
    ...(tiny ? [[`${tiny.files} small files, first run`, tiny.first, tiny.recoll], [`${tiny.files} small files, unchanged re-run`, tiny.rerun, null]] : []),
    [`${sm.files} documents, first run`, sm.first, sm.recoll],
    [`${sm.files} documents, unchanged re-run`, sm.rerun, null],
    [`${sm.files} documents, 384-d stand-in model`, wv?.error ? null : wv, sm.recoll],
  ];
  const rows = runs.map(([label, o, p]) => [label, o ? f(o.ms / 1000) : wv?.error ? `failed (exit ${wv.exit ?? '—'}, below)` : '—', o?.passages ?? '—', o ? f(o.cpuSeconds) : '—', o ? f(o.maxRssMB) : '—', o ? f(MB(o.diskBytes)) : '—', p ? f(p.ms / 1000) : '—', p ? f(p.cpuSeconds) : '—', p ? f(p.maxRssMB) : '—', p ? f(MB(p.diskBytes)) : '—']);
  const sizes = [sm.size, wv?.size];
  const comp = [
    componentRow('passages: data files', sizes, (s) => partPerPassage(s, 'passages', 'data')),
    componentRow('  of which raw text (before encoding)', sizes, (s) => s.rawColumnBytesPerPassage?.text),
    componentRow('  of which raw terms (before encoding)', sizes, (s) => s.rawColumnBytesPerPassage?.terms),
    componentRow('passages: full-text index', sizes, (s) => partPerPassage(s, 'passages', 'indices')),
    componentRow('documents (catalogue)', sizes, (s) => partPerPassage(s, 'documents', 'total')),
    componentRow('vectors: data files', sizes, (s) => partPerPassage(s, 'vectors', 'data')),
    componentRow('vectors: ANN index', sizes, (s) => partPerPassage(s, 'vectors', 'indices')),
    componentRow('versions kept (manifests, transactions)', sizes, (s) => s.bytesPerPassage?.versions),
    componentRow('title suggestions (MiniSearch JSON, gzipped)', sizes, (s) => s.bytesPerPassage?.titleIndex),
    componentRow('total', sizes, (s) => s.bytesPerPassage?.total),
  ];
  return `## 3b. Indexing at department size

\`kho index\` (the command users run, a new process each time) against a fresh \`recollindex\` over the same folder, in the same run: ${art.files} files of one ALQAC article each (${f(MB(art.bytes))} MB), ${tiny ? `${tiny.files} small files of two sentences each (test/bad-input-many.test.ts's shape, ${f(MB(tiny.bytes))} MB), ` : ''}and ${sm.files} administrative documents with Decree 30 headers (scale-library's folder, ${f(MB(sm.bytes))} MB). No model unless said; the last row indexes the same files with the test model generated at 384 dimensions (\`scripts/make-test-model.mjs --dim 384\`: its vectors mean nothing, their bytes and the embedding pipeline's memory are real). Wall time, CPU seconds (user + system, all threads, GNU time) and peak RSS of the whole process.

${table(['run', 'ours s', 'passages', 'ours CPU s', 'ours RSS MB', 'ours MB on disk', 'recollindex s', 'Recoll CPU s', 'Recoll RSS MB', 'Recoll MB on disk'], rows)}
${wv?.error ? `\nThe run with the model failed: ${wv.error.replace(/\s+/g, ' ').slice(-300)}\n` : ''}
Bytes per passage on disk by component (bench/lib/index-size.mjs; after the end-of-run settle, which keeps one rollback version):

${table(['component (bytes per passage)', `no model (${sm.size?.passages ?? '—'} passages)`, `384-d vectors (${wv?.size?.passages ?? '—'} passages)`], comp)}
`;
}
