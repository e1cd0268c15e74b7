/**
 * The fields of the query language (`loai:quyet-dinh nam:2024`), accent-free as they
 * are taught. One list for the parser (indexer/vietnamese/query.ts), its messages and
 * the renderer's query editing. Pure data, no Node imports.
 */
import type { QueryField } from '../api/contract.js';

export const QUERY_FIELDS: readonly QueryField[] = ['loai', 'so', 'coquan', 'nam', 'thumuc', 'hieuluc', 'lienquan'];
