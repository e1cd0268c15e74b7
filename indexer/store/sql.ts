/**
 * The SQL filters handed to LanceDB, built from values in one place: every
 * value is quoted here, and no filter uses LIKE (whose `%` and `_` would act
 * as wildcards if an id ever held them) — prefixes are matched with
 * `starts_with`, which compares characters as they are.
 */

/** Ids per delete filter: keeps SQL filters a sane size. */
export const DELETE_CHUNK = 500;

/** A SQL string literal (quotes doubled). */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A parenthesised list of string literals, for `IN`. */
export function inList(values: string[]): string {
  return `(${values.map(sqlString).join(', ')})`;
}

/** `column = value`. */
export function equals(column: string, value: string): string {
  return `${column} = ${sqlString(value)}`;
}

/** The column's value begins with `prefix`, character for character (no wildcards). */
export function startsWith(column: string, prefix: string): string {
  return `starts_with(${column}, ${sqlString(prefix)})`;
}

/**
 * Before-ranking filter on `docId` for a set of allowed documents out of the
 * library's `all`: `IN` the set, or `NOT IN` the rest when that list is
 * shorter; null when every document is allowed.
 */
export function docIdFilter(allowed: ReadonlySet<string> | null, all: Iterable<string>): string | null {
  if (allowed === null) return null;
  const rest: string[] = [];
  for (const id of all) if (!allowed.has(id)) rest.push(id);
  if (rest.length === 0) return null;
  if (allowed.size === 0) return 'false';
  return rest.length < allowed.size ? `docId NOT IN ${inList(rest)}` : `docId IN ${inList([...allowed])}`;
}
