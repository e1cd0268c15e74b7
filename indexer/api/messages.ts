/**
 * Messages as codes: every notice, warning, user error and failure reason crosses the
 * API as `{ code, params }`, never as a sentence. The renderer and the CLI turn a code
 * into Vietnamese or English (indexer/common/messages/); no behaviour may depend on the
 * wording. Adding a code here without a text in every language fails to compile.
 *
 * Types only: the renderer imports this file.
 */
import type { FailureKind } from './contract.js';

/** What kind of file a failure speaks of, so the text can name it ("the Word document"). */
export type FileKindName = 'pdf' | 'word' | 'excel' | 'powerpoint' | 'opendocument' | 'rtf' | 'text' | 'image' | 'file';

/** Why a scanned PDF gave no text: OCR turned off, OCR failed, or only garbled text (mojibake) was there. */
export type NoTextCause = 'ocr-off' | 'ocr-failed' | 'mojibake-ocr-off' | 'mojibake-ocr-failed';

/** What is wrong with an `s3://bucket/prefix` location. */
export type S3LocationProblem = 'scheme' | 'bucket' | 'prefix' | 'query';

/** Which check of the conditional-write probe the object storage failed (store/remote/probe.ts). */
export type ConditionalWriteCheck = 'race' | 'create-only' | 'stale-etag';

/** The parameters each message code takes. A code's name says where it comes from. */
export interface MessageParams {
  /** A failure nobody foresaw (a bug): its detail is for a bug report, not for the user. */
  'internal': { detail: string };
  /** The request did not have the shape the method takes. */
  'request.invalid': { method: string; problem: string };
  /** The caller is not our own page (IPC) or did not present the token (web). */
  'request.refused': Record<string, never>;

  // The query: what the parser could not take as typed (ParsedQuery.problems) and refused queries.
  'query.empty': Record<string, never>;
  'query.tooLong': { length: number; max: number };
  'query.unclosedQuote': Record<string, never>;
  'query.unknownField': { field: string; known: string[] };
  'query.badYear': { value: string };
  'query.emptyField': { field: string };
  'query.negatedField': { field: string };

  // Searching (SearchResponse.notices and request errors).
  /** No vectors: `model` is the installed model not yet used to embed, null when none is installed. */
  'search.keywordOnly': { model: string | null };
  'search.notEmbedded': { missing: number; total: number };
  'search.filtersOnly': Record<string, never>;
  'search.badLimit': { max: number };
  'search.badSort': Record<string, never>;
  'search.badOffset': Record<string, never>;
  /** No passage holds every word of the query: the hits hold some of them. */
  'search.partial': Record<string, never>;

  // Indexing and the library (LibraryStatus.notices and request errors).
  /** An indexing run stopped before its end; `done`/`total` files when known. */
  'index.interrupted': { cancelled: boolean; done: number | null; total: number | null };
  'index.noPaths': Record<string, never>;
  'index.busy': { pid: number; dataDir: string };
  /** Another process is writing; this one waits for it (kho index, kho watch). */
  'index.waiting': { pid: number; dataDir: string };
  'index.running': Record<string, never>;
  'folder.missing': { path: string };
  'folder.notInLibrary': { folder: string; folders: string[] };
  /** The system refused to follow a library folder's changes (it is still rescanned at start). */
  'folder.cannotWatch': { folder: string; problem: string };
  'data.unusable': { dataDir: string; problem: string };
  /** index.json names a layout newer than this program reads: nothing is touched. */
  'data.newerLayout': { dataDir: string; found: number; supported: number };
  /** An older layout, opened by a command that only reads: `kho index` migrates it (after a backup). */
  'data.olderLayout': { dataDir: string; found: number; supported: number };
  /** An older layout was moved into a backup folder; the library is rebuilt from the sources. */
  'data.migrated': { dataDir: string; found: number; supported: number; backup: string };
  /** A command that writes started a new library in a folder that held none. */
  'data.created': { dataDir: string };
  /** A command that only reads was pointed at a folder holding no library. */
  'data.noLibrary': { dataDir: string };
  /** `--data` named a URL (object storage): not supported yet. */
  'data.urlUnsupported': { dataDir: string };
  /** A JSON file of the library cannot be read as JSON (kept as it is). */
  'data.fileCorrupt': { file: string; problem: string };
  /** A damaged JSON file was moved aside before a new one is written. */
  'data.fileSetAside': { file: string; movedTo: string };
  /** A table could not be read now (permissions, a drive gone, a file held open): nothing was changed. */
  'store.unreadable': { table: string; dataDir: string; detail: string };
  /** A table has no readable version left: `kho verify --repair` moves it aside and rebuilds it. */
  'store.damaged': { table: string; dataDir: string };
  /** A torn newest version was moved aside (to `quarantine`); the next index run restores what it held. */
  'store.rolledBack': { table: string; versions: number; quarantine: string };
  /** `kho verify --repair` moved a damaged table aside and started it afresh. */
  'store.repaired': { table: string; quarantine: string };
  /** `kho verify --repair` removed duplicate or orphaned rows from the stores. */
  'store.cleaned': { duplicates: number; orphans: number };

