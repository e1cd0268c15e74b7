/**
 * The document side of the contract (see contract.ts): one document's report with
 * its relations and validity, "more like this", the library's document list
 * and a document's text for the in-app viewer; and a document's identity
 * (DocumentMetadata: its fields, where each came from and which are unsure). Plain data; imports nothing but
 * types from contract.ts. The relation types here (ReferenceType, Evidence,
 * DocumentRelation, DocumentStatusReport, RelatedDocument) are the only
 * declarations: analyze/references/, policy/ and search/related.ts build on them.
 */
import type { DocumentFormat, FailureKind, ValidityStatus } from './contract.js';
import type { Message } from './messages.js';

/**
 * Where a metadata field's value was read: the file's text layer (`text`), text
 * recognised from a page image (`ocr`), the document properties (`properties`:
 * DOCX core properties, PDF info) or the file name (`filename`).
 */
export type MetadataSource = 'text' | 'ocr' | 'properties' | 'filename';

/**
 * Why a field is not sure enough to state in a citation:
 * - `ocr`: read by OCR and it does not look like a real value (a handwritten
 *   number read as "4/35", a day 84, letters no Vietnamese word has);
 * - `cited`: a date printed beside a reference to another document ("Thông báo
 *   số 12/TB-UBND ngày 17/8/2023"), not in the document's own date line;
 * - `filename`: only the file name says so, the text does not;
 * - `conflict`: another field contradicts it (a number whose year is not the date's).
 */
export type UnsureReason = 'ocr' | 'cited' | 'filename' | 'conflict';

/** Fields whose origin is recorded in `DocumentMetadata.sources`. */
export type MetadataField =
  | 'type' | 'number' | 'issuer' | 'issuerParent' | 'issuerName' | 'place' | 'date' | 'year' | 'summary'
  | 'signer' | 'signerPosition' | 'title' | 'author' | 'unit' | 'code' | 'partOf';

/** What kind of document the metadata describes. */
export type DocumentKind = 'administrative' | 'research' | 'unknown';

/**
 * A document's official identity (Decree 30/2020 layouts; research reports).
 * Absent fields are null, never empty strings.
 */
export interface DocumentMetadata {
  kind: DocumentKind;
  /** Canonical accent-free type slug (`quyet-dinh`, `cong-van`, `de-tai`, …). */
  type: string | null;
  /** The type as a Vietnamese reader names it: "Quyết định", "Phụ lục I". */
  typeName: string | null;
  /** Number and symbol as printed, without "Số:": "1234/QĐ-UBND". */
  number: string | null;
  /** The symbol part of the number: "QĐ-UBND". */
  symbol: string | null;
  /** Issuing body as printed, usually upper case: "SỞ KHOA HỌC VÀ CÔNG NGHỆ". */
  issuer: string | null;
  /** Its parent body line(s), " / "-joined: "UBND TỈNH THANH HÓA". */
  issuerParent: string | null;
  /** The issuer as a sentence names it: "Ủy ban nhân dân tỉnh Thanh Hóa". */
  issuerName: string | null;
  place: string | null;
  /** ISO date of issue, "2024-03-05". */
  date: string | null;
  /** The date line as printed: "Thanh Hóa, ngày 05 tháng 3 năm 2024". */
  dateText: string | null;
  year: number | null;
  /** Trích yếu: the summary under the type name, or after "V/v" for a công văn. */
  summary: string | null;
  signer: string | null;
  /** Authority and position lines, " / "-joined: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH". */
  signerPosition: string | null;
  /** Research reports: the topic title. */
  title: string | null;
  /** Research reports: the lead author (chủ nhiệm). */
  author: string | null;
  authorDegree: string | null;
  /** Research reports: the host institution. */
  unit: string | null;
  department: string | null;
  /** Research reports: the project code. */
  code: string | null;
  /** Appendices: the document they belong to, as printed. */
  partOf: string | null;
  /** Where each non-null field came from. */
  sources: Partial<Record<MetadataField, MetadataSource>>;
  /**
   * The fields a citation must not state, each with the reason. A field not
   * listed here (and every field of an index made before this existed) is as
   * sure as its source: `if (meta.unsure?.number) …leave the number out`.
   * Together with `sources` it says, for each field, where it came from and how
   * sure it is. The value itself is kept (lists, filters, the document page may
   * show it marked as uncertain).
   */
  unsure?: Partial<Record<MetadataField, UnsureReason>>;
}

/** How one document refers to another. */
export type ReferenceType = 'basis' | 'replaces' | 'repeals' | 'amends' | 'implements' | 'mentions';

/** The passage that states a relation or a status. */
export interface Evidence {
  text: string;
  page: number | null;
  section: string | null;
}

/** A reference found in a document's text, in either direction. */
export interface DocumentRelation {
  /** `out`: this document cites the target; `in`: the target (a library document) cites this one. */
  direction: 'out' | 'in';
  type: ReferenceType;
  /** The other document; `path` is null when it is not in the library (an external reference). */
  target: { kind: string | null; number: string | null; date: string | null; issuer: string | null; title: string | null; path: string | null };
  evidence: Evidence;
}

/** A document's validity and why. */
export interface DocumentStatusReport {
  value: ValidityStatus;
  /** The passage that says so (in this document or in the one that replaced it); null when unknown. */
  evidence: (Evidence & { path?: string | null }) | null;
  /** `override`: set by the user; `library`: another document says so; `own`: its own effective-date clause. */
  source: 'override' | 'library' | 'own' | 'none';
  /** The user's note, for overrides. */
  note?: string | null;
  /** ISO date the value holds from, when known. */
  since?: string | null;
  /** The library document that replaced, repealed or amended it. */
  by?: { path: string; documentId: string | null; number: string | null; type: ReferenceType } | null;
}

