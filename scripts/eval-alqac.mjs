#!/usr/bin/env node
/**
 * Keyword retrieval quality on ALQAC 2024 (../shared/data/alqac2024): each law
 * article is one passage (its law's name is the document title), each of the
 * 530 questions a query; prints recall@1, recall@10, MRR@10 and nDCG@10 for the
 * questions as written and with every accent removed.
 *
 *   node scripts/eval-alqac.mjs [--subset N] [--split even|odd] [--json]
 *        [--model DIR [--id ORG/NAME]]
 *
 * --model DIR embeds every article with an embedding model (a folder of
 * models as `kho model` keeps them, e.g. test-model/, or a data folder's
 * models/; --id picks one, default the only one there) and reports keyword,
 * dense (vector only) and hybrid (the product's fusion) side by side. See
 * docs/measuring-models.md for multilingual-e5-small and bge-m3.
 *
 * --split keeps the even- or odd-numbered questions: tune on one half, and
 * confirm on the other that a change is not fitted to these questions.
 *
 * It runs the product's own code (dist/, built by `npm run build`): the same
 * Vietnamese terms, the same LanceDB full-text index and the same ranking
 * (the question as understood, question.ts; hybrid by fuseQuestion). Article
 * references are not resolved here (one passage per article, no sections to
 * name); scripts/eval-alqac-files.mjs measures the whole product through files.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { embedRows, openModelEmbedder } from '../bench/lib/embed-rows.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// --dist DIR: measure another build of the product than dist/.
const distDir = process.argv.includes('--dist') ? path.resolve(process.argv[process.argv.indexOf('--dist') + 1]) : path.join(root, 'dist');
const { LanceStore } = await import(path.join(distDir, 'indexer/store/lance.js'));
const { passageTerms } = await import(path.join(distDir, 'indexer/ingest/ingest.js'));
const { rankKeyword, fuseQuestion, CANDIDATES } = await import(path.join(distDir, 'indexer/search/search.js'));
const { parseQuery } = await import(path.join(distDir, 'indexer/vietnamese/query.js'));
const { understandQuestion } = await import(path.join(distDir, 'indexer/search/question.js'));
const { foldAccents } = await import(path.join(distDir, 'indexer/common/normalize.js'));

const args = process.argv.slice(2);
const subset = args.includes('--subset') ? Number(args[args.indexOf('--subset') + 1]) : null;
const split = args.includes('--split') ? args[args.indexOf('--split') + 1] : null;
const asJson = args.includes('--json');
const modelDir = args.includes('--model') ? path.resolve(args[args.indexOf('--model') + 1]) : null;
const modelId = args.includes('--id') ? args[args.indexOf('--id') + 1] : null;

/** The embedder of a models folder: `id` or the only model in it (ORG/NAME folders). */
async function openModel(modelsDir, id) {
  const { readdirSync, existsSync } = await import('node:fs');
  if (!id) {
    const found = readdirSync(modelsDir, { withFileTypes: true }).filter((o) => o.isDirectory())
      .flatMap((o) => readdirSync(path.join(modelsDir, o.name), { withFileTypes: true }).filter((n) => n.isDirectory()).map((n) => `${o.name}/${n.name}`))
      .filter((m) => existsSync(path.join(modelsDir, m, 'config.json')));
    if (found.length !== 1) throw new Error(`--model ${modelsDir}: say which model with --id (found: ${found.join(', ') || 'none'})`);
    id = found[0];
  }
  return { id, embedder: await openModelEmbedder(distDir, modelsDir, id, { worker: false }) };
}
const dataDir = path.resolve(root, '..', 'shared', 'data', 'alqac2024');

export async function evaluate({ subset = null, split = null, model = null, id = null } = {}) {
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
    let dense = null;
    if (model) {
      const { id: usedId, embedder } = await openModel(model, id);
      const vectors = await store.openVectors('vectors_eval', embedder.dims);
      dense = { id: usedId, embedder, vectors, embedMs: await embedRows(embedder, vectors, rows) };
    }

    const titleOf = (docId) => laws[Number(docId.slice(3))]?.id;
    const relevantIds = (q) => new Set(q.relevant_articles.filter((a) => lawIndex.has(a.law_id)).map((a) => `law${lawIndex.get(a.law_id)}.k.${a.article_id}`));
    const results = {};
    // Keyword-only is the product without a model; with one, the dense list alone and the product's hybrid too.
    const sides = dense ? ['keyword', 'dense', 'hybrid'] : ['keyword'];
    for (const side of sides) for (const variant of ['accented', 'unaccented']) {
      const totals = { r1: 0, r10: 0, mrr10: 0, ndcg10: 0 };
      let started = performance.now();
      for (const q of questions) {
        const text = variant === 'accented' ? q.text : foldAccents(q.text);
        const parsed = parseQuery(text);
        // As search.ts ranks it: the keyword side reads the question as understood, the vector side as typed.
        const asked = understandQuestion(parsed);
        let ranked;
        if (side === 'keyword') ranked = (await rankKeyword(store, asked, 10, { titleOf })).map((r) => r.id);
        else {
          const vector = await dense.vectors.search(await dense.embedder.embedQuery(parsed.text), CANDIDATES);
          if (side === 'dense') ranked = vector.slice(0, 10).map((r) => r.id);
          else {
            const keyword = await rankKeyword(store, asked, CANDIDATES, { titleOf });
            ranked = fuseQuestion(parsed.text, keyword, vector).slice(0, 10).map(([rid]) => rid);
          }
        }
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
      const name = side === 'keyword' ? variant : `${side}/${variant}`;
      results[name] = {
        questions: n,
        recallAt1: totals.r1 / n,
        recallAt10: totals.r10 / n,
        mrrAt10: totals.mrr10 / n,
        ndcgAt10: totals.ndcg10 / n,
        msPerQuery: (performance.now() - started) / n,
      };
    }
    if (dense) {
      results.model = { id: dense.id, dims: dense.embedder.dims, passages: rows.length, embedMs: dense.embedMs };
      dense.vectors.close();
      await dense.embedder.close();
    }
    store.close();
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = await evaluate({ subset, split, model: modelDir, id: modelId });
  if (asJson) {
    process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  } else {
    const f = (x) => x.toFixed(3);
    process.stdout.write(`ALQAC 2024 keyword retrieval (${results.accented.questions} questions${split ? `, ${split}-numbered` : ''}${subset ? `, subset of ${subset}` : ''})\n`);
    process.stdout.write('variant            R@1    R@10   MRR@10 nDCG@10 ms/query\n');
    if (results.model) process.stdout.write(`model ${results.model.id} (${results.model.dims} dims): ${results.model.passages} passages embedded in ${(results.model.embedMs / 1000).toFixed(1)} s\n`);
    for (const [name, r] of Object.entries(results)) {
      if (name === 'model') continue;
      process.stdout.write(`${name.padEnd(18)} ${f(r.recallAt1)}  ${f(r.recallAt10)}  ${f(r.mrrAt10)}  ${f(r.ndcgAt10)}  ${r.msPerQuery.toFixed(1)}\n`);
    }
  }
}
