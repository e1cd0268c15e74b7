/**
 * Issue 20: new vector tables store half floats; tables made before keep
 * float32 and are still written, searched and read back. Vectors come back
 * as Float32Array from either.
 */
import * as lancedb from '@lancedb/lancedb';
import { afterAll, describe, expect, it } from 'vitest';
import { LanceStore } from '../indexer/store/lance.js';
import { vectorSchema } from '../indexer/store/rows.js';
import { tempDir } from './helpers.js';
import { storedField } from './lance-helpers.js';

const DIMS = 32;

function rowsOf(count: number, seed: number) {
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5;
  const unit = (v: Float32Array) => {
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  const rows = Array.from({ length: count }, (_, i) => ({ id: `d${i}.k.0`, docId: `d${i}`, vector: unit(Float32Array.from({ length: DIMS }, random)) }));
  const near = (i: number) => unit(rows[i]!.vector.map((x) => x + random() * 0.01));
  return { rows, near };
}

const columnType = async (dir: string, name: string) => String((await storedField(dir, name, 'vector')).type);

describe('vector element types', () => {
  const work = tempDir('vector-float16');
  afterAll(() => work.cleanup());

  it('makes new vector tables float16, searches them flat and through IVF-PQ, and reads vectors back as Float32Array', async () => {
    const dir = `${work.dir}/new`;
    const store = await LanceStore.open(dir);
    const table = await store.openVectors('vectors_new_32', DIMS);
    expect(await table.elementType()).toBe('float16');
    expect(await columnType(dir, 'vectors_new_32')).toBe(`FixedSizeList[${DIMS}]<Float16>`);
    const { rows, near } = rowsOf(1200, 11);
    await table.add(rows);
    expect((await table.search(near(321), 5))[0]!.id).toBe('d321.k.0');
    const back = await table.vectorsOfDocument('d321');
    expect(back).toHaveLength(1);
    expect(back[0]!.vector).toBeInstanceOf(Float32Array);
    expect(back[0]!.vector).toHaveLength(DIMS);
    // Half floats keep ~3 decimal digits: each element within half a unit of the last place.
    for (let d = 0; d < DIMS; d++) expect(Math.abs(back[0]!.vector[d]! - rows[321]!.vector[d]!)).toBeLessThan(5e-4);
    await table.optimize(DIMS, 1000);
    expect(await table.hasAnnIndex()).toBe(true);
    expect((await table.search(near(77), 10)).map((h) => h.id)).toContain('d77.k.0');
    const withDocs = await table.searchWithDocs(near(500), 3);
    expect(withDocs[0]).toMatchObject({ id: 'd500.k.0', docId: 'd500' });
    table.close();
    store.close();
    // Reopened, the table is still float16.
    const again = await LanceStore.open(dir);
    const reopened = await again.openVectors('vectors_new_32', DIMS);
    expect(await reopened.elementType()).toBe('float16');
    reopened.close();
    again.close();
  });

  it('stores values apache-arrow converts wrongly (tiny, just under a power of two) as their nearest half floats, never NaN', async () => {
    const dir = `${work.dir}/awkward`;
    const store = await LanceStore.open(dir);
    const table = await store.openVectors('vectors_awkward_32', DIMS);
    // Values that arrow's own float16 conversion turns into NaN / -Infinity / the wrong power of two.
    const awkward = [1e-28, 1e-19, 1e-11, 3.1622776601683795e-9, 1e-8, -6.1027942638401204e-5, 1.9996312388608861, -0.12498916423534866];
    const vector = Float32Array.from({ length: DIMS }, (_, d) => awkward[d % awkward.length]!);
    await table.add([{ id: 'x.k.0', docId: 'x', vector }]);
    const back = (await table.vectorsOfDocument('x'))[0]!.vector;
    for (let d = 0; d < DIMS; d++) {
      expect(Number.isFinite(back[d]!)).toBe(true);
      // Within half precision: 2^-11 relative, or the smallest subnormal for tiny values.
      expect(Math.abs(back[d]! - vector[d]!)).toBeLessThanOrEqual(Math.max(Math.abs(vector[d]!) / 2048, 2 ** -24));
    }
    table.close();
    store.close();
  });

  it('keeps an existing float32 table float32 for add, search and read-back', async () => {
    const dir = `${work.dir}/old`;
    const { rows, near } = rowsOf(400, 5);
    // A table as releases before issue 20 made it.
    const db = await lancedb.connect(dir);
    const old = await db.createEmptyTable('vectors_old_32', vectorSchema(DIMS, 'float32'));
    await old.add(rows.slice(0, 200).map((r) => ({ ...r, vector: Array.from(r.vector) })));
    old.close();
    db.close();

    const store = await LanceStore.open(dir);
    const table = await store.openVectors('vectors_old_32', DIMS);
    expect(await table.elementType()).toBe('float32');
    await table.add(rows.slice(200));
    expect(await table.count()).toBe(400);
    expect((await table.search(near(42), 5))[0]!.id).toBe('d42.k.0');
    expect((await table.search(near(342), 5))[0]!.id).toBe('d342.k.0');
    const back = await table.vectorsOfDocument('d342');
    expect(back[0]!.vector).toBeInstanceOf(Float32Array);
    expect(Array.from(back[0]!.vector)).toEqual(Array.from(rows[342]!.vector));
    table.close();
    store.close();
    expect(await columnType(dir, 'vectors_old_32')).toBe(`FixedSizeList[${DIMS}]<Float32>`);
  });
});
