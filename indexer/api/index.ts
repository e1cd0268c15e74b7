/**
 * The contract every transport serves and the renderer sees: KhoApi, its plain-data
 * DTOs (contract.ts, documents.ts). Importing this folder never pulls in Node code.
 */
export type * from './contract.js';
export type * from './documents.js';
export type * from './messages.js';
export { API_METHODS, KHO_API_METHODS, readRequest } from './methods.js';
