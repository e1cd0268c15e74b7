/**
 * The in-app viewer, opened from a hit (or a document page, or the basket):
 * the document itself — a PDF drawn by pdf.js at the cited page with the
 * passage marked, any other format as its indexed text scrolled to the
 * passage — beside the passage, its place and its citation. A modal dialog:
 * Tab stays inside, Escape closes and returns focus to where it came from.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DocumentFormat, SearchHit, ValidityStatus } from '../indexer/api';
import { OcrBadge, StatusBadge } from './Badges';
import { api } from './bridge';
import { useStrings } from './i18n';
import { Passage } from './Passage';
import { ImageView } from './ImageView';
import { PdfView } from './PdfView';
import { TextView } from './TextView';

/** What to show: a hit, or a document (optionally at a passage). */
export interface ViewTarget {
  path: string;
  title: string;
  format: DocumentFormat;
  page: number | null;
  pageEnd?: number | null;
  section?: string | null;
  passageId?: string | null;
  text?: string | null;
  highlights?: Array<[number, number]>;
  citation?: string | null;
  status?: ValidityStatus;
  ocr?: boolean;
  /** The search hit, when opened from one: it can go to the basket. */
  hit?: SearchHit | null;
}

export function targetOfHit(hit: SearchHit): ViewTarget {
  return { ...hit, hit };
}

interface ViewerProps {
  target: ViewTarget;
  onClose(): void;
  onCopy(citation: string): void;
  onBasket(hit: SearchHit): void;
  inBasket(hit: SearchHit): boolean;
  onDocument(path: string): void;
}

export function Viewer({ target, onClose, onCopy, onBasket, inBasket, onDocument }: ViewerProps) {
  const t = useStrings();
  const closeRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const [pdfFailed, setPdfFailed] = useState<string | null>(null);
  useEffect(() => closeRef.current?.focus(), [target]);
  useEffect(() => setPdfFailed(null), [target.path]);
  // Escape closes the viewer even when focus has left it (a button that went away, the page body).
  const closeRefFn = useRef(onClose);
  closeRefFn.current = onClose;
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented && !dialogRef.current?.contains(event.target as Node)) closeRefFn.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const bridge = api();
  const fileUrl = bridge.documentUrl?.(target.path, null) ?? null;
  const openUrl = bridge.documentUrl?.(target.path, target.format === 'pdf' ? target.page : null) ?? null;
  const bytes = bridge.documentBytes;
  const pdfSource = useMemo(() => fileUrl ?? (bytes ? () => bytes(target.path) : null), [fileUrl, bytes, target.path]);
  const asPdf = target.format === 'pdf' && pdfSource !== null && !pdfFailed;
  // Page images a browser draws (not TIFF): shown with the passage marked.
  const asImage = (target.format === 'jpg' || target.format === 'png' || target.format === 'bmp') && pdfSource !== null && !pdfFailed;
  const fileName = target.path.split(/[\\/]/).pop();
  const hit = target.hit ?? null;

  // Keep Tab inside the dialog; Escape closes it.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const focusable = [...dialogRef.current.querySelectorAll<HTMLElement>('button:not(:disabled), a[href], input, select, textarea, [tabindex="0"]')];
    if (focusable.length === 0) return;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialogRef} className="dialog viewer" role="dialog" aria-modal="true" aria-labelledby="viewer-title" onKeyDown={onKeyDown}>
        <div className="dialog-head">
          <div>
            <p className="eyebrow">
              {t.viewerTitle} · {target.format.toUpperCase()}
            </p>
            <h2 id="viewer-title">{target.title}</h2>
            <div className="result-meta">
              {target.status && <StatusBadge status={target.status} />}
              {target.ocr && <OcrBadge />}
              <span className="meta-item file-name" title={target.path}>
                {fileName}
              </span>
            </div>
          </div>
          <button ref={closeRef} type="button" className="icon-button" aria-label={t.close} onClick={onClose}>
            ×
          </button>
        </div>
        <div className="viewer-body">
          <div className="viewer-doc" aria-label={t.viewerDocument} role="region">
            {pdfFailed && <p className="notice">{t.pdfFailed(pdfFailed)}</p>}
            {asPdf ? (
              <PdfView source={pdfSource!} path={target.path} page={target.page ?? 1} pageEnd={target.pageEnd ?? target.page} passage={target.text ?? null} onFail={setPdfFailed} />
            ) : asImage ? (
              <ImageView source={pdfSource!} path={target.path} page={target.page ?? 1} passage={target.text ?? null} onFail={setPdfFailed} />
            ) : (
              <TextView path={target.path} passageId={target.passageId ?? null} passageText={target.text ?? null} page={target.page} highlights={target.highlights ?? []} />
            )}
          </div>
          <div className="viewer-side">
            {target.text && (
              <>
                <p className="eyebrow">{t.detailTitle}</p>
                <dl className="detail-meta">
                  {target.page !== null && (
                    <div>
                      <dt>{t.location}</dt>
                      <dd>{t.page(target.page, target.pageEnd ?? null)}</dd>
                    </div>
                  )}
                  {target.section && (
                    <div>
                      <dt>{t.section}</dt>
                      <dd>{target.section}</dd>
                    </div>
                  )}
                </dl>
                <Passage text={target.text} highlights={target.highlights ?? []} full className="passage passage-full passage-side" />
              </>
            )}
            {target.citation && (
              <div className="citation-box">
                <p className="eyebrow">{t.citation}</p>
                <p className="citation-text">{target.citation}</p>
              </div>
            )}
            <div className="dialog-actions viewer-actions">
              {target.citation && (
                <button type="button" className="button button-primary" onClick={() => onCopy(target.citation!)}>
                  {t.copyCitation}
                </button>
              )}
              {hit && (
                <button type="button" className="button" aria-pressed={inBasket(hit)} onClick={() => onBasket(hit)}>
                  {inBasket(hit) ? t.inBasket : t.addToBasket}
                </button>
              )}
              <button type="button" className="button button-quiet" onClick={() => onDocument(target.path)}>
                {t.documentPage}
              </button>
              {openUrl && (
                <a className="button button-quiet" href={openUrl} target="_blank" rel="noopener noreferrer">
                  {t.openDefaultApp}
                </a>
              )}
              {!openUrl && bridge.openDocument && (
                <button type="button" className="button button-quiet" onClick={() => void bridge.openDocument!(target.path)}>
                  {t.openDefaultApp}
                </button>
              )}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
