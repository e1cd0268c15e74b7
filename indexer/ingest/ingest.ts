/**
 * One indexing run: find files, skip what has not changed, relink what moved,
 * extract and chunk what is new or changed, store passages, embed what has no
 * vector yet, tidy the indexes.
 *
 * Write order keeps the stores consistent if the process dies at any point:
 * new passages are added under ids that carry the document's content key,
 * then the catalogue row (the commit point), and only then are the previous
 * version's rows deleted; vectors follow. `cleanOrphans` removes whatever a
 * crash left behind, so a restarted run simply resumes.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentMetadata, FileFailure, IndexProgress, IndexSummary } from '../api/contract.js';
import { chunkBlocks } from '../analyze/chunk.js';
import { ExtractionError } from '../extract/index.js';
import type { ExtractedDocument } from '../extract/types.js';
import { guessTitle } from '../analyze/structure.js';
import { extractMetadata } from '../analyze/identity/metadata.js';
import { effectiveDate, findReferences } from '../analyze/references/relations.js';
import type { Embedder } from '../embed/embedder.js';
import { ExtractionPool } from './extract-pool.js';
import { Lookahead, type LookaheadRules, type SettledRead, type Speculation } from './lookahead.js';
import { Catalogue } from '../store/catalogue.js';
import type { DocumentRow, LanceStore, PassageRow, VectorTable } from '../store/lance.js';
import type { TitleIndex } from '../store/minisearch.js';
import { indexTerms } from '../vietnamese/tokenize.js';
import { walk, type FoundFile } from './walk.js';

/** Bump when extraction or chunking changes what gets stored: every file is then re-indexed. */
export const PIPELINE_VERSION = 3;
/** Passages buffered before a write; fewer, larger LanceDB fragments. */
const FLUSH_PASSAGES = 2_000;
/** Passages fetched per embedding round. */
const EMBED_ROUND = 256;
/** Larger files are not documents anyone reads; they fail with a named reason before being read. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

export interface FailureRecord extends FileFailure {
  size: number;
  mtimeMs: number;
}

export interface IngestContext {
  store: LanceStore;
  titles: TitleIndex;
  catalogue: Catalogue;
  failures: Map<string, FailureRecord>;
  /** The vector table and embedder, or null in keyword-only mode. */
  vectors: { table: VectorTable; embedder: () => Promise<Embedder> } | null;
  extractor?: ExtractionPool;
  onProgress?: (progress: IndexProgress) => void;
  /** Checked between files: when it returns true the run stops after committing what it has. */
  cancelled?: () => boolean;
  maxFileBytes?: number;
}

/**
 * The keyword terms stored for a passage. Title and section words count as
 * terms of every passage, so they lift the passages of a matching document.
 */
export function passageTerms(text: string, section: string | null, title: string): string {
  return indexTerms(`${text}\n${section ?? ''}\n${title}`).join(' ');
}

/** The key stored passages carry: changes with the content or the pipeline. */
export function contentKey(hash: string): string {
  return createHash('sha256').update(`${PIPELINE_VERSION}:${hash}`).digest('hex').slice(0, 12);
}

interface Pending {
  doc: DocumentRow;
  passages: PassageRow[];
  replaces: boolean;
  headings: string;
}

type Outcome = 'unchanged' | 'relinked' | 'duplicate' | FailureRecord | Pending;

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

  try {
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
      if (outcome === 'unchanged') summary.unchanged++;
      else if (outcome === 'relinked') summary.relinked++;
      else if (outcome === 'duplicate') summary.duplicates++;
      else if ('kind' in outcome) summary.failed.push(outcome);
      else {
        pending.push(outcome);
        pendingPassages += outcome.passages.length;
        summary.indexed++;
        summary.passagesAdded += outcome.passages.length;
        if (pendingPassages >= FLUSH_PASSAGES) await flush();
      }
      const done = progress.filesDone + 1;
      const rate = done / Math.max(0.001, (Date.now() - extractStarted) / 1000);
      report({ filesDone: done, passages: summary.passagesAdded, rate, etaSeconds: Math.round((found.files.length - done) / rate) });
    }
    await flush();

    // Entries the walk could not read are still there: keep their failures listed.
    const present = new Set([...found.files.map((f) => f.path), ...found.problems.map((p) => p.path)]);
    if (!summary.cancelled) summary.removed = await removeVanished(ctx, found.folders, present);
    if (ctx.vectors && !summary.cancelled) {
      report({ phase: 'embed', current: undefined, etaSeconds: undefined });
      summary.passagesEmbedded = await embedMissing(ctx, (embedded) => report({ passages: embedded }));
    }
    report({ phase: 'optimize', current: undefined });
    await ctx.store.optimize();
    if (ctx.vectors && !summary.cancelled) await ctx.vectors.table.optimize((await ctx.vectors.embedder()).dims);
    await ctx.titles.save();
  } finally {
    if (ownPool) await extractor.close();
  }
  summary.durationMs = Date.now() - started;
  report({ phase: 'done', current: undefined, etaSeconds: 0 });
  return summary;
}

