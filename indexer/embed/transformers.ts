/**
 * transformers.js, and only transformers.js, lives here: a feature-extraction
 * pipeline (mean pooling, L2-normalised) loaded from a local model folder.
 * Remote loading is switched off at run time: documents and models never touch
 * the network.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** A loaded embedding model: texts in, unit vectors out. */
export interface VectorModel {
  readonly dims: number;
  embed(texts: string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

export interface LoadOptions {
  /** ONNX Runtime intra-op threads; default: let the runtime decide. */
  threads?: number;
}

/** The model file the loader will use: quantized when present (the default e5 download), else fp32. */
export function modelDtype(folder: string): 'q8' | 'fp32' | null {
  if (existsSync(path.join(folder, 'onnx', 'model_quantized.onnx'))) return 'q8';
  if (existsSync(path.join(folder, 'onnx', 'model.onnx'))) return 'fp32';
  return null;
}

/** The host transformers.js would download from; `kho model fetch` uses it as its default source. */
export async function defaultRemoteHost(): Promise<{ host: string; pathTemplate: string }> {
  const { env } = await import('@huggingface/transformers');
  return { host: env.remoteHost, pathTemplate: env.remotePathTemplate };
}

/**
 * Load `<modelsDir>/<id>` (e.g. models/Xenova/multilingual-e5-small).
 * transformers.js is imported lazily: keyword-only use never pays for it.
 */
export async function loadVectorModel(modelsDir: string, id: string, options: LoadOptions = {}): Promise<VectorModel> {
  const folder = path.join(modelsDir, ...id.split('/'));
  const dtype = modelDtype(folder);
  if (!dtype) throw new Error(`no ONNX model file in ${path.join(folder, 'onnx')}`);
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = modelsDir + path.sep;
  env.useBrowserCache = false;
  const sessionOptions = options.threads ? { intraOpNumThreads: options.threads, interOpNumThreads: 1 } : undefined;
  const extractor = await pipeline('feature-extraction', id, {
    dtype,
    local_files_only: true,
    ...(sessionOptions ? { session_options: sessionOptions } : {}),
  });
  const probe = await extractor(['kiểm tra'], { pooling: 'mean', normalize: true });
  const dims = probe.dims[probe.dims.length - 1]!;
  return {
    dims,
    async embed(texts: string[]): Promise<Float32Array[]> {
      if (texts.length === 0) return [];
      const output = await extractor(texts, { pooling: 'mean', normalize: true });
      const data = output.data as Float32Array;
      return texts.map((_, i) => data.slice(i * dims, (i + 1) * dims));
    },
    async dispose() {
      await extractor.dispose();
    },
  };
}
