/**
 * Indexing at a department's size (issue 20), each figure next to its peer in
 * the same run, all through the command users run (`kho index`):
 *
 * - **articles**: 2,000 files of one ALQAC article each, keyword only, against
 *   a fresh `recollindex` over the same folder (time and bytes on disk);
 * - **small files**: 10,000 files of two sentences each (the shape of
 *   test/bad-input-many.test.ts's folder), keyword only: files/s and an
 *   unchanged re-run, against recollindex over the same folder;
 * - **documents**: 10,000 administrative documents with Decree 30 headers
 *   (scale-library's folder, ~94k passages), keyword only: time, build RSS
 *   (and which phase it peaks in) and bytes on disk against recollindex;
 * - **with vectors**: the same 10,000 files indexed with a 384-d stand-in model
 *   (the test model generated at the real model's size: the vectors mean
 *   nothing, their bytes are real): bytes on disk by component, per passage,
 *   and the build's peak RSS.
 *
 * RSS is GNU time's maximum resident set of the `kho` process (its worker
 * threads included).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALQAC, dirSize, log, ROOT, run, which } from './util.mjs';
import { writeRecollConf } from './quality.mjs';
import { writeLibraryFolder } from './scale-library.mjs';
import { makeSmallFiles } from './small-files.mjs';
import { indexSize } from './index-size.mjs';

const KHO = path.join(ROOT, 'bin/kho.js');
const ARTICLE_FILES = 2_000;
const SMALL_FILES = 10_000;

/** The environment of a measured `kho`: no data folder or models folder inherited from the caller's shell. */
function khoEnv() {
  const env = { ...process.env };
  delete env.KHO_DATA;
  delete env.KHO_MODELS;
  return env;
}

/**
 * Run a command under GNU time when it is installed: wall ms, peak RSS and
 * CPU seconds (user + system, every thread), so a gap can be told apart as
 * CPU (both cores busy) or waiting.
 */
async function timedRun(cmd, args, opts) {
  const gnuTime = which('/usr/bin/time');
  const t = performance.now();
  const r = gnuTime ? await run(gnuTime, ['-f', 'KHO_TIME %M %U %S', cmd, ...args], opts) : await run(cmd, args, opts);
  const ms = performance.now() - t;
  const m = /KHO_TIME (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { r, ms, maxRssMB: m ? Number(m[1]) / 1024 : null, cpuSeconds: m ? Number(m[2]) + Number(m[3]) : null };
}

/** Progress phase names as `kho index` prints them (Vietnamese CLI text) → the report's words. */
const PHASES = [['quét thư mục', 'walk'], ['đọc tệp', 'read and analyse'], ['sắp xếp chỉ mục', 'index build'], ['vectơ', 'embedding'], ['xong', 'done']];

/**
 * Sample the resident memory of the `kho` process (GNU time's child) every
 * 250 ms, each sample with the progress phase printed last: where the peak is.
 */
function rssSampler(progress) {
  let peak = { mb: 0, phase: null };
  const byPhase = {};
  const timer = setInterval(() => {
    const pid = findKhoPid();
    if (!pid) return;
    let mb = 0;
    try {
      mb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    } catch {
      return;
    }
    const phase = progress.phase ?? 'start';
    byPhase[phase] = Math.max(byPhase[phase] ?? 0, mb);
    if (mb > peak.mb) peak = { mb, phase };
  }, 250);
  return { stop: () => (clearInterval(timer), { peak, byPhase }) };
}

/** The newest `node … bin/kho.js index` process (ours is the only one the bench runs at a time). */
function findKhoPid() {
  let best = null;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.includes(KHO) && cmd.includes('\0index\0') && !cmd.startsWith('/usr/bin/time')) best = Math.max(best ?? 0, Number(name));
    } catch {
      /* gone */
    }
  }
  return best;
}

/** `kho index folder --data data`, timed, with its peak RSS, CPU, and (with `sample`) RSS by phase. */
export async function khoIndex(folder, data, { env = khoEnv(), sample = false } = {}) {
  const progress = { phase: null };
  const sampler = sample && process.platform === 'linux' ? rssSampler(progress) : null;
  const { r, ms, maxRssMB, cpuSeconds } = await timedRun(process.execPath, [KHO, 'index', folder, '--data', data], { env, timeoutMs: 3_600_000, onOutput: (text) => {
    for (const [words, phase] of PHASES) if (text.includes(words)) progress.phase = phase;
  } });
  const rssByPhase = sampler?.stop() ?? null;
  const status = await run(process.execPath, [KHO, 'status', '--data', data, '--json'], { env });
  let st = null;
  try {
    st = JSON.parse(status.stdout);
  } catch {
    /* reported as null */
  }
  return { ms, cpuSeconds, exit: r.code, error: r.code === 0 || r.code === 2 ? null : r.stderr.slice(-300), maxRssMB, rssByPhase, documents: st?.documents ?? null, passages: st?.passages ?? null, failed: st?.failures?.length ?? null, diskBytes: dirSize(data) };
}

