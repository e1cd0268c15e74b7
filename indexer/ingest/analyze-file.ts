/**
 * Everything about one file that does not depend on the library, worked out
 * where the file was extracted (the extraction worker, extract-worker.ts):
 * passages with their section paths and keyword terms, the document's
 * identity (metadata, title), what it cites and when it takes effect. The
 * main thread gets back plain strings and numbers (structured-cloneable, no
 * blocks) and only decides what the file is to the library — unchanged,
 * moved, a copy, new — and commits in order (index-file.ts, ingest.ts).
 *
 * A file's route is then one way: read → extract → analyze (here, in the
 * worker) → decide and commit (main thread).
 */
import path from 'node:path';
import { chunkBlocks } from '../analyze/chunk.js';
import { extractMetadata } from '../analyze/identity/metadata.js';
import { documentTitle } from '../analyze/identity/title.js';
import { effectiveDate, findReferences } from '../analyze/references/index.js';
import type { ExtractedDocument } from '../extract/types.js';
import { metadataColumn, notesColumn, relationsColumn } from '../store/json-columns.js';
import type { PassageRow } from '../store/rows.js';
import { indexTerms } from '../vietnamese/tokenize.js';

/** A passage as the worker hands it over: a PassageRow without the ids the library gives it. */
export type AnalyzedPassage = Omit<PassageRow, 'id' | 'docId'>;

/** One extracted file, analysed: what commit needs besides ids, size, time and hash. */
export interface AnalyzedFile {
  format: ExtractedDocument['format'];
  pageCount: number | null;
  title: string;
  /** The catalogue's JSON columns, already encoded (store/json-columns.ts). */
  metadata: string;
  relations: string;
  notes: string;
  /** Empty when the file holds no text: the main thread records why. */
  passages: AnalyzedPassage[];
  /** Distinct section headings, one a line, for the title index. */
  headings: string;
}

/**
 * The keyword terms stored for a passage. Title and section words count as
 * terms of every passage, so they lift the passages of a matching document.
 */
export function passageTerms(text: string, section: string | null, title: string): string {
  return indexTerms(`${text}\n${section ?? ''}\n${title}`).join(' ');
}

/** Cut, identify and index one extracted document (`filePath` names it when its text has no better title). */
export function analyzeFile(filePath: string, extracted: ExtractedDocument): AnalyzedFile {
  const chunked = chunkBlocks(extracted.blocks);
  const empty: AnalyzedFile = {
    format: extracted.format, pageCount: extracted.pageCount, title: '', metadata: 'null', relations: '', notes: notesColumn.encode(extracted.notes), passages: [], headings: '',
  };
  if (chunked.passages.length === 0) return empty;
  const metadata = extractMetadata(extracted.blocks, { fileName: filePath, properties: { title: extracted.title } });
  // The title a person would give (analyze/identity/title.ts): identity, cover title, heading; never a motto or a file name when the text has better.
  const title = documentTitle(extracted.blocks, extracted.title, metadata, filePath) || path.basename(filePath);
  const relations = { references: findReferences(extracted.blocks, metadata), effective: effectiveDate(extracted.blocks, metadata) };
  return {
    ...empty,
    title,
    metadata: metadataColumn.encode(metadata),
    relations: relationsColumn.encode(relations),
    passages: chunked.passages.map((p) => ({
      ordinal: p.ordinal, text: p.text, terms: passageTerms(p.text, p.section, title),
      page: p.page, pageEnd: p.pageEnd, section: p.section, start: p.start, end: p.end, ocr: p.ocr,
    })),
    headings: [...new Set(chunked.passages.map((p) => p.section).filter(Boolean))].join('\n'),
  };
}
