/**
 * The result list: one card per hit, reachable with the arrow keys.
 * Enter opens the focused card in the viewer, C copies its citation, B adds
 * it to the citation basket, D opens its document page.
 */
import { useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../indexer/api';
import { OcrBadge, StatusBadge } from './Badges';
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

export interface HitActions {
  onOpen(hit: SearchHit, index: number): void;
  onCopy(hit: SearchHit): void;
  onBasket(hit: SearchHit): void;
  onDocument(hit: SearchHit): void;
  inBasket(hit: SearchHit): boolean;
}

interface ResultsProps extends HitActions {
  hits: SearchHit[];
  onLeaveTop(): void;
}

export function Results({ hits, onLeaveTop, ...actions }: ResultsProps) {
  const t = useStrings();
  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    const card = (event.target as HTMLElement).closest<HTMLElement>('[data-result-index]');
    if (!card) return;
    const index = Number(card.dataset.resultIndex);
    const hit = hits[index]!;
    const onCard = event.target === card;
    const plain = onCard && !event.altKey && !event.metaKey;
    const key = event.key.toLowerCase();
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
      actions.onOpen(hit, index);
    } else if (plain && key === 'c' && (!event.ctrlKey || !window.getSelection()?.toString())) {
      event.preventDefault();
      actions.onCopy(hit);
    } else if (plain && !event.ctrlKey && key === 'b') {
      event.preventDefault();
      actions.onBasket(hit);
    } else if (plain && !event.ctrlKey && key === 'd') {
      event.preventDefault();
      actions.onDocument(hit);
    }
  };
  return (
    <ol className="results" aria-label={t.results} onKeyDown={onKeyDown}>
      {hits.map((hit, i) => (
        <li key={hit.passageId}>
          <ResultCard hit={hit} index={i} actions={actions} />
        </li>
      ))}
    </ol>
  );
}

/** The distinct words the passage matched, as they are written there. */
function matchedWords(hit: SearchHit): string[] {
  const seen = new Map<string, string>();
  for (const [s, e] of hit.highlights) {
    const word = hit.text.slice(s, e).replace(/\s+/g, ' ').trim();
    const key = word.toLowerCase();
    if (word && !seen.has(key)) seen.set(key, word);
  }
  return [...seen.values()].slice(0, 6);
}

function ResultCard({ hit, index, actions }: { hit: SearchHit; index: number; actions: HitActions }) {
  const t = useStrings();
  const [full, setFull] = useState(false);
  const titleId = `result-title-${index}`;
  const truncated = isTruncated(hit.text, hit.highlights);
  const words = matchedWords(hit);
  const inBasket = actions.inBasket(hit);
  return (
    <article className={`card result result-${hit.status}`} tabIndex={0} data-result-index={index} data-status={hit.status} data-date={hit.metadata?.date ?? undefined} data-path={hit.path} aria-labelledby={titleId} aria-keyshortcuts="Enter C B D">
      <header className="result-head">
        <h3 id={titleId} className="result-title">
          <span className="visually-hidden">{t.resultAria(index + 1, '')}</span>
          {hit.title}
        </h3>
        <div className="result-meta">
          <span className={`format format-${hit.format}`}>{hit.format.toUpperCase()}</span>
          <StatusBadge status={hit.status} quiet />
          {hit.ocr && <OcrBadge />}
          {hit.page !== null && <span className="meta-item">{t.page(hit.page, hit.pageEnd)}</span>}
          {hit.section && <span className="meta-item section">{hit.section}</span>}
          <span className="meta-item file-name" title={hit.path}>
            {hit.path.split(/[\\/]/).pop()}
          </span>
        </div>
      </header>
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
    </article>
  );
}
