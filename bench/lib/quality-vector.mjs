/**
 * Hybrid and vector-only quality on ALQAC with a real embedding model, when
 * one is given (KHO_BENCH_MODELS_DIR + KHO_BENCH_MODEL_ID, e.g. a data folder's
 * models/ and Xenova/multilingual-e5-small). Same passages and terms as
 * scripts/eval-alqac.mjs; vectors through the product's embedder and
 * VectorTable; hybrid as search.ts ranks it: the question as understood
 * (question.ts) through rankKeyword, the vector list of the question as typed,
 * fused by the product's fuseQuestion.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dist, DIST, loadJson, maxRssMB, ALQAC } from './util.mjs';
import { embedRows, openModelEmbedder } from './embed-rows.mjs';
import { metrics, questionSet } from './quality.mjs';

export async function childVectorQuality({ subset, modelsDir, id }) {
  const { LanceStore } = await dist('store/lance.js');
  const { passageTerms } = await dist('ingest/ingest.js');
  const { rankKeyword, fuseQuestion, CANDIDATES } = await dist('search/search.js');
  const { understandQuestion } = await dist('search/question.js');
  const { parseQuery } = await dist('vietnamese/query.js');
  const { foldAccents } = await dist('common/normalize.js');
  const embedder = await openModelEmbedder(path.dirname(DIST), modelsDir, id, { worker: true });
  const laws = loadJson(path.join(ALQAC, 'law.json'));
  const lawIndex = new Map(laws.map((l, i) => [l.id, i]));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kho-bench-vq-'));
  try {
    const store = await LanceStore.open(dir);
    const rows = laws.flatMap((law, i) =>
      law.articles.map((a) => {
        const text = `Điều ${a.id}. ${a.text}`;
        return { id: `${i}:${a.id}`, docId: `law${i}`, ordinal: 0, text, terms: passageTerms(text, `Điều ${a.id}`, law.id), page: null, pageEnd: null, section: `Điều ${a.id}`, start: 0, end: text.length, ocr: false };
      }),
    );
    await store.addPassages(rows);
    await store.optimize();
    const vt = await store.openVectors('vectors_eval', embedder.dims);
    const embedMs = await embedRows(embedder, vt, rows);
    const questions = questionSet(subset);
    const titleOf = (docId) => laws[Number(docId.slice(3))]?.id;
    const out = { model: id, dims: embedder.dims, embedMs };
    for (const variant of ['accented', 'unaccented']) {
      const vectorRanked = [];
      const hybridRanked = [];
      for (const q of questions) {
        const text = variant === 'accented' ? q.text : foldAccents(q.text);
        const parsed = parseQuery(text);
        const vec = await vt.search(await embedder.embedQuery(parsed.text), CANDIDATES);
        const kw = await rankKeyword(store, understandQuestion(parsed), CANDIDATES, { texts: new Map(), titleOf });
        vectorRanked.push(vec.map((r) => r.id));
        hybridRanked.push(fuseQuestion(parsed.text, kw, vec).map(([rid]) => rid));
      }
      out.vector = { ...out.vector, [variant]: metrics(vectorRanked, questions, lawIndex) };
      out.hybrid = { ...out.hybrid, [variant]: metrics(hybridRanked, questions, lawIndex) };
    }
    vt.close();
    store.close();
    await embedder.close();
    return { ...out, maxRssMB: maxRssMB() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
