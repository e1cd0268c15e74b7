/**
 * When a document's own effective-date clause is evidence that it is still in
 * force. The clause says when the document started to apply; it says nothing
 * about whether a later document — one the library does not hold — has since
 * replaced, repealed or amended it. So the clause counts as evidence only while
 * the document is young enough for its type that being still in force is the
 * likely case; after that, with nothing in the library saying otherwise, the
 * status is "unknown" ("không rõ"), never "in force". Pure data and functions
 * (no Node imports): the policy code applies the rule and the renderer explains it.
 */

/**
 * Years after it takes effect that an own effective-date clause is trusted for
 * a constitution: Vietnam's constitutions have lasted 12–21 years (1980, 1992, 2013).
 */
export const CONSTITUTION_TRUST_YEARS = 20;

/**
 * … for laws, codes and ordinances (Luật, Bộ luật, Pháp lệnh): most are replaced
 * or heavily amended within 10–15 years (Luật Hợp tác xã 2003 → 2012, Bộ luật
 * Dân sự 2005 → 2015, Luật Giáo dục 2005 → 2019). Use a longer window only with
 * evidence that laws of the library's field last longer.
 */
export const LAW_TRUST_YEARS = 15;

/**
 * … for decrees and resolutions (Nghị định, Nghị quyết): guidance decrees follow
 * their law and are usually replaced within a decade.
 */
export const DECREE_TRUST_YEARS = 10;

/**
 * … for everything else — circulars, decisions, directives, plans, letters
 * (Thông tư, Quyết định, Chỉ thị, Kế hoạch, Công văn…) and documents whose type
 * is not known: they follow budgets, programmes and the decrees above them, and
 * are commonly superseded within five years (the Bộ Tài chính circulars of
 * 1998–2002 on customs and income tax are all long replaced).
 */
export const OTHER_TRUST_YEARS = 5;

/** Type slugs (common/doc-types.ts) per trust window. */
const LAW_TYPES = new Set(['luat', 'bo-luat', 'phap-lenh']);
const DECREE_TYPES = new Set(['nghi-dinh', 'nghi-quyet']);

/** How many years an own effective-date clause is evidence of being in force, for a type slug (null: unknown type). */
export function trustYears(type: string | null | undefined): number {
  if (type === 'hien-phap') return CONSTITUTION_TRUST_YEARS;
  if (type && LAW_TYPES.has(type)) return LAW_TRUST_YEARS;
  if (type && DECREE_TYPES.has(type)) return DECREE_TRUST_YEARS;
  return OTHER_TRUST_YEARS;
}

/** "Luật này có hiệu lực …": the type an effective-date clause names its own document by. */
const CLAUSE_SELF: ReadonlyArray<[RegExp, string]> = [
  [/^(?:\d+[.)]\s*)?Hiến pháp\s+này\b/iu, 'hien-phap'],
  [/^(?:\d+[.)]\s*)?Bộ luật\s+này\b/iu, 'bo-luat'],
  [/^(?:\d+[.)]\s*)?Luật\s+này\b/iu, 'luat'],
  [/^(?:\d+[.)]\s*)?Pháp lệnh\s+này\b/iu, 'phap-lenh'],
  [/^(?:\d+[.)]\s*)?Nghị định\s+này\b/iu, 'nghi-dinh'],
  [/^(?:\d+[.)]\s*)?Nghị quyết\s+này\b/iu, 'nghi-quyet'],
];

/**
 * The type slug an effective-date clause names its own document by ("Luật này có
 * hiệu lực …" → `luat`), for documents whose identity has no type (a law's text
 * saved without its header); null when it names none of the longer-lived types.
 */
export function typeFromClause(sentence: string | null | undefined): string | null {
  const text = sentence?.trim() ?? '';
  return CLAUSE_SELF.find(([re]) => re.test(text))?.[1] ?? null;
}

/** Whole years from ISO day `from` to ISO day `to` (negative when `to` is earlier). */
export function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return years;
}

/**
 * True when a clause that took effect on `since` (ISO day) is still evidence on
 * `today` for a document of `type`: it took effect no more than `trustYears(type)`
 * years before. A missing date is never evidence (its age cannot be judged).
 */
export function clauseStillEvidence(type: string | null | undefined, since: string | null | undefined, today: string): boolean {
  if (!since) return false;
  return yearsBetween(since, today) < trustYears(type);
}
