/**
 * Types of metadata-labels.mjs, for the type-checked tests that import it
 * (test/metadata.test.ts). Blocks are indexer/extract/types.ts `Block`s; only their
 * text is read.
 */
/** The form a field's value is compared in; null for a missing value. */
export function comparable(field: string, value: unknown): string | null;
/** The blocks of one Appendix III layout: from "Mẫu 1.4 - …" to the next "Mẫu x.y - ". */
export function segmentBlocks<T extends { text: string }>(blocks: T[], segment: string): T[];
