/**
 * A row of the document list a filter-only query shows ("every decision of
 * 2024 from the Sở"): the document's title, type, number, date, issuer and
 * validity as a hit shows them, and its file. Enter (or the title) opens the
 * document page; the viewer and the citation are a button away.
 */
import type { SearchHit } from '../indexer/api';
import { StatusBadge } from './Badges';
import { formatDate, typeName, useStrings } from './i18n';
import { fileName, OtherPaths, type HitActions } from './ResultCard';

export function BrowseRow({ hit, index, actions }: { hit: SearchHit; index: number; actions: HitActions }) {
  const t = useStrings();
  const titleId = `result-title-${index}`;
  const m = hit.metadata;
  const kind = m?.typeName ?? typeName(m?.type ?? null);
  const issuer = m?.issuerName ?? m?.issuer ?? null;
  return (
    <article
      className={`card result doc-row result-${hit.status}`}
      tabIndex={0}
      data-result-index={index}
      data-status={hit.status}
      data-date={m?.date ?? undefined}
      data-path={hit.path}
      data-document-id={hit.documentId}
      aria-labelledby={titleId}
      aria-keyshortcuts="Enter C B"
    >
      <div className="doc-row-main">
        <h3 id={titleId} className="result-title">
          <span className="visually-hidden">{t.resultAria(index + 1, '')}</span>
          <button type="button" className="link-button doc-row-title" tabIndex={-1} onClick={() => actions.onDocument(hit)}>
            {hit.title}
          </button>
        </h3>
        <div className="result-meta doc-row-meta">
          {kind && <span className="meta-item doc-type">{kind}</span>}
          {m?.number && <span className="meta-item doc-number">{t.numberWord(m.number)}</span>}
          {m?.date && <span className="meta-item doc-date">{formatDate(m.date)}</span>}
          {!m?.date && m?.year && <span className="meta-item doc-date">{m.year}</span>}
          {issuer && <span className="meta-item doc-issuer">{issuer}</span>}
          <StatusBadge status={hit.status} quiet />
        </div>
        <div className="doc-row-file">
          <span className={`format format-${hit.format}`}>{hit.format.toUpperCase()}</span>
          <span className="file-name" title={hit.path}>
            {fileName(hit.path)}
          </span>
          <OtherPaths paths={hit.otherPaths} />
        </div>
      </div>
      <div className="actions">
        <button type="button" className="button button-quiet button-small" onClick={() => actions.onOpen(hit, index)}>
          {t.open}
        </button>
        <button type="button" className="button button-quiet button-small" onClick={() => actions.onDocument(hit)} aria-keyshortcuts="Enter">
          {t.documentPage}
        </button>
        <button type="button" className="button button-small" onClick={() => actions.onCopy(hit)} aria-keyshortcuts="C">
          {t.copyCitation}
        </button>
      </div>
    </article>
  );
}
