/**
 * Embedding a passage table with a real model, shared by the quality
 * measurements that put a dense side next to the keyword one
 * (scripts/eval-alqac.mjs --model, bench/lib/quality-vector.mjs): opening a
 * model from a models folder (with or without kho's manifest) and embedding
 * rows into a vector table in batches. `distDir` is the product's build
 * (dist/), so both measure the product's own embedder and VectorTable.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Passages embedded per call: what the product's indexing batches too, and memory stays flat. */
export const EMBED_BATCH = 64;

const load = (distDir, rel) => import(pathToFileURL(path.join(distDir, 'indexer', rel)).href);

/**
 * The embedder of model `id` in `modelsDir`. A bare model folder (no kho
 * manifest) gets the prefixes kho knows for its id, and its size is learnt
 * from one embedding (the dimension check's error names it).
 */
export async function openModelEmbedder(distDir, modelsDir, id, { worker = false } = {}) {
  const { openEmbedder } = await load(distDir, 'embed/embedder.js');
  const { readManifest, prefixesFor } = await load(distDir, 'embed/models.js');
  const manifest = (await readManifest(modelsDir, id)) ?? { id, dims: 0, ...prefixesFor(id), verifiedAt: '' };
  if (!manifest.dims) {
    const probe = await openEmbedder(modelsDir, { ...manifest, dims: -1 }).catch((e) => e);
    manifest.dims = Number(/produced (\d+)/.exec(String(probe?.message))?.[1]);
  }
  return openEmbedder(modelsDir, manifest, { worker });
}

/**
 * Embed `rows` ({ id, docId, text }) into the vector table `vectors`,
 * EMBED_BATCH at a time, and optimise it. Returns the milliseconds taken.
 */
export async function embedRows(embedder, vectors, rows, batchSize = EMBED_BATCH) {
  const started = performance.now();
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    const embedded = await embedder.embedPassages(batch.map((r) => r.text));
    await vectors.add(batch.map((r, j) => ({ id: r.id, docId: r.docId, vector: embedded[j] })));
  }
  await vectors.optimize(embedder.dims);
  return performance.now() - started;
}
