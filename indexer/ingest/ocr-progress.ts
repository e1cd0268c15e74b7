/**
 * The run's OCR progress, page by page: the extraction workers report each
 * page of each file they OCR (scanned PDF pages, page images), possibly two or
 * more files at once; this sums them into pages done / pages known and a time
 * left from the pace so far. Without it a run reading scans sat at "0/5 files"
 * for minutes.
 */
import type { OcrProgressSummary } from '../api/contract.js';
import type { OcrProgress } from '../extract/types.js';

/** Below this many seconds of OCR the pace is noise (the first page includes loading the model): no time left yet. */
const MIN_PACE_SECONDS = 2;

export class OcrTally {
  private readonly files = new Map<string, { done: number; total: number }>();
  private started = 0;
  private last: string | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** A page event from a worker; returns the summary to report. */
  page(filePath: string, progress: OcrProgress): OcrProgressSummary {
    if (!this.started) this.started = this.now();
    this.files.set(filePath, { done: progress.done, total: progress.pagesToOcr });
    this.last = filePath;
    return this.summary();
  }

  /** The file is finished (read, failed or stopped): its pages count as done, whatever was left. */
  finish(filePath: string): OcrProgressSummary | null {
    const file = this.files.get(filePath);
    if (!file) return null;
    file.done = file.total;
    return this.summary();
  }

  summary(): OcrProgressSummary {
    let pagesDone = 0;
    let pagesTotal = 0;
    for (const f of this.files.values()) {
      pagesDone += f.done;
      pagesTotal += f.total;
    }
    const seconds = (this.now() - this.started) / 1000;
    const out: OcrProgressSummary = { pagesDone, pagesTotal, file: this.last };
    if (pagesDone > 0 && seconds >= MIN_PACE_SECONDS) out.etaSeconds = Math.round(((pagesTotal - pagesDone) * seconds) / pagesDone);
    return out;
  }
}
