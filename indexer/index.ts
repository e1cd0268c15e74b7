/**
 * Kho Tri Thức's indexer as a package: open a data folder as a `Library` that serves
 * `KhoApi`, or run the `kho` command line. Everything else lives in the folders beside
 * this file (see README, "Where things live").
 */
export type * from './api/index.js';
export { KHO_API_METHODS } from './api/index.js';
export { UserError } from './api/errors.js';
export { Library } from './library/library.js';
export { resolveDataDir } from './library/paths.js';
export { main } from './transports/cli/cli.js';
