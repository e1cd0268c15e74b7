/**
 * Per-file limits, like Recoll's: a time limit and a memory limit per file,
 * enforced by extracting in a worker thread that is killed and replaced when a
 * file exceeds them. The failure is named ("took longer than 120 s", "needed
 * more than 1024 MB") and the run moves on to the next file.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { extractFile, ExtractionError, type ExtractedDocument } from './extract/index.js';

export interface ExtractionLimits {
  /** Longest a single file may take to extract (OCR of a long scan needs minutes). */
  timeoutMs: number;
  /** Heap a single file's extraction may use. */
  maxMemoryMb: number;
}

export const DEFAULT_LIMITS: ExtractionLimits = {
  // OCR of a long scan takes minutes (about 10–20 pages a minute here, up to 200 pages per document).
  timeoutMs: 30 * 60_000,
  maxMemoryMb: 2048,
};

interface Reply {
  id: number;
  document?: ExtractedDocument;
  error?: { kind: ExtractionError['kind']; message: string };
}

export class ExtractionPool {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly workerFile = fileURLToPath(new URL('./extract-worker.js', import.meta.url));

  constructor(private readonly limits: ExtractionLimits = DEFAULT_LIMITS) {}

  /** True when extraction runs isolated (the compiled worker exists; tests on sources run in-process). */
  get isolated(): boolean {
    return existsSync(this.workerFile);
  }

  async extract(filePath: string, data: Uint8Array): Promise<ExtractedDocument> {
    if (!this.isolated) return extractFile(filePath, data);
    const worker = (this.worker ??= new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb } }));
    const id = this.nextId++;
    return new Promise<ExtractedDocument>((resolve, reject) => {
      const finish = (action: () => void) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        action();
      };
      const retire = () => {
        if (this.worker === worker) this.worker = null;
        void worker.terminate();
      };
      const timer = setTimeout(() => {
        retire();
        finish(() => reject(new ExtractionError('timeout', `extraction took longer than ${Math.round(this.limits.timeoutMs / 1000)} s and was stopped`)));
      }, this.limits.timeoutMs);
      const onMessage = (reply: Reply) => {
        if (reply.id !== id) return;
        finish(() => (reply.error ? reject(new ExtractionError(reply.error.kind, reply.error.message)) : resolve(reply.document!)));
      };
      const onError = (error: Error & { code?: string }) => {
        retire();
        const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(error.message);
        finish(() =>
          reject(
            outOfMemory
              ? new ExtractionError('too-large', `extraction needed more than ${this.limits.maxMemoryMb} MB of memory and was stopped`)
              : new ExtractionError('error', `extraction failed (${error.message})`),
          ),
        );
      };
      const onExit = () => {
        if (this.worker === worker) this.worker = null;
        finish(() => reject(new ExtractionError('error', 'the extraction worker stopped unexpectedly')));
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      // The bytes move to the worker (no copy); the caller has already hashed them.
      const copy = new Uint8Array(data);
      worker.postMessage({ id, path: filePath, data: copy }, [copy.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
