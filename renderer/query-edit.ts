/**
 * Editing the query text from the UI: a facet click appends `field:value`, a
 * chip's × takes its token out again. The query stays the one source of truth
 * (what the user sees in the box is what is searched).
 */
import type { QueryField, QueryFilter } from '../indexer/api';
import { foldValue as foldFilterValue } from '../indexer/common/fold';
import { QUERY_FIELDS } from '../indexer/common/query-fields';

const FIELD_TOKEN = new RegExp(`(^|\\s)(${QUERY_FIELDS.join('|')}):("[^"]*"?|\\S+)`, 'gi');

/** A value as the parser keeps it (accent- and case-free, dashes as spaces), a quoted token's quotes dropped. */
export function foldValue(text: string): string {
  return foldFilterValue(text.replace(/^"|"$/g, ''));
}

/** The `field:value` token for a value: quoted when it holds spaces. */
export function filterToken(field: QueryField, value: string): string {
  return /\s/.test(value) ? `${field}:"${value.replace(/"/g, '')}"` : `${field}:${value}`;
}

interface Token {
  field: string;
  value: string;
  start: number;
  end: number;
}

function tokens(query: string): Token[] {
  const out: Token[] = [];
  for (const m of query.matchAll(FIELD_TOKEN)) {
    const start = m.index + m[1]!.length;
    out.push({ field: m[2]!.toLowerCase(), value: m[3]!, start, end: m.index + m[0].length });
  }
  return out;
}

function cut(query: string, token: Token): string {
  return (query.slice(0, token.start) + query.slice(token.end)).replace(/\s{2,}/g, ' ').trim();
}

/** Is `field:value` already in the query? */
export function hasFilter(query: string, field: QueryField, value: string): boolean {
  const folded = foldValue(value);
  return tokens(query).some((t) => t.field === field && foldValue(t.value) === folded);
}

/**
 * Add `field:value`. `replace` drops other tokens of the same field first
 * (a year range replaces the year; a validity choice replaces the other).
 */
export function addFilter(query: string, field: QueryField, value: string, replace = false): string {
  let q = query;
  if (replace) {
    for (const t of tokens(q).filter((t) => t.field === field).reverse()) q = cut(q, t);
  } else if (hasFilter(q, field, value)) {
    return q;
  }
  return `${q.trim()} ${filterToken(field, value)}`.trim();
}

/** Take the token behind a parsed filter out of the query (the first of its field when none matches exactly). */
export function removeFilter(query: string, filter: Pick<QueryFilter, 'field' | 'value'>): string {
  const all = tokens(query).filter((t) => t.field === filter.field);
  const exact = all.find((t) => foldValue(t.value) === foldValue(filter.value)) ?? all[0];
  return exact ? cut(query, exact) : query;
}

/** Remove `field:value` if present, add it otherwise. */
export function toggleFilter(query: string, field: QueryField, value: string): string {
  const folded = foldValue(value);
  const found = tokens(query).find((t) => t.field === field && foldValue(t.value) === folded);
  return found ? cut(query, found) : addFilter(query, field, value);
}
