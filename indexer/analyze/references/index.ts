/**
 * References between documents as one document states them: `findReferences`
 * (find.ts, reading mentions.ts and verbs.ts over sentences.ts), the document's
 * own effective date (effective-date.ts), and the types both give (types.ts).
 * Resolving them against a library and deriving validity is policy/'s work.
 */
export { findReferences, targetKey } from './find.js';
export { effectiveDate } from './effective-date.js';
export { REFERENCE_TYPES, type EffectiveDate, type Reference, type ReferenceEvidence, type ReferenceTarget, type ReferenceType } from './types.js';
