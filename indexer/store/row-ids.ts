/**
 * Arrow columns as search reads them in bulk, without making a string or an
 * object per row: a string column as one byte array with each row's bounds
 * (RankedIdBytes), and LanceDB's `_rowid` column as plain numbers.
 */

/**
 * Ranked passage ids as their UTF-8 bytes, best first: row i is
 * `bytes[starts[i]..ends[i]]`. A match set is up to tens of thousands of rows,
 * of which a search shows ten: making a string (and an object) of every one
 * cost more than the search (search/first-stage.ts decodes those it needs).
 */
export interface RankedIdBytes {
  bytes: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
}

type StringChunk = { length: number; values: Uint8Array; valueOffsets: ArrayLike<number | bigint> };

/** A string column's chunks as one byte array with each row's start and end. */
export function idBytes(column: { data: unknown } | null | undefined): RankedIdBytes {
  const chunks = (column?.data ?? []) as StringChunk[];
  let rows = 0;
  let size = 0;
  for (const c of chunks) {
    rows += c.length;
    if (c.length > 0) size += Number(c.valueOffsets[c.length]) - Number(c.valueOffsets[0]);
  }
  const bytes = new Uint8Array(size);
  const starts = new Int32Array(rows);
  const ends = new Int32Array(rows);
  let row = 0;
  let at = 0;
  for (const c of chunks) {
    if (c.length === 0) continue;
    const first = Number(c.valueOffsets[0]);
    const last = Number(c.valueOffsets[c.length]);
    bytes.set(c.values.subarray(first, last), at);
    for (let i = 0; i < c.length; i++, row++) {
      starts[row] = at + Number(c.valueOffsets[i]) - first;
      ends[row] = at + Number(c.valueOffsets[i + 1]) - first;
    }
    at += last - first;
  }
  return { bytes, starts, ends };
}

type U64Chunk = { length: number; offset?: number; values: BigUint64Array | BigInt64Array };

/**
 * A `_rowid` column (unsigned 64-bit) as numbers. Row addresses are a
 * fragment number in the high 32 bits and a row offset in the low ones:
 * exact as a double while fragments number below 2^21.
 */
export function rowIdNumbers(column: { data: unknown } | null | undefined): Float64Array {
  const chunks = (column?.data ?? []) as U64Chunk[];
  const out = new Float64Array(chunks.reduce((n, c) => n + c.length, 0));
  let row = 0;
  for (const c of chunks) {
    const v = c.values;
    // Two 32-bit words per value (little-endian, as Arrow lays them out): no BigInt per row.
    const words = new Uint32Array(v.buffer, v.byteOffset, v.length * 2);
    for (let i = 0; i < c.length; i++) out[row++] = words[2 * i + 1]! * 0x1_0000_0000 + words[2 * i]!;
  }
  return out;
}
