/** Types of small-files.mjs, for the tests that import it. */
export function makeSmallFiles(dir: string, count: number): number;
