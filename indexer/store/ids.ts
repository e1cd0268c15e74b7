/**
 * Passage ids, the one place that knows their shape: `<docId>.<key>.<n>` —
 * the document's id, the content key of the version the passage was cut from
 * (so a new version's passages never collide with the old one's, and a crash
 * between the two leaves rows that name their version), and the passage's
 * ordinal. Document ids and content keys are hex (catalogue.ts, contentKey in
 * ingest/), so they hold no dot; `n` is the rest of the id and may hold dots
 * (the ALQAC script uses article numbers). Nothing outside this file splits
 * or builds an id by hand.
 */

export interface PassageIdParts {
  docId: string;
  /** The content key of the document version. */
  key: string;
  /** The passage's ordinal in its version (as written; see `ordinalOf`). */
  n: string;
}

const SEPARATOR = '.';

/** The id of passage `n` of version `key` of document `docId`. */
export function passageId(docId: string, key: string, n: number | string): string {
  if (docId.includes(SEPARATOR) || key.includes(SEPARATOR)) {
    throw new Error(`a document id or content key cannot hold "${SEPARATOR}" (${docId}, ${key})`);
  }
  return `${docId}${SEPARATOR}${key}${SEPARATOR}${n}`;
}

/** The parts of a passage id, or null when it is not one. */
export function parsePassageId(id: string): PassageIdParts | null {
  const first = id.indexOf(SEPARATOR);
  const second = first < 0 ? -1 : id.indexOf(SEPARATOR, first + 1);
  if (first <= 0 || second <= first + 1 || second === id.length - 1) return null;
  return { docId: id.slice(0, first), key: id.slice(first + 1, second), n: id.slice(second + 1) };
}

/** The document a passage belongs to ('' when the id is not a passage id). */
export function documentIdOf(id: string): string {
  return parsePassageId(id)?.docId ?? '';
}

/** The content key of the version a passage was cut from (null when the id is not a passage id). */
export function versionKeyOf(id: string): string | null {
  return parsePassageId(id)?.key ?? null;
}

/** The passage's ordinal as a number (0 when it is not numeric). */
export function ordinalOf(id: string): number {
  return Number(parsePassageId(id)?.n) || 0;
}

/** Is `id` a passage of document `docId` (any version)? */
export function isPassageOf(id: string, docId: string): boolean {
  return documentIdOf(id) === docId;
}

/**
 * What every passage id of one document version begins with, for a prefix
 * test in the store (sql.ts `startsWith`: no wildcard characters).
 */
export function versionPrefix(docId: string, key: string): string {
  return passageId(docId, key, '');
}
