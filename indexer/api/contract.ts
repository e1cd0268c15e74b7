/**
 * The one contract of Kho Tri Thức.
 *
 * The CLI, the localhost web server and the Electron IPC bridge all serve this
 * interface, and the renderer sees nothing else. Everything here is plain data
 * (structured-clone safe: no classes, functions, Dates or Maps) and this file
 * imports only types from documents.ts (the document side of the contract),
 * so the web tsconfig can include it without Node types.
 */
import type { Message } from './messages.js';

export type * from './documents.js';
import type { DocumentMetadata } from './documents.js';

// DocumentMetadata (a document's identity, with where each field came from and how sure it is) lives in documents.ts.

/** Every citation form of one hit; `best` is the one to show and copy. */
export interface CitationSet {
  /** "Quyết định số 1234/QĐ-UBND ngày 05/3/2024 của UBND tỉnh Thanh Hóa, Điều 3, tr. 4" */
  administrative: string | null;
  /** Author, year, title, unit, page. */
  research: string | null;
  /** "file — page — section". */
  plain: string;
  best: string;
}

/** Which citation form an export prints. */
export type CitationStyle = 'best' | 'administrative' | 'research' | 'plain';

/** What is needed to add a passage to the basket (a SearchHit has all of it). */
export interface BasketHit {
  passageId: string;
  documentId?: string | null;
  path: string;
  title?: string | null;
  page: number | null;
  pageEnd?: number | null;
  section: string | null;
  text: string;
  citation: string;
  citations?: CitationSet | null;
}

/** One passage in the citation basket. */
export interface BasketItem {
  /** Basket-local id. */
  id: string;
  passageId: string;
  documentId: string | null;
  path: string;
  title: string | null;
  page: number | null;
  pageEnd: number | null;
  section: string | null;
  text: string;
  citation: string;
  citations: CitationSet | null;
  /** The officer's note; "" when none. */
  note: string;
  /** ISO 8601 time it was added. */
  addedAt: string;
}

/** An exported basket: the file's bytes as base64, for any transport. */
export interface BasketExport {
  fileName: string;
  mimeType: string;
  base64: string;
}

export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

/** Counts of the matching documents by type, issuer, year, folder and validity, for filter chips. */
export interface SearchFacets {
  loai: FacetCount[];
  coquan: FacetCount[];
  nam: FacetCount[];
  /** The document's folder (its name, as `thumuc:` takes it). */
  thumuc: FacetCount[];
  /** `con` (in force, amended included) and `het` (replaced or expired), as `hieuluc:` takes them. */
  hieuluc: FacetCount[];
}

/** How a search was answered. `keyword` when no embedding model is installed. */
export type SearchMode = 'hybrid' | 'keyword';

/** Source formats the library can read. */
export type DocumentFormat = 'pdf' | 'docx' | 'doc' | 'rtf' | 'xls' | 'xlsx' | 'ppt' | 'pptx' | 'odt' | 'txt' | 'md' | 'html'
  /** Page images, read by OCR. */
  | 'jpg' | 'png' | 'tiff' | 'bmp';

export interface SearchRequest {
  /** What the user typed. Accents are optional: "doi moi" finds "đổi mới". */
  query: string;
  /** Maximum number of hits; default 10, at most 100. */
  limit?: number;
  /** Hits to skip, for paging: page 2 of 10 is `{ offset: 10, limit: 10 }`. Default 0. */
  offset?: number;
  /**
   * `relevance` (default), or over all matches: `date` (newest document first, relevance within a
   * date), `number` (document number) or `title`. A filter-only query lists documents, by date unless said.
   */
  sort?: SearchSort;
  /**
   * `article` (default): passages of one Điều (or one section of a report) and identical copies of a
   * document are one hit, the others in `morePassages`. `passage`: every passage is its own hit.
   */
  collapse?: 'article' | 'passage';
}

export type SearchSort = 'relevance' | 'date' | 'number' | 'title';

/** A passage folded into a hit because it belongs to the same article (see `SearchRequest.collapse`). */
export type MorePassage = Pick<SearchHit, 'passageId' | 'page' | 'pageEnd' | 'section' | 'text' | 'highlights' | 'citation' | 'ocr' | 'start' | 'end'>;

