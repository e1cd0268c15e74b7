/**
 * The embedder the library uses: adds the model's query/passage prefixes and,
 * for indexing, runs the model in a worker thread so the caller (the Electron
 * main process, the web server) stays responsive while passages are embedded.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { modelFolder, type ModelManifest } from './models.js';
import { loadVectorModel, modelDtype, type VectorModel } from './transformers.js';

export interface Embedder {
  readonly id: string;
  readonly dims: number;
  /** The model file in use (q8: model_quantized.onnx), for an ETA before a pass has measured its own rate (rate.ts). */
  readonly dtype: 'q8' | 'fp32' | null;
  embedPassages(texts: string[]): Promise<Float32Array[]>;
  embedQuery(text: string): Promise<Float32Array>;
  close(): Promise<void>;
}

export interface EmbedderOptions {
  /** Run the model in a worker thread (for indexing). Falls back to in-process when the worker file is absent (tests on sources). */
  worker?: boolean;
  threads?: number;
}

/** Passages per model call: large enough to amortise overhead, small enough to keep memory flat. */
export const EMBED_BATCH = 16;

export async function openEmbedder(modelsDir: string, manifest: ModelManifest, options: EmbedderOptions = {}): Promise<Embedder> {
  const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));
  const model: VectorModel =
    options.worker && existsSync(workerFile)
      ? await WorkerModel.start(workerFile, modelsDir, manifest.id, options.threads)
      : await loadVectorModel(modelsDir, manifest.id, { threads: options.threads });
  if (model.dims !== manifest.dims) {
    await model.dispose();
    throw new Error(`model ${manifest.id} produced ${model.dims} dimensions, its manifest says ${manifest.dims}; import it again`);
  }
  return {
    id: manifest.id,
    dims: model.dims,
    dtype: modelDtype(modelFolder(modelsDir, manifest.id)),
    async embedPassages(texts) {
      const vectors: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += EMBED_BATCH) {
        vectors.push(...(await model.embed(texts.slice(i, i + EMBED_BATCH).map((t) => manifest.passagePrefix + t))));
      }
      return vectors;
    },
    async embedQuery(text) {
      return (await model.embed([manifest.queryPrefix + text]))[0]!;
    },
    close: () => model.dispose(),
  };
}

interface WorkerReply {
  id: number;
  vectors?: Float32Array[];
  dims?: number;
  error?: string;
}

/** The model behind a worker thread; one request at a time is in flight per call site. */
class WorkerModel implements VectorModel {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly worker: Worker,
    readonly dims: number,
  ) {}

  static async start(file: string, modelsDir: string, id: string, threads?: number): Promise<WorkerModel> {
    // onnxruntime-node's addon must be loaded by this (main) thread before any worker loads it:
    // once a worker has loaded it first, loading it here later (a search or a model import in
    // the same process) kills the process with "Module did not self-register".
    await import('@huggingface/transformers');
    const worker = new Worker(file, { workerData: { modelsDir, id, threads } });
    const ready = await new Promise<WorkerReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (ready.error) {
      await worker.terminate();
      throw new Error(ready.error);
    }
    const model = new WorkerModel(worker, ready.dims!);
    worker.on('message', (reply: WorkerReply) => {
      const waiter = model.pending.get(reply.id);
      model.pending.delete(reply.id);
      if (reply.error) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply);
    });
    worker.on('error', (error) => {
      for (const waiter of model.pending.values()) waiter.reject(error);
      model.pending.clear();
    });
    return model;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const id = this.nextId++;
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, texts });
    });
    return reply.vectors!;
  }

  async dispose(): Promise<void> {
    await this.worker.terminate();
  }
}
