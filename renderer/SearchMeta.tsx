/**
 * Above the results: how many, how fast, in which mode, how the query was
 * understood (chips), and anything the user should know. Before a query: a
 * short introduction with example searches.
 */
import { useId } from 'react';
import type { QueryFilter, SearchFacets, SearchResponse } from '../indexer/api';
import { useStrings } from './i18n';
import { foldValue, removeFilter } from './query-edit';

export type SortOrder = 'relevance' | 'date';

interface SearchMetaProps {
  response: SearchResponse | null;
  searching: boolean;
  error: string | null;
  query: string;
  sort: SortOrder;
  onSort(sort: SortOrder): void;
  onQuery(query: string): void;
}

/** A filter as the user would write it: the facet's label when there is one, else the value. */
function filterLabel(filter: QueryFilter, facets: SearchFacets | undefined): string {
  if (filter.from !== undefined && filter.to !== undefined && filter.from !== filter.to) return `${filter.from}–${filter.to}`;
  const list = filter.field === 'loai' || filter.field === 'coquan' || filter.field === 'nam' ? facets?.[filter.field] : undefined;
  return list?.find((f) => foldValue(f.value) === foldValue(filter.value))?.label ?? filter.value;
}

export function SearchMeta({ response, searching, error, query, sort, onSort, onQuery }: SearchMetaProps) {
  const t = useStrings();
  const sortId = useId();
  if (error) {
    return (
      <div className="card alert" role="alert">
        {error}
      </div>
    );
  }
  if (!response) return <p className="meta-line muted">{searching ? t.searching : ''}</p>;
  const parsed = response.parsed;
  const chips: Array<{ key: string; label: string; value: string }> = [];
  const filters = parsed?.filters ?? [];
  if (parsed) {
    for (const p of parsed.phrases) chips.push({ key: `p:${p}`, label: t.chipPhrase, value: `“${p}”` });
    for (const p of parsed.prefixes) chips.push({ key: `x:${p}`, label: t.chipPrefix, value: `${p}*` });
    for (const e of parsed.excluded) chips.push({ key: `e:${e}`, label: t.chipExcluded, value: e });
    if (parsed.anyOf) chips.push({ key: 'or', label: 'OR', value: t.chipAnyOf });
  }
  // Keyword-only search is shown by the mode badge; the notice would say it twice.
  const notices = response.notices.filter((n) => n.code !== 'search.keywordOnly');
  return (
    <div className="meta" aria-live="polite">
      <p className="meta-line">
        <span className="count">{t.resultCount(response.hits.length, response.tookMs)}</span>
        <span className={`mode mode-${response.mode}`} title={response.mode === 'keyword' ? t.modeKeywordNote : undefined}>
          {response.mode === 'hybrid' ? t.modeHybrid : t.modeKeyword}
        </span>
        {searching && <span className="muted">{t.searching}</span>}
        <span className="sort">
          <label htmlFor={sortId}>{t.sortLabel}</label>
          <select id={sortId} value={sort} onChange={(e) => onSort(e.target.value as SortOrder)}>
            <option value="relevance">{t.sortRelevance}</option>
            <option value="date">{t.sortDate}</option>
          </select>
        </span>
      </p>
      {(chips.length > 0 || filters.length > 0) && (
        <p className="chips">
          <span className="muted">{t.understood}</span>
          {filters.map((f) => {
            const label = t.fieldNames[f.field] ?? f.field;
            const value = filterLabel(f, response.facets);
            return (
              <span key={`f:${f.field}:${f.value}`} className="chip chip-filter" data-field={f.field}>
                <span className="chip-label">{label}</span> {value}
                <button type="button" className="chip-remove" aria-label={t.removeFilter(label, value)} onClick={() => onQuery(removeFilter(query, f))}>
                  ×
                </button>
              </span>
            );
          })}
          {chips.map((c) => (
            <span key={c.key} className="chip">
              <span className="chip-label">{c.label}</span> {c.value}
            </span>
          ))}
        </p>
      )}
      {[...(parsed?.problems ?? []), ...notices].map((n, i) => (
        <p key={`${i}:${n.code}`} className="notice" data-code={n.code}>
          {t.message(n)}
        </p>
      ))}
      {response.hits.length === 0 && !searching && (
        <div className="card empty">
          <p>
            <strong>{t.noResults(query.trim())}</strong>
          </p>
          <p className="hint">{t.noResultsHint}</p>
        </div>
      )}
    </div>
  );
}

export function StartPanel({ onExample }: { onExample(text: string): void }) {
  const t = useStrings();
  return (
    <section className="start" aria-labelledby="start-title">
      <h2 id="start-title">{t.startTitle}</h2>
      <p>{t.startBody}</p>
      <p className="examples">
        <span className="muted">{t.startExamples}</span>
        {t.examples.map((e) => (
          <button key={e} type="button" className="chip chip-button" onClick={() => onExample(e)}>
            {e}
          </button>
        ))}
      </p>
    </section>
  );
}
