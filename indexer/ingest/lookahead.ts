/**
 * Extraction ahead of commit order. An indexing run decides and commits one
 * file at a time (so a crash leaves a clean prefix and copies are recognised
 * in order), but extraction — the slow part — can run for the next files on
 * the other cores meanwhile. A speculation reads the file (held still), hashes
 * it and starts its extraction when the file looks new or changed; the run
 * then uses that instead of reading again. Its decisions are re-made at the
 * file's turn: a speculation that turns out not to be needed (a copy of a file
 * committed just before it) is dropped, which costs only the work done.
 */
import { createHash } from 'node:crypto';
import type { AnalyzedFile } from './analyze-file.js';
import type { ExtractionPool } from './extract-pool.js';
import type { FoundFile } from './walk.js';

export interface SettledRead {
  data: Uint8Array;
  size: number;
  mtimeMs: number;
}

export interface Speculation {
  /** The read, null when the file never held still, or the error reading it raised. */
  read: SettledRead | null;
  readError: unknown;
  hash: string | null;
  /** Extraction and analysis in a worker, started when the file looked like it needs them; otherwise null. */
  extraction: Promise<AnalyzedFile> | null;
}

export interface LookaheadRules {
  /** Cheap checks (size, time, earlier failure): may the file need reading at all? */
  mayNeedReading(file: FoundFile): boolean;
  /** With its hash known: would the file be extracted (not unchanged, not a copy of a stored file)? */
  needsExtraction(file: FoundFile, hash: string): boolean;
  /** The file's bytes once it holds still (its walk size and time are the first look). */
  read(file: FoundFile): Promise<SettledRead | null>;
}

export class Lookahead {
  private readonly pending = new Map<string, Promise<Speculation>>();

  constructor(
    private readonly extractor: ExtractionPool,
    private readonly rules: LookaheadRules,
    /** Files speculated on beyond the one in hand: enough to keep every extraction worker busy while the run commits. */
    private readonly depth = 2 * extractor.size,
  ) {}

  /** Start speculations for the files after `index` that do not have one yet. */
  prime(files: FoundFile[], index: number): void {
    for (let i = index + 1; i <= Math.min(files.length - 1, index + this.depth); i++) {
      const file = files[i]!;
      if (this.pending.has(file.path) || !this.rules.mayNeedReading(file)) continue;
      this.pending.set(file.path, this.speculate(file));
    }
  }

  /** The speculation for a file, once (the caller owns it from then on). */
  take(filePath: string): Promise<Speculation> | undefined {
    const speculation = this.pending.get(filePath);
    this.pending.delete(filePath);
    return speculation;
  }

  private async speculate(file: FoundFile): Promise<Speculation> {
    let read: SettledRead | null = null;
    try {
      read = await this.rules.read(file);
    } catch (readError) {
      return { read: null, readError, hash: null, extraction: null };
    }
    if (!read) return { read: null, readError: null, hash: null, extraction: null };
    const hash = createHash('sha256').update(read.data).digest('hex');
    const extraction = this.rules.needsExtraction(file, hash) ? this.extractor.analyze(file.path, read.data) : null;
    extraction?.catch(() => undefined); // a dropped speculation's failure is nobody's business
    return { read, readError: null, hash, extraction };
  }
}