/** `kho doc` and the app's document page. */
export interface DocumentReport {
  path: string;
  title: string;
  metadata: DocumentMetadata | null;
  status: DocumentStatusReport;
  relations: DocumentRelation[];
}

export interface RelatedRequest {
  /** The document to find neighbours of. */
  path: string;
  /** Or one of its passages ("more like this passage"); wins over the whole document when given. */
  passageId?: string;
  limit?: number;
}

/** A document on the same subject, with the reason it was chosen. */
export interface RelatedDocument {
  path: string;
  documentId: string | null;
  title?: string;
  /** Type slug and name, so research results and policy plans can be told apart. */
  type: string | null;
  typeName: string | null;
  /** True when the type differs from the source document's (a research report for a plan, and so on). */
  crossType: boolean;
  score: number;
  /** `embedding`: nearest passages by meaning (a real model is installed); `terms`: shared distinctive terms. */
  via?: 'embedding' | 'terms';
  /** The distinctive terms both share, most telling first. */
  sharedTerms: string[];
  /** Document numbers both cite. */
  sharedReferences: string[];
  /** A sentence for the UI: "Cùng đề cập: …". */
  reason: string;
  /** The passage of the neighbour that matched best, when found by embedding. */
  passage?: { passageId: string; text: string; page: number | null; section: string | null } | null;
}

export interface SetStatusRequest {
  path: string;
  /** The status to record, or null to drop the override and go back to the derived status. */
  value: ValidityStatus | null;
  note?: string;
}

/** What was done to a document's text beyond reading it. */
export interface DocumentNotes {
  /**
   * Legacy encodings converted to Unicode, with how many text units each ({ tcvn3: 812 });
   * `utf8` counts lines of UTF-8 that had been read as Windows-1252 and were repaired.
   */
  legacyEncodings?: Partial<Record<'tcvn3' | 'vni' | 'cp1258' | 'utf8', number>>;
  /** Pages whose text came from OCR. */
  ocrPages?: number[];
  /** Pages that needed OCR but could not get it; `reason` in English, for logs. */
  ocrFailures?: Array<{ page: number; reason: string }>;
}

/** One row of the library's document list. */
export interface DocumentSummary {
  documentId: string;
  path: string;
  otherPaths: string[];
  title: string;
  format: DocumentFormat;
  pages: number | null;
  passages: number;
  sizeBytes: number;
  /** ISO time it was indexed. */
  indexedAt: string;
  metadata: DocumentMetadata | null;
  status: ValidityStatus;
  notes: DocumentNotes;
  /** The library root (indexed folder) holding the document, and its path inside it with `/` separators (portable across machines). */
  source?: DocumentSource;
}

export interface DocumentListRequest {
  /** Only documents under this folder. */
  folder?: string;
  /** Only documents whose title or path contains this (accents optional). */
  text?: string;
  offset?: number;
  /** Default 100, at most 1000. */
  limit?: number;
}

export interface DocumentList {
  total: number;
  items: DocumentSummary[];
  /** Files under the same filter that failed at their last attempt. */
  failures: Array<{ path: string; kind: FailureKind; reason: string; message: Message; at: string }>;
}

/**
 * A document's text as indexed, passage by passage, for the in-app viewer.
 * `start`/`end` locate a passage in the extracted text; a passage that
 * continues a long article begins with that article's heading carried along
 * (so it reads and cites on its own), so its `text` can be longer than
 * `end - start`.
 */
export interface DocumentText {
  path: string;
  title: string;
  format: DocumentFormat;
  pages: number | null;
  passages: Array<{ passageId: string; page: number | null; pageEnd: number | null; section: string | null; text: string; start: number; end: number; ocr: boolean }>;
  /** Where the document is as root + relative path (see DocumentSource). */
  source?: DocumentSource;
}

/**
 * A document's place independent of any machine: the library root (an indexed
 * folder, with a stable id) and the path inside it with `/` separators. Each
 * machine maps a root id to its own mount of the share (`kho roots map`).
 */
export interface DocumentSource {
  rootId: string;
  rootName: string;
  /** Path inside the root, `/`-separated ("" when the root is the file itself). */
  relativePath: string;
  /** Where the file is on this machine (the mapping applied), or null when its root is not mapped here and the recorded path is missing. */
  localPath: string | null;
}

/** A library root (an indexed folder) as this machine sees it. */
export interface LibraryRoot {
  /** Stable id (from the folder as the indexing machine recorded it); the same on every machine. */
  id: string;
  /** Display name: the folder's own name. */
  name: string;
  /** The folder as recorded by the machine that indexed it (`/mnt/vanban`, `\\fileserver\vanban`). */
  recorded: string;
  /** This machine's mount of the root (`S:\vanban`), or null when not mapped here. */
  mapped: string | null;
  /** Where this machine reads the root's files: the mapping, else the recorded folder when it exists here; null when neither. */
  local: string | null;
  /** Documents of the library under this root. */
  documents: number;
}

/**
 * Where the library lives: `current` is the one this process opened; `configured`
 * the user's own setting (library-location.json; null: none), used from the next
 * start unless `--data`/KHO_DATA names another.
 */
export interface LibraryLocation {
  current: string;
  kind: 'folder' | 's3';
  configured: string | null;
  /** After a change: what was set, for the user (`location.set`). */
  notice?: Message;
}

/** Map a root to a local folder on this machine (`path: null` removes the mapping). */
export interface MapRootRequest {
  /** The root's id, its name when unique, or its recorded folder. */
  root: string;
  path: string | null;
}

export interface RemoveFolderResult {
  /** Documents taken out of the library (the files themselves are untouched). */
  removed: number;
  folders: string[];
}
