/**
 * The meaning side can only help: with the test model (test-model/, a tiny
 * model whose dense list is much weaker than keyword search — the case where
 * plain rank fusion makes results worse), hybrid search on a fixed subset of
 * ALQAC 2024 is never more than 0.005 below keyword-only (search/fusion.ts).
 * Runs the product's build (dist/), as the ALQAC quality guard does.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const TOLERANCE = 0.005;

describe('hybrid search with a weak model', () => {
  it('is never more than 0.005 below keyword-only on ALQAC (fixed subset of 120 questions)', () => {
    const out = execFileSync(
      process.execPath,
      [path.join(ROOT, 'scripts', 'eval-alqac.mjs'), '--subset', '120', '--model', path.join(ROOT, 'test-model'), '--id', 'kho/test-tiny', '--json'],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    const results = JSON.parse(out);
    expect(results.model).toMatchObject({ id: 'kho/test-tiny' });
    for (const variant of ['accented', 'unaccented']) {
      const keyword = results[variant];
      const hybrid = results[`hybrid/${variant}`];
      expect(hybrid.questions).toBe(keyword.questions);
      expect(hybrid.recallAt1, `${variant} R@1`).toBeGreaterThanOrEqual(keyword.recallAt1 - TOLERANCE);
      expect(hybrid.mrrAt10, `${variant} MRR@10`).toBeGreaterThanOrEqual(keyword.mrrAt10 - TOLERANCE);
      expect(hybrid.ndcgAt10, `${variant} nDCG@10`).toBeGreaterThanOrEqual(keyword.ndcgAt10 - TOLERANCE);
    }
    // The dense side is there and weaker: the check is not vacuous.
    expect(results['dense/accented'].recallAt1).toBeGreaterThan(0);
    expect(results['dense/accented'].recallAt1).toBeLessThan(results.accented.recallAt1);
  });
});