function failure(filePath: string, kind: FileFailure['kind'], reason: string, size: number, mtimeMs: number, ctx: IngestContext): FailureRecord {
  // One line, a sensible length: reasons are shown in lists.
  const oneLine = reason.replace(/\s+/g, ' ').trim();
  const record: FailureRecord = { path: filePath, kind, reason: oneLine.length > 300 ? `${oneLine.slice(0, 299)}…` : oneLine, at: new Date().toISOString(), size, mtimeMs };
  ctx.failures.set(filePath, record);
  return record;
}

/** Unchanged by its size and time (the quick check), with a current pipeline version. */
function quicklyUnchanged(ctx: IngestContext, file: FoundFile): boolean {
  const previous = ctx.catalogue.byPath(file.path);
  return Boolean(previous && previous.path === file.path && previous.size === file.size && previous.mtimeMs === file.mtimeMs && previous.key === contentKey(previous.hash));
}

function failedAsIs(ctx: IngestContext, file: FoundFile): FailureRecord | undefined {
  const failedBefore = ctx.failures.get(file.path);
  return failedBefore && failedBefore.size === file.size && failedBefore.mtimeMs === file.mtimeMs ? failedBefore : undefined;
}

/** When a file read ahead of its turn is worth extracting ahead too (indexFile decides again at its turn). */
function lookaheadRules(ctx: IngestContext): LookaheadRules {
  return {
    mayNeedReading: (file) => !quicklyUnchanged(ctx, file) && !failedAsIs(ctx, file) && file.size <= (ctx.maxFileBytes ?? MAX_FILE_BYTES),
    needsExtraction: (file, hash) => {
      const previous = ctx.catalogue.byPath(file.path);
      const key = contentKey(hash);
      return !(previous && previous.hash === hash && previous.key === key) && !(!previous && ctx.catalogue.byKey(key));
    },
    read: readSettled,
  };
}

