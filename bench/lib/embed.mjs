/**
 * Embedding throughput with the installed model and the thread settings tried.
 * Only the test model exists here (an ONNX Gather lookup, no transformer), so
 * its figures are the pipeline's overhead — tokenizer, ONNX session, batching,
 * worker hand-off — and not what a real model would do.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { child, dist, loadJson, log, maxRssMB, stats, TEST_MODEL_ID, TEST_MODELS_DIR } from './util.mjs';
import { articles } from './quality.mjs';
import { queries } from './synth.mjs';

export async function childEmbed({ modelsDir, id, threads, worker, count }) {
  const { openEmbedder } = await dist('embed/embedder.js');
  const config = loadJson(path.join(modelsDir, ...id.split('/'), 'config.json'));
  const t0 = performance.now();
  const probe = await openEmbedder(modelsDir, { id, dims: 1, queryPrefix: '', passagePrefix: '', verifiedAt: '' }, { threads }).catch((e) => e);
  // The dimension check needs the model's own size: learn it from the error, or from the model.
  const dims = probe instanceof Error ? Number(/produced (\d+)/.exec(probe.message)?.[1]) : probe.dims;
  if (!(probe instanceof Error)) await probe.close();
  const e = await openEmbedder(modelsDir, { id, dims, queryPrefix: '', passagePrefix: '', verifiedAt: '' }, { threads, worker });
  const loadMs = performance.now() - t0;
  const texts = articles().units.slice(0, count).map((u) => u.text.slice(0, 2000));
  await e.embedPassages(texts.slice(0, 16));
  let t = performance.now();
  const vectors = await e.embedPassages(texts);
  const passagesMs = performance.now() - t;
  const qs = queries().long.slice(0, 100);
  const q = [];
  for (const text of qs) {
    t = performance.now();
    await e.embedQuery(text);
    q.push(performance.now() - t);
  }
  await e.close();
  return { dims, modelType: config.model_type ?? null, loadMs, passages: vectors.length, passagesPerSec: vectors.length / (passagesMs / 1000), queryMs: stats(q), maxRssMB: maxRssMB() };
}

export async function embedding({ count, quick = false }) {
  const modelsDir = process.env.KHO_BENCH_MODELS_DIR ?? TEST_MODELS_DIR;
  const id = process.env.KHO_BENCH_MODEL_ID ?? TEST_MODEL_ID;
  if (!existsSync(path.join(modelsDir, ...id.split('/'), 'config.json'))) return { skipped: `no model at ${modelsDir}/${id} (run npm run test-model)` };
  const testModel = id === TEST_MODEL_ID;
  const runs = [];
  for (const setting of quick ? [{ threads: 2, worker: true }] : [{ threads: 1 }, { threads: 2 }, { threads: 4 }, { threads: 2, worker: true }]) {
    log(`embedding: ${id}, ${setting.threads} thread(s)${setting.worker ? ', worker thread' : ''}`);
    runs.push({ ...setting, ...(await child('embed', { modelsDir, id, count, ...setting }, { timeoutMs: 1_800_000 })) });
  }
  return {
    model: id,
    testModel,
    label: testModel ? 'test model (ONNX Gather, no transformer layers): pipeline overhead only, not model speed' : 'installed model',
    runs,
  };
}
