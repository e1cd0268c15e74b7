/**
 * The catalogue's JSON-in-a-string columns (rows.ts `DocumentRow`): aliases,
 * metadata, relations and notes. LanceDB keeps them as plain strings so the
 * schema does not change whenever metadata grows a field; these typed pairs
 * are the only place they are parsed or written. Decoding never throws: a
 * damaged value reads as empty (the document is still listed and searchable),
 * and encoding is plain `JSON.stringify`, so stored rows stay byte-identical.
 */
import type { DocumentMetadata } from '../api/contract.js';
import type { DocumentNotes } from '../api/documents.js';
import type { EffectiveDate, Reference } from '../analyze/references/index.js';

/** What a document cites and when it takes effect (analyze/references). */
export interface StoredRelations {
  references: Reference[];
  effective: EffectiveDate | null;
}

function parse(json: string | null | undefined): unknown {
  if (!json) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/** `aliases`: other paths holding the same content. */
export const aliasesColumn = {
  encode: (paths: readonly string[]): string => JSON.stringify(paths),
  decode(json: string | null | undefined): string[] {
    const list = parse(json);
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
  },
};

/** `metadata`: the document's identity (type, number, issuer, date…), or null when none was read. */
export const metadataColumn = {
  encode: (metadata: DocumentMetadata | null): string => JSON.stringify(metadata),
  decode(json: string | null | undefined): DocumentMetadata | null {
    const value = parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as DocumentMetadata) : null;
  },
};

/** `relations`: references and effective date. */
export const relationsColumn = {
  encode: (relations: StoredRelations): string => JSON.stringify(relations),
  decode(json: string | null | undefined): StoredRelations {
    const value = parse(json) as Partial<StoredRelations> | null | undefined;
    return { references: Array.isArray(value?.references) ? value.references : [], effective: value?.effective ?? null };
  },
};

/** `notes`: what extraction did beyond reading (legacy encodings, OCR pages); "{}" when nothing. */
export const notesColumn = {
  encode: (notes: DocumentNotes | undefined): string => JSON.stringify(notes ?? {}),
  decode(json: string | null | undefined): DocumentNotes {
    const value = parse(json || '{}');
    return value && typeof value === 'object' ? (value as DocumentNotes) : {};
  },
};
