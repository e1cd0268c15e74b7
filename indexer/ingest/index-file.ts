/**
 * One file's turn in a run, on the main thread: has it changed (size and
 * time, then content hash), did it move or is it a copy of a known document,
 * and if it is new or changed, its rows — made from what the extraction
 * worker worked out (analyze-file.ts: passages, terms, identity, references),
 * given the library's ids — ready for commit.ts to store. Failures are
 * recorded with a reason the user can act on.
 */
import type { Message } from '../api/messages.js';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { FileFailure } from '../api/contract.js';
import { ExtractionError } from '../extract/types.js';
import { contentKey, MAX_FILE_BYTES, type FailureRecord, type IngestContext } from './context.js';
import type { ExtractionPool } from './extract-pool.js';
import type { LookaheadRules, Speculation } from './lookahead.js';
import { readSettled } from './read-settled.js';
import { passageId } from '../store/ids.js';
import { aliasesColumn } from '../store/json-columns.js';
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
    read: (file) => readSettled(file.local, file), // a mapped root is read where this machine mounts it (the walk says where)
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
    const read = ahead ? ahead.read : await readSettled(file.local, file);
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
      if (!existsSync(ctx.localOf?.(twin.path) ?? twin.path)) {
        // Moved or renamed: same content, old place gone. Relink; no extraction, no embedding.
        await catalogue.save({ ...twin, path: file.path, size: file.size, mtimeMs: file.mtimeMs });
        return 'relinked';
      }
      await catalogue.addAlias(twin.id, file.path);
      return 'duplicate';
    }
  }

  let analyzed;
  try {
    analyzed = await (ahead?.extraction ?? extractor.analyze(file.path, data));
  } catch (error) {
    if (error instanceof ExtractionError) return failure(file.path, error.kind, error.message, error.coded, file.size, file.mtimeMs, ctx);
    return failure(file.path, 'error', `extraction failed (${(error as Error).message})`, { code: 'failure.kind', params: { kind: 'error' } }, file.size, file.mtimeMs, ctx);
  }
  if (analyzed.passages.length === 0) {
    const reason = analyzed.format === 'pdf' ? 'no text layer (a scan without OCR text?)' : 'no text found in the file';
    const message: Message = analyzed.format === 'pdf' ? { code: 'failure.scanned', params: { cause: 'ocr-failed' } } : { code: 'failure.noText', params: { format: 'file' } };
    return failure(file.path, 'empty', reason, message, file.size, file.mtimeMs, ctx);
  }
  ctx.failures.delete(file.path);
  const id = previous && isPrimary ? previous.id : catalogue.newId(file.path);
  const doc: DocumentRow = {
    id, path: file.path, aliases: previous && isPrimary ? previous.aliases : aliasesColumn.encode([]), title: analyzed.title,
    metadata: analyzed.metadata, relations: analyzed.relations, format: analyzed.format,
    size: file.size, mtimeMs: file.mtimeMs, hash, key, pageCount: analyzed.pageCount, passages: analyzed.passages.length,
    indexedAt: new Date().toISOString(),
    notes: analyzed.notes,
  };
  // The worker's passages with the ids this library gives them (field order as stored before).
  const passages: PassageRow[] = analyzed.passages.map((p) => ({
    id: passageId(id, key, p.ordinal), docId: id, ordinal: p.ordinal, text: p.text, terms: p.terms,
    page: p.page, pageEnd: p.pageEnd, section: p.section, start: p.start, end: p.end, ocr: p.ocr,
  }));
  return { doc, passages, replaces: Boolean(previous && isPrimary), headings: analyzed.headings };
}

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
