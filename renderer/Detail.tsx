/**
 * An opened hit: the whole passage with its matches marked, where it is
 * (page, section, file), the citation, and — where the transport can — a link
 * that opens the original document at the cited page.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { SearchHit } from '../indexer/api';
import { api } from './bridge';
import { useStrings } from './i18n';
import { Passage } from './Passage';

export function Detail({ hit, onClose, onCopy }: { hit: SearchHit; onClose(): void; onCopy(hit: SearchHit): void }) {
  const t = useStrings();
  const closeRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  useEffect(() => closeRef.current?.focus(), [hit]);
  const url = api().documentUrl?.(hit.path, hit.format === 'pdf' ? hit.page : null);
  const fileName = hit.path.split(/[\\/]/).pop();

  // Keep Tab inside the dialog; Escape closes it.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const focusable = [...dialogRef.current.querySelectorAll<HTMLElement>('button, a[href]')];
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
      <div ref={dialogRef} className="dialog" role="dialog" aria-modal="true" aria-labelledby="detail-title" onKeyDown={onKeyDown}>
        <div className="dialog-head">
          <div>
            <p className="eyebrow">{t.detailTitle}</p>
            <h2 id="detail-title">{hit.title}</h2>
          </div>
          <button ref={closeRef} type="button" className="icon-button" aria-label={t.close} onClick={onClose}>
            ×
          </button>
        </div>
        <dl className="detail-meta">
          {hit.page !== null && (
            <div>
              <dt>{t.location}</dt>
              <dd>{t.page(hit.page, hit.pageEnd)}</dd>
            </div>
          )}
          {hit.section && (
            <div>
              <dt>{t.section}</dt>
              <dd>{hit.section}</dd>
            </div>
          )}
          <div>
            <dt>{t.file}</dt>
            <dd title={hit.path}>{fileName}</dd>
          </div>
        </dl>
        <Passage text={hit.text} highlights={hit.highlights} full className="passage passage-full" />
        <div className="citation-box">
          <p className="eyebrow">{t.citation}</p>
          <p className="citation-text">{hit.citation}</p>
        </div>
        <div className="dialog-actions">
          {url && (
            <a className="button button-quiet" href={url} target="_blank" rel="noopener noreferrer">
              {hit.format === 'pdf' && hit.page ? t.openOriginalPage(hit.page) : t.openOriginal}
            </a>
          )}
          <button type="button" className="button button-primary" onClick={() => onCopy(hit)}>
            {t.copyCitation}
          </button>
        </div>
      </div>
    </div>
  );
}
