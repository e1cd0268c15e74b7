/** Types of scripts/make-icons.mjs (for the tests). */
export function makeIcons(outDir?: string, source?: string): Promise<string[]>;
export function ico(images: Array<{ size: number; png: Buffer }>): Buffer;
export const ICNS_TYPES: Record<string, number>;
export function icns(entries: Array<{ type: string; png: Buffer }>): Buffer;
