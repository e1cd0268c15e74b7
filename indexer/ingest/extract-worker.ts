/**
 * Worker thread that extracts one file at a time for the indexer. Running here
 * means a parser that loops or balloons can be stopped (terminate) or capped
 * (resourceLimits) without taking the indexing run down with it.
 */
import { parentPort } from 'node:worker_threads';
import { extractFile, ExtractionError } from '../extract/index.js';

const port = parentPort!;
port.on('message', async (request: { id: number; path: string; data: Uint8Array }) => {
  try {
    const document = await extractFile(request.path, request.data);
    port.postMessage({ id: request.id, document });
  } catch (error) {
    const kind = error instanceof ExtractionError ? error.kind : 'error';
    const coded = error instanceof ExtractionError ? error.coded : undefined;
    port.postMessage({ id: request.id, error: { kind, message: (error as Error)?.message ?? String(error), coded } });
  }
});
