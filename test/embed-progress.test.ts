/**
 * The embedding pass as the user sees it (issue 20): it counts passages, not
 * files — done of those without a vector, a rate (the one assumed for the
 * model file until the pass has measured its own: embed/rate.ts) and the time
 * left — both inside an index run (after the keyword index is committed) and
 * when a model is added to a library indexed without one. A later run embeds
 * only what still has no vector.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IndexProgress } from '../indexer/api/contract.js';
import { assumedPassagesPerSecond } from '../indexer/embed/rate.js';
import { modelDtype } from '../indexer/embed/transformers.js';
import { Library } from '../indexer/library/library.js';
import { CORPUS, TEST_MODEL, tempDir } from './helpers.js';

const embedReports = (seen: IndexProgress[]) => seen.filter((p) => p.phase === 'embed' && p.embed).map((p) => p.embed!);

describe('embedding progress', () => {
  const work = tempDir('embed-progress');
  afterAll(() => work.cleanup());

  it('counts passages with a rate and time left, in a run and after a model is added, and resumes what is missing', async () => {
    const seen: IndexProgress[] = [];
    const library = await Library.open({ dataDir: path.join(work.dir, 'data'), embedInWorker: false, onProgress: (p) => seen.push(structuredClone(p)) });
    try {
      // Keyword only first: no embedding pass.
      const keywordRun = await library.index({ paths: [CORPUS] });
      expect(embedReports(seen)).toEqual([]);

      // A model added to an indexed library: one pass over every passage, shown like a run's embedding phase.
      await library.importModel({ folder: TEST_MODEL });
      const pass = embedReports(seen);
      expect(pass.length).toBeGreaterThanOrEqual(2);
      const total = keywordRun.passagesAdded;
      expect(pass[0]).toMatchObject({ passagesDone: 0, passagesTotal: total, measured: false, perSecond: assumedPassagesPerSecond(modelDtype(TEST_MODEL)) });
      expect(pass[0]!.etaSeconds).toBe(Math.round(total / assumedPassagesPerSecond(modelDtype(TEST_MODEL))));
      expect(pass.at(-1)).toMatchObject({ passagesDone: total, passagesTotal: total, etaSeconds: 0 });
      for (let i = 1; i < pass.length; i++) expect(pass[i]!.passagesDone).toBeGreaterThanOrEqual(pass[i - 1]!.passagesDone);
      expect(seen.at(-1)!.phase).toBe('done');
      expect((await library.status()).model?.embeddedPassages).toBe(total);

      // Nothing left to embed: a later run has no embedding pass.
      seen.length = 0;
      const again = await library.index({ paths: [CORPUS] });
      expect(again.passagesEmbedded).toBe(0);
      expect(embedReports(seen)).toEqual([]);
    } finally {
      await library.close();
    }
  });
});
