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

/**
 * How far ahead of the file in hand speculation goes: at least `LOOKAHEAD_MIN_PER_WORKER`
 * files a worker (enough to keep each busy with large files), and beyond that
 * up to `LOOKAHEAD_MAX_FILES` files while the files speculated on and not yet taken
 * add up to at most `LOOKAHEAD_BYTES`. Small files take a worker a millisecond or
 * two, so a few files ahead leave the workers waiting on each file's read and
 * round trip; their bytes (held until their turn) are what bounds the depth.
 */
const LOOKAHEAD_MIN_PER_WORKER = 2;
const LOOKAHEAD_MAX_FILES = 64;
const LOOKAHEAD_BYTES = 64 * 1024 * 1024;

export class Lookahead {
  private readonly pending = new Map<string, { speculation: Promise<Speculation>; size: number }>();
  /** Walk sizes of the files in `pending`. */
  private pendingBytes = 0;
  /** The last index looked at: every file up to it has a speculation or was found not to need one. */
  private primedTo = -1;
  private readonly minFiles: number;

  constructor(
    private readonly extractor: ExtractionPool,
    private readonly rules: LookaheadRules,
  ) {
    this.minFiles = Math.min(LOOKAHEAD_MAX_FILES, LOOKAHEAD_MIN_PER_WORKER * extractor.size);
  }

  /**
   * Start speculations for the files after `index` (the run's files, in order; `index`
   * only grows) that were not looked at yet. Each file is looked at once, so an
   * unchanged run checks each file here once, not once for each file before it.
   */
  prime(files: FoundFile[], index: number): void {
    const last = Math.min(files.length - 1, index + LOOKAHEAD_MAX_FILES);
    for (let i = Math.max(index + 1, this.primedTo + 1); i <= last; i++) {
      const file = files[i]!;
      if (i > index + this.minFiles && this.pendingBytes + file.size > LOOKAHEAD_BYTES) break;
      this.primedTo = i;
      if (this.pending.has(file.path) || !this.rules.mayNeedReading(file)) continue;
      this.pending.set(file.path, { speculation: this.speculate(file), size: file.size });
      this.pendingBytes += file.size;
    }
  }

  /** The speculation for a file, once (the caller owns it from then on). */
  take(filePath: string): Promise<Speculation> | undefined {
    const entry = this.pending.get(filePath);
    if (!entry) return undefined;
    this.pending.delete(filePath);
    this.pendingBytes -= entry.size;
    return entry.speculation;
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
