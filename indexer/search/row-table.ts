/**
 * Every passage of one version of the passages table, by row address: its id
 * (UTF-8 bytes) and its document's number (DocIndex). A match set is then
 * read from LanceDB as row addresses only (store `matchRowIds`) and turned
 * into rows here, instead of LanceDB fetching each matching row's id and this
 * process hashing it: at 94,408 passages a 10,000-row match read 5.6 ms of
 * LanceDB CPU instead of 9.7, a 50,000-row one 35 instead of 45-50, and a
 * cold one (id column not yet in memory) 22 ms instead of 144.
 *
 * Built once per catalogue and passages version (first-stage.ts keeps it
 * with the match lists), from one scan of the id column: ~5 MB at 100,000
 * passages.
 */
import type { LanceStore } from '../store/lance.js';
import type { DocIndex } from './doc-index.js';
import { MatchRows } from './match-rows.js';

const WORD = 0x1_0000_0000;
/** Dense per-fragment arrays while they waste at most this share over the rows (else a Map). */
const DENSE_SLACK = 2;

export class RowTable {
  private constructor(
    private readonly bytes: Uint8Array,
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
    private readonly docs: Int32Array,
    /** Row address → position: per fragment (the address's high word) an array by row offset, or one map. */
    private readonly byFragment: Map<number, Int32Array> | null,
    private readonly byAddress: Map<number, number> | null,
    private readonly version: number,
  ) {}

  /** The table of the passages table's `version`, or null when it moved on while being read. */
  static async read(store: LanceStore, index: DocIndex, version: number): Promise<RowTable | null> {
    const rows = await store.passageRows(version);
    if (!rows) return null;
    const { ids, rowIds } = rows;
    const n = rowIds.length;
    const docs = new Int32Array(n);
    for (let i = 0; i < n; i++) docs[i] = index.noOfIdBytes(ids.bytes, ids.starts[i]!, ids.ends[i]!);
    const sizes = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const hi = Math.floor(rowIds[i]! / WORD);
      sizes.set(hi, Math.max(sizes.get(hi) ?? 0, rowIds[i]! - hi * WORD + 1));
    }
    let dense = 0;
    for (const size of sizes.values()) dense += size;
    if (dense <= DENSE_SLACK * n + 1024) {
      const byFragment = new Map<number, Int32Array>();
      for (const [hi, size] of sizes) byFragment.set(hi, new Int32Array(size).fill(-1));
      for (let i = 0; i < n; i++) {
        const hi = Math.floor(rowIds[i]! / WORD);
        byFragment.get(hi)![rowIds[i]! - hi * WORD] = i;
      }
      return new RowTable(ids.bytes, ids.starts, ids.ends, docs, byFragment, null, version);
    }
    const byAddress = new Map<number, number>();
    for (let i = 0; i < n; i++) byAddress.set(rowIds[i]!, i);
    return new RowTable(ids.bytes, ids.starts, ids.ends, docs, null, byAddress, version);
  }

  /** The rows at these addresses, in this order (an address not in the table is left out). */
  rows(addresses: Float64Array): MatchRows {
    const n = addresses.length;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const docs = new Int32Array(n);
    const kept = new Float64Array(n);
    let k = 0;
    // One fragment's array at a time: a match list of tens of thousands of rows spans a handful of fragments.
    let hiAt = -1;
    let inFragment: Int32Array | undefined;
    for (let i = 0; i < n; i++) {
      const address = addresses[i]!;
      let p: number;
      if (this.byFragment) {
        const hi = Math.floor(address / WORD);
        if (hi !== hiAt) {
          hiAt = hi;
          inFragment = this.byFragment.get(hi);
        }
        p = inFragment?.[address - hi * WORD] ?? -1;
      } else p = this.byAddress!.get(address) ?? -1;
      if (p < 0) continue;
      starts[k] = this.starts[p]!;
      ends[k] = this.ends[p]!;
      docs[k] = this.docs[p]!;
      kept[k] = address;
      k++;
    }
    return new MatchRows(this.bytes, starts.subarray(0, k), ends.subarray(0, k), docs.subarray(0, k), kept.subarray(0, k), this.version);
  }
}
