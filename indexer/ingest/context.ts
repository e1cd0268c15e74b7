/**
 * What an indexing run works with and the rules every part of it shares: the
 * stores it writes and the content key that names a document version. The run
 * is ingest.ts; one file's change check is index-file.ts; its extraction and
 * analysis (passages, keyword terms, identity) is analyze-file.ts in the
 * extraction worker; writing and tidying is commit.ts.
 */
import { createHash } from 'node:crypto';
import type { FileFailure, IndexProgress } from '../api/contract.js';
import type { Embedder } from '../embed/embedder.js';
import type { ExtractionPool } from './extract-pool.js';
import type { Catalogue } from '../store/catalogue.js';
import type { LanceStore, VectorTable } from '../store/lance.js';
import type { TitleIndex } from '../store/minisearch.js';

/** Bump when extraction or chunking changes what gets stored: every file is then re-indexed. */
export const PIPELINE_VERSION = 3;
/** Larger files are not documents anyone reads; they fail with a named reason before being read. */
export { MAX_FILE_BYTES } from '../extract/limits.js';

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
  /** Where this machine reads a recorded path (a library root mapped to a local mount, library/roots.ts); default: the path itself. */
  localOf?: (recorded: string) => string;
}

/** Keys worked out, by hash: an unchanged run asks for every stored document's key, some twice. */
const keys = new Map<string, string>();
/** Beyond this many the remembered keys are forgotten (a long-running app indexes many versions). */
const KEYS_REMEMBERED = 100_000;

/** The key stored passages carry: changes with the content or the pipeline. */
export function contentKey(hash: string): string {
  let key = keys.get(hash);
  if (key === undefined) {
    if (keys.size >= KEYS_REMEMBERED) keys.clear();
    key = createHash('sha256').update(`${PIPELINE_VERSION}:${hash}`).digest('hex').slice(0, 12);
    keys.set(hash, key);
  }
  return key;
}
