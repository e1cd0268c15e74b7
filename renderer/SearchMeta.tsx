/**
 * Above the results: how many, how fast, in which mode, how the query was
 * understood (chips), and anything the user should know. Before a query: a
 * short introduction with example searches.
 */
import type { SearchResponse } from '../indexer/api';
import { useStrings } from './i18n';

const KEYWORD_ONLY = /^keyword search only/;

export function SearchMeta({ response, searching, error, query }: { response: SearchResponse | null; searching: boolean; error: string | null; query: string }) {
  const t = useStrings();
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
  if (parsed) {
    for (const p of parsed.phrases) chips.push({ key: `p:${p}`, label: t.chipPhrase, value: `“${p}”` });
    for (const p of parsed.prefixes) chips.push({ key: `x:${p}`, label: t.chipPrefix, value: `${p}*` });
    for (const e of parsed.excluded) chips.push({ key: `e:${e}`, label: t.chipExcluded, value: e });
    for (const f of parsed.filters) chips.push({ key: `f:${f.field}:${f.value}`, label: t.fieldNames[f.field] ?? f.field, value: f.from !== undefined && f.to !== undefined && f.from !== f.to ? `${f.from}–${f.to}` : f.value });
    if (parsed.anyOf) chips.push({ key: 'or', label: 'OR', value: t.chipAnyOf });
  }
  const notices = response.notices.filter((n) => !KEYWORD_ONLY.test(n));
  return (
    <div className="meta" aria-live="polite">
      <p className="meta-line">
        <span className="count">{t.resultCount(response.hits.length, response.tookMs)}</span>
        <span className={`mode mode-${response.mode}`} title={response.mode === 'keyword' ? t.modeKeywordNote : undefined}>
          {response.mode === 'hybrid' ? t.modeHybrid : t.modeKeyword}
        </span>
        {searching && <span className="muted">{t.searching}</span>}
      </p>
      {chips.length > 0 && (
        <p className="chips">
          <span className="muted">{t.understood}</span>
          {chips.map((c) => (
            <span key={c.key} className="chip">
              <span className="chip-label">{c.label}</span> {c.value}
            </span>
          ))}
        </p>
      )}
      {[...(parsed?.problems ?? []), ...notices].map((n) => (
        <p key={n} className="notice">
          {n}
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
