#!/usr/bin/env node
/**
 * LanceDB query latency on object storage against local disk (issue 18), to
 * guide the read cache: the same small passage table (full-text index on the
 * terms, 384-d vectors) written to a temporary folder and to `s3://…` on a local
 * moto_server, then the same warm queries on each, in the same run. Requests
 * per query are counted by a pass-through proxy in front of moto.
 *
 *   npx tsc -p tsconfig.json && node bench/s3-latency.mjs [--rows 2000] [--queries 60]
 *
 * Needs moto_server on PATH (pip install "moto[server]"). Prints JSON; writes nothing in the repo.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startMoto } from './lib/moto.mjs';
import { LANCE_ENV, dist, mulberry32 } from './lib/util.mjs';

process.env.LANCE_CPU_THREADS = LANCE_ENV.LANCE_CPU_THREADS;
const lancedb = await import('@lancedb/lancedb');
const { lanceStorageOptions, lanceUri, parseS3Location } = await dist('store/remote/location.js');

const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const ROWS = opt('--rows', 2000);
const QUERIES = opt('--queries', 60);
const DIMS = 384;

const random = mulberry32(18);
const vocabulary = Array.from({ length: 3000 }, (_, i) => `tu${i.toString(36)}`);
const pick = () => vocabulary[Math.floor(random() ** 2 * vocabulary.length)];
const vector = () => {
  const v = Array.from({ length: DIMS }, () => random() - 0.5);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
};
const rows = Array.from({ length: ROWS }, (_, i) => ({ id: `d${i >> 4}.k.${i & 15}`, terms: Array.from({ length: 60 }, pick).join(' '), vector: vector() }));
const ftsQueries = Array.from({ length: QUERIES }, () => `${pick()} ${pick()}`);
const vectorQueries = Array.from({ length: QUERIES }, vector);

/** A pass-through proxy that counts requests (what a reader's query costs on the network). */
async function countingProxy(target) {
  const upstream = new URL(target);
  const counter = { requests: 0 };
  const server = http.createServer((req, res) => {
    counter.requests++;
    const forward = http.request({ hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${server.address().port}`, counter, close: () => new Promise((resolve) => server.close(resolve)) };
}

const stats = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: +at(0.5).toFixed(1), p95: +at(0.95).toFixed(1) };
};

async function measure(table, counter, refresh) {
  const run = async (queries, query) => {
    for (const q of queries.slice(0, 5)) await query(q); // warm the caches
    const before = counter?.requests ?? 0;
    const times = [];
    for (const q of queries) {
      const start = performance.now();
      if (refresh) await table.checkoutLatest();
      await query(q);
      times.push(performance.now() - start);
    }
    return { ...stats(times), requestsPerQuery: counter ? +((counter.requests - before) / queries.length).toFixed(1) : null };
  };
  return {
    fullText: await run(ftsQueries, (q) => table.query().fullTextSearch(q).limit(20).select(['id', '_score']).toArray()),
    vector: await run(vectorQueries, (v) => table.query().nearestTo(v).distanceType('cosine').limit(20).select(['id', '_distance']).toArray()),
  };
}

async function build(uri, storageOptions) {
  const db = await lancedb.connect(uri, storageOptions ? { storageOptions } : {});
  const table = await db.createTable('passages', rows);
  await table.createIndex('terms', { config: lancedb.Index.fts({ baseTokenizer: 'whitespace', lowercase: false, stem: false, removeStopWords: false, asciiFolding: false, withPosition: false }) });
}

const work = mkdtempSync(path.join(os.tmpdir(), 'kho-s3-bench-'));
const moto = await startMoto('kho-bench');
try {
  const { endpoint } = moto;
  const location = parseS3Location('s3://kho-bench/phong');
  const config = (at) => ({ location, region: 'us-east-1', endpoint: at, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, credentialSource: 'bench' });

  await build(path.join(work, 'lancedb'));
  await build(lanceUri(location), lanceStorageOptions(config(endpoint)));

  const local = await (await lancedb.connect(path.join(work, 'lancedb'))).openTable('passages');
  const proxy = await countingProxy(endpoint);
  const remote = await (await lancedb.connect(lanceUri(location), { storageOptions: lanceStorageOptions(config(proxy.endpoint)) })).openTable('passages');
  const result = {
    rows: ROWS,
    queries: QUERIES,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    local: await measure(local, null, false),
    s3: await measure(remote, proxy.counter, false),
    // A reader that checks for a newer version before every query (the refresh a reader needs).
    s3CheckingLatest: await measure(remote, proxy.counter, true),
  };
  console.log(JSON.stringify(result, null, 2));
  await proxy.close();
} finally {
  moto.stop();
  rmSync(work, { recursive: true, force: true });
}
