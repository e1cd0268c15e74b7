/**
 * One indexing run: find files, skip what has not changed, relink what moved,
 * have the extraction workers extract and analyse what is new or changed
 * (analyze-file.ts: passages, terms, identity, references), store passages in
 * large batches, embed what has no vector yet, and build or update the
 * indexes once, at the end.
 *
 * A file's route is one way: walk → (read, hash) → worker: extract + analyse →
 * main thread: decide (index-file.ts) → commit in order (commit.ts).
 *
 * Write order keeps the stores consistent if the process dies at any point:
 * new passages are added under ids that carry the document's content key,
 * then the catalogue row (the commit point), and only then are the previous
 * version's rows deleted; vectors follow. `cleanOrphans` removes whatever a
 * crash left behind, so a restarted run simply resumes.
 */
import type { IndexProgress, IndexSummary } from '../api/contract.js';
import { commit, cleanOrphans, embedMissing, removeVanished } from './commit.js';
import { ExtractionPool } from './extract-pool.js';
import { failure, indexFile, lookaheadRules, type Pending } from './index-file.js';
import { Lookahead } from './lookahead.js';
import { OcrTally } from './ocr-progress.js';
import type { IngestContext } from './context.js';
import { walk } from './walk.js';
import { aliasesColumn } from '../store/json-columns.js';

// The run's parts live beside it; importers (the library, scripts, benches) know them by this module.
export { contentKey, MAX_FILE_BYTES, PIPELINE_VERSION, type FailureRecord, type IngestContext } from './context.js';
// For scripts and benches that build passages by hand; the run itself leaves terms to the worker.
export { passageTerms } from './analyze-file.js';
export { cleanOrphans, embedMissing, removeUnder } from './commit.js';

/**
 * A batch is written once it holds this many passages, or this many characters
 * of passage text and terms (about twice that in bytes in memory), or has
 * waited this long: fewer, larger LanceDB fragments and versions, with memory
 * bounded and what a crash or a reader waits for bounded by time.
 */
const FLUSH_PASSAGES = 10_000;
const FLUSH_CHARS = 24 * 1024 * 1024;
const FLUSH_INTERVAL_MS = 30_000;

export async function ingest(ctx: IngestContext, roots: string[]): Promise<IndexSummary> {
  const started = Date.now();
  const summary: IndexSummary = {
    indexed: 0, unchanged: 0, relinked: 0, duplicates: 0, failed: [], removed: 0, passagesAdded: 0, passagesEmbedded: 0,
    mode: ctx.vectors ? 'hybrid' : 'keyword', durationMs: 0, cancelled: false,
  };
  const progress: IndexProgress = { phase: 'scan', filesDone: 0, filesTotal: 0, passages: 0 };
  const report = (patch: Partial<IndexProgress>) => ctx.onProgress?.(Object.assign(progress, patch));
  report({});
  const ownPool = !ctx.extractor;
  const extractor = ctx.extractor ?? new ExtractionPool();
  // OCR pages as the workers read them: a scan takes seconds a page, so files alone would sit still.
  const ocr = new OcrTally();
  extractor.onOcrProgress = (filePath, page) => report({ ocr: ocr.page(filePath, page) });

  try {
    await cleanOrphans(ctx);
    const found = await walk(roots, ctx.localOf);
    for (const problem of found.problems) summary.failed.push(failure(problem.path, 'unreadable', problem.reason, problem.message, 0, 0, ctx));
    report({ phase: 'extract', filesTotal: found.files.length });

    let pending: Pending[] = [];
    let pendingPassages = 0;
    let pendingChars = 0;
    let pendingSince = Date.now();
    // New documents not committed yet, by content key: the catalogue cannot see them, so an
    // identical copy later in the same run is recognised here and becomes an alias of the first.
    let pendingByKey = new Map<string, Pending>();
    const flush = async () => {
      await commit(ctx, pending);
      pending = [];
      pendingPassages = 0;
      pendingChars = 0;
      pendingByKey = new Map();
    };
    const extractStarted = Date.now();
    const ahead = new Lookahead(extractor, lookaheadRules(ctx));
    for (const [index, file] of found.files.entries()) {
      if (ctx.cancelled?.()) {
        summary.cancelled = true;
        break;
      }
      report({ current: file.path });
      ahead.prime(found.files, index);
      const outcome = await indexFile(ctx, extractor, file, ahead.take(file.path));
      const ocrNow = ocr.finish(file.path);
      if (ocrNow) progress.ocr = ocrNow;
      if (outcome === 'unchanged') summary.unchanged++;
      else if (outcome === 'relinked') summary.relinked++;
      else if (outcome === 'duplicate') summary.duplicates++;
      else if ('kind' in outcome) summary.failed.push(outcome);
      else if (!outcome.replaces && pendingByKey.has(outcome.doc.key)) {
        const first = pendingByKey.get(outcome.doc.key)!;
        first.doc = { ...first.doc, aliases: aliasesColumn.encode([...aliasesColumn.decode(first.doc.aliases), file.path].sort()) };
        summary.duplicates++;
      } else {
        if (!outcome.replaces) pendingByKey.set(outcome.doc.key, outcome);
        if (pending.length === 0) pendingSince = Date.now();
        pending.push(outcome);
        pendingPassages += outcome.passages.length;
        for (const p of outcome.passages) pendingChars += p.text.length + p.terms.length;
        summary.indexed++;
        summary.passagesAdded += outcome.passages.length;
        if (pendingPassages >= FLUSH_PASSAGES || pendingChars >= FLUSH_CHARS || Date.now() - pendingSince >= FLUSH_INTERVAL_MS) await flush();
      }
      const done = progress.filesDone + 1;
      // A rate over less than a second is noise (a resumed run skips unchanged files in microseconds): none yet.
      const elapsed = (Date.now() - extractStarted) / 1000;
      const rate = elapsed >= 1 ? done / elapsed : undefined;
      report({ filesDone: done, passages: summary.passagesAdded, rate, etaSeconds: rate ? Math.round((found.files.length - done) / rate) : undefined });
    }
    await flush();
    // Every file is read: the workers' heaps (hundreds of MB after a large folder) go
    // before the index build, the run's peak of memory, rather than after it.
    if (ownPool) await extractor.close();

    // Entries the walk could not read are still there: keep their failures listed.
    const present = new Set([...found.files.map((f) => f.path), ...found.problems.map((p) => p.path)]);
    if (!summary.cancelled) summary.removed = await removeVanished(ctx, found.folders, present);
    if (ctx.vectors && !summary.cancelled) {
      // The pass reports its own phase once something is missing (passages, its rate, the time left).
      summary.passagesEmbedded = await embedMissing(ctx, (embed) => report({ phase: 'embed', current: undefined, passages: embed.passagesDone, embed, rate: undefined, etaSeconds: embed.etaSeconds }));
    }
    report({ phase: 'optimize', current: undefined });
    await ctx.store.optimize();
    if (ctx.vectors && !summary.cancelled) await ctx.vectors.table.optimize((await ctx.vectors.embedder()).dims);
    await ctx.titles.save();
  } finally {
    extractor.onOcrProgress = null;
    if (ownPool) await extractor.close();
  }
  summary.durationMs = Date.now() - started;
  report({ phase: 'done', current: undefined, etaSeconds: 0 });
  return summary;
}
