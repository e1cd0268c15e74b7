/**
 * What embedding costs before a pass has measured its own rate (issue 20):
 * the first ETA of an embedding pass uses these, then the pass's measured rate
 * once it has one (a few batches in).
 *
 * Measured with the same-shape stand-in for multilingual-e5-small
 * (scripts/make-e5-standin.py; bench/REPORT.md §5; docs/measuring-models.md):
 * openEmbedder's worker thread, batches of 16, runtime-default threads, on 2
 * cores, with passages as chunkBlocks makes them (median ~110 words). A real
 * model of that shape costs the same, whatever its weights; other models cost
 * more (bge-m3: 24 layers of hidden 1024, roughly ten times as much).
 * Medians of 3 runs at a 1-minute load of 3.3–7 (2026-12-03, Xeon, 2 cores);
 * on an idle machine q8 reaches ~13/s (CPU time 149 ms a passage): these
 * err on the slow side, as a first ETA should.
 */

/** Passages per second of e5-small's shape on 2 cores, by model file (q8: model_quantized.onnx). */
export const STANDIN_PASSAGES_PER_SECOND: Readonly<Record<'q8' | 'fp32', number>> = { q8: 7.0, fp32: 8.0 };

/** Passages of an office document (the sample corpus: 220 passages in 17 documents), for an ETA counted in files. */
export const PASSAGES_PER_DOCUMENT = 12.9;

/**
 * Passages/s to assume for a model file until a pass has measured one:
 * the stand-in's figure for that file type (q8 when unknown, the default download).
 */
export function assumedPassagesPerSecond(dtype: 'q8' | 'fp32' | null): number {
  return STANDIN_PASSAGES_PER_SECOND[dtype ?? 'q8'];
}

/** Seconds left for `passagesLeft`, at the measured rate when there is one, else the assumed one. */
export function embedEtaSeconds(passagesLeft: number, measuredPerSecond: number | undefined, dtype: 'q8' | 'fp32' | null): number {
  const rate = measuredPerSecond && measuredPerSecond > 0 ? measuredPerSecond : assumedPassagesPerSecond(dtype);
  return Math.round(Math.max(0, passagesLeft) / rate);
}
