/**
 * One sentence per missed target: why, from the run's own figures, and what
 * would close the gap. The reasons come from the measurements below (and the
 * profiling notes in bench/README.md); the numbers are this run's.
 */
const f = (v) => (v == null || Number.isNaN(v) ? '—' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

export function gapExplanation(t, r) {
  const at = t.data?.at;
  const L = at?.latency?.ours ?? {};
  switch (t.id.replace(/-(short|questions)$/, '')) {
    case 'hybrid-p95': {
      const set = t.data.set;
      const b = at.queryProcess?.keywordBreakdown;
      if (set === 'questions') {
        return (
          `a question is 15–40 words, so the first stage scores BM25 over that many terms and their bigrams (keyword p95 ${f(L[`keyword_${set}`]?.p95)} ms, against ${f(b?.ftsMs)} ms mean for a 2–4 word query), ` +
          `and the re-rank then reads 50 candidates (${f(b ? b.fetchTextsMs + b.tokenizeCandidatesMs : null)} ms); dropping a question's scaffolding words and rare bigrams from the first-stage query, ` +
          `or a smaller candidate pool for long queries, would close it.`
        );
      }
      return (
        `the indexes are not the cost — ANN vector ids take p95 ${f(L.vectorIds?.p95)} ms and LanceDB's BM25 ${f(b?.ftsMs)} ms (mean), but the keyword side spends ` +
        `${f(b?.tokenizeCandidatesMs)} ms per query tokenising the 50 candidates' texts in JavaScript (once, shared by the all-words/phrase test and the word-order bonus, which takes ${f(b?.wordOrderMs)} ms more; keyword p95 ${f(L[`keyword_${set}`]?.p95)} ms) and ${f(b?.fetchTextsMs)} ms fetching them; ` +
        `storing each passage's token sequence at index time (read with the text, no tokenising per query) would close it.`
      );
    }
    case 'vs-mini': {
      const mini = at?.latency?.mini?.[`keyword_${t.data.set}`];
      const b = at.queryProcess?.keywordBreakdown;
      return (
        `naive MiniSearch (default tokenizer, no bigrams, folding or re-rank) takes p95 ${f(mini?.p95)} ms here while our cost is mostly a per-query constant ` +
        `(${f(b ? b.fetchTextsMs + b.tokenizeCandidatesMs + b.wordOrderMs : null)} ms of fetching and tokenising the 50 candidates, which does not grow with the corpus), so the ratio grows with size; removing that constant (above) would close it.`
      );
    }
    case 'cold':
      return `opening LanceDB and importing the product's modules dominate (${f(at.cold?.toAnswerMs)} ms, Node itself ${f(r.scale?.nodeStartupMs)} ms); lazy-loading the extraction and metadata modules and opening the vector table only when a model is active would close it.`;
    case 'rss':
      return `the query process peaks at ${f(at.queryProcess?.maxRssMB)} MB after ${r.settings?.count} queries per set (a fresh process answering one query: ${f(at.cold?.maxRssMB)} MB), so the growth is LanceDB's index and page caches filling over many queries; bounding LanceDB's cache sizes would close it.`;
    case 'pdf': {
      const p = t.data.pdf;
      return (
        `pdf.js is JavaScript: it parses every content stream into positioned text items, and we then rebuild lines and paragraphs, drop running headers and convert legacy encodings — ` +
        `${f(p.ours.ms / p.ours.pages)} ms per page against pdftotext's ${f(p.peer.ms / p.ours.pages)} ms (its spawn included); extracting files in parallel on every core gives at most the core count, ` +
        `profiled 2026-12-03: pdf.js itself (getTextContent, its zlib and GC) is about 80 % of that and our own line building and legacy conversion about 17 %, so even at zero cost of ours pdf.js stays near 0.33×; ` +
        `the poppler text source (next row) removes pdf.js but keeps one process per file and about 2 ms per page of what pdftotext does not do (TCVN3/VNI conversion, the text-layer check, paragraphs).`
      );
    }
    case 'pdf-poppler':
      return 'pdftotext alone is the peer; on top of it come one process start per file and our TCVN3/VNI conversion, text-layer check and paragraph building (about 2 ms per page); a resident poppler process and cheaper legacy conversion would close part of it.';
    case 'folder': {
      const fo = t.data.folder;
      const b = r.scale?.sizes?.[0]?.build;
      const perPassage = b?.tokenizeMs && b?.n ? b.tokenizeMs / b.n : null;
      return (
        `\`kho index\` spends ${f(fo.ours.ms / 1000)} s on ${fo.ours.passages ?? '—'} passages in JavaScript — Node start-up, extraction (pdf.js, mammoth, legacy-encoding conversion), ` +
        `Vietnamese term generation (${f(perPassage)} ms per passage in §2's build) and LanceDB's FTS build and compaction — where recollindex is native C++ over Xapian (${f(fo.recoll.ms / 1000)} s); ` +
        `every file is now extracted and analysed (passages, terms, identity, references) in the workers and the main thread only commits (2.3 s of an 18 s profile), so the two workers are the bottleneck: ` +
        `term generation (tokenizeText), legacy-encoding conversion, pdf.js and the identity rules; making those cheaper, not moving them, would close it.`
      );
    }
    case 'library':
    case 'library-filtered': {
      // Library.search() at N documents (bench/lib/scale-library.mjs); profiled 2026-12-03 evening (issue 14).
      const filtered = t.id === 'library-filtered';
      return (
        `${filtered ? 'a query with two filters' : 'a short query'} runs the whole shipped path; after the match set was read as row positions and the BM25 candidates fetched with their texts (2026-12-03 evening), ` +
        `its CPU per query fell by about a fifth (process CPU, alternating old and new builds on the same 10k library). What is left is mostly LanceDB's full-text search itself: about 8 + 6 ms of CPU for a short query, and ` +
        `${filtered ? '35–50 ms to read the whole match list of very common words (e.g. "định của pháp luật"), from which the filtered sets are cut in memory; an integer document-number column for the filter, or a match list capped for common words, would close it.' : 'about 4–6 ms tokenising the 50 candidates for the re-rank; a words-only tokenizer would close it.'}`
      );
    }
    case 'library-question':
      return (
        `a 30-word question now takes its keyword candidates by its words as typed (the accent-free forms only when fewer than 50 candidates come back), which halved LanceDB's part (32 → 17 ms CPU) and raised ALQAC R@1 slightly (0.881 → 0.887); ` +
        `what is left is LanceDB's BM25 over the question's terms and pairs, and the re-rank's tokenising.`
      );
    default:
      return 'see the tables above.';
  }
}
