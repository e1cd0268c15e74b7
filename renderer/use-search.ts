/**
 * The search state: the query text (results as you type, debounced), the
 * sort order, one hit per article or per passage, and the latest response —
 * older answers never overwrite newer. "More results" fetches the next page
 * (`offset`) and appends it; a new query, sort or grouping starts again at
 * the first page.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SearchHit, SearchResponse, SearchSort } from '../indexer/api';
import { api } from './bridge';

const DEBOUNCE_MS = 200;

/** Hits per page: the first answer and every "more results". The API allows up to 100. */
export const PAGE_SIZE = 20;

/** `article`: one hit per article with its other passages folded in (the default); `passage`: every passage. */
export type Collapse = 'article' | 'passage';

/** What the "more results" button needs. */
export interface Paging {
  /** The answer says more hits match than are shown (or cannot say, and the last page was full). */
  hasMore: boolean;
  loadingMore: boolean;
  more(): void;
}

interface Run {
  text: string;
  sort: SearchSort;
  collapse: Collapse;
}

const COLLAPSE_KEY = 'kho.collapse';

function savedCollapse(): Collapse {
  try {
    return localStorage.getItem(COLLAPSE_KEY) === 'passage' ? 'passage' : 'article';
  } catch {
    return 'article';
  }
}

/** How many passages the hits show, their folded passages included. */
export function shownPassages(hits: SearchHit[]): number {
  return hits.reduce((n, hit) => n + 1 + (hit.morePassages?.length ?? 0), 0);
}

/** Hits of `page` not already shown (by passage, folded passages included; in a document list by document). */
export function freshHits(shown: SearchHit[], page: SearchHit[], browse: boolean): SearchHit[] {
  const seen = new Set<string>();
  for (const hit of shown) {
    seen.add(browse ? hit.documentId : hit.passageId);
    for (const p of hit.morePassages ?? []) seen.add(p.passageId);
  }
  return page.filter((hit) => {
    const key = browse ? hit.documentId : hit.passageId;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Does the answer say there is more to fetch? Without exact totals (an older server, or counting
 * stopped at its cap) a full last page says maybe.
 */
function moreToFetch(response: SearchResponse, lastPageFull: boolean): boolean {
  if (!lastPageFull) return false;
  const total = response.total;
  if (!total?.exact) return true;
  return response.browse ? response.hits.length < total.documents : shownPassages(response.hits) < total.passages;
}

export function useSearch(disabled: boolean, describe: (error: unknown) => string) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SearchSort>('relevance');
  const [collapse, setCollapseState] = useState<Collapse>(savedCollapse);
  const [response, setResponse] = useState<SearchResponse | null>(null);
  const [answeredSort, setAnsweredSort] = useState<SearchSort>('relevance');
  const [searching, setSearching] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [lastPageFull, setLastPageFull] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const lastRun = useRef<Run>({ text: '', sort: 'relevance', collapse: 'article' });
  /** Where the next page starts: hits received so far (before dropping repeats). */
  const nextOffset = useRef(0);
  const responseRef = useRef<SearchResponse | null>(null);
  responseRef.current = response;
  const moreBusy = useRef(false);
  const describeRef = useRef(describe);
  describeRef.current = describe;
  const settings = useRef({ sort, collapse });
  settings.current = { sort, collapse };

  const run = useCallback(async (text: string, order: SearchSort, grouping: Collapse) => {
    const id = ++seq.current;
    lastRun.current = { text, sort: order, collapse: grouping };
    moreBusy.current = false;
    setLoadingMore(false);
    if (!text.trim()) {
      setResponse(null);
      setSearching(false);
      setError(null);
      return;
    }
    setSearching(true);
    try {
      // Relevance is the default: left out, a filter-only query gets the server's own default order (by date).
      const result = await api().search({ query: text, limit: PAGE_SIZE, offset: 0, collapse: grouping, ...(order === 'relevance' ? {} : { sort: order }) });
      if (id !== seq.current) return;
      nextOffset.current = result.hits.length;
      setLastPageFull(result.hits.length >= PAGE_SIZE);
      setResponse(result);
      setAnsweredSort(order);
      setError(null);
    } catch (e) {
      if (id === seq.current) setError(describeRef.current(e));
    } finally {
      if (id === seq.current) setSearching(false);
    }
  }, []);

  const more = useCallback(async () => {
    const first = responseRef.current;
    if (!first || moreBusy.current) return;
    const id = seq.current;
    const { text, sort: order, collapse: grouping } = lastRun.current;
    moreBusy.current = true;
    setLoadingMore(true);
    try {
      const offset = nextOffset.current;
      const page = await api().search({ query: text, limit: PAGE_SIZE, offset, collapse: grouping, ...(order === 'relevance' ? {} : { sort: order }) });
      if (id !== seq.current) return;
      nextOffset.current = offset + page.hits.length;
      const current = responseRef.current ?? first;
      const fresh = freshHits(current.hits, page.hits, !!current.browse);
      // A server that ignores `offset` answers the first page again: nothing new means nothing more.
      setLastPageFull(page.hits.length >= PAGE_SIZE && fresh.length > 0);
      setResponse({ ...current, hits: [...current.hits, ...fresh], total: page.total ?? current.total });
      setError(null);
    } catch (e) {
      if (id === seq.current) setError(describeRef.current(e));
    } finally {
      if (id === seq.current) {
        moreBusy.current = false;
        setLoadingMore(false);
      }
    }
  }, []);

  // Results as you type; a new sort order or grouping at once.
  useEffect(() => {
    const last = lastRun.current;
    if (disabled || (query === last.text && sort === last.sort && collapse === last.collapse)) return;
    const timer = setTimeout(() => void run(query, sort, collapse), query === last.text ? 0 : DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, sort, collapse, run, disabled]);

  const setCollapse = useCallback((value: Collapse) => {
    setCollapseState(value);
    try {
      localStorage.setItem(COLLAPSE_KEY, value);
    } catch {
      /* storage unavailable: the choice lasts for this window only */
    }
  }, []);

  const runNow = useCallback((text: string) => void run(text, settings.current.sort, settings.current.collapse), [run]);
  const rerun = useCallback(() => {
    const last = lastRun.current;
    if (last.text.trim()) void run(last.text, last.sort, last.collapse);
  }, [run]);

  const paging = useMemo<Paging>(
    () => ({ hasMore: !!response && moreToFetch(response, lastPageFull), loadingMore, more: () => void more() }),
    [response, lastPageFull, loadingMore, more],
  );

  // A new order or grouping is asked for at once, but the run starts on the next tick:
  // until then the answer on screen is already stale, so say busy from this render on.
  const last = lastRun.current;
  const regrouping = !disabled && !!query.trim() && query === last.text && (sort !== last.sort || collapse !== last.collapse);
  const busy = searching || regrouping;
  return useMemo(
    () => ({ query, setQuery, sort, setSort, collapse, setCollapse, response, answeredSort, searching: busy, error, runNow, rerun, paging }),
    [query, sort, collapse, setCollapse, response, answeredSort, busy, error, runNow, rerun, paging],
  );
}
