/**
 * The one contract of Kho Tri Thức.
 *
 * The CLI, the localhost web server and the Electron IPC bridge all serve this
 * interface, and the renderer sees nothing else. Everything here is plain data
 * (structured-clone safe: no classes, functions, Dates or Maps) and this file
 * imports nothing, so the web tsconfig can include it without Node types.
 */

/** How a search was answered. `keyword` when no embedding model is installed. */
export type SearchMode = 'hybrid' | 'keyword';

/** Source formats the library can read. */
export type DocumentFormat = 'pdf' | 'docx' | 'txt' | 'md' | 'html';

export interface SearchRequest {
  /** What the user typed. Accents are optional: "doi moi" finds "đổi mới". */
  query: string;
  /** Maximum number of hits; default 10, at most 100. */
  limit?: number;
}

export interface SearchHit {
  /** Absolute path of the source file. */
  path: string;
  /** Other places holding an identical copy of the file. */
  otherPaths: string[];
  /** Document title (from its heading, properties, or file name). */
  title: string;
  format: DocumentFormat;
  /** 1-based page where the passage starts; null for formats without pages. */
  page: number | null;
  /** Last page the passage covers (equals `page` for single-page passages). */
  pageEnd: number | null;
  /** Section path such as "Chương II › Điều 5", or null when the document has none. */
  section: string | null;
  /** The exact passage text, as extracted (Unicode NFC). */
  text: string;
  /** Character ranges in `text` that matched the query: [start, end) pairs. */
  highlights: Array<[number, number]>;
  /** Fused score; higher is better. Only comparable within one response. */
  score: number;
  /** 1-based rank in the keyword list, or null when keyword search did not return it. */
  keywordRank: number | null;
  /** 1-based rank in the vector list, or null when vector search did not return it. */
  vectorRank: number | null;
  /** A citation an officer can paste into a report. */
  citation: string;
  documentId: string;
  passageId: string;
  /** Character offsets of the passage in the document's extracted text. */
  start: number;
  end: number;
}

/** Fields of the query language: document type, number, issuing body, year, folder. */
export type QueryField = 'loai' | 'so' | 'coquan' | 'nam' | 'thumuc';

export interface QueryFilter {
  field: QueryField;
  /** Accent- and case-free value ("quyết-định" → "quyet dinh"); for `nam`, as typed. */
  value: string;
  /** For `nam`: the inclusive year range. */
  from?: number;
  to?: number;
}

/** A query as the parser understood it; the UI shows it back as chips. */
export interface ParsedQuery {
  raw: string;
  /** Everything that is searched for: words, phrases and prefix stems, in order. */
  text: string;
  words: string[];
  /** "exact phrases": a passage must contain each. */
  phrases: string[];
  /** -excluded words or phrases: a passage must contain none. */
  excluded: string[];
  /** prefix* stems: a passage must contain a word starting with each. */
  prefixes: string[];
  /** True when the query said OR: any word may match, none is preferred as required. */
  anyOf: boolean;
  filters: QueryFilter[];
  /** What the parser could not take as typed, and what it did instead. */
  problems: string[];
}

export interface SearchResponse {
  query: string;
  parsed: ParsedQuery;
  mode: SearchMode;
  hits: SearchHit[];
  /** Things the user should know, in plain words (e.g. "no embedding model: keyword search only"). */
  notices: string[];
  tookMs: number;
}

export interface IndexRequest {
  /** Files or folders; folders are walked recursively and become library folders. Empty: rescan the library folders (or resume an interrupted run). */
  paths: string[];
}

/** Why a file could not be indexed, in words a user can act on. */
export interface FileFailure {
  path: string;
  /** Stable machine-readable kind, e.g. "unsupported", "corrupt", "encrypted", "empty", "unreadable". */
  kind: FailureKind;
  /** Human-readable reason naming what is wrong. */
  reason: string;
  /** ISO 8601 time of the failure. */
  at: string;
}

export type FailureKind =
  | 'unsupported'
  | 'corrupt'
  | 'encrypted'
  | 'empty'
  | 'unreadable'
  | 'too-large'
  | 'not-found'
  | 'timeout'
  | 'error';

export interface IndexSummary {
  /** Files extracted and stored in this run (new or changed). */
  indexed: number;
  /** Files already indexed and unchanged: no work done. */
  unchanged: number;
  /** Files recognised as moved or renamed (same content): relinked without re-extracting or re-embedding. */
  relinked: number;
  /** Identical copies of documents already indexed: stored once, with every path. */
  duplicates: number;
  /** Files that could not be indexed, each with a reason. */
  failed: FileFailure[];
  /** Documents removed because their file no longer exists under an indexed folder. */
  removed: number;
  passagesAdded: number;
  /** Passages embedded in this run (0 in keyword-only mode). */
  passagesEmbedded: number;
  mode: SearchMode;
  durationMs: number;
  /** The run was cancelled; what it finished is kept, and the next run resumes. */
  cancelled: boolean;
}

export type IndexPhase = 'scan' | 'extract' | 'embed' | 'optimize' | 'done';

/** Progress event while indexing; transports forward it (stderr, SSE, IPC). */
export interface IndexProgress {
  phase: IndexPhase;
  filesDone: number;
  filesTotal: number;
  passages: number;
  /** File being processed, when there is one. */
  current?: string;
  /** Files per second so far in this phase. */
  rate?: number;
  /** Estimated seconds left in this phase. */
  etaSeconds?: number;
}

export interface ModelInfo {
  /** Model id, e.g. "Xenova/multilingual-e5-small". */
  id: string;
  /** Embedding dimensions, known once the model has been loaded and verified. */
  dims: number | null;
  /** Absolute folder of the model files. */
  folder: string;
  /** Whether this is the model the index uses. */
  active: boolean;
  /** Total size of the model files in bytes. */
  sizeBytes: number;
}

export interface LibraryStatus {
  dataDir: string;
  documents: number;
  passages: number;
  mode: SearchMode;
  /** Model recorded in the index, or null in keyword-only mode. */
  model: { id: string; dims: number; embeddedPassages: number } | null;
  /** Files that failed at their last attempt. */
  failures: FileFailure[];
  /** Plain-language notes, e.g. how to install a model. */
  notices: string[];
  /** Sample corpus offered on first start; filled by transports that ship one. */
  bundledCorpus?: string | null;
}

export interface SuggestRequest {
  /** What the user has typed so far. */
  prefix: string;
  limit?: number;
}

export interface Suggestion {
  /** The completed text to put in the search box (accent-free: it matches both spellings). */
  text: string;
  /** Relative strength; higher first. */
  score: number;
}

/**
 * The API every transport serves. Methods reject with an Error whose message is
 * meant for the user (the transports pass only the message across).
 */
export interface KhoApi {
  search(request: SearchRequest): Promise<SearchResponse>;
  suggest(request: SuggestRequest): Promise<Suggestion[]>;
  index(request: IndexRequest): Promise<IndexSummary>;
  /** Stop a running index after the current file; the next index resumes. */
  cancelIndex(): Promise<void>;
  status(): Promise<LibraryStatus>;
  listModels(): Promise<ModelInfo[]>;
  importModel(request: { folder: string }): Promise<ModelInfo>;
}

/** Names of the API methods, for transports that map one message to one method. */
export const KHO_API_METHODS = ['search', 'suggest', 'index', 'cancelIndex', 'status', 'listModels', 'importModel'] as const;
export type KhoApiMethod = (typeof KHO_API_METHODS)[number];
