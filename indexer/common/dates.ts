/**
 * Dates as Vietnamese documents print them and as the library stores them.
 * Storage is ISO (`2024-03-05`); people read the Decree 30/2020 form (`05/3/2024`).
 * Pure code, no Node imports: the indexer, the CLI and the renderer share it.
 */

/** ISO date from day, month and year as printed, or null when there is no such day (31/2, month 13, year 0024). */
export function isoDate(day: number, month: number, year: number): string | null {
  if (!(year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * An ISO date as officers write it (Decree 30/2020, Appendix I): the day with two
 * digits, the month without a leading zero except January and February (a lone "1"
 * or "2" could be extended by hand into "11" or "12"): "2024-03-05" → "05/3/2024",
 * "2024-02-16" → "16/02/2024". An ISO time gives its date (the time is dropped, not
 * converted); anything else comes back unchanged.
 */
export function displayDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(iso);
  if (!m) return iso;
  const month = Number(m[2]);
  return `${m[3]}/${month <= 2 ? m[2] : String(month)}/${m[1]}`;
}

/** An ISO date `days` later (earlier when negative). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The ISO day of `today`: a string's first ten characters, a Date's local calendar day. */
export function toIsoDay(today: string | Date): string {
  if (typeof today === 'string') return today.slice(0, 10);
  return `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
}
