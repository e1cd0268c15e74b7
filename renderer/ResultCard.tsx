/**
 * One hit as a card: title, format, validity, page and section, the passage
 * with its matched words marked, why it matched, other places holding the
 * same file, the other passages of its article (folded), and its actions.
 */
import { useState } from 'react';
import type { SearchHit } from '../indexer/api';
import { StatusBadge } from './Badges';
import { useStrings } from './i18n';
import { MorePassages } from './MorePassages';
import { isTruncated, Passage } from './Passage';

/** What a hit's buttons and keys do (App wires them to the viewer, clipboard, basket and document page). */
export interface HitActions {
  onOpen(hit: SearchHit, index: number): void;
  onCopy(hit: SearchHit): void;
  onBasket(hit: SearchHit): void;
  onDocument(hit: SearchHit): void;
  inBasket(hit: SearchHit): boolean;
}

/** The distinct words the passage matched, as they are written there. */
export function matchedWords(hit: Pick<SearchHit, 'text' | 'highlights'>): string[] {
  const seen = new Map<string, string>();
  for (const [s, e] of hit.highlights) {
    const word = hit.text.slice(s, e).replace(/\s+/g, ' ').trim();
    const key = word.toLowerCase();
    if (word && !seen.has(key)) seen.set(key, word);
  }
  return [...seen.values()].slice(0, 6);
}

export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The passage was read from a page image: say so in words, not just "OCR". */
export function OcrMark() {
  const t = useStrings();
  return (
    <span className="badge badge-ocr ocr-mark" title={t.ocrTitle}>
      {t.ocrHitMark}
    </span>
  );
}

/** "Also at: a.doc, b/a.docx" — identical copies of the hit's file, shown once. */
export function OtherPaths({ paths }: { paths: string[] | undefined }) {
  const t = useStrings();
  if (!paths?.length) return null;
  return (
    <p className="other-paths">
      <span className="other-paths-label">{t.otherPaths}</span>{' '}
      {paths.map((p, i) => (
        <span key={p} className="other-path" title={p} data-path={p}>
          {fileName(p)}
          {i < paths.length - 1 ? ', ' : ''}
        </span>
      ))}
    </p>
  );
}

export function ResultCard({ hit, index, actions }: { hit: SearchHit; index: number; actions: HitActions }) {
  const t = useStrings();
  const [full, setFull] = useState(false);
  const titleId = `result-title-${index}`;
  const truncated = isTruncated(hit.text, hit.highlights);
  const words = matchedWords(hit);
  const inBasket = actions.inBasket(hit);
  return (
    <article
      className={`card result result-${hit.status}`}
      tabIndex={0}
      data-result-index={index}
      data-status={hit.status}
      data-date={hit.metadata?.date ?? undefined}
      data-path={hit.path}
      data-passage-id={hit.passageId}
      data-ocr={hit.ocr || undefined}
      data-more={hit.morePassages?.length || undefined}
      aria-labelledby={titleId}
      aria-keyshortcuts="Enter C B D"
    >
      <header className="result-head">
        <h3 id={titleId} className="result-title">
          <span className="visually-hidden">{t.resultAria(index + 1, '')}</span>
          {hit.title}
        </h3>
        <div className="result-meta">
          <span className={`format format-${hit.format}`}>{hit.format.toUpperCase()}</span>
          <StatusBadge status={hit.status} quiet onOpen={() => actions.onDocument(hit)} />
          {hit.ocr && <OcrMark />}
          {hit.page !== null && <span className="meta-item">{t.page(hit.page, hit.pageEnd)}</span>}
          {hit.section && <span className="meta-item section">{hit.section}</span>}
          <span className="meta-item file-name" title={hit.path}>
            {fileName(hit.path)}
          </span>
        </div>
      </header>
      <OtherPaths paths={hit.otherPaths} />
      <Passage text={hit.text} highlights={hit.highlights} full={full} />
      <footer className="result-foot">
        <div className="badges why" aria-label={t.whyMatched}>
          <span className="why-label">{t.whyMatched}:</span>
          {hit.keywordRank !== null && (
            <span className="badge badge-keyword" title={t.badgeKeywordTitle}>
              {t.badgeKeyword(hit.keywordRank)}
            </span>
          )}
          {hit.vectorRank !== null && (
            <span className="badge badge-semantic" title={t.badgeSemanticTitle}>
              {t.badgeSemantic(hit.vectorRank)}
            </span>
          )}
          {words.length > 0 && <span className="why-words">{t.matchedWords(words.join(', '))}</span>}
          {truncated && (
            <button type="button" className="link-button" aria-expanded={full} onClick={() => setFull(!full)}>
              {full ? t.showLess : t.showMore}
            </button>
          )}
        </div>
        <div className="actions">
          <button type="button" className="button button-quiet" onClick={() => actions.onOpen(hit, index)} aria-keyshortcuts="Enter">
            {t.open}
          </button>
          <button type="button" className="button button-quiet" onClick={() => actions.onDocument(hit)} aria-keyshortcuts="D">
            {t.documentPage}
          </button>
          <button type="button" className="button button-quiet basket-add" aria-pressed={inBasket} onClick={() => actions.onBasket(hit)} aria-keyshortcuts="B">
            {inBasket ? t.inBasket : t.addToBasket}
          </button>
          <button type="button" className="button" onClick={() => actions.onCopy(hit)} aria-keyshortcuts="C">
            {t.copyCitation}
          </button>
        </div>
      </footer>
      <MorePassages hit={hit} index={index} actions={actions} />
    </article>
  );
}
