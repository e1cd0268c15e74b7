/**
 * A library on object storage searched from a desk (issue 18): the same
 * `Library.search()` over the same 10,000-document library (scale-library.mjs
 * builds it through the real ingest), opened three ways in one process and
 * timed query by query in turn, so the machine's load falls on all three alike:
 *
 *   local  — the data folder on this disk (the peer);
 *   copy   — `--data s3://…` as a reader with its local copy (store/remote/mirror.ts), the default;
 *   direct — the same reader with KHO_S3_CACHE=off: every read goes to the bucket.
 *
 * The bucket is a local moto_server (no network latency: the direct figures
 * are a floor for a real link; the copy's do not depend on the link). The
 * library is built in a folder and uploaded object by object under the prefix,
 * as a writer would have left it. Also measured: the reader's first open (the
 * whole copy downloaded) and a later open (only a look).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dist, stats } from './util.mjs';
import { queries } from './synth.mjs';
import { startMoto } from './moto.mjs';
import { writeLibraryFolder } from './scale-library.mjs';

const BUCKET = 'kho-bench';
const PREFIX = 'so/thu-vien';
const TYPES = ['quyet-dinh', 'ke-hoach', 'bao-cao', 'thong-bao'];

/** Every file of the data folder, uploaded under the prefix (four at a time). */
async function upload(client, dataDir) {
  const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++];
      const body = readFileSync(file);
      bytes += body.length;
      await client.put(`${PREFIX}/${path.relative(dataDir, file).split(path.sep).join('/')}`, body);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return { objects: files.length, bytes };
}

/**
 * Queries per set timed on the reader without a copy: each costs seconds against
 * moto (a Python server serving every byte range LanceDB asks for), so only the
 * first few, enough to show the order of magnitude.
 */
const DIRECT_QUERIES = 15;

/** Child role `scale-remote`. */
export async function remoteScale({ docs, count }) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kho-bench-remote-'));
  const folder = path.join(tmp, 'thu-vien');
  const dataDir = path.join(tmp, 'data');
  let moto = null;
  const opened = [];
  try {
    writeLibraryFolder(folder, docs);
    const { Library } = await dist('library/library.js');
    const builder = await Library.open({ dataDir, embedInWorker: false });
    const summary = await builder.index({ paths: [folder] });
    const passages = (await builder.status()).passages;
    await builder.close();

    moto = await startMoto(BUCKET);
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: 'us-east-1', AWS_PROFILE: '' });
    // The reader's per-user folder (its copy) in this run's temporary folder.
    process.env.XDG_DATA_HOME = path.join(tmp, 'desk');
    const { S3Client } = await dist('store/remote/s3-client.js');
    const { parseS3Location } = await dist('store/remote/location.js');
    const url = `s3://${BUCKET}/${PREFIX}`;
    const client = new S3Client({ location: parseS3Location(url), region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, credentialSource: 'bench' });
    const uploaded = await upload(client, dataDir);

    const openTimed = async (dataDirOrUrl, cache) => {
      process.env.KHO_S3_CACHE = cache ? 'on' : 'off';
      const t = performance.now();
      const library = await Library.open({ dataDir: dataDirOrUrl, create: false, embedInWorker: false });
      opened.push(library);
      return { library, openMs: performance.now() - t };
    };
    const local = await openTimed(dataDir, true);
    const copy = await openTimed(url, true);
    // A second reader on the same desk: the copy is there, its first look finds nothing new.
    const copyAgain = await openTimed(url, true);
    const direct = await openTimed(url, false);

    const short = queries().short.slice(0, count);
    const filtered = short.map((q, i) => `${q} loai:${TYPES[i % 4]} nam:${2015 + (i % 10)}`);
    const ways = { local: local.library, copy: copy.library, direct: direct.library };
    const result = {};
    for (const [set, list] of Object.entries({ short, filtered })) {
      const times = { local: [], copy: [], direct: [] };
      let agree = 0;
      for (const library of Object.values(ways)) await library.search({ query: list[0], limit: 10 }); // warm
      for (const [i, query] of list.entries()) {
        const ids = {};
        for (const [way, library] of Object.entries(ways)) {
          if (way === 'direct' && i >= DIRECT_QUERIES) continue;
          const t = performance.now();
          const response = await library.search({ query, limit: 10 });
          times[way].push(performance.now() - t);
          ids[way] = response.hits.map((h) => h.passageId).join(',');
        }
        if (ids.local === ids.copy && (ids.direct === undefined || ids.local === ids.direct)) agree++;
      }
      result[set] = { local: stats(times.local), copy: stats(times.copy), direct: stats(times.direct), sameHits: agree / list.length };
    }
    return {
      docs, passages, indexed: summary.indexed, uploaded, count,
      open: { copyFirstMs: copy.openMs, copyAgainMs: copyAgain.openMs, directMs: direct.openMs, localMs: local.openMs },
      ...result,
      target: { ratioP95: 3 },
    };
  } finally {
    for (const library of opened) await library.close().catch(() => undefined);
    moto?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
