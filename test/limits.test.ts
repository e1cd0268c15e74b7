/**
 * The limits a file is held to are stated once (indexer/extract/limits.ts) and
 * quoted by the README: this fails when the README and the code disagree.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_MEMORY_LIMIT_MB, FILE_TIME_LIMIT_MS, MAX_FILE_BYTES } from '../indexer/extract/limits.js';
import { ROOT } from './helpers.js';

describe('stated limits', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');

  it('the README quotes the per-file time and memory limits and the largest file read', () => {
    const minutes = FILE_TIME_LIMIT_MS / 60_000;
    const memory = FILE_MEMORY_LIMIT_MB % 1024 === 0 ? `${FILE_MEMORY_LIMIT_MB / 1024} GB` : `${FILE_MEMORY_LIMIT_MB} MB`;
    const size = `${MAX_FILE_BYTES / 1024 / 1024} MB`;
    const stated = /stopped after (\d+) minutes or (\d+ [GM]B) of memory, and files over (\d+ [GM]B)/.exec(readme);
    expect(stated, 'the README sentence stating the per-file limits').not.toBeNull();
    expect(stated!.slice(1)).toEqual([String(minutes), memory, size]);
  });
});
