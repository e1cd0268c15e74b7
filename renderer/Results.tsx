/**
 * The result list: one card per hit, reachable with the arrow keys.
 * Enter opens the focused card, C copies its citation.
 */
import { useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../indexer/api';
import { useStrings } from './i18n';
import { isTruncated, Passage } from './Passage';

export function focusResult(index: number): boolean {
  const cards = document.querySelectorAll<HTMLElement>('[data-result-index]');
  if (cards.length === 0) return false;
  const card = cards[Math.max(0, Math.min(index, cards.length - 1))]!;
  card.focus();
  card.scrollIntoView({ block: 'nearest' });
  return true;
}

interface ResultsProps {
  hits: SearchHit[];
  onOpen(hit: SearchHit, index: number): void;
  onCopy(hit: SearchHit): void;
  onLeaveTop(): void;
}

export function Results({ hits, onOpen, onCopy, onLeaveTop }: ResultsProps) {
  const t = useStrings();
  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    const card = (event.target as HTMLElement).closest<HTMLElement>('[data-result-index]');
    if (!card) return;
    const index = Number(card.dataset.resultIndex);
    const onCard = event.target === card;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusResult(index + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index === 0) onLeaveTop();
      else focusResult(index - 1);
    } else if (event.key === 'Home' && onCard) {
      event.preventDefault();
      focusResult(0);
    } else if (event.key === 'End' && onCard) {
      event.preventDefault();
      focusResult(hits.length - 1);
    } else if (event.key === 'Enter' && onCard) {
      event.preventDefault();
      onOpen(hits[index]!, index);
    } else if (onCard && !event.altKey && !event.metaKey && (event.key === 'c' || event.key === 'C') && (!event.ctrlKey || !window.getSelection()?.toString())) {
      event.preventDefault();
      onCopy(hits[index]!);
    }
  };
  return (
    <ol className="results" aria-label={t.results} onKeyDown={onKeyDown}>
      {hits.map((hit, i) => (
        <li key={hit.passageId}>
          <ResultCard hit={hit} index={i} onOpen={() => onOpen(hit, i)} onCopy={() => onCopy(hit)} />
        </li>
      ))}
    </ol>
  );
}

function ResultCard({ hit, index, onOpen, onCopy }: { hit: SearchHit; index: number; onOpen(): void; onCopy(): void }) {
  const t = useStrings();
  const [full, setFull] = useState(false);
  const titleId = `result-title-${index}`;
  const truncated = isTruncated(hit.text, hit.highlights);
  return (
    <article className="card result" tabIndex={0} data-result-index={index} aria-labelledby={titleId}>
      <header className="result-head">
        <h3 id={titleId} className="result-title">
          <span className="visually-hidden">{t.resultAria(index + 1, '')}</span>
          {hit.title}
        </h3>
        <div className="result-meta">
          <span className={`format format-${hit.format}`}>{hit.format.toUpperCase()}</span>
          {hit.page !== null && <span className="meta-item">{t.page(hit.page, hit.pageEnd)}</span>}
          {hit.section && <span className="meta-item section">{hit.section}</span>}
          <span className="meta-item file-name" title={hit.path}>
            {hit.path.split(/[\\/]/).pop()}
          </span>
        </div>
      </header>
      <Passage text={hit.text} highlights={hit.highlights} full={full} />
      <footer className="result-foot">
        <div className="badges">
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
          {truncated && (
            <button type="button" className="link-button" aria-expanded={full} onClick={() => setFull(!full)}>
              {full ? t.showLess : t.showMore}
            </button>
          )}
        </div>
        <div className="actions">
          <button type="button" className="button button-quiet" onClick={onOpen}>
            {t.open}
          </button>
          <button type="button" className="button" onClick={onCopy} aria-keyshortcuts="C">
            {t.copyCitation}
          </button>
        </div>
      </footer>
    </article>
  );
}