async function indexFile(ctx: IngestContext, extractor: ExtractionPool, found: FoundFile, speculation?: Promise<Speculation>): Promise<Outcome> {
  let file = found;
  const { catalogue } = ctx;
  const previous = catalogue.byPath(file.path);
  const isPrimary = previous?.path === file.path;
  if (quicklyUnchanged(ctx, file)) return 'unchanged';
  const failedBefore = failedAsIs(ctx, file);
  if (failedBefore) return failedBefore;
  const maxBytes = ctx.maxFileBytes ?? MAX_FILE_BYTES;
  if (file.size > maxBytes) {
    return failure(file.path, 'too-large', `the file is ${mb(file.size)}; files over ${mb(maxBytes)} are not indexed`, file.size, file.mtimeMs, ctx);
  }

  let data: Uint8Array;
  const ahead = await speculation;
  try {
    if (ahead?.readError) throw ahead.readError;
    const read = ahead ? ahead.read : await readSettled(file.path);
    if (!read) {
      return failure(file.path, 'unreadable', 'the file kept changing while being read; it is indexed once it settles', file.size, file.mtimeMs, ctx);
    }
    data = read.data;
    file = { ...file, size: read.size, mtimeMs: read.mtimeMs };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'the file was deleted or moved while being indexed'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied: the file cannot be read'
      : `cannot be read (${code ?? (error as Error).message})`;
    return failure(file.path, code === 'ENOENT' ? 'not-found' : 'unreadable', reason, file.size, file.mtimeMs, ctx);
  }
  // A speculation hashed the same bytes already.
  const hash = ahead?.hash ?? createHash('sha256').update(data).digest('hex');
  const key = contentKey(hash);

  if (previous && previous.hash === hash && previous.key === key) {
    // Touched, or an identical copy seen again: remember the new size/time, do no work.
    if (isPrimary) await catalogue.save({ ...previous, size: file.size, mtimeMs: file.mtimeMs });
    ctx.failures.delete(file.path);
    return isPrimary ? 'unchanged' : 'duplicate';
  }
  if (previous && !isPrimary) await catalogue.removeAlias(previous.id, file.path); // a copy that changed is its own document now
  if (!previous) {
    const twin = catalogue.byKey(key);
    if (twin) {
      ctx.failures.delete(file.path);
      if (!existsSync(twin.path)) {
        // Moved or renamed: same content, old place gone. Relink; no extraction, no embedding.
        await catalogue.save({ ...twin, path: file.path, size: file.size, mtimeMs: file.mtimeMs });
        return 'relinked';
      }
      await catalogue.addAlias(twin.id, file.path);
      return 'duplicate';
    }
  }

  let extracted;
  try {
    extracted = await (ahead?.extraction ?? extractor.extract(file.path, data));
  } catch (error) {
    if (error instanceof ExtractionError) return failure(file.path, error.kind, error.message, file.size, file.mtimeMs, ctx);
    return failure(file.path, 'error', `extraction failed (${(error as Error).message})`, file.size, file.mtimeMs, ctx);
  }
  const chunked = chunkBlocks(extracted.blocks);
  if (chunked.passages.length === 0) {
    const reason = extracted.format === 'pdf' ? 'no text layer (a scan without OCR text?)' : 'no text found in the file';
    return failure(file.path, 'empty', reason, file.size, file.mtimeMs, ctx);
  }
  ctx.failures.delete(file.path);
  const id = previous && isPrimary ? previous.id : catalogue.newId(file.path);
  const metadata = extractMetadata(extracted.blocks, { fileName: file.path, properties: { title: extracted.title } });
  const title = documentTitle(extracted, metadata) || path.basename(file.path);
  const relations = { references: findReferences(extracted.blocks, metadata), effective: effectiveDate(extracted.blocks, metadata) };
  const doc: DocumentRow = {
    id, path: file.path, aliases: previous && isPrimary ? previous.aliases : '[]', title, metadata: JSON.stringify(metadata), relations: JSON.stringify(relations), format: extracted.format,
    size: file.size, mtimeMs: file.mtimeMs, hash, key, pageCount: extracted.pageCount, passages: chunked.passages.length,
    indexedAt: new Date().toISOString(),
    notes: JSON.stringify(extracted.notes ?? {}),
  };
  const passages: PassageRow[] = chunked.passages.map((p) => ({
    id: `${id}.${key}.${p.ordinal}`, docId: id, ordinal: p.ordinal, text: p.text,
    terms: passageTerms(p.text, p.section, title),
    page: p.page, pageEnd: p.pageEnd, section: p.section, start: p.start, end: p.end, ocr: p.ocr,
  }));
  const headings = [...new Set(chunked.passages.map((p) => p.section).filter(Boolean))].join('\n');
  return { doc, passages, replaces: Boolean(previous && isPrimary), headings };
}

/** Reads attempted before a file that keeps changing is given up on (until its next change). */
const READ_ATTEMPTS = 3;

/**
 * Read a whole file and make sure it did not change meanwhile (an editor saving,
 * a copy still arriving): a torn read would store half of one version. Returns
 * null when it never held still.
 */
async function readSettled(filePath: string): Promise<SettledRead | null> {
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    const before = await stat(filePath);
    const data = await readFile(filePath);
    const after = await stat(filePath);
    if (before.size === after.size && before.mtimeMs === after.mtimeMs && data.length === after.size) {
      return { data, size: after.size, mtimeMs: after.mtimeMs };
    }
    await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
  }
  return null;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

async function commit(ctx: IngestContext, batch: Pending[]): Promise<void> {
  if (batch.length === 0) return;
  await ctx.store.addPassages(batch.flatMap((p) => p.passages));
  await ctx.catalogue.saveAll(batch.map((p) => p.doc)); // the commit point
  const replaced = batch.filter((p) => p.replaces).map((p): [string, string] => [p.doc.id, p.doc.key]);
  await ctx.store.deleteStalePassages(replaced, await ctx.store.vectorTableNames());
  for (const p of batch) ctx.titles.upsert({ id: p.doc.id, title: p.doc.title, fileName: path.basename(p.doc.path), headings: p.headings });
}

