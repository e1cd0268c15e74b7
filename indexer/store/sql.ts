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
