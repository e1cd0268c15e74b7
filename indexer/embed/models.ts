/**
 * Embedding model folders: `<modelsDir>/<org>/<name>/` with config.json,
 * tokenizer.json, tokenizer_config.json and onnx/model_quantized.onnx (or
 * onnx/model.onnx). Air-gapped offices import a folder from a USB stick;
 * a connected machine can fetch one. Either way the folder is verified by
 * actually loading it and embedding a sentence before it is used.
 */
import { cp, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ModelInfo } from '../api/contract.js';
import { UserError } from '../api/errors.js';
import { readJson, writeJsonAtomic } from '../store/atomic.js';
import { defaultRemoteHost, loadVectorModel, modelDtype } from './transformers.js';

/** The model users get by default: multilingual (Vietnamese included), 384 dimensions, ~120 MB quantized. */
export const DEFAULT_MODEL_ID = 'Xenova/multilingual-e5-small';

/** Files a model folder must have (besides one ONNX file). */
const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];
/** Files fetched from a model hub, in order; the optional ones may be missing there. */
const FETCH_FILES: Array<{ name: string; optional: boolean }> = [
  { name: 'config.json', optional: false },
  { name: 'tokenizer.json', optional: false },
  { name: 'tokenizer_config.json', optional: false },
  { name: 'special_tokens_map.json', optional: true },
  { name: 'onnx/model_quantized.onnx', optional: false },
];

/** Written into each verified model folder. */
export interface ModelManifest {
  id: string;
  dims: number;
  /** Text put before queries and passages (e5 models were trained with "query: " / "passage: "). */
  queryPrefix: string;
  passagePrefix: string;
  verifiedAt: string;
}

const MANIFEST = 'kho-model.json';
/** Downloads and copies land here first (a valid model-id folder: transformers.js rejects dot-folders). */
const STAGING = 'kho-staging';

/** e5 models need their task prefixes; others get none. */
export function prefixesFor(id: string): { queryPrefix: string; passagePrefix: string } {
  return /(^|[/-])(multilingual-)?e5(-|$)/i.test(id) ? { queryPrefix: 'query: ', passagePrefix: 'passage: ' } : { queryPrefix: '', passagePrefix: '' };
}

export function modelFolder(modelsDir: string, id: string): string {
  return path.join(modelsDir, ...id.split('/'));
}

export function validateModelId(id: string): string {
  if (!/^[\w.-]+\/[\w.-]+$/.test(id) || id.includes('..') || id.includes('--')) {
    throw new UserError('model.badId', { id, example: DEFAULT_MODEL_ID });
  }
  return id;
}

export async function readManifest(modelsDir: string, id: string): Promise<ModelManifest | null> {
  const manifest = await readJson<ModelManifest | null>(path.join(modelFolder(modelsDir, id), MANIFEST), null);
  return manifest && manifest.id === id && manifest.dims > 0 ? manifest : null;
}

/** Installed, verified models. */
export async function listModels(modelsDir: string, activeId: string | null): Promise<ModelInfo[]> {
  const models: ModelInfo[] = [];
  for (const org of await safeReaddir(modelsDir)) {
    for (const name of await safeReaddir(path.join(modelsDir, org))) {
      const id = `${org}/${name}`;
      const manifest = await readManifest(modelsDir, id);
      if (!manifest) continue;
      const folder = modelFolder(modelsDir, id);
      models.push({ id, dims: manifest.dims, folder, active: id === activeId, sizeBytes: await folderSize(folder) });
    }
  }
  return models;
}

/** Check a folder's files before copying anything; the message names what is missing. */
export function checkModelFiles(folder: string): void {
  if (!existsSync(folder)) throw new UserError('model.folderMissing', { folder });
  const missing = REQUIRED_FILES.filter((f) => !existsSync(path.join(folder, f)));
  if (!modelDtype(folder)) missing.push('onnx/model_quantized.onnx (or onnx/model.onnx)');
  if (missing.length > 0) throw new UserError('model.folderIncomplete', { folder, missing });
}

/** Guess the id of a model folder from its last two path segments (…/Xenova/multilingual-e5-small). */
export function idFromFolder(folder: string): string {
  const parts = path.resolve(folder).split(path.sep).filter(Boolean);
  return parts.slice(-2).join('/');
}

/**
 * Copy a model folder into the models folder, verify it by loading it, and
 * write its manifest. The copy lands under a temporary name and is renamed
 * into place only once verified, so a bad folder never replaces a good model.
 */
export async function importModel(modelsDir: string, source: string, id = idFromFolder(source)): Promise<ModelManifest> {
  validateModelId(id);
  checkModelFiles(source);
  const staging = path.join(modelsDir, STAGING, `${id.replace('/', '__')}-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.dirname(staging), { recursive: true });
  await cp(source, staging, { recursive: true, filter: (src) => !path.basename(src).startsWith('.') });
  return installStaged(modelsDir, staging, id);
}

export interface FetchOptions {
  /** Base URL of a model hub; files are read from `<from>/<id>/resolve/main/<file>`. Default: transformers.js's hub. */
  from?: string;
  onProgress?: (file: string, bytes: number) => void;
}

/** Download a model on a connected machine, then verify and install it like an import. */
export async function fetchModel(modelsDir: string, id: string, options: FetchOptions = {}): Promise<ModelManifest> {
  validateModelId(id);
  const remote = await defaultRemoteHost();
  const base = (options.from ?? remote.host).replace(/\/+$/, '');
  const staging = path.join(modelsDir, STAGING, `${id.replace('/', '__')}-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  for (const file of FETCH_FILES) {
    const url = `${base}/${id}/resolve/main/${file.name}`;
    let response: Response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw new UserError('model.unreachable', { base, detail: (error as Error).message });
    }
    if (!response.ok) {
      if (file.optional && response.status === 404) continue;
      throw new UserError('model.downloadFailed', { url, status: response.status });
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    const target = path.join(staging, ...file.name.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bytes);
    options.onProgress?.(file.name, bytes.length);
  }
  return installStaged(modelsDir, staging, id);
}

async function installStaged(modelsDir: string, staging: string, id: string): Promise<ModelManifest> {
  try {
    checkModelFiles(staging);
    const stagingId = `${STAGING}/${path.basename(staging)}`;
    let dims: number;
    try {
      const model = await loadVectorModel(modelsDir, stagingId);
      dims = model.dims;
      await model.dispose();
    } catch (error) {
      throw new UserError('model.doesNotLoad', { detail: (error as Error).message });
    }
    const manifest: ModelManifest = { id, dims, ...prefixesFor(id), verifiedAt: new Date().toISOString() };
    await writeJsonAtomic(path.join(staging, MANIFEST), manifest);
    const target = modelFolder(modelsDir, id);
    await mkdir(path.dirname(target), { recursive: true });
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function safeReaddir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch {
    return [];
  }
}

async function folderSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}
