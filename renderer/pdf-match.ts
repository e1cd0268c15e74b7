/**
 * Find a cited passage among a PDF page's text items (pdf.js text content), so
 * the viewer can mark the spans that hold it. The matcher is shared with the
 * server, which marks passages on scanned and TCVN3 pages (api pageMarks).
 */
export { matchItems } from '../indexer/common/passage-match';
