/**
 * One indexing run: find files, skip what has not changed, extract and chunk
 * what has, store passages, embed what has no vector yet, tidy the indexes.
 *
 * Write order keeps the stores consistent if the process dies at any point:
 * new passages are added under ids that carry the document's content key,
 * then vectors, then the catalogue row (the commit point), and only then are
 * the previous version's rows deleted. `cleanOrphans` removes whatever a crash
 * left behind before it could be committed or deleted.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileFailure, IndexProgress, IndexSummary } from './api.js';
import { chunkBlocks } from './chunk.js';
import { extractFile, ExtractionError } from './extract/index.js';
import { guessTitle } from './extract/structure.js';
import type { Embedder } from './embed/embedder.js';
import type { DocumentRow, LanceStore, PassageRow, VectorTable } from './store/lance.js';
import type { TitleIndex } from './store/minisearch.js';
import { indexTerms } from './vietnamese/tokenize.js';
import { walk, type FoundFile } from './walk.js';

/** Bump when extraction or chunking changes what gets stored: every file is then re-indexed. */
export const PIPELINE_VERSION = 1;
/** Passages buffered before a write; fewer, larger LanceDB fragments. */
const FLUSH_PASSAGES = 2_000;
/** Passages fetched per embedding round. */
const EMBED_ROUND = 256;

export interface FailureRecord extends FileFailure {
  size: number;
  mtimeMs: number;
}

export interface IngestContext {
  store: LanceStore;
  titles: TitleIndex;
  documents: Map<string, DocumentRow>;
  failures: Map<string, FailureRecord>;
  /** The vector table and embedder, or null in keyword-only mode. */
  vectors: { table: VectorTable; embedder: () => Promise<Embedder> } | null;
  onProgress?: (progress: IndexProgress) => void;
}

/**
 * The keyword terms stored for a passage. Title and section words count as
 * terms of every passage, so they lift the passages of a matching document.
 */
export function passageTerms(text: string, section: string | null, title: string): string {
  return indexTerms(`${text}\n${section ?? ''}\n${title}`).join(' ');
}

export function documentId(filePath: string): string {
  return createHash('sha256').update(filePath, 'utf8').digest('hex').slice(0, 24);
}

/** The key stored passages carry: changes with the content or the pipeline. */
function contentKey(hash: string): string {
  return createHash('sha256').update(`${PIPELINE_VERSION}:${hash}`).digest('hex').slice(0, 12);
}

function passageKey(passageId: string): string {
  return passageId.split('.')[1] ?? '';
}

interface Pending {
  doc: DocumentRow;
  passages: PassageRow[];
  previous: DocumentRow | undefined;
  headings: string;
}

export async function ingest(ctx: IngestContext, roots: string[]): Promise<IndexSummary> {
  const started = Date.now();
  const summary: IndexSummary = {
    indexed: 0, unchanged: 0, failed: [], removed: 0, passagesAdded: 0, passagesEmbedded: 0,
    mode: ctx.vectors ? 'hybrid' : 'keyword', durationMs: 0,
  };
  const progress: IndexProgress = { phase: 'scan', filesDone: 0, filesTotal: 0, passages: 0 };
  const report = (patch: Partial<IndexProgress>) => ctx.onProgress?.(Object.assign(progress, patch));
  report({});

  await cleanOrphans(ctx);
  const found = await walk(roots);
  for (const problem of found.problems) summary.failed.push(failure(problem.path, 'unreadable', problem.reason, 0, 0, ctx));
  report({ phase: 'extract', filesTotal: found.files.length });

  let pending: Pending[] = [];
  let pendingPassages = 0;
  const flush = async () => {
    await commit(ctx, pending);
    pending = [];
    pendingPassages = 0;
  };

  for (const file of found.files) {
    report({ current: file.path });
    const outcome = await indexFile(ctx, file);
    if (outcome === 'unchanged') summary.unchanged++;
    else if ('kind' in outcome) summary.failed.push(outcome);
    else {
      pending.push(outcome);
      pendingPassages += outcome.passages.length;
      summary.indexed++;
      summary.passagesAdded += outcome.passages.length;
      report({ passages: summary.passagesAdded });
      if (pendingPassages >= FLUSH_PASSAGES) await flush();
    }
    report({ filesDone: progress.filesDone + 1 });
  }
  await flush();

  summary.removed = await removeVanished(ctx, found.folders, new Set(found.files.map((f) => f.path)));
  if (ctx.vectors) {
    report({ phase: 'embed', current: undefined });
    summary.passagesEmbedded = await embedMissing(ctx, (done) => report({ passages: done }));
  }
  report({ phase: 'optimize', current: undefined });
  await ctx.store.optimize();
  if (ctx.vectors) await ctx.vectors.table.optimize((await ctx.vectors.embedder()).dims);
  await ctx.titles.save();
  summary.durationMs = Date.now() - started;
  report({ phase: 'done' });
  return summary;
}

