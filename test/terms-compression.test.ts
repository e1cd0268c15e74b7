/**
 * Issue 20: new passage tables store their terms zstd-compressed (rows.ts);
 * a passages table made before (terms plain) keeps its schema and is still
 * written, full-text indexed and searched. The bytes saved are measured by
 * the indexing bench (bench/REPORT.md §3b), not here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { Field, Schema } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { LanceStore, type PassageRow } from '../indexer/store/lance.js';
import { passageSchema } from '../indexer/store/rows.js';
import { indexTerms } from '../indexer/vietnamese/tokenize.js';
import { SHARED_DATA, tempDir } from './helpers.js';
import { storedField } from './lance-helpers.js';

const COMPRESSION = 'lance-encoding:compression';

/** Passages of 150 words cut from the ALQAC 2024 articles: real legal text, in passage-sized pieces. */
function passages(count: number): PassageRow[] {
  const laws = JSON.parse(readFileSync(path.join(SHARED_DATA, 'alqac2024', 'law.json'), 'utf8')) as Array<{ articles: Array<{ text: string }> }>;
  const pieces = laws.flatMap((law) => law.articles).flatMap(({ text }) => {
    const words = text.split(/\s+/);
    return Array.from({ length: Math.ceil(words.length / 150) }, (_, k) => words.slice(k * 150, (k + 1) * 150).join(' '));
  });
  return pieces.slice(0, count).map((text, i) => ({
    id: `d${i}.k.0`, docId: `d${i}`, ordinal: 0, text, terms: indexTerms(text).join(' '), page: 1, pageEnd: 1, section: null, start: 0, end: text.length, ocr: false,
  }));
}

const termsField = (dir: string) => storedField(dir, 'passages', 'terms');

function dataBytes(dir: string): number {
  const data = path.join(dir, 'passages.lance', 'data');
  return readdirSync(data).reduce((sum, f) => sum + statSync(path.join(data, f)).size, 0);
}

async function addAndSearch(dir: string, rows: PassageRow[], question: string): Promise<string[]> {
  const store = await LanceStore.open(dir);
  try {
    await store.addPassages(rows);
    await store.ensureFullTextIndex();
    return (await store.keywordSearch(indexTerms(question), 3)).map((hit) => hit.id);
  } finally {
    store.close();
  }
}

describe('the terms column', () => {
  const work = tempDir('terms-compression');
  afterAll(() => work.cleanup());
  const rows = passages(3000);
  const question = rows[1234]!.text.split(/\s+/).slice(3, 12).join(' ');

  it('is compressed in a new table, and an older plain one is still written and searched', async () => {
    const fresh = path.join(work.dir, 'new');
    const found = await addAndSearch(fresh, rows, question);
    expect(found).toContain('d1234.k.0');
    expect((await termsField(fresh)).metadata.get(COMPRESSION)).toBe('zstd');

    // A table made before: the same columns, terms without the compression setting.
    const old = path.join(work.dir, 'old');
    const plain = new Schema(passageSchema.fields.map((f) => (f.name === 'terms' ? new Field(f.name, f.type, f.nullable) : f)));
    const db = await lancedb.connect(old);
    (await db.createEmptyTable('passages', plain)).close();
    db.close();
    expect(await addAndSearch(old, rows, question)).toEqual(found);
    expect((await termsField(old)).metadata.has(COMPRESSION)).toBe(false);

    // The same rows take fewer bytes compressed (the bench measures how many on whole libraries).
    expect(dataBytes(fresh)).toBeLessThan(dataBytes(old) * 0.8);
  });
});
