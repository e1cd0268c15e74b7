/**
 * Bytes on disk of a library's data folder, by component, and per passage:
 * for each LanceDB table its data files (`data/`), indexes (`_indices/`:
 * full-text, scalar, ANN), deletion files, and versions (manifests,
 * transactions, version hints); then the suggestion (title) index JSON and
 * everything else. Counts the versions each table keeps on disk.
 *
 *   node bench/lib/index-size.mjs DATA_DIR [PASSAGES]
 *
 * Also the mean raw bytes per passage of each passages column (sampled,
 * before LanceDB's encoding): which column the data files are mostly.
 * Prints JSON. PASSAGES (default: the passages table's row count, read from
 * LanceDB) divides every size into bytes per passage.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Sum of file sizes under `dir` (0 when it is not there). */
function bytesUnder(dir) {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) total += bytesUnder(full);
    else if (e.isFile()) total += statSync(full).size;
  }
  return total;
}

/** Which component a top-level entry of a `.lance` folder belongs to. */
const COMPONENT = { data: 'data', _indices: 'indices', _deletions: 'deletions', _versions: 'versions', _transactions: 'versions', _refs: 'versions', _quarantine: 'quarantine' };

function tableSizes(tableDir) {
  const sizes = { data: 0, indices: 0, deletions: 0, versions: 0, quarantine: 0, other: 0 };
  for (const e of readdirSync(tableDir, { withFileTypes: true })) {
    const full = path.join(tableDir, e.name);
    const bytes = e.isDirectory() ? bytesUnder(full) : statSync(full).size;
    sizes[COMPONENT[e.name] ?? 'other'] += bytes;
  }
  let manifests = 0;
  try {
    manifests = readdirSync(path.join(tableDir, '_versions')).filter((f) => f.endsWith('.manifest')).length;
  } catch { /* no versions folder */ }
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  return { ...sizes, total, versionsOnDisk: manifests };
}

/** Rows sampled for the raw size of each passage column. */
const SAMPLE_ROWS = 2_000;

/** Raw size of a value as stored before compression: UTF-8 bytes of text, 8 per number, 4 per vector element. */
function rawBytes(value) {
  if (value == null) return 0;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number' || typeof value === 'bigint') return 8;
  if (typeof value === 'boolean') return 1;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value.toArray === 'function') return rawBytes(value.toArray());
  if (Array.isArray(value)) return value.reduce((sum, v) => sum + rawBytes(v), 0);
  return Buffer.byteLength(JSON.stringify(value));
}

/** The passages' row count, and the mean raw bytes per passage of each column over a sample (before LanceDB's encoding). */
async function passageFacts(lanceDir) {
  try {
    const lancedb = await import('@lancedb/lancedb');
    const db = await lancedb.connect(lanceDir);
    try {
      const table = await db.openTable('passages');
      const count = await table.countRows();
      const rows = await table.query().limit(SAMPLE_ROWS).toArray();
      const columns = {};
      for (const row of rows) for (const [k, v] of Object.entries(row)) columns[k] = (columns[k] ?? 0) + rawBytes(v);
      for (const k of Object.keys(columns)) columns[k] = Math.round(columns[k] / Math.max(1, rows.length));
      return { count, columns };
    } finally {
      db.close();
    }
  } catch {
    return { count: null, columns: null };
  }
}

/** The breakdown for one data folder (see the top of this file). */
export async function indexSize(dataDir, passages) {
  const lanceDir = path.join(dataDir, 'lancedb');
  const tables = {};
  let lanceBytes = 0;
  try {
    for (const e of readdirSync(lanceDir, { withFileTypes: true })) {
      if (!e.isDirectory() || !e.name.endsWith('.lance')) continue;
      tables[e.name.replace(/\.lance$/, '')] = tableSizes(path.join(lanceDir, e.name));
    }
  } catch { /* no LanceDB folder */ }
  for (const t of Object.values(tables)) lanceBytes += t.total;
  // The suggestion (title) index: `titles.minisearch.json` and any sibling MiniSearch file.
  const titles = readdirSync(dataDir, { withFileTypes: true })
    .filter((e) => e.isFile() && /minisearch/i.test(e.name))
    .reduce((sum, e) => sum + statSync(path.join(dataDir, e.name)).size, 0);
  const total = bytesUnder(dataDir);
  const facts = await passageFacts(lanceDir);
  const n = passages ?? facts.count;
  const perPassage = (bytes) => (n ? Math.round(bytes / n) : null);
  const byComponent = { data: 0, indices: 0, deletions: 0, versions: 0, quarantine: 0, other: 0 };
  for (const t of Object.values(tables)) for (const k of Object.keys(byComponent)) byComponent[k] += t[k];
  return {
    dataDir,
    passages: n,
    totalBytes: total,
    totalMB: +(total / 1e6).toFixed(2),
    lanceBytes,
    titleIndexBytes: titles,
    otherBytes: total - lanceBytes - titles,
    byComponent,
    bytesPerPassage: n
      ? {
          total: perPassage(total),
          data: perPassage(byComponent.data),
          indices: perPassage(byComponent.indices),
          versions: perPassage(byComponent.versions + byComponent.deletions),
          titleIndex: perPassage(titles),
        }
      : null,
    rawColumnBytesPerPassage: facts.columns,
    tables,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dataDir, passages] = process.argv.slice(2);
  if (!dataDir) {
    console.error('usage: node bench/lib/index-size.mjs DATA_DIR [PASSAGES]');
    process.exit(2);
  }
  console.log(JSON.stringify(await indexSize(path.resolve(dataDir), passages ? Number(passages) : undefined), null, 2));
}