/**
 * Remove what an interrupted run left: passages of uncommitted or replaced
 * versions, vectors without a passage, catalogue rows whose passages are gone
 * (re-indexed by the run), and title entries without a document.
 */
export async function cleanOrphans(ctx: IngestContext): Promise<number> {
  const stale: string[] = [];
  const ids = await ctx.store.passageIds();
  const withPassages = new Set<string>();
  for (const id of ids) {
    const [docId, key] = id.split('.');
    const doc = ctx.catalogue.get(docId!);
    if (!doc || key !== doc.key) stale.push(id);
    else withPassages.add(docId!);
  }
  await ctx.store.deletePassagesByIds(stale, await ctx.store.vectorTableNames());
  const empty = ctx.catalogue.all().filter((d) => !withPassages.has(d.id));
  await ctx.catalogue.remove(empty.map((d) => d.id), await ctx.store.vectorTableNames());
  for (const d of empty) ctx.titles.remove(d.id);
  if (ctx.vectors) {
    // Stale passages took their vectors with them; these are vectors whose passage never committed.
    const orphanVectors = [...(await ctx.vectors.table.ids())].filter((id) => !ids.has(id));
    await ctx.vectors.table.deleteIds(orphanVectors);
  }
  return stale.length + empty.length;
}

/** Documents under the walked folders whose files are gone: an alias takes over, or the document goes from every store. */
/**
 * The title lists and citations show: the author's own format title when there
 * is one, else the official identity read from the text ("Kế hoạch số
 * 112/KH-UBND Tổ chức Chợ công nghệ…" — the layout parser knows the national
 * motto and the issuer lines are not the title), else the first heading or line.
 */
function documentTitle(extracted: ExtractedDocument, metadata: DocumentMetadata | null): string | null {
  const guessed = guessTitle(extracted.blocks, extracted.title);
  const formatTitleChosen = Boolean(extracted.title && guessed && extracted.title.trim().startsWith(guessed.replace(/…$/, '')));
  if (formatTitleChosen) return guessed;
  if (metadata?.kind === 'administrative' && metadata.typeName && metadata.summary) {
    const title = [metadata.typeName, metadata.number && `số ${metadata.number}`, metadata.summary].filter(Boolean).join(' ');
    return title.length > 240 ? `${title.slice(0, 239)}…` : title;
  }
  if (metadata?.kind === 'research' && metadata.title) return metadata.title;
  return guessed;
}

const isUnder = (p: string, folder: string) => p === folder || p.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);

/**
 * A folder left the library: forget every document under it, except those also
 * under a folder that stays (nested library folders). Returns how many went.
 */
export async function removeUnder(ctx: IngestContext, folder: string, remaining: string[]): Promise<number> {
  const kept = { has: (p: string) => remaining.some((f) => isUnder(p, f)) };
  return removeVanished(ctx, [folder], kept);
}

async function removeVanished(ctx: IngestContext, folders: string[], present: Pick<Set<string>, 'has'>): Promise<number> {
  const under = (p: string) => folders.some((f) => isUnder(p, f));
  const gone: string[] = [];
  for (const doc of ctx.catalogue.all()) {
    const aliases = Catalogue.aliasesOf(doc).filter((a) => !under(a) || present.has(a));
    const primaryGone = under(doc.path) && !present.has(doc.path);
    if (!primaryGone) {
      if (aliases.length !== Catalogue.aliasesOf(doc).length) await ctx.catalogue.save({ ...doc, aliases: JSON.stringify(aliases) });
      continue;
    }
    if (aliases.length > 0) {
      await ctx.catalogue.save({ ...doc, path: aliases[0]!, aliases: JSON.stringify(aliases.slice(1)) });
    } else {
      gone.push(doc.id);
    }
  }
  await ctx.catalogue.remove(gone, await ctx.store.vectorTableNames());
  for (const id of gone) ctx.titles.remove(id);
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
    if (ctx.cancelled?.()) break;
  }
  if (round.length > 0) await embedRound();
  return done;
}