/** How many passages and documents match the whole query (filters included), before paging. */
export interface SearchTotal {
  passages: number;
  documents: number;
  /** False when counting stopped at the documented cap: the counts are then "more than". */
  exact: boolean;
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
  /** The passage (or part of it) was read by OCR from a page image: it may hold recognition errors. */
  ocr: boolean;
  /** Character ranges in `text` that matched the query: [start, end) pairs. */
  highlights: Array<[number, number]>;
  /** Fused score; higher is better. Only comparable within one response. */
  score: number;
  /** 1-based rank in the keyword list, or null when keyword search did not return it. */
  keywordRank: number | null;
  /** 1-based rank in the vector list, or null when vector search did not return it. */
  vectorRank: number | null;
  /** A citation an officer can paste into a report (`citations.best`). */
  citation: string;
  citations: CitationSet;
  /** The document's official identity, when it could be read. */
  metadata: DocumentMetadata | null;
  /** Whether the document is still in force (replaced and expired documents are marked in results). */
  status: ValidityStatus;
  documentId: string;
  passageId: string;
  /** Character offsets of the passage in the document's extracted text. */
  start: number;
  end: number;
  /** Other matching passages of the same article or section, best first (empty with `collapse: 'passage'`). */
  morePassages: MorePassage[];
}

/** Fields of the query language: document type, number, issuing body, year, folder. */
export type QueryField = 'loai' | 'so' | 'coquan' | 'nam' | 'thumuc' | 'hieuluc' | 'lienquan' | 'dinhdang' | 'nguon';

/** A document's validity, derived from its own effective-date clause and what other documents say of it. */
export type ValidityStatus = 'in-force' | 'not-yet' | 'expired' | 'replaced' | 'amended' | 'unknown';

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
  /** What the parser could not take as typed, and what it did instead (`query.*` codes). */
  problems: Message[];
}

export interface SearchResponse {
  query: string;
  parsed: ParsedQuery;
  mode: SearchMode;
  hits: SearchHit[];
  /** The matching documents counted by type, issuer and year. */
  facets: SearchFacets;
  /**
   * Everything that matches, before paging. A query of up to 6 words matches the passages holding every
   * word (or, when none does, any word: `partial`), counted up to MATCH_CAP (10,000) passages, beyond
   * which `exact` is false; a longer question is answered by relevance, its total counting the candidates read.
   */
  total: SearchTotal;
  /** The offset this page starts at. */
  offset: number;
  /** True when no passage holds every word of the query: the hits match some of the words only. */
  partial: boolean;
  /** True when the query was filters only: the hits list matching documents (one hit per document). */
  browse: boolean;
  /** Things the user should know (e.g. `search.keywordOnly`); the query's own problems are in `parsed.problems`. */
  notices: Message[];
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
  /** The reason in English, naming what is wrong in detail: for logs and bug reports. */
  reason: string;
  /** The reason as a message (`failure.*`), for the user in their language. */
  message: Message;
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
  /** Page-by-page OCR of scans and page images in this run, once a file needs it. */
  ocr?: OcrProgressSummary;
  /** The embedding pass (phase `embed`): passages, not files, are what it counts. */
  embed?: EmbedProgressSummary;
}

/**
 * Embedding the passages that have no vector yet: after the keyword index is
 * committed (search works meanwhile), resumed by the next run when stopped.
 */
export interface EmbedProgressSummary {
  passagesDone: number;
  /** Passages without a vector when the pass began. */
  passagesTotal: number;
  /** Passages per second: measured in this pass once a few batches are done, else assumed (`measured` false). */
  perSecond: number;
  measured: boolean;
  /** Estimated seconds left at that rate. */
  etaSeconds: number;
}

/** A cited passage to find on one page of a document (api pageMarks). */
export interface PageMarksRequest {
  path: string;
  /** 1-based page. */
  page: number;
  /** The passage's text as stored (the hit's text). */
  text: string;
}

/** Where the passage is on the page, for the viewer to mark when the page's own text layer cannot. */
export interface PageMarks {
  /** Rectangles as fractions of the page as pdf.js shows it at its own rotation: [left, top, right, bottom], 0–1. */
  boxes: Array<[number, number, number, number]>;
  /** Found in the page's OCR (a scan), its text layer converted from TCVN3/VNI, its plain text layer; null: not looked for. */
  source: 'ocr' | 'converted' | 'text' | null;
}

/** OCR in an indexing run: slow (seconds a page), so counted by page, not by file. */
export interface OcrProgressSummary {
  /** Pages read (or given up on) so far in this run. */
  pagesDone: number;
  /** Pages to read in the files opened so far (grows as more scans are opened). */
  pagesTotal: number;
  /** Estimated seconds until those pages are read, once a page has been timed. */
  etaSeconds?: number;
  /** The file whose page was read last. */
  file?: string;
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
  /** Notes for the user, e.g. `search.keywordOnly`, `index.interrupted`. */
  notices: Message[];
  /** Sample corpus offered on first start; filled by transports that ship one. */
  bundledCorpus?: string | null;
  /** The library folders (rescanned at start, watched while the app runs). */
  folders: string[];
  /** The indexing run in progress, if any. */
  running: IndexProgress | null;
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
 * The API every transport serves is made from the method table (methods.ts):
 * `KhoApi`, the method names and each method's request and result types.
 */
export type { ApiMethod, ApiMethod as KhoApiMethod, ArgsOf, KhoApi, RequestOf, ResultOf } from './methods.js';
