/**
 * Above the results: how much matches (passages and documents, the range
 * shown), how fast, in which mode, the order and grouping, how the query was
 * understood (chips), and anything the user should know (partial matches
 * first). Before a query: a short introduction with example searches.
 */
import { useId } from 'react';
import type { QueryFilter, SearchFacets, SearchResponse, SearchSort } from '../indexer/api';
import { useStrings, type Strings } from './i18n';
import { foldValue, removeFilter } from './query-edit';
import type { Collapse } from './use-search';

interface SearchMetaProps {
  response: SearchResponse | null;
  searching: boolean;
  error: string | null;
  query: string;
  sort: SearchSort;
  onSort(sort: SearchSort): void;
  onQuery(query: string): void;
  /** One hit per article (default) or per passage; the checkbox shows only when given. */
  collapse?: Collapse;
  onCollapse?(collapse: Collapse): void;
}

/** "1.234 đoạn trong 120 văn bản · đang hiện 1–20", or the hit count from a server without totals. */
function countLine(response: SearchResponse, t: Strings): string {
  const shown = response.hits.length;
  const total = response.total;
  if (!total) return t.resultCount(shown, response.tookMs);
  const what = response.browse ? t.totalDocuments(total.documents, total.exact) : t.totalPassages(total.passages, total.documents, total.exact);
  const range = shown > 0 ? ` · ${t.shownRange(1, shown)}` : '';
  return `${what}${range} · ${t.took(response.tookMs)}`;
}

/** A filter as the user would write it: the facet's label when there is one, else the value. */
function filterLabel(filter: QueryFilter, facets: SearchFacets | undefined): string {
  if (filter.from !== undefined && filter.to !== undefined && filter.from !== filter.to) return `${filter.from}–${filter.to}`;
  const list = filter.field === 'loai' || filter.field === 'coquan' || filter.field === 'nam' ? facets?.[filter.field] : undefined;
  return list?.find((f) => foldValue(f.value) === foldValue(filter.value))?.label ?? filter.value;
}

export function SearchMeta({ response, searching, error, query, sort, onSort, onQuery, collapse, onCollapse }: SearchMetaProps) {
  const t = useStrings();
  const sortId = useId();
  const collapseId = useId();
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
  const browse = !!response.browse;
  return (
    <div className="meta" aria-live="polite">
      <p className="meta-line">
        <span className="count" data-passages={response.total?.passages} data-documents={response.total?.documents} data-exact={response.total?.exact}>
          {countLine(response, t)}
        </span>
        <span className={`mode mode-${response.mode}`} title={response.mode === 'keyword' ? t.modeKeywordNote : undefined}>
          {response.mode === 'hybrid' ? t.modeHybrid : t.modeKeyword}
        </span>
        {searching && <span className="muted">{t.searching}</span>}
        <span className="view-options">
          {collapse && onCollapse && !browse && (
            <span className="collapse-option" title={t.collapseTitle}>
              <input id={collapseId} type="checkbox" checked={collapse === 'article'} onChange={(e) => onCollapse(e.target.checked ? 'article' : 'passage')} />
              <label htmlFor={collapseId}>{t.collapseLabel}</label>
            </span>
          )}
          <span className="sort">
            <label htmlFor={sortId}>{t.sortLabel}</label>
            {/* A document list has no relevance: it comes newest first unless another order is chosen. */}
            <select id={sortId} value={browse && sort === 'relevance' ? 'date' : sort} onChange={(e) => onSort(e.target.value as SearchSort)}>
              {!browse && <option value="relevance">{t.sortRelevance}</option>}
              <option value="date">{t.sortDate}</option>
              <option value="number">{t.sortNumber}</option>
              <option value="title">{t.sortTitle}</option>
            </select>
          </span>
        </span>
      </p>
      {response.partial && response.hits.length > 0 && (
        <p className="notice notice-partial" data-code="search.partial">
          {t.partialNotice}
        </p>
      )}
      {browse && (
        <p className="browse-note muted">
          {t.browseNote}
        </p>
      )}
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
