/** Types of decree-docs.mjs, for the tests that import it. */
export interface Issuer { parent: string | null; name: string; place: string; symbol: string }
export const ISSUERS: Issuer[];
export const TYPES: Record<'ke-hoach' | 'bao-cao' | 'quyet-dinh' | 'thong-bao', { heading: string; code: string }>;
export function decreeDocument(spec: {
  type: keyof typeof TYPES; number: number; date: string; issuer: Issuer; summary: string; articles: string[]; replaces?: string | null;
}): { code: string; text: string };
export function seeded(seed: number): () => number;
export function digitalTransformationLibrary(): Array<[string, string]>;
