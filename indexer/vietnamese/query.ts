/**
 * The query language, parsed once into a typed query that the CLI, the web
 * server and the desktop app all share:
 *
 *   đổi mới sáng tạo          words (accents optional), ranked by relevance
 *   "chuyển giao công nghệ"   exact phrase (accent-free phrases match accented text)
 *   -ma túy  -"cai nghiện"    exclude a word or a phrase
 *   khởi nghiệp OR ươm tạo    either side; without OR, passages with every word rank first
 *   đổi mới*                  prefix on the last syllable, after the word before it:
 *                             "đổi mới", "đổi mớiii"…; "nghi*" alone: nghị, nghiên, nghiệp…
 *   loai:quyet-dinh so:1234/QĐ-UBND coquan:"UBND tỉnh" nam:2024 nam:2021..2025 thumuc:bao-cao
 *   hieuluc:con / hieuluc:het (in force / no longer)   lienquan:1520/QĐ-UBND (documents citing it)
 *
 * A malformed query never fails: the parser says what it did with the odd part
 * (`problems`) and searches with the rest.
 */
import type { ParsedQuery, QueryField, QueryFilter } from '../api/contract.js';
import type { Message } from '../api/messages.js';
import { foldValue } from '../common/fold.js';
import { foldAccents, normalizeText } from '../common/normalize.js';
import { QUERY_FIELDS } from '../common/query-fields.js';

/** Field names as typed (accented or not) → the canonical field. */
const FIELDS: Record<string, QueryField> = {
  loai: 'loai', 'loại': 'loai', type: 'loai',
  so: 'so', 'số': 'so', number: 'so',
  coquan: 'coquan', 'cơquan': 'coquan', issuer: 'coquan',
  nam: 'nam', 'năm': 'nam', year: 'nam',
  thumuc: 'thumuc', 'thưmục': 'thumuc', folder: 'thumuc',
  hieuluc: 'hieuluc', 'hiệulực': 'hieuluc', status: 'hieuluc',
  lienquan: 'lienquan', 'liênquan': 'lienquan', cites: 'lienquan',
  dinhdang: 'dinhdang', 'địnhdạng': 'dinhdang', format: 'dinhdang',
  nguon: 'nguon', 'nguồn': 'nguon', source: 'nguon',
};

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** A raw token: text, whether it was quoted, negated, or a field. */
interface Token {
  text: string;
  quoted: boolean;
  negated: boolean;
  field: string | null;
}

function tokenize(query: string, problems: Message[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    while (i < query.length && /\s/.test(query[i]!)) i++;
    if (i >= query.length) break;
    let negated = false;
    if (query[i] === '-' && i + 1 < query.length && !/[\s\d]/.test(query[i + 1]!)) {
      negated = true;
      i++;
    }
    let field: string | null = null;
    const fieldMatch = /^([\p{L}]+):(?=\S)/u.exec(query.slice(i));
    if (fieldMatch) {
      field = fieldMatch[1]!;
      i += fieldMatch[0].length;
    }
    if (query[i] === '"' || query[i] === '“') {
      const close = query.slice(i + 1).search(/["”]/);
      if (close < 0) {
        problems.push({ code: 'query.unclosedQuote', params: {} });
        tokens.push({ text: query.slice(i + 1), quoted: false, negated, field });
        break;
      }
      tokens.push({ text: query.slice(i + 1, i + 1 + close), quoted: true, negated, field });
      i += close + 2;
      continue;
    }
    const end = query.slice(i).search(/\s/);
    const text = end < 0 ? query.slice(i) : query.slice(i, i + end);
    tokens.push({ text, quoted: false, negated, field });
    i = end < 0 ? query.length : i + end;
  }
  return tokens;
}

/** "quyet-dinh" → "quyet dinh"; comparisons are accent- and case-free. */
export function filterValue(value: string): string {
  return foldValue(value);
}

function parseFilter(field: QueryField, raw: string, problems: Message[]): QueryFilter | null {
  if (field === 'nam') {
    const range = /^(\d{4})(?:\s*(?:\.\.|–|-)\s*(\d{4}))?$/.exec(raw.trim());
    const from = range ? Number(range[1]) : NaN;
    const to = range?.[2] ? Number(range[2]) : from;
    if (!range || from < MIN_YEAR || to > MAX_YEAR || to < from) {
      problems.push({ code: 'query.badYear', params: { value: raw } });
      return null;
    }
    return { field, value: raw.trim(), from, to };
  }
  const value = field === 'lienquan' ? raw.trim() : filterValue(raw);
  if (!value) {
    problems.push({ code: 'query.emptyField', params: { field } });
    return null;
  }
  return { field, value };
}

export function parseQuery(input: string): ParsedQuery {
  const raw = normalizeText(String(input ?? ''));
  const problems: Message[] = [];
  const words: string[] = [];
  const phrases: string[] = [];
  const excluded: string[] = [];
  const prefixes: string[] = [];
  const filters: QueryFilter[] = [];
  let anyOf = false;
  /** The previous token was a plain word: a prefix right after it takes it along. */
  let previousPlain = false;

  for (const token of tokenize(raw, problems)) {
    const wasPlain = previousPlain;
    previousPlain = false;
    if (token.field !== null) {
      const field = FIELDS[token.field.toLowerCase()] ?? FIELDS[foldAccents(token.field.toLowerCase())];
      if (!field) {
        problems.push({ code: 'query.unknownField', params: { field: token.field, known: [...QUERY_FIELDS] } });
        words.push(`${token.field} ${token.text}`);
        continue;
      }
      if (token.negated) problems.push({ code: 'query.negatedField', params: { field: token.field } });
      const filter = parseFilter(field, token.text, problems);
      if (filter) filters.push(filter);
      continue;
    }
    const text = token.text.trim();
    if (!text) continue;
    if (!token.quoted && (text === 'OR' || text === '|')) {
      anyOf = true;
      continue;
    }
    if (token.negated) {
      excluded.push(text);
    } else if (token.quoted) {
      phrases.push(text);
    } else if (text.endsWith('*') && text.length > 1) {
      const stem = text.replace(/\*+$/, '');
      // Most Vietnamese words are two syllables: "đổi mới*" is "đổi" followed by a word starting "mới".
      if (/[\p{L}\p{N}]/u.test(stem)) prefixes.push(wasPlain ? `${words.pop()} ${stem}` : stem);
    } else {
      words.push(text);
      previousPlain = true;
    }
  }
  const text = [...words, ...phrases, ...prefixes].join(' ').trim();
  if (!text && filters.length === 0 && excluded.length === 0) problems.push({ code: 'query.empty', params: {} });
  return { raw, text, words, phrases, excluded, prefixes, anyOf, filters, problems };
}
