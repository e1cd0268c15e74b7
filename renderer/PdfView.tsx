/**
 * A PDF page in the app: pdf.js draws it onto a canvas, its text layer sits
 * on top (selectable, searchable), and the spans holding the cited passage
 * are marked. Where the text layer cannot show the passage — a scanned page
 * (read by OCR) or a TCVN3 font (mojibake) — the library says where it is
 * (api pageMarks) and rectangles are drawn over the page. pdf.js runs its parser in a module worker loaded from our own
 * origin (no eval: isEvalSupported is off), so the page's CSP needs nothing
 * beyond 'self'.
 */
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { PDFDocumentProxy, RenderTask, TextLayer as PdfTextLayer } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { api } from './bridge';
import { useStrings } from './i18n';
import { matchItems } from './pdf-match';
import { PassageMarkStatus } from './PassageMarkStatus';

type Mark = [number, number, number, number];

type PdfJs = typeof import('pdfjs-dist');
let loader: Promise<PdfJs> | null = null;
function pdfjs(): Promise<PdfJs> {
  loader ??= import('pdfjs-dist').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = workerUrl;
    return lib;
  });
  return loader;
}

interface PdfViewProps {
  /** The file's address (web mode), or a loader of its bytes (desktop). */
  source: string | (() => Promise<Uint8Array>);
  /** The document's path in the library: asks where the passage is when the text layer cannot tell. */
  path?: string;
  /** The page to open at (1-based). */
  page: number;
  /** The cited passage, marked on pages `page`..`pageEnd`. */
  passage: string | null;
  pageEnd: number | null;
  /** pdf.js could not open the file: the caller shows the text instead. */
  onFail(message: string): void;
}

