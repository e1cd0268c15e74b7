/**
 * Writing a run's work and tidying after it: a batch of new document
 * versions committed in crash-safe order (see ingest.ts), what an interrupted
 * run left cleaned away, documents whose files are gone removed, and passages
 * without a vector embedded.
 */
import path from 'node:path';
import type { EmbedProgressSummary } from '../api/contract.js';
import { assumedPassagesPerSecond, embedEtaSeconds } from '../embed/rate.js';
import type { IngestContext } from './context.js';
import type { Pending } from './index-file.js';
import { Catalogue } from '../store/catalogue.js';
import { parsePassageId } from '../store/ids.js';
import { aliasesColumn } from '../store/json-columns.js';

/** Passages fetched per embedding round. */
const EMBED_ROUND = 128;

/** Store a batch: passages first, then the catalogue rows (the commit point), then the replaced versions' rows go. */
export async function commit(ctx: IngestContext, batch: Pending[]): Promise<void> {
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
    const parts = parsePassageId(id);
    const doc = parts && ctx.catalogue.get(parts.docId);
    if (!doc || parts.key !== doc.key) stale.push(id);
    else withPassages.add(doc.id);
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

const isUnder = (p: string, folder: string) => p === folder || p.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);

/**
 * A folder left the library: forget every document under it, except those also
 * under a folder that stays (nested library folders). Returns how many went.
 */
export async function removeUnder(ctx: IngestContext, folder: string, remaining: string[]): Promise<number> {
  const kept = { has: (p: string) => remaining.some((f) => isUnder(p, f)) };
  return removeVanished(ctx, [folder], kept);
}

/** Documents under the walked folders whose files are gone: an alias takes over, or the document goes from every store. */
export async function removeVanished(ctx: IngestContext, folders: string[], present: Pick<Set<string>, 'has'>): Promise<number> {
  const under = (p: string) => folders.some((f) => isUnder(p, f));
  const gone: string[] = [];
  for (const doc of ctx.catalogue.all()) {
    const aliases = Catalogue.aliasesOf(doc).filter((a) => !under(a) || present.has(a));
    const primaryGone = under(doc.path) && !present.has(doc.path);
    if (!primaryGone) {
      if (aliases.length !== Catalogue.aliasesOf(doc).length) await ctx.catalogue.save({ ...doc, aliases: aliasesColumn.encode(aliases) });
      continue;
    }
    if (aliases.length > 0) {
      await ctx.catalogue.save({ ...doc, path: aliases[0]!, aliases: aliasesColumn.encode(aliases.slice(1)) });
    } else {
      gone.push(doc.id);
    }
  }
  await ctx.catalogue.remove(gone, await ctx.store.vectorTableNames());
  for (const id of gone) ctx.titles.remove(id);
  for (const failed of [...ctx.failures.keys()]) if (under(failed) && !present.has(failed)) ctx.failures.delete(failed);
  return gone.length;
}

/** A pass's own rate is trusted once it has run this long (the model's first batches include loading it). */
const MIN_MEASURED_SECONDS = 5;

/**
 * Embed every passage that has no vector in the current model's table: after
 * the keyword index is committed, so search works meanwhile; a stopped pass is
 * resumed by the next run (what has a vector is skipped). `onProgress` hears
 * passages done of those missing, the rate and the time left — the rate
 * assumed for the model file (embed/rate.ts) until this pass has measured its own.
 */
export async function embedMissing(ctx: IngestContext, onProgress?: (progress: EmbedProgressSummary) => void): Promise<number> {
  if (!ctx.vectors) return 0;
  const have = await ctx.vectors.table.ids();
  const embedder = await ctx.vectors.embedder();
  const missing = Math.max(0, (await ctx.store.countPassages()) - have.size);
  const started = Date.now();
  let done = 0;
  const progress = (): EmbedProgressSummary => {
    const seconds = (Date.now() - started) / 1000;
    const measured = done > 0 && seconds >= MIN_MEASURED_SECONDS;
    const perSecond = measured ? done / seconds : assumedPassagesPerSecond(embedder.dtype);
    const total = Math.max(missing, done);
    return { passagesDone: done, passagesTotal: total, perSecond, measured, etaSeconds: embedEtaSeconds(total - done, measured ? perSecond : undefined, embedder.dtype) };
  };
  if (missing > 0) onProgress?.(progress());
  let round: Array<{ id: string; docId: string; text: string }> = [];
  const embedRound = async () => {
    const vectors = await embedder.embedPassages(round.map((p) => p.text));
    await ctx.vectors!.table.add(round.map((p, i) => ({ id: p.id, docId: p.docId, vector: vectors[i]! })));
    done += round.length;
    round = [];
    onProgress?.(progress());
  };
  for await (const batch of ctx.store.passagesWhere(null, EMBED_ROUND)) {
    for (const p of batch) if (!have.has(p.id)) round.push(p);
    if (round.length >= EMBED_ROUND) await embedRound();
    if (ctx.cancelled?.()) break;
  }
  if (round.length > 0) await embedRound();
  return done;
}