/** A fresh recollindex over `folder` with a private config: time and Xapian's bytes. */
export async function recollIndex(folder, conf) {
  if (!which('recollindex')) return { skipped: 'recoll missing (Debian: apt-get install recollcmd)' };
  mkdirSync(conf, { recursive: true });
  writeRecollConf(conf, folder);
  const { r, ms, maxRssMB, cpuSeconds } = await timedRun('recollindex', ['-c', conf], { timeoutMs: 3_600_000 });
  return { ms, cpuSeconds, maxRssMB, exit: r.code, diskBytes: dirSize(path.join(conf, 'xapiandb')) };
}

/** One .txt per ALQAC article (law name and article number as its first line), the first `count`. */
function writeArticleFolder(folder, count) {
  mkdirSync(folder, { recursive: true });
  const laws = JSON.parse(readFileSync(path.join(ALQAC, 'law.json'), 'utf8'));
  let n = 0;
  for (const [li, law] of laws.entries()) {
    for (const a of law.articles) {
      if (n >= count) return n;
      writeFileSync(path.join(folder, `luat${String(li).padStart(2, '0')}-dieu${String(a.id).padStart(3, '0')}.txt`), `${law.id}\n\nĐiều ${a.id}. ${a.text}\n`);
      n++;
    }
  }
  return n;
}

/** Generate the 384-d stand-in into `dir` and install it into `data` (the active model there). */
async function install384(dir, data, env) {
  const made = await run(process.execPath, [path.join(ROOT, 'scripts/make-test-model.mjs'), dir, '--dim', '384'], { env });
  if (made.code !== 0) return `make-test-model: ${made.stderr.slice(-200)}`;
  const imported = await run(process.execPath, [KHO, 'model', 'import', path.join(dir, 'kho', 'test-tiny'), '--id', 'kho/test-384', '--data', data], { env });
  return imported.code === 0 ? null : `model import: ${imported.stderr.slice(-200)}`;
}

/** The indexing section: articles, small files and the 384-d build, each with its peer. */
export async function indexing({ quick = false } = {}) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kho-bench-indexing-'));
  const articleCount = quick ? 200 : ARTICLE_FILES;
  const smallCount = quick ? 500 : SMALL_FILES;
  const env = khoEnv();
  try {
    const articles = path.join(tmp, 'dieu');
    const files = writeArticleFolder(articles, articleCount);
    log(`indexing: kho index over ${files} one-article files, then recollindex`);
    const art = { files, bytes: dirSize(articles), ours: await khoIndex(articles, path.join(tmp, 'dieu-data')), recoll: await recollIndex(articles, path.join(tmp, 'dieu-recoll')) };

    const tiny = path.join(tmp, 'nho');
    makeSmallFiles(tiny, smallCount);
    log(`indexing: kho index over ${smallCount} small files (keyword only), an unchanged re-run, recollindex`);
    const tinyData = path.join(tmp, 'tiny-data');
    const tinyRun = { files: smallCount, bytes: dirSize(tiny), first: await khoIndex(tiny, tinyData), rerun: await khoIndex(tiny, tinyData), recoll: await recollIndex(tiny, path.join(tmp, 'tiny-recoll')) };
    rmSync(tinyData, { recursive: true, force: true });

    const small = path.join(tmp, 'thu-vien');
    writeLibraryFolder(small, smallCount);
    log(`indexing: kho index over ${smallCount} documents (keyword only), an unchanged re-run, recollindex`);
    const smallData = path.join(tmp, 'small-data');
    const first = await khoIndex(small, smallData, { sample: true });
    const rerun = await khoIndex(small, smallData);
    const smallSize = await indexSize(smallData);
    const smallRecoll = await recollIndex(small, path.join(tmp, 'small-recoll'));
    rmSync(path.join(tmp, 'small-recoll'), { recursive: true, force: true });

    log(`indexing: the same ${smallCount} files with a 384-d stand-in model`);
    const vecData = path.join(tmp, 'vec-data');
    const installError = await install384(path.join(tmp, 'm384'), vecData, env);
    const withVectors = installError ? { error: installError } : { ...(await khoIndex(small, vecData, { sample: true })), size: await indexSize(vecData) };
    return {
      articles: art,
      tiny: tinyRun,
      small: { files: smallCount, bytes: dirSize(small), first, rerun, size: smallSize, recoll: smallRecoll },
      withVectors,
      targets: { folderRatio: 1.0, diskRatio: 4, bytesAt100k: 300e6, rssMBAt100k: 800, filesPerSecond: 1000, rerunMs: 2000 },
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
