/**
 * One file's turn in a run: has it changed (size and time, then content
 * hash), did it move or is it a copy of a known document, and if it is new or
 * changed, its extraction, identity, references and passages — ready for
 * commit.ts to store. Failures are recorded with a reason the user can act on.
 */
import type { Message } from '../api/messages.js';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentMetadata, FileFailure } from '../api/contract.js';
import { chunkBlocks } from '../analyze/chunk.js';
import { ExtractionError } from '../extract/index.js';
import type { ExtractedDocument } from '../extract/types.js';
import { extractMetadata } from '../analyze/identity/metadata.js';
import { documentTitle } from '../analyze/identity/title.js';
import { effectiveDate, findReferences } from '../analyze/references/index.js';
import { contentKey, MAX_FILE_BYTES, passageTerms, type FailureRecord, type IngestContext } from './context.js';
import type { ExtractionPool } from './extract-pool.js';
import type { LookaheadRules, SettledRead, Speculation } from './lookahead.js';
import { passageId } from '../store/ids.js';
import { aliasesColumn, metadataColumn, notesColumn, relationsColumn } from '../store/json-columns.js';
import type { DocumentRow, PassageRow } from '../store/lance.js';
import type { FoundFile } from './walk.js';

/** A new document version, extracted and cut into passages, waiting for commit.ts to store it. */
export interface Pending {
  doc: DocumentRow;
  passages: PassageRow[];
  replaces: boolean;
  headings: string;
}

export type Outcome = 'unchanged' | 'relinked' | 'duplicate' | FailureRecord | Pending;

/** Record why a file was not indexed; it stays listed until the file changes. */
export function failure(filePath: string, kind: FileFailure['kind'], reason: string, message: Message, size: number, mtimeMs: number, ctx: IngestContext): FailureRecord {
  // One line, a sensible length: reasons are shown in lists.
  const oneLine = reason.replace(/\s+/g, ' ').trim();
  const record: FailureRecord = { path: filePath, kind, reason: oneLine.length > 300 ? `${oneLine.slice(0, 299)}…` : oneLine, message, at: new Date().toISOString(), size, mtimeMs };
  ctx.failures.set(filePath, record);
  return record;
}

/** Unchanged by its size and time (the quick check), with a current pipeline version. */
function quicklyUnchanged(ctx: IngestContext, file: FoundFile): boolean {
  const previous = ctx.catalogue.byPath(file.path);
  return Boolean(previous && previous.path === file.path && previous.size === file.size && previous.mtimeMs === file.mtimeMs && previous.key === contentKey(previous.hash));
}

function failedAsIs(ctx: IngestContext, file: FoundFile): FailureRecord | undefined {
  const failedBefore = ctx.failures.get(file.path);
  return failedBefore && failedBefore.size === file.size && failedBefore.mtimeMs === file.mtimeMs ? failedBefore : undefined;
}

/** When a file read ahead of its turn is worth extracting ahead too (indexFile decides again at its turn). */
export function lookaheadRules(ctx: IngestContext): LookaheadRules {
  return {
    mayNeedReading: (file) => !quicklyUnchanged(ctx, file) && !failedAsIs(ctx, file) && file.size <= (ctx.maxFileBytes ?? MAX_FILE_BYTES),
    needsExtraction: (file, hash) => {
      const previous = ctx.catalogue.byPath(file.path);
      const key = contentKey(hash);
      return !(previous && previous.hash === hash && previous.key === key) && !(!previous && ctx.catalogue.byKey(key));
    },
    read: readSettled,
  };
}

