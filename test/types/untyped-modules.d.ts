/**
 * Types for the two npm packages the tests use that ship none (js-yaml 4 and
 * pdfkit 0.20): just the calls the tests make, so a wrong call still fails
 * `npm run typecheck`. Kept here rather than as @types/* packages so the
 * declarations cannot drift from a different version's.
 */
declare module 'js-yaml' {
  /** Parses one YAML document (the tests read electron-builder.yml with it). */
  export function load(text: string, options?: { filename?: string; json?: boolean }): unknown;
}

declare namespace PDFKit {
  interface TextOptions {
    width?: number;
    height?: number;
    align?: 'left' | 'center' | 'right' | 'justify';
    lineBreak?: boolean;
  }
  /** The drawing calls the structure tests use to make PDFs with known layouts. */
  interface PDFDocument {
    on(event: 'data', listener: (chunk: Buffer) => void): this;
    on(event: 'end', listener: () => void): this;
    registerFont(name: string, src: string): this;
    font(name: string): this;
    fontSize(size: number): this;
    addPage(options?: { size?: string | [number, number]; margin?: number }): this;
    text(text: string, options?: TextOptions): this;
    text(text: string, x: number, y: number, options?: TextOptions): this;
    moveDown(lines?: number): this;
    end(): void;
    /** The current page (its margins decide where text wraps). */
    page: { margins: { top: number; bottom: number; left: number; right: number } };
  }
}

declare module 'pdfkit' {
  const PDFDocument: new (options?: { size?: string | [number, number]; margin?: number; autoFirstPage?: boolean }) => PDFKit.PDFDocument;
  export default PDFDocument;
}
