/**
 * Content types of the source documents the web mode serves (`GET /api/file`):
 * each shown inert, in its own opaque origin (server.ts). A catalogue format
 * without a type here is offered as a download.
 */
export const DOCUMENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.doc': 'application/msword',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.markdown': 'text/plain; charset=utf-8',
  // Shown as source text: a document's own HTML never runs in our origin.
  '.html': 'text/plain; charset=utf-8',
  '.htm': 'text/plain; charset=utf-8',
  // Page images, drawn by the viewer (a TIFF, which browsers do not draw, is offered as a download).
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.bmp': 'image/bmp',
};