  // A library on object storage (`--data s3://bucket/prefix`, store/remote/).
  'remote.badLocation': { url: string; problem: S3LocationProblem };
  /** AWS_PROFILE names a profile found in neither ~/.aws/credentials nor ~/.aws/config. */
  'remote.badProfile': { profile: string; file: string };
  'remote.noCredentials': { url: string; profile: string | null };
  'remote.badEndpoint': { value: string };
  'remote.noBucket': { url: string };
  'remote.accessDenied': { url: string; detail: string };
  /** The object storage cannot be reached (network down, server stopped). */
  'remote.offline': { url: string; detail: string };
  /** Another process holds the writer lease: `expiresAt` is an ISO time. */
  'remote.leaseHeld': { url: string; holder: string; expiresAt: string };
  /** This writer's lease was taken by another (`holder`, when known) or could not be renewed in time: it stops writing. */
  'remote.leaseLost': { url: string; holder: string | null };
  /** A lapsed lease of another writer was taken over (a notice). */
  'remote.leaseTakenOver': { url: string; previous: string; expiredAt: string };
  /** The server does not honour conditional writes: a second writer could lose writes, so only one is allowed. */
  'remote.noConditionalWrites': { url: string; endpoint: string; check: ConditionalWriteCheck };
  /** A reader (or a process that lost the lease) was asked to change the shared library. */
  'remote.readOnly': { url: string };
  /** A side object changed under this writer since it read it (another writer kept going): nothing was overwritten. */
  'remote.writeConflict': { url: string; name: string };
  /** `kho status` of a library on object storage: where, this process's role, the lease and the probe. */
  'remote.where': { url: string; endpoint: string; credentials: string; role: 'writer' | 'reader'; holder: string | null; expiresAt: string | null; probe: 'honoured' | ConditionalWriteCheck | null; probedAt: string | null };
  /** A reader could not reach the storage: it keeps answering from the version it last loaded. */
  'remote.offlineKept': { url: string; detail: string; since: string };
  /** Objects under the prefix this desk's copy could not hold (a name too long for its disk…): `name` is the first. */
  'remote.notCopied': { url: string; count: number; name: string; reason: string };
  /** A library location that is neither `s3://bucket/prefix` nor an absolute folder. */
  'location.invalid': { value: string };
  /** The per-user location setting is there but cannot be used: the default folder is used instead. */
  'location.unusable': { file: string; problem: string };
  /** The per-user library location was set (or cleared: `location` null); it takes effect at the next start. */
  'location.set': { location: string | null; current: string | null };
  'document.notInLibrary': { path: string };
  /** The document's file is no longer where it was indexed (opening or reading it). */
  'document.gone': { path: string };
  /** The system could not open the document in its default application (desktop). */
  'document.cannotOpen': { path: string; detail: string };
  /** The document is larger than the in-app viewer takes (desktop). */
  'document.tooLargeForViewer': { path: string; maxMb: number };
  /** The document's library root is not mapped to a folder on this machine, and the path recorded at indexing is not here (a shared library read on another desktop). */
  'root.notMapped': { path: string; root: string; name: string; folder: string };
  /** No library root has this id, name or folder. */
  'root.unknown': { root: string; roots: string[] };
  /** A root name given to `kho roots map` matches more than one root: use its id. */
  'root.ambiguous': { root: string; ids: string[] };
  'passage.notFound': { passageId: string };
  'passage.notInDocument': { passageId: string; path: string };
  'status.unknown': { value: string; expected: string[] };

