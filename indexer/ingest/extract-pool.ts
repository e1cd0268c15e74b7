/**
 * Per-file limits, like Recoll's: a time limit and a memory limit per file,
 * enforced by extracting in a worker thread that is killed and replaced when a
 * file exceeds them. The failure names the limit ("took longer than …",
 * "needed more than … MB") and the run moves on to the next file. The values:
 * FILE_TIME_LIMIT_MS and FILE_MEMORY_LIMIT_MB in extract/limits.ts.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ExtractionError, type OcrProgress } from '../extract/types.js';
import { FILE_MEMORY_LIMIT_MB, FILE_TIME_LIMIT_MS } from '../extract/limits.js';
import type { AnalyzedFile } from './analyze-file.js';

export interface ExtractionLimits {
  /** Longest a single file may take to extract (OCR of a long scan needs minutes). */
  timeoutMs: number;
  /** Heap a single file's extraction may use. */
  maxMemoryMb: number;
}

export const DEFAULT_LIMITS: ExtractionLimits = {
  timeoutMs: FILE_TIME_LIMIT_MS,
  maxMemoryMb: FILE_MEMORY_LIMIT_MB,
};

interface Reply {
  id: number;
  /** Sent while the file is read: a page of OCR done (the reply with `document` or `error` comes last). */
  ocr?: OcrProgress;
  document?: AnalyzedFile;
  error?: { kind: ExtractionError['kind']; message: string; coded?: ExtractionError['coded'] };
}

/** Files extracted at once: one per core, at most four (each worker may hold a large document). */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export class ExtractionPool {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private workers = 0;
  private readonly waiting: Array<() => void> = [];
  private closed = false;
  private nextId = 1;
  private readonly workerFile = fileURLToPath(new URL('./extract-worker.js', import.meta.url));
  /** Told of each OCR page as it is read, in any file under way (the run sums them up for its progress). */
  onOcrProgress: ((filePath: string, progress: OcrProgress) => void) | null = null;

  constructor(
    private readonly limits: ExtractionLimits = DEFAULT_LIMITS,
    /** Workers at most; files beyond that wait their turn. */
    readonly size: number = defaultPoolSize(),
  ) {}

  private workerBuilt: boolean | null = null;

  /** True when extraction runs isolated (the compiled worker exists; tests on sources run in-process). Looked up once. */
  get isolated(): boolean {
    this.workerBuilt ??= existsSync(this.workerFile);
    return this.workerBuilt;
  }

  /** An idle worker, a new one while under `size`, or the next one released. */
  private async acquire(): Promise<Worker> {
    for (;;) {
      if (this.closed) throw new ExtractionError('error', 'extraction was stopped', { code: 'failure.stopped', params: {} });
      const ready = this.idle.pop();
      if (ready) return ready;
      if (this.workers < this.size) {
        this.workers++;
        const worker = new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb } });
        this.all.add(worker);
        worker.once('exit', () => this.all.delete(worker));
        return worker;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** Back to the pool (or gone, when it was stopped); the next waiter goes on. */
  private release(worker: Worker, retired: boolean): void {
    if (retired) this.workers--;
    else if (this.closed) void worker.terminate();
    else this.idle.push(worker);
    this.waiting.shift()?.();
  }

  /** Everything an indexing run commits for the file (analyze-file.ts), worked out in the worker: no blocks come back. */
  async analyze(filePath: string, data: Uint8Array): Promise<AnalyzedFile> {
    if (!this.isolated) {
      // Tests on sources have no compiled worker: the worker's own steps run here instead (loaded
      // only then, so that the run's main thread does not load the format libraries).
      const [{ extractFile }, { analyzeFile }] = await Promise.all([import('../extract/index.js'), import('./analyze-file.js')]);
      const extracted = await extractFile(filePath, data, { ocr: { onProgress: (progress) => this.onOcrProgress?.(filePath, progress) } });
      return analyzeFile(filePath, extracted);
    }
    const worker = await this.acquire();
    const id = this.nextId++;
    return new Promise<AnalyzedFile>((resolve, reject) => {
      let retired = false;
      const finish = (action: () => void) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        this.release(worker, retired);
        action();
      };
      const retire = () => {
        retired = true;
        void worker.terminate();
      };
      const seconds = Math.round(this.limits.timeoutMs / 1000);
      const timer = setTimeout(() => {
        retire();
        finish(() => reject(new ExtractionError('timeout', `extraction took longer than ${seconds} s and was stopped`, { code: 'failure.timeout', params: { seconds } })));
      }, this.limits.timeoutMs);
      const onMessage = (reply: Reply) => {
        if (reply.id !== id) return;
        if (reply.ocr) {
          this.onOcrProgress?.(filePath, reply.ocr);
          return;
        }
        finish(() => (reply.error ? reject(new ExtractionError(reply.error.kind, reply.error.message, reply.error.coded)) : resolve(reply.document!)));
      };
      const onError = (error: Error & { code?: string }) => {
        retire();
        const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(error.message);
        finish(() =>
          reject(
            outOfMemory
              ? new ExtractionError('too-large', `extraction needed more than ${this.limits.maxMemoryMb} MB of memory and was stopped`, { code: 'failure.memory', params: { limitMb: this.limits.maxMemoryMb } })
              : new ExtractionError('error', `extraction failed (${error.message})`),
          ),
        );
      };
      const onExit = () => {
        retired = true;
        finish(() => reject(new ExtractionError('error', 'the extraction worker stopped unexpectedly', { code: 'failure.crashed', params: {} })));
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      // The bytes move to the worker (no copy); the caller has already hashed them.
      const copy = new Uint8Array(data);
      worker.postMessage({ id, path: filePath, data: copy }, [copy.buffer as ArrayBuffer]);
    });
  }

  /** Stop every worker; extractions under way (a run's look-ahead, say) fail, waiting ones too. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake();
    this.idle.length = 0;
    await Promise.all([...this.all].map((w) => w.terminate()));
  }
}
