/**
 * What the LanceDB tables hold, row by row: the document catalogue, the
 * passages with their keyword terms, and the per-model vector tables. The
 * Arrow schemas sit beside the TypeScript row types so the two cannot drift
 * apart unnoticed. JSON-in-a-string columns are read and written through
 * json-columns.ts; passage ids are made and read through ids.ts.
 */
import { Bool, Field, FixedSizeList, Float16, Float32, Float64, Int32, Schema, Utf8 } from 'apache-arrow';

export type DocumentRow = {
  id: string;
  /** Where the document was found; identical copies elsewhere are in `aliases`. */
  path: string;
  /** JSON array of other paths holding the same content. */
  aliases: string;
  title: string;
  /** JSON of DocumentMetadata (type, number, issuer, date…), or "null". */
  metadata: string;
  /** JSON of { references, effective }: what the document cites and when it takes effect (analyze/references/). */
  relations: string;
  format: string;
  size: number;
  mtimeMs: number;
  hash: string;
  /** Content key: the hash and the pipeline version; stored passages' ids carry it. */
  key: string;
  pageCount: number | null;
  passages: number;
  indexedAt: string;
  /** JSON of the extraction notes (legacy encodings converted, OCR pages), "{}" when none. */
  notes: string;
};

export type PassageRow = {
  id: string;
  docId: string;
  ordinal: number;
  text: string;
  /** Space-separated keyword terms (see vietnamese/tokenize.ts). */
  terms: string;
  page: number | null;
  pageEnd: number | null;
  section: string | null;
  start: number;
  end: number;
  /** Text recognised by OCR. */
  ocr: boolean;
};

/** A passage as search returns it (without its terms). */
export type StoredPassage = Omit<PassageRow, 'terms'>;

export interface RankedId {
  id: string;
  score: number;
  /** Keyword side: the passage holds every query word, in the query's order. */
  wholeQuery?: boolean;
  /** Keyword side: the passage holds every query word, in any order. */
  allWords?: boolean;
}

/** The passage columns read back (all but the terms, which only the full-text index needs). */
export const PASSAGE_COLUMNS = ['id', 'docId', 'ordinal', 'text', 'page', 'pageEnd', 'section', 'start', 'end', 'ocr'];

export const documentSchema = new Schema([
  new Field('id', new Utf8(), false),
  new Field('path', new Utf8(), false),
  new Field('aliases', new Utf8(), false),
  new Field('title', new Utf8(), false),
  new Field('metadata', new Utf8(), false),
  new Field('relations', new Utf8(), false),
  new Field('format', new Utf8(), false),
  new Field('size', new Float64(), false),
  new Field('mtimeMs', new Float64(), false),
  new Field('hash', new Utf8(), false),
  new Field('key', new Utf8(), false),
  new Field('pageCount', new Int32(), true),
  new Field('passages', new Int32(), false),
  new Field('indexedAt', new Utf8(), false),
  new Field('notes', new Utf8(), false),
]);

/**
 * The terms column is stored zstd-compressed. It is the bulk of a passage (every
 * syllable and pair of syllables, each accented and folded: some six times the
 * text) and is read only by the full-text index build, never by a search. On the
 * report's folder (6,195 passages) the passages' data files went from 19.6 to
 * 12.9 MB, and writing took no longer (on passages of whole long articles, which
 * Lance's default already compresses, it gains nothing and costs nothing). The
 * text stays as it is: compressed, reading all passages' text took 5× as long,
 * and hits read it on every search. Lance takes this from the schema a table is
 * created with; older tables keep theirs.
 */
const ZSTD = new Map([['lance-encoding:compression', 'zstd']]);

export const passageSchema = new Schema([
  new Field('id', new Utf8(), false),
  new Field('docId', new Utf8(), false),
  new Field('ordinal', new Int32(), false),
  new Field('text', new Utf8(), false),
  new Field('terms', new Utf8(), false, ZSTD),
  new Field('page', new Int32(), true),
  new Field('pageEnd', new Int32(), true),
  new Field('section', new Utf8(), true),
  new Field('start', new Int32(), false),
  new Field('end', new Int32(), false),
  new Field('ocr', new Bool(), false),
]);

/** The element type of a vector table's `vector` column. */
export type VectorElement = 'float16' | 'float32';

/**
 * New vector tables store half floats (issue 20): half the bytes of float32,
 * and the bench (bench/lib/vector-types.mjs) measured top-10 agreement with
 * an exact float32 scan within 0.005 of float32's. Tables made before keep float32:
 * LanceDB converts rows written to the column's own type, so both kinds are
 * written, searched and read back alike (as Float32Array, vectors.ts).
 */
export const NEW_VECTOR_ELEMENT: VectorElement = 'float16';

export function vectorSchema(dims: number, element: VectorElement = NEW_VECTOR_ELEMENT): Schema {
  const item = element === 'float16' ? new Float16() : new Float32();
  return new Schema([
    new Field('id', new Utf8(), false),
    new Field('docId', new Utf8(), false),
    new Field('vector', new FixedSizeList(dims, new Field('item', item, true)), false),
  ]);
}

export function toStoredPassage(row: Record<string, unknown>): StoredPassage {
  return {
    id: row.id as string,
    docId: row.docId as string,
    ordinal: row.ordinal as number,
    text: row.text as string,
    page: (row.page as number | null) ?? null,
    pageEnd: (row.pageEnd as number | null) ?? null,
    section: (row.section as string | null) ?? null,
    start: row.start as number,
    end: row.end as number,
    ocr: row.ocr === true,
  };
}
