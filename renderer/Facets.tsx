/**
 * The filter column beside the results: document type, year (list and range),
 * issuer, folder and validity, each value with its count. A click adds the
 * field to the query (`loai:quyet-dinh`) — shown above the results as a chip
 * that takes it out again — and a second click on an active value removes it.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { FacetCount, QueryField, SearchHit, SearchResponse } from '../indexer/api';
import { useStrings } from './i18n';
import { addFilter, hasFilter, toggleFilter } from './query-edit';

const SHOWN = 6;

interface FacetsProps {
  response: SearchResponse;
  query: string;
  onQuery(query: string): void;
}

export function Facets({ response, query, onQuery }: FacetsProps) {
  const t = useStrings();
  const hits = response.hits;
  const years = [...response.facets.nam].sort((a, b) => Number(b.value) - Number(a.value));
  // Counted by the server over every matching document; older servers gave none, so count the hits then.
  const folders = response.facets.thumuc ?? folderFacet(hits);
  const validity = response.facets.hieuluc
    ? response.facets.hieuluc.map((f) => ({ ...f, label: t.validityFacet[f.value as keyof typeof t.validityFacet] ?? f.label }))
    : validityFacet(hits, t.validityFacet);
  return (
    <aside className="facets" aria-label={t.filtersTitle}>
      <h2 className="facets-title">{t.filtersTitle}</h2>
      <FacetGroup title={t.facetType} field="loai" values={response.facets.loai} query={query} onQuery={onQuery} />
      <FacetGroup title={t.facetYear} field="nam" values={years} query={query} onQuery={onQuery}>
        <YearRange query={query} onQuery={onQuery} />
      </FacetGroup>
      <FacetGroup title={t.facetIssuer} field="coquan" values={response.facets.coquan} query={query} onQuery={onQuery} />
      <FacetGroup title={t.facetFolder} field="thumuc" values={folders} query={query} onQuery={onQuery} />
      <FacetGroup title={t.facetValidity} field="hieuluc" values={validity} query={query} onQuery={onQuery} exclusive />
    </aside>
  );
}

interface GroupProps {
  title: string;
  field: QueryField;
  values: FacetCount[];
  query: string;
  onQuery(query: string): void;
  /** One value at a time (choosing one replaces the other). */
  exclusive?: boolean;
  children?: ReactNode;
}

function FacetGroup({ title, field, values, query, onQuery, exclusive, children }: GroupProps) {
  const t = useStrings();
  const headingId = useId();
  const [all, setAll] = useState(false);
  if (values.length === 0 && !children) return null;
  const shown = all ? values : values.slice(0, SHOWN);
  return (
    <section className="facet-group" aria-labelledby={headingId} data-field={field}>
      <h3 id={headingId}>{title}</h3>
      {values.length > 0 && (
        <ul className="facet-list">
          {shown.map((v) => {
            const active = hasFilter(query, field, v.value);
            return (
              <li key={v.value}>
                <button
                  type="button"
                  className="facet"
                  aria-pressed={active}
                  data-value={v.value}
                  onClick={() => onQuery(active || !exclusive ? toggleFilter(query, field, v.value) : addFilter(query, field, v.value, true))}
                >
                  <span className="facet-label">{v.label}</span>
                  <span className="facet-count" data-count={v.count} aria-label={t.facetCountAria(v.count)}>
                    {t.num(v.count)}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {values.length > SHOWN && (
        <button type="button" className="link-button" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? t.facetFewer : t.facetMore(values.length - SHOWN)}
        </button>
      )}
      {children}
    </section>
  );
}

function YearRange({ query, onQuery }: { query: string; onQuery(query: string): void }) {
  const t = useStrings();
  const fromId = useId();
  const toId = useId();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // The boxes follow the query: a new query shows its own year range (or none), never the previous one's.
  useEffect(() => {
    const range = yearRangeOf(query);
    setFrom(range?.[0] ?? '');
    setTo(range?.[1] ?? '');
  }, [query]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const a = Number(from) || Number(to);
    const b = Number(to) || Number(from);
    if (!a || !b) return;
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    onQuery(addFilter(query, 'nam', lo === hi ? String(lo) : `${lo}..${hi}`, true));
  };
  return (
    <form className="year-range" onSubmit={submit} aria-label={t.yearRange}>
      <label htmlFor={fromId} className="visually-hidden">
        {t.yearFrom}
      </label>
      <input id={fromId} type="number" inputMode="numeric" min={1945} max={2100} placeholder={t.yearFrom} value={from} onChange={(e) => setFrom(e.target.value)} />
      <span aria-hidden="true">–</span>
      <label htmlFor={toId} className="visually-hidden">
        {t.yearTo}
      </label>
      <input id={toId} type="number" inputMode="numeric" min={1945} max={2100} placeholder={t.yearTo} value={to} onChange={(e) => setTo(e.target.value)} />
      <button type="submit" className="button button-small" disabled={!from && !to}>
        {t.yearApply}
      </button>
    </form>
  );
}

/** The years of the query's `nam:` filter ("nam:2020..2023", "nam:2021"), if it has one. */
function yearRangeOf(query: string): [string, string] | null {
  const match = /(?:^|\s)nam:(\d{4})(?:\.\.(\d{4}))?(?=\s|$)/i.exec(query);
  return match ? [match[1]!, match[2] ?? match[1]!] : null;
}

/** Documents of the hits counted by the folder that holds them. */
export function folderFacet(hits: SearchHit[]): FacetCount[] {
  const byFolder = new Map<string, Set<string>>();
  for (const hit of hits) {
    const parts = hit.path.split(/[\\/]/);
    const folder = parts[parts.length - 2];
    if (!folder) continue;
    if (!byFolder.has(folder)) byFolder.set(folder, new Set());
    byFolder.get(folder)!.add(hit.documentId);
  }
  return [...byFolder].map(([value, docs]) => ({ value, label: value, count: docs.size })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** Documents of the hits in force / no longer in force. */
function validityFacet(hits: SearchHit[], labels: { con: string; het: string }): FacetCount[] {
  const con = new Set<string>();
  const het = new Set<string>();
  for (const hit of hits) {
    if (hit.status === 'in-force' || hit.status === 'amended') con.add(hit.documentId);
    else if (hit.status === 'replaced' || hit.status === 'expired') het.add(hit.documentId);
  }
  const out: FacetCount[] = [];
  if (con.size) out.push({ value: 'con', label: labels.con, count: con.size });
  if (het.size) out.push({ value: 'het', label: labels.het, count: het.size });
  return out;
}
