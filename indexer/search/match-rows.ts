/**
 * A match set's rows (first-stage.ts): compact, since a match set is up to
 * tens of thousands of passages of which a page shows ten.
 */
const DECODER = new TextDecoder();

/**
 * Matching passages, best first by BM25 over the query's words: each one's
 * document number (DocIndex; -1 unknown) and its id, made into a string only
 * when asked (a match set is up to tens of thousands of rows, a page ten).
 */
export class MatchRows {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
    readonly docs: Int32Array,
    /** Each row's address in the passages table (row-table.ts), when read by address; with the table version they are valid in. */
    private readonly addresses: Float64Array | null = null,
    readonly version = -1,
  ) {}

  static readonly EMPTY = new MatchRows(new Uint8Array(0), new Int32Array(0), new Int32Array(0), new Int32Array(0));

  get length(): number {
    return this.docs.length;
  }

  idAt(i: number): string {
    return DECODER.decode(this.bytes.subarray(this.starts[i]!, this.ends[i]!));
  }

  /** Row i's address in the passages table (of `version`), or -1 when not known. */
  addressAt(i: number): number {
    return this.addresses ? this.addresses[i]! : -1;
  }

  /** The rows at these positions, in this order. */
  pick(rows: ArrayLike<number>): MatchRows {
    const n = rows.length;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const docs = new Int32Array(n);
    const addresses = this.addresses ? new Float64Array(n) : null;
    for (let k = 0; k < n; k++) {
      const r = rows[k]!;
      starts[k] = this.starts[r]!;
      ends[k] = this.ends[r]!;
      docs[k] = this.docs[r]!;
      if (addresses) addresses[k] = this.addresses![r]!;
    }
    return new MatchRows(this.bytes, starts, ends, docs, addresses, this.version);
  }

  /** The first n rows. */
  head(n: number): MatchRows {
    if (n >= this.length) return this;
    return new MatchRows(this.bytes, this.starts.subarray(0, n), this.ends.subarray(0, n), this.docs.subarray(0, n), this.addresses?.subarray(0, n) ?? null, this.version);
  }

  /** The rows of the documents `allowed` marks, in order. */
  restrict(allowed: Uint8Array): MatchRows {
    // Positions in a typed array: a filtered search restricts lists of up to ~100,000 rows three times.
    const keep = new Int32Array(this.docs.length);
    let n = 0;
    for (let i = 0; i < this.docs.length; i++) {
      const d = this.docs[i]!;
      if (d >= 0 && allowed[d] === 1) keep[n++] = i;
    }
    return this.pick(keep.subarray(0, n));
  }
}
