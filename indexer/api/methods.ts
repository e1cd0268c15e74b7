/**
 * The method table: the one list of what the API does. For each method, the
 * shape of its request (or `null`: it takes none) and the type it resolves to.
 * `KhoApi` is derived from it, so the Library must implement every entry, and
 * every transport (main/ipc.ts, main/preload.cts, transports/web/server.ts,
 * renderer/http-api.ts) writes one typed line per method: adding an entry here
 * without serving it everywhere fails `npm run typecheck`, naming each file.
 *
 * Pure code without Node imports, like the rest of api/: the renderer imports
 * only its types; main/ and the web server also use its values (the table, the
 * request check).
 */
import type {
  BasketExport, BasketHit, BasketItem, CitationSet, CitationStyle, IndexRequest, IndexSummary, LibraryStatus, ModelInfo, PageMarks, PageMarksRequest,
  SearchRequest, SearchResponse, SuggestRequest, Suggestion, ValidityStatus,
} from './contract.js';
import type {
  DocumentList, DocumentListRequest, DocumentReport, DocumentText, LibraryLocation, LibraryRoot, MapRootRequest, RelatedDocument, RelatedRequest, RemoveFolderResult,
  SetStatusRequest,
} from './documents.js';
import { UserError } from './errors.js';
import { integer, list, nullable, oneOf, optional, record, ShapeProblem, text, type Shape } from './shapes.js';

/** What a method resolves to; carried by the table for the compiler only. */
export interface Returns<T> {
  readonly result?: T;
}
const returns = <T>(): Returns<T> => ({});

/** Longest file or folder path a request may name (PATH_MAX on Linux). */
const PATH = text({ max: 4096 });
/** Basket item and passage ids are short hashes; this leaves room, not more. */
const ID = text({ max: 200 });
/** Longest suggest prefix: the box completes words, not paragraphs. */
export const MAX_SUGGEST_PREFIX = 500;
/** Most paths or ids one request may list. */
const MAX_LIST = 10_000;

const CITATIONS = record<CitationSet>({ administrative: nullable(text()), research: nullable(text()), plain: text(), best: text() });
const BASKET_HIT = record<BasketHit>({
  passageId: ID,
  documentId: optional(nullable(ID)),
  path: PATH,
  title: optional(nullable(text())),
  page: nullable(integer({ min: 0 })),
  pageEnd: optional(nullable(integer({ min: 0 }))),
  section: nullable(text()),
  text: text(),
  citation: text(),
  citations: optional(nullable(CITATIONS)),
});
const VALIDITY = oneOf('in-force', 'not-yet', 'expired', 'replaced', 'amended', 'unknown') satisfies Shape<ValidityStatus>;