  // Models.
  'model.folderMissing': { folder: string };
  'model.folderIncomplete': { folder: string; missing: string[] };
  'model.badId': { id: string; example: string };
  'model.unreachable': { base: string; detail: string };
  'model.downloadFailed': { url: string; status: number };
  'model.doesNotLoad': { detail: string };

  // The citation basket.
  'basket.noItem': { id: string };
  'basket.hitIncomplete': Record<string, never>;
  'basket.badFormat': Record<string, never>;

  // The web mode.
  'serve.loopbackOnly': { host: string };
  'serve.portInUse': { port: number };
  'serve.badPort': { value: string };

  // The command line: a mistake in how `kho` was called.
  'cli.needsValue': { option: string };
  'cli.unknownOption': { option: string };
  'cli.unknownCommand': { command: string; known: string[] };
  'cli.needsArgument': { command: string; what: 'document' | 'query' | 'passageId' | 'itemId' | 'outFile' | 'modelFolder' | 'folder' | 'root' | 'rootFolder' };
  'cli.notPositive': { option: string; value: string };
  'cli.badLang': { value: string };
  'cli.statusConflict': Record<string, never>;
  'cli.noFolders': Record<string, never>;

  // Why a file could not be indexed (FileFailure.message). `failure.kind` names the kind alone
  // (records written before failures had codes).
  'failure.kind': { kind: FailureKind };
  'failure.unsupportedType': { ext: string };
  'failure.notYetSupported': { ext: string; saveAs: string | null };
  'failure.oldWord': Record<string, never>;
  'failure.emptyFile': Record<string, never>;
  'failure.noText': { format: FileKindName };
  'failure.scanned': { cause: NoTextCause };
  'failure.encrypted': { format: FileKindName };
  'failure.corrupt': { format: FileKindName };
  'failure.misnamed': { ext: string; actual: FileKindName | 'unknown' };
  'failure.binary': Record<string, never>;
  'failure.tooLarge': { sizeMb: number; limitMb: number };
  'failure.expandsTooMuch': { limitMb: number | null };
  'failure.tooManyCells': { max: number };
  'failure.timeout': { seconds: number };
  'failure.memory': { limitMb: number };
  'failure.stopped': Record<string, never>;
  'failure.crashed': Record<string, never>;
  'failure.changing': Record<string, never>;
  'failure.vanished': Record<string, never>;
  'failure.denied': Record<string, never>;
  'failure.unreadable': { problem: string };
  'failure.notRegular': Record<string, never>;
  'failure.linkLoop': Record<string, never>;
  'failure.brokenLink': Record<string, never>;
  // Page images (JPEG, PNG, BMP, TIFF), read by OCR.
  'failure.imagePixels': { megapixels: number; limit: number };
  'failure.imageCoding': { coding: string };
  'failure.imageNoText': { cause: 'ocr-off' | 'ocr-failed' };
}

export type MessageCode = keyof MessageParams;

/** One message: a code and its parameters, plain data for any transport. */
export type Message = { [C in MessageCode]: { code: C; params: MessageParams[C] } }[MessageCode];

/** The message of one code, for code that narrows on it. */
export type MessageOf<C extends MessageCode> = { code: C; params: MessageParams[C] };

/** How a transport answers a call: the value, or the user-facing failure as a message. */
export type ApiReply<T> = { ok: true; value: T } | { ok: false; error: Message };
