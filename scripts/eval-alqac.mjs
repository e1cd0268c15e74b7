#!/usr/bin/env node
/**
 * Keyword retrieval quality on ALQAC 2024 (../shared/data/alqac2024): each law
 * article is one passage (its law's name is the document title), each of the
 * 530 questions a query; prints recall@1, recall@10, MRR@10 and nDCG@10 for the
 * questions as written and with every accent removed.
 *
 *   node scripts/eval-alqac.mjs [--subset N] [--split even|odd] [--json]
 *
 * --split keeps the even- or odd-numbered questions: tune on one half, and
 * confirm on the other that a change is not fitted to these questions.
 *
 * It runs the product's own code (dist/, built by `npm run build`): the same
 * Vietnamese terms, the same LanceDB full-text index and the same ranking.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { LanceStore } = await import(path.join(root, 'dist/indexer/store/lance.js'));
const { passageTerms } = await import(path.join(root, 'dist/indexer/ingest/ingest.js'));
const { rankKeyword } = await import(path.join(root, 'dist/indexer/search/search.js'));
const { parseQuery } = await import(path.join(root, 'dist/indexer/vietnamese/query.js'));
const { foldAccents } = await import(path.join(root, 'dist/indexer/common/normalize.js'));

const args = process.argv.slice(2);
const subset = args.includes('--subset') ? Number(args[args.indexOf('--subset') + 1]) : null;
const split = args.includes('--split') ? args[args.indexOf('--split') + 1] : null;
const asJson = args.includes('--json');
const dataDir = path.resolve(root, '..', 'shared', 'data', 'alqac2024');

export async function evaluate({ subset = null, split = null } = {}) {
  const laws = JSON.parse(readFileSync(path.join(dataDir, 'law.json'), 'utf8'));
  let questions = JSON.parse(readFileSync(path.join(dataDir, 'train.json'), 'utf8'));
  // A fixed, spread-out subset for the regression guard: every k-th question.
  if (split === 'even' || split === 'odd') questions = questions.filter((_, i) => i % 2 === (split === 'even' ? 0 : 1));
  if (subset) questions = questions.filter((_, i) => i % Math.max(1, Math.floor(questions.length / subset)) === 0).slice(0, subset);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'kho-alqac-'));
  try {
    const store = await LanceStore.open(dir);
    const rows = [];
    const lawIndex = new Map(laws.map((law, i) => [law.id, i]));
    for (const law of laws) {
      for (const article of law.articles) {
        const docId = `law${lawIndex.get(law.id)}`;
        const text = `Điều ${article.id}. ${article.text}`;
        rows.push({
          id: `${docId}.k.${article.id}`, docId, ordinal: 0, text,
          terms: passageTerms(text, `Điều ${article.id}`, law.id),
          page: null, pageEnd: null, section: `Điều ${article.id}`, start: 0, end: text.length, ocr: false,
        });
      }
    }
    for (let i = 0; i < rows.length; i += 2000) await store.addPassages(rows.slice(i, i + 2000));
    await store.optimize();

    const titleOf = (docId) => laws[Number(docId.slice(3))]?.id;
    const relevantIds = (q) => new Set(q.relevant_articles.filter((a) => lawIndex.has(a.law_id)).map((a) => `law${lawIndex.get(a.law_id)}.k.${a.article_id}`));
    const results = {};
    for (const variant of ['accented', 'unaccented']) {
      const totals = { r1: 0, r10: 0, mrr10: 0, ndcg10: 0 };
      let started = performance.now();
      for (const q of questions) {
        const text = variant === 'accented' ? q.text : foldAccents(q.text);
        const ranked = (await rankKeyword(store, parseQuery(text), 10, { titleOf })).map((r) => r.id);
        const relevant = relevantIds(q);
        if (relevant.size === 0) continue; // one label points to no article
        const hitsAt = (k) => ranked.slice(0, k).filter((id) => relevant.has(id)).length;
        totals.r1 += hitsAt(1) / Math.min(1, relevant.size);
        totals.r10 += hitsAt(10) / relevant.size;
        const first = ranked.findIndex((id) => relevant.has(id));
        totals.mrr10 += first >= 0 ? 1 / (first + 1) : 0;
        const dcg = ranked.reduce((sum, id, i) => sum + (relevant.has(id) ? 1 / Math.log2(i + 2) : 0), 0);
        let ideal = 0;
        for (let i = 0; i < Math.min(relevant.size, 10); i++) ideal += 1 / Math.log2(i + 2);
        totals.ndcg10 += dcg / ideal;
      }
      const n = questions.filter((q) => relevantIds(q).size > 0).length;
      results[variant] = {
        questions: n,
        recallAt1: totals.r1 / n,
        recallAt10: totals.r10 / n,
        mrrAt10: totals.mrr10 / n,
        ndcgAt10: totals.ndcg10 / n,
        msPerQuery: (performance.now() - started) / n,
      };
    }
    store.close();
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = await evaluate({ subset, split });
  if (asJson) {
    process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  } else {
    const f = (x) => x.toFixed(3);
    process.stdout.write(`ALQAC 2024 keyword retrieval (${results.accented.questions} questions${split ? `, ${split}-numbered` : ''}${subset ? `, subset of ${subset}` : ''})\n`);
    process.stdout.write('variant      R@1    R@10   MRR@10 nDCG@10 ms/query\n');
    for (const [name, r] of Object.entries(results)) {
      process.stdout.write(`${name.padEnd(12)} ${f(r.recallAt1)}  ${f(r.recallAt10)}  ${f(r.mrrAt10)}  ${f(r.ndcgAt10)}  ${r.msPerQuery.toFixed(1)}\n`);
    }
  }
}