export const API_METHODS = {
  /** Search the library; the query's own length limit and language are the search's to enforce. */
  search: {
    request: record<SearchRequest>({
      query: text(),
      limit: optional(integer({ min: 1 })),
      offset: optional(integer({ min: 0 })),
      sort: optional(oneOf('relevance', 'date', 'number', 'title')),
      collapse: optional(oneOf('article', 'passage')),
    }),
    returns: returns<SearchResponse>(),
  },
  /** Completions for what the user has typed so far. */
  suggest: {
    request: record<SuggestRequest>({ prefix: text({ max: MAX_SUGGEST_PREFIX }), limit: optional(integer({ min: 1 })) }),
    returns: returns<Suggestion[]>(),
  },
  /** Index files or folders (folders join the library); no paths: rescan the library folders. */
  index: { request: record<IndexRequest>({ paths: list(PATH, { max: MAX_LIST }) }), returns: returns<IndexSummary>() },
  /** Stop a running index after the current file; the next index resumes. */
  cancelIndex: { request: null, returns: returns<void>() },
  status: { request: null, returns: returns<LibraryStatus>() },
  listModels: { request: null, returns: returns<ModelInfo[]>() },
  importModel: { request: record<{ folder: string }>({ folder: PATH }), returns: returns<ModelInfo>() },
  basketList: { request: null, returns: returns<BasketItem[]>() },
  /** Add a passage (a SearchHit will do) with an optional note; adding it again updates the note. */
  basketAdd: {
    request: record<{ hit: BasketHit; note?: string; position?: number }>({ hit: BASKET_HIT, note: optional(text()), position: optional(integer({ min: 0 })) }),
    returns: returns<BasketItem>(),
  },
  basketRemove: { request: record<{ id: string }>({ id: ID }), returns: returns<BasketItem[]>() },
  basketReorder: { request: record<{ ids: string[] }>({ ids: list(ID, { max: MAX_LIST }) }), returns: returns<BasketItem[]>() },
  basketSetNote: { request: record<{ id: string; note: string }>({ id: ID, note: text() }), returns: returns<BasketItem>() },
  basketClear: { request: null, returns: returns<void>() },
  basketExport: {
    request: record<{ format: 'markdown' | 'docx'; style?: CitationStyle; title?: string }>({
      format: oneOf('markdown', 'docx'),
      style: optional(oneOf('best', 'administrative', 'research', 'plain')),
      title: optional(text({ max: 1000 })),
    }),
    returns: returns<BasketExport>(),
  },
  /** A document's metadata, validity with evidence, and relations in both directions. */
  document: { request: record<{ path: string }>({ path: PATH }), returns: returns<DocumentReport>() },
  /** "More like this": by embedding when a model is installed, by distinctive terms otherwise. */
  related: {
    request: record<RelatedRequest>({ path: PATH, passageId: optional(ID), limit: optional(integer({ min: 1 })) }),
    returns: returns<RelatedDocument[]>(),
  },
  /** Record the user's own view of a document's validity (null clears it); kept across re-indexing. */
  setStatus: {
    request: record<SetStatusRequest>({ path: PATH, value: nullable(VALIDITY), note: optional(text()) }),
    returns: returns<DocumentReport>(),
  },
  /** The library's documents, with status, OCR and legacy-encoding notes. */
  documents: {
    request: record<DocumentListRequest>({
      folder: optional(PATH),
      text: optional(text({ max: 1000 })),
      offset: optional(integer({ min: 0 })),
      limit: optional(integer({ min: 1 })),
    }),
    returns: returns<DocumentList>(),
  },
  /** A document's text as indexed, for the in-app viewer. */
  documentText: { request: record<{ path: string }>({ path: PATH }), returns: returns<DocumentText>() },
  /** Where a passage is on a page, for the viewer to mark it on scanned (OCR'd) and TCVN3-font pages. */
  pageMarks: {
    request: record<PageMarksRequest>({ path: PATH, page: integer({ min: 1 }), text: text({ max: 100_000 }) }),
    returns: returns<PageMarks>(),
  },
  /** Take a folder out of the library: its documents leave every index; the files are untouched. */
  removeFolder: { request: record<{ folder: string }>({ folder: PATH }), returns: returns<RemoveFolderResult>() },
  /** The library roots (indexed folders) and where this machine finds each one's files (portable sources). */
  roots: { request: null, returns: returns<LibraryRoot[]>() },
  /** Map a root to a folder on this machine, e.g. the share mounted as S:\ (path null drops it); kept per user, never in the library. */
  mapRoot: {
    request: record<MapRootRequest>({ root: text({ max: 4096 }), path: nullable(PATH) }),
    returns: returns<LibraryRoot[]>(),
  },
  /** Where the library lives, and the user's setting for the next start (a folder or s3://bucket/prefix). */
  libraryLocation: { request: null, returns: returns<LibraryLocation>() },
  /** Set where the library lives from the next start (location null: back to the default folder); kept per user, never in a library. */
  setLibraryLocation: {
    request: record<{ location: string | null }>({ location: nullable(text({ max: 4096 })) }),
    returns: returns<LibraryLocation>(),
  },
} satisfies Record<string, { request: { read(value: unknown, at: string): object } | null; returns: Returns<unknown> }>;

export type ApiTable = typeof API_METHODS;
export type ApiMethod = keyof ApiTable;
/** The arguments a method takes: its request, or none. */
export type ArgsOf<M extends ApiMethod> = ApiTable[M]['request'] extends Shape<infer R> ? [request: R] : [];
export type RequestOf<M extends ApiMethod> = ApiTable[M]['request'] extends Shape<infer R> ? R : undefined;
export type ResultOf<M extends ApiMethod> = ApiTable[M]['returns'] extends Returns<infer T> ? T : never;

/**
 * The API every transport serves, made from the table. Methods reject with a
 * UserError carrying a message code for what the user asked wrongly; the
 * transports send `{ code, params }` across (messageOf), never a sentence.
 */
export type KhoApi = { [M in keyof ApiTable]: (...args: ArgsOf<M>) => Promise<ResultOf<M>> };

/** The IPC channel of a method; the preload writes the same template, and the type keeps them equal. */
export type ApiChannel<M extends ApiMethod> = `kho:${M}`;
export const channelOf = <M extends ApiMethod>(method: M): ApiChannel<M> => `kho:${method}`;

/** The method names, in table order. */
export const KHO_API_METHODS = Object.keys(API_METHODS) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(API_METHODS, name);
}

/**
 * A request as the method takes it, read through the table's shape: only described
 * fields survive. Anything else is refused with `request.invalid` naming the method
 * and the field. Methods without a request ignore what was sent.
 */
export function readRequest<M extends ApiMethod>(method: M, value: unknown): ArgsOf<M> {
  const shape = API_METHODS[method].request as Shape<unknown> | null;
  if (!shape) return [] as unknown[] as ArgsOf<M>;
  try {
    return [shape.read(value, '')] as ArgsOf<M>;
  } catch (error) {
    if (!(error instanceof ShapeProblem)) throw error;
    throw new UserError('request.invalid', { method, problem: error.message });
  }
}
