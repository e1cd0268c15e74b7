/**
 * The result list: one card per hit (or, for a filter-only query, one row per
 * matching document), reachable with the arrow keys. Enter opens the focused
 * card in the viewer (a document row: its document page), C copies its
 * citation, B adds it to the citation basket, D opens its document page.
 * Below the list, "more results" fetches the next page and moves the focus to
 * its first hit.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { SearchHit } from '../indexer/api';
import { BrowseRow } from './BrowseRow';
import { useStrings } from './i18n';
import { ResultCard, type HitActions } from './ResultCard';
import { PAGE_SIZE, type Paging } from './use-search';

export type { HitActions } from './ResultCard';

export function focusResult(index: number): boolean {
  const cards = document.querySelectorAll<HTMLElement>('[data-result-index]');
  if (cards.length === 0) return false;
  const card = cards[Math.max(0, Math.min(index, cards.length - 1))]!;
  card.focus();
  card.scrollIntoView({ block: 'nearest' });
  return true;
}

interface ResultsProps extends HitActions {
  hits: SearchHit[];
  onLeaveTop(): void;
  /** The hits are matching documents (a filter-only query), not passages. */
  browse?: boolean;
  paging?: Paging;
}

export function Results({ hits, onLeaveTop, browse = false, paging, ...actions }: ResultsProps) {
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
      // Past the last hit: the "more results" button, when there is one.
      if (index === hits.length - 1) document.querySelector<HTMLElement>('.more-results-button')?.focus();
      else focusResult(index + 1);
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
      if (browse) actions.onDocument(hit);
      else actions.onOpen(hit, index);
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
    <>
      <ol className={browse ? 'results browse-list' : 'results'} aria-label={browse ? t.browseList : t.results} onKeyDown={onKeyDown}>
        {hits.map((hit, i) => (
          <li key={browse ? `d:${hit.documentId}` : hit.passageId}>
            {browse ? <BrowseRow hit={hit} index={i} actions={actions} /> : <ResultCard hit={hit} index={i} actions={actions} />}
          </li>
        ))}
      </ol>
      {paging && <MoreResults shown={hits.length} paging={paging} />}
    </>
  );
}

/** The "more results" button; once the next page is in, the focus goes to its first hit (keyboard users read on). */
function MoreResults({ shown, paging }: { shown: number; paging: Paging }) {
  const t = useStrings();
  const pending = useRef<number | null>(null);
  useEffect(() => {
    if (pending.current === null || paging.loadingMore) return;
    const first = pending.current;
    pending.current = null;
    if (shown > first) focusResult(first);
  }, [shown, paging.loadingMore]);
  if (!paging.hasMore) {
    return shown > PAGE_SIZE ? <p className="all-shown muted">{t.allShown}</p> : null;
  }
  return (
    <div className="more-results">
      <button
        type="button"
        className="button more-results-button"
        aria-busy={paging.loadingMore}
        disabled={paging.loadingMore}
        onClick={() => {
          pending.current = shown;
          paging.more();
        }}
      >
        {paging.loadingMore ? t.moreLoading : t.moreResults}
      </button>
    </div>
  );
}
