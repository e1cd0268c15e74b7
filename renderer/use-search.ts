/**
 * The search state: the query text (results as you type, debounced), the
 * sort order, and the latest response — older answers never overwrite newer.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SearchResponse } from '../indexer/api';
import { api } from './bridge';
import type { SortOrder } from './SearchMeta';

const DEBOUNCE_MS = 200;
const RESULT_LIMIT = 20;

export function useSearch(disabled: boolean, describe: (error: unknown) => string) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortOrder>('relevance');
  const [response, setResponse] = useState<SearchResponse | null>(null);
  const [answeredSort, setAnsweredSort] = useState<SortOrder>('relevance');
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const lastRun = useRef({ text: '', sort: 'relevance' as SortOrder });
  const describeRef = useRef(describe);
  describeRef.current = describe;
  const sortRef = useRef(sort);
  sortRef.current = sort;

  const run = useCallback(async (text: string, order: SortOrder) => {
    const id = ++seq.current;
    lastRun.current = { text, sort: order };
    if (!text.trim()) {
      setResponse(null);
      setSearching(false);
      setError(null);
      return;
    }
    setSearching(true);
    try {
      const result = await api().search({ query: text, limit: RESULT_LIMIT, sort: order });
      if (id !== seq.current) return;
      setResponse(result);
      setAnsweredSort(order);
      setError(null);
    } catch (e) {
      if (id === seq.current) setError(describeRef.current(e));
    } finally {
      if (id === seq.current) setSearching(false);
    }
  }, []);

  // Results as you type; a new sort order at once.
  useEffect(() => {
    if (disabled || (query === lastRun.current.text && sort === lastRun.current.sort)) return;
    const timer = setTimeout(() => void run(query, sort), query === lastRun.current.text ? 0 : DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, sort, run, disabled]);

  const runNow = useCallback((text: string) => void run(text, sortRef.current), [run]);
  const rerun = useCallback(() => {
    if (lastRun.current.text.trim()) void run(lastRun.current.text, lastRun.current.sort);
  }, [run]);

  return useMemo(
    () => ({ query, setQuery, sort, setSort, response, answeredSort, searching, error, runNow, rerun }),
    [query, sort, response, answeredSort, searching, error, runNow, rerun],
  );
}