export async function indexFile(ctx: IngestContext, extractor: ExtractionPool, found: FoundFile, speculation?: Promise<Speculation>): Promise<Outcome> {
  let file = found;
  const { catalogue } = ctx;
  const previous = catalogue.byPath(file.path);
  const isPrimary = previous?.path === file.path;
  if (quicklyUnchanged(ctx, file)) return 'unchanged';
  const failedBefore = failedAsIs(ctx, file);
  if (failedBefore) return failedBefore;
  const maxBytes = ctx.maxFileBytes ?? MAX_FILE_BYTES;
  if (file.size > maxBytes) {
    const sizes = { sizeMb: Math.round(file.size / (1024 * 1024)), limitMb: Math.round(maxBytes / (1024 * 1024)) };
    return failure(file.path, 'too-large', `the file is ${mb(file.size)}; files over ${mb(maxBytes)} are not indexed`, { code: 'failure.tooLarge', params: sizes }, file.size, file.mtimeMs, ctx);
  }

  let data: Uint8Array;
  const ahead = await speculation;
  try {
    if (ahead?.readError) throw ahead.readError;
    const read = ahead ? ahead.read : await readSettled(file.path);
    if (!read) {
      return failure(file.path, 'unreadable', 'the file kept changing while being read; it is indexed once it settles', { code: 'failure.changing', params: {} }, file.size, file.mtimeMs, ctx);
    }
    data = read.data;
    file = { ...file, size: read.size, mtimeMs: read.mtimeMs };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'the file was deleted or moved while being indexed'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied: the file cannot be read'
      : `cannot be read (${code ?? (error as Error).message})`;
    const message: Message =
      code === 'ENOENT' ? { code: 'failure.vanished', params: {} }
      : code === 'EACCES' || code === 'EPERM' ? { code: 'failure.denied', params: {} }
      : { code: 'failure.unreadable', params: { problem: code ?? (error as Error).message } };
    return failure(file.path, code === 'ENOENT' ? 'not-found' : 'unreadable', reason, message, file.size, file.mtimeMs, ctx);
  }
  // A speculation hashed the same bytes already.
  const hash = ahead?.hash ?? createHash('sha256').update(data).digest('hex');
  const key = contentKey(hash);

  if (previous && previous.hash === hash && previous.key === key) {
    // Touched, or an identical copy seen again: remember the new size/time, do no work.
    if (isPrimary) await catalogue.save({ ...previous, size: file.size, mtimeMs: file.mtimeMs });
    ctx.failures.delete(file.path);
    return isPrimary ? 'unchanged' : 'duplicate';
  }
  if (previous && !isPrimary) await catalogue.removeAlias(previous.id, file.path); // a copy that changed is its own document now
  if (!previous) {
    const twin = catalogue.byKey(key);
    if (twin) {
      ctx.failures.delete(file.path);
      if (!existsSync(twin.path)) {
        // Moved or renamed: same content, old place gone. Relink; no extraction, no embedding.
        await catalogue.save({ ...twin, path: file.path, size: file.size, mtimeMs: file.mtimeMs });
        return 'relinked';
      }
      await catalogue.addAlias(twin.id, file.path);
      return 'duplicate';
    }
  }

  let extracted;
  try {
    extracted = await (ahead?.extraction ?? extractor.extract(file.path, data));
  } catch (error) {
    if (error instanceof ExtractionError) return failure(file.path, error.kind, error.message, error.coded, file.size, file.mtimeMs, ctx);
    return failure(file.path, 'error', `extraction failed (${(error as Error).message})`, { code: 'failure.kind', params: { kind: 'error' } }, file.size, file.mtimeMs, ctx);
  }
  const chunked = chunkBlocks(extracted.blocks);
  if (chunked.passages.length === 0) {
    const reason = extracted.format === 'pdf' ? 'no text layer (a scan without OCR text?)' : 'no text found in the file';
    const message: Message = extracted.format === 'pdf' ? { code: 'failure.scanned', params: { cause: 'ocr-failed' } } : { code: 'failure.noText', params: { format: 'file' } };
    return failure(file.path, 'empty', reason, message, file.size, file.mtimeMs, ctx);
  }
  ctx.failures.delete(file.path);
  const id = previous && isPrimary ? previous.id : catalogue.newId(file.path);
  const metadata = extractMetadata(extracted.blocks, { fileName: file.path, properties: { title: extracted.title } });
  // The title a person would give (analyze/identity/title.ts): identity, cover title, heading; never a motto or a file name when the text has better.
  const title = documentTitle(extracted.blocks, extracted.title, metadata, file.path) || path.basename(file.path);
  const relations = { references: findReferences(extracted.blocks, metadata), effective: effectiveDate(extracted.blocks, metadata) };
  const doc: DocumentRow = {
    id, path: file.path, aliases: previous && isPrimary ? previous.aliases : aliasesColumn.encode([]), title,
    metadata: metadataColumn.encode(metadata), relations: relationsColumn.encode(relations), format: extracted.format,
    size: file.size, mtimeMs: file.mtimeMs, hash, key, pageCount: extracted.pageCount, passages: chunked.passages.length,
    indexedAt: new Date().toISOString(),
    notes: notesColumn.encode(extracted.notes),
  };
  const passages: PassageRow[] = chunked.passages.map((p) => ({
    id: passageId(id, key, p.ordinal), docId: id, ordinal: p.ordinal, text: p.text,
    terms: passageTerms(p.text, p.section, title),
    page: p.page, pageEnd: p.pageEnd, section: p.section, start: p.start, end: p.end, ocr: p.ocr,
  }));
  const headings = [...new Set(chunked.passages.map((p) => p.section).filter(Boolean))].join('\n');
  return { doc, passages, replaces: Boolean(previous && isPrimary), headings };
}

/** Reads attempted before a file that keeps changing is given up on (until its next change). */
const READ_ATTEMPTS = 3;

/**
 * Read a whole file and make sure it did not change meanwhile (an editor saving,
 * a copy still arriving): a torn read would store half of one version. Returns
 * null when it never held still.
 */
async function readSettled(filePath: string): Promise<SettledRead | null> {
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    const before = await stat(filePath);
    const data = await readFile(filePath);
    const after = await stat(filePath);
    if (before.size === after.size && before.mtimeMs === after.mtimeMs && data.length === after.size) {
      return { data, size: after.size, mtimeMs: after.mtimeMs };
    }
    await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
  }
  return null;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
