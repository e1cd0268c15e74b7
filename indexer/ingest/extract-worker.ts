/**
 * Worker thread that takes one file at a time for the indexer: extracts it
 * and analyses it (analyze-file.ts), so the main thread receives what it
 * commits and nothing it would have to work on.
 * Running here means a parser that loops or balloons can be stopped
 * (terminate) or capped (resourceLimits) without taking the indexing run down
 * with it.
 */
import { parentPort } from 'node:worker_threads';
import { extractFile, ExtractionError, type OcrProgress } from '../extract/index.js';
import { analyzeFile } from './analyze-file.js';

const port = parentPort!;
port.on('message', async (request: { id: number; path: string; data: Uint8Array }) => {
  try {
    // OCR reports each page as it goes, so the run can show pages done while a long scan is read.
    const onProgress = (ocr: OcrProgress) => port.postMessage({ id: request.id, ocr });
    const extracted = await extractFile(request.path, request.data, { ocr: { onProgress } });
    port.postMessage({ id: request.id, document: analyzeFile(request.path, extracted) });
  } catch (error) {
    const kind = error instanceof ExtractionError ? error.kind : 'error';
    const coded = error instanceof ExtractionError ? error.coded : undefined;
    port.postMessage({ id: request.id, error: { kind, message: (error as Error)?.message ?? String(error), coded } });
  }
});
