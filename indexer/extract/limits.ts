/**
 * Every limit one file is held to while it is read, in one place: the code
 * enforces these values, failure reasons quote them, and the README quotes
 * them from here. A file over a limit is listed as failed with the limit
 * named; the run goes on with the next file.
 *
 * They live in extract/ (the lowest layer that enforces any of them) so that
 * both extract/ and ingest/ import them without ingest/ being imported upward.
 */

const MB = 1024 * 1024;

/**
 * Longest one file's extraction may take, OCR included, before its worker is
 * stopped. OCR reads about 10–20 pages a minute here, and up to MAX_OCR_PAGES
 * pages of one scan: 200 pages at 10 a minute is 20 minutes.
 */
export const FILE_TIME_LIMIT_MS = 30 * 60_000;

/** Heap one file's extraction may use (the worker thread's old-generation limit). */
export const FILE_MEMORY_LIMIT_MB = 2048;

/** Files larger than this are not read at all (a document anyone wrote is far smaller). */
export const MAX_FILE_BYTES = 512 * MB;

/** An office file (DOCX, XLSX, PPTX, ODT: a zip) may unpack to this much at most. */
export const MAX_UNZIPPED_BYTES = 512 * MB;

/**
 * A zip member compressed more than this many times, and larger than
 * ZIP_RATIO_MIN_BYTES unpacked, is a zip bomb: real office files compress
 * text about 5–20 times, a bomb hundreds of times.
 */
export const MAX_ZIP_RATIO = 200;
export const ZIP_RATIO_MIN_BYTES = 50 * MB;

/** One XML part of an office file (document.xml, a sheet) may unpack to this much at most. */
export const MAX_ZIP_PART_BYTES = 200 * MB;

/** Cells read from one binary .xls workbook at most (a guard against crafted files). */
export const MAX_SPREADSHEET_CELLS = 2_000_000;

/** Pages of one document OCR'd at most; later scanned pages are listed as not OCR'd. */
export const MAX_OCR_PAGES = 200;

/** OCR gives up on one page after this long (the page is listed, the document kept). */
export const OCR_PAGE_TIME_LIMIT_MS = 120_000;

/**
 * Pixels one page image (JPEG, PNG, BMP, a TIFF page) may hold, read from its
 * header before anything is decoded. An A3 page scanned at 600 dpi is 70
 * million; beyond that are plans and posters, which Tesseract would need
 * gigabytes to hold. Also the most a TIFF page may have: over it, that page is
 * listed as not OCR'd and the others are read.
 */
export const MAX_IMAGE_PIXELS = 80_000_000;

/**
 * poppler's pdftotext (the optional faster PDF text source) is stopped after
 * this long on one file, or once it has written this much (its XHTML is about
 * 12 KB a page: 256 MB is some 20,000 pages); the file is then read with pdf.js.
 */
export const PDFTOTEXT_TIME_LIMIT_MS = 120_000;
export const PDFTOTEXT_OUTPUT_LIMIT_BYTES = 256 * MB;
