/**
 * Worker thread that owns the embedding model during indexing. Protocol:
 * first message { id: 0, dims } (or { id: 0, error }), then one reply per
 * request { id, texts } → { id, vectors } (or { id, error }).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadVectorModel, type VectorModel } from './transformers.js';

const { modelsDir, id, threads } = workerData as { modelsDir: string; id: string; threads?: number };
const port = parentPort!;

let model: VectorModel;
try {
  model = await loadVectorModel(modelsDir, id, { threads });
  port.postMessage({ id: 0, dims: model.dims });
} catch (error) {
  port.postMessage({ id: 0, error: (error as Error).message });
  process.exit(0);
}

port.on('message', async (request: { id: number; texts: string[] }) => {
  try {
    const vectors = await model.embed(request.texts);
    port.postMessage({ id: request.id, vectors }, vectors.map((v) => v.buffer as ArrayBuffer));
  } catch (error) {
    port.postMessage({ id: request.id, error: (error as Error).message });
  }
});