function failure(filePath: string, kind: FileFailure['kind'], reason: string, size: number, mtimeMs: number, ctx: IngestContext): FailureRecord {
  const record: FailureRecord = { path: filePath, kind, reason, at: new Date().toISOString(), size, mtimeMs };
  ctx.failures.set(filePath, record);
  return record;
}

async function indexFile(ctx: IngestContext, file: FoundFile): Promise<'unchanged' | FailureRecord | Pending> {
  const id = documentId(file.path);
  const previous = ctx.documents.get(id);
  const quickSame = previous && previous.size === file.size && previous.mtimeMs === file.mtimeMs;
  if (quickSame && passageKeyOf(previous) === contentKey(previous.hash)) return 'unchanged';
  const failedBefore = ctx.failures.get(file.path);
  if (failedBefore && failedBefore.size === file.size && failedBefore.mtimeMs === file.mtimeMs) return failedBefore;

  let data: Uint8Array;
  try {
    data = await readFile(file.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return failure(file.path, code === 'ENOENT' ? 'not-found' : 'unreadable', `cannot be read (${code ?? (error as Error).message})`, file.size, file.mtimeMs, ctx);
  }
  const hash = createHash('sha256').update(data).digest('hex');
  if (previous && previous.hash === hash && passageKeyOf(previous) === contentKey(hash)) {
    // Touched but not changed: remember the new size/time, do no work.
    await ctx.store.upsertDocuments([{ ...previous, size: file.size, mtimeMs: file.mtimeMs }]);
    ctx.documents.set(id, { ...previous, size: file.size, mtimeMs: file.mtimeMs });
    return 'unchanged';
  }

  let extracted;
  try {
    extracted = await extractFile(file.path, data);
  } catch (error) {
    if (error instanceof ExtractionError) return failure(file.path, error.kind, error.message, file.size, file.mtimeMs, ctx);
    return failure(file.path, 'error', `extraction failed (${(error as Error).message})`, file.size, file.mtimeMs, ctx);
  }
  const chunked = chunkBlocks(extracted.blocks);
  if (chunked.passages.length === 0) {
    const reason = extracted.format === 'pdf' ? 'no text layer (a scan? OCR is not available yet)' : 'no text found in the file';
    return failure(file.path, 'empty', reason, file.size, file.mtimeMs, ctx);
  }
  ctx.failures.delete(file.path);
  const key = contentKey(hash);
  const title = guessTitle(extracted.blocks, extracted.title) || path.basename(file.path);
  const doc: DocumentRow = {
    id, path: file.path, title, format: extracted.format, size: file.size, mtimeMs: file.mtimeMs, hash,
    pageCount: extracted.pageCount, passages: chunked.passages.length, indexedAt: new Date().toISOString(),
  };
  const passages: PassageRow[] = chunked.passages.map((p) => ({
    id: `${id}.${key}.${p.ordinal}`, docId: id, ordinal: p.ordinal, text: p.text,
    terms: passageTerms(p.text, p.section, title),
    page: p.page, pageEnd: p.pageEnd, section: p.section, start: p.start, end: p.end,
  }));
  const headings = [...new Set(chunked.passages.map((p) => p.section).filter(Boolean))].join('\n');
  return { doc, passages, previous, headings };
}

/** The content key recorded for a catalogue row (derived from its hash at commit time). */
function passageKeyOf(doc: DocumentRow): string {
  return contentKey(doc.hash);
}

async function commit(ctx: IngestContext, batch: Pending[]): Promise<void> {
  if (batch.length === 0) return;
  await ctx.store.addPassages(batch.flatMap((p) => p.passages));
  await ctx.store.upsertDocuments(batch.map((p) => p.doc)); // the commit point
  const replaced = batch.filter((p) => p.previous).map((p): [string, string] => [p.doc.id, contentKey(p.doc.hash)]);
  await ctx.store.deleteStalePassages(replaced, await ctx.store.vectorTableNames());
  for (const p of batch) {
    ctx.documents.set(p.doc.id, p.doc);
    ctx.titles.upsert({ id: p.doc.id, title: p.doc.title, fileName: path.basename(p.doc.path), headings: p.headings });
  }
}

/**
 * Remove what an interrupted run left: passages of uncommitted or replaced
 * versions, vectors without a passage, and title entries without a document.
 */
export async function cleanOrphans(ctx: IngestContext): Promise<number> {
  const stale: string[] = [];
  const ids = await ctx.store.passageIds();
  for (const id of ids) {
    const doc = ctx.documents.get(id.split('.')[0]!);
    if (!doc || passageKey(id) !== passageKeyOf(doc)) stale.push(id);
  }
  await ctx.store.deletePassagesByIds(stale, await ctx.store.vectorTableNames());
  if (ctx.vectors) {
    // Stale passages took their vectors with them; these are vectors whose passage never committed.
    const orphanVectors = [...(await ctx.vectors.table.ids())].filter((id) => !ids.has(id));
    await ctx.vectors.table.deleteIds(orphanVectors);
  }
  return stale.length;
}

/** Documents under the walked folders whose files are gone: removed from every store. */
async function removeVanished(ctx: IngestContext, folders: string[], present: Set<string>): Promise<number> {
  const under = (p: string) => folders.some((f) => p === f || p.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
  const gone = [...ctx.documents.values()].filter((d) => under(d.path) && !present.has(d.path));
  await ctx.store.deleteDocuments(gone.map((d) => d.id), await ctx.store.vectorTableNames());
  for (const doc of gone) {
    ctx.documents.delete(doc.id);
    ctx.titles.remove(doc.id);
  }
  for (const failed of [...ctx.failures.keys()]) if (under(failed) && !present.has(failed)) ctx.failures.delete(failed);
  return gone.length;
}

/** Embed every passage that has no vector in the current model's table. */
export async function embedMissing(ctx: IngestContext, onProgress?: (done: number) => void): Promise<number> {
  if (!ctx.vectors) return 0;
  const have = await ctx.vectors.table.ids();
  const embedder = await ctx.vectors.embedder();
  let done = 0;
  let round: Array<{ id: string; docId: string; text: string }> = [];
  const embedRound = async () => {
    const vectors = await embedder.embedPassages(round.map((p) => p.text));
    await ctx.vectors!.table.add(round.map((p, i) => ({ id: p.id, docId: p.docId, vector: vectors[i]! })));
    done += round.length;
    round = [];
    onProgress?.(done);
  };
  for await (const batch of ctx.store.passagesWhere(null, EMBED_ROUND)) {
    for (const p of batch) if (!have.has(p.id)) round.push(p);
    if (round.length >= EMBED_ROUND) await embedRound();
  }
  if (round.length > 0) await embedRound();
  return done;
}