export function PdfView({ source, path, page: startPage, passage, pageEnd, onFail }: PdfViewProps) {
  const t = useStrings();
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(startPage);
  const [typed, setTyped] = useState(String(startPage));
  const [zoom, setZoom] = useState(1);
  const [state, setState] = useState<'loading' | 'ready' | 'locating' | 'marked' | 'unmarked'>('loading');
  const [marks, setMarks] = useState<Mark[]>([]);
  const marksRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const [layerStyle, setLayerStyle] = useState<CSSProperties>({});

  useEffect(() => {
    let live = true;
    let opened: PDFDocumentProxy | null = null;
    const options = { isEvalSupported: false, useWasm: false, enableXfa: false };
    Promise.all([pdfjs(), typeof source === 'string' ? null : source()])
      .then(([lib, data]) => lib.getDocument(data ? { ...options, data } : { ...options, url: source as string }).promise)
      .then((d) => {
        opened = d;
        if (live) setDoc(d);
        else void d.destroy();
      })
      .catch((error: unknown) => live && onFail((error as Error)?.message ?? String(error)));
    return () => {
      live = false;
      void opened?.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source]);

  useEffect(() => {
    setTyped(String(page));
  }, [page]);

  useEffect(() => {
    if (marks.length) marksRef.current?.firstElementChild?.scrollIntoView({ block: 'center' });
  }, [marks]);

  // Draw the page and its text layer; mark the passage.
  useEffect(() => {
    if (!doc || !canvasRef.current || !textRef.current || !frameRef.current) return;
    let live = true;
    let task: RenderTask | null = null;
    let layer: PdfTextLayer | null = null;
    const canvas = canvasRef.current;
    const text = textRef.current;
    setState('loading');
    setMarks([]);
    void (async () => {
      try {
        const lib = await pdfjs();
        const p = await doc.getPage(page);
        if (!live) return;
        const base = p.getViewport({ scale: 1 });
        const width = Math.max(320, (frameRef.current?.clientWidth ?? 800) - 32);
        const scale = (width / base.width) * zoom;
        const viewport = p.getViewport({ scale });
        const ratio = window.devicePixelRatio || 1;
        canvas.width = Math.floor(viewport.width * ratio);
        canvas.height = Math.floor(viewport.height * ratio);
        setLayerStyle({ width: `${Math.floor(viewport.width)}px`, height: `${Math.floor(viewport.height)}px`, ['--total-scale-factor' as string]: String(scale), ['--scale-round-x' as string]: '1px', ['--scale-round-y' as string]: '1px' });
        task = p.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined });
        await task.promise;
        if (!live) return;
        text.replaceChildren();
        const content = await p.getTextContent();
        layer = new lib.TextLayer({ textContentSource: content, container: text, viewport });
        await layer.render();
        if (!live) return;
        const cited = passage && page >= startPage && page <= (pageEnd ?? startPage);
        const found = cited ? matchItems(layer.textContentItemsStr, passage) : [];
        for (const i of found) layer.textDivs[i]?.classList.add('cited');
        if (found.length) layer.textDivs[found[0]!]?.scrollIntoView({ block: 'center' });
        const ask = api().pageMarks;
        if (cited && !found.length && path && ask) {
          // A scan or a legacy font: the library finds the passage (an OCR'd page is read again: seconds).
          setState('locating');
          const located = await ask({ path, page, text: passage }).catch(() => null);
          if (!live) return;
          setMarks(located?.boxes ?? []);
          setState(located?.boxes.length ? 'marked' : 'unmarked');
          return;
        }
        setState(cited ? (found.length ? 'marked' : 'unmarked') : 'ready');
      } catch (error) {
        if (live && (error as Error)?.name !== 'RenderingCancelledException' && (error as Error)?.name !== 'AbortException') onFail((error as Error)?.message ?? String(error));
      }
    })();
    return () => {
      live = false;
      task?.cancel();
      layer?.cancel();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, page, zoom]);

  const total = doc?.numPages ?? 0;
  const go = (n: number) => {
    if (total && n >= 1 && n <= total) setPage(n);
    else setTyped(String(page));
  };

  return (
    <div className="pdf-view" data-state={state} data-page={page}>
      <div className="pdf-toolbar" role="toolbar" aria-label={t.pdfToolbar}>
        <button type="button" className="button button-small button-quiet" disabled={page <= 1} onClick={() => go(page - 1)} aria-label={t.prevPage}>
          ‹
        </button>
        <form
          className="page-form"
          onSubmit={(e) => {
            e.preventDefault();
            go(Number(typed));
          }}
        >
          <label htmlFor="pdf-page-input">{t.pageWord}</label>
          <input id="pdf-page-input" className="page-input" type="number" min={1} max={total || undefined} value={typed} onChange={(e) => setTyped(e.target.value)} onBlur={() => go(Number(typed))} />
          <span className="page-total">{total ? t.ofPages(total) : '…'}</span>
        </form>
        <button type="button" className="button button-small button-quiet" disabled={!total || page >= total} onClick={() => go(page + 1)} aria-label={t.nextPage}>
          ›
        </button>
        <span className="toolbar-gap" />
        <button type="button" className="button button-small button-quiet" onClick={() => setZoom((z) => Math.max(0.5, z / 1.25))} aria-label={t.zoomOut}>
          −
        </button>
        <span className="zoom-value">{Math.round(zoom * 100)}%</span>
        <button type="button" className="button button-small button-quiet" onClick={() => setZoom((z) => Math.min(4, z * 1.25))} aria-label={t.zoomIn}>
          +
        </button>
        {page !== startPage && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              go(startPage);
              document.getElementById('pdf-page-input')?.focus();
            }}
          >
            {t.backToCited(startPage)}
          </button>
        )}
      </div>
      <PassageMarkStatus state={state} />
      <div className="pdf-frame" ref={frameRef}>
        <div className="pdf-page" style={layerStyle}>
          <canvas ref={canvasRef} className="pdf-canvas" style={{ width: layerStyle.width, height: layerStyle.height }} aria-label={t.pdfPageAria(page)} role="img" />
          <div ref={marksRef} className="pdf-marks" aria-hidden="true">
            {marks.map(([left, top, right, bottom], i) => (
              <div key={i} className="pdf-mark" style={{ left: `${left * 100}%`, top: `${top * 100}%`, width: `${(right - left) * 100}%`, height: `${(bottom - top) * 100}%` }} />
            ))}
          </div>
          <div ref={textRef} className="textLayer" />
        </div>
      </div>
    </div>
  );
}
