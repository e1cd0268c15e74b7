/**
 * Shared plumbing for the benchmark: paths, child processes (every measured
 * phase runs in a fresh process, so heaps and peak RSS are honest), statistics,
 * machine details.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = path.resolve(ROOT, '../shared/data');
export const ALQAC = path.join(SHARED, 'alqac2024');
export const CHILD = path.join(ROOT, 'bench/lib/child.mjs');
export const DIST = path.join(ROOT, 'dist/indexer');
export const TEST_MODELS_DIR = path.join(ROOT, 'test-model');
export const TEST_MODEL_ID = 'kho/test-tiny';

/** LanceDB's FTS builder deadlocks with a 2-thread pool (see indexer/store/lance-env.ts); the product forces ≥ 4, so do peers. */
export const LANCE_ENV = { ...process.env, LANCE_CPU_THREADS: process.env.LANCE_CPU_THREADS ?? String(Math.max(4, os.cpus().length)) };

/** Import a compiled product module: dist('store/lance.js'). */
export function dist(rel) {
  return import(pathToFileURL(path.join(DIST, rel)).href);
}

export function loadJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function stats(values) {
  if (!values || values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { n: s.length, p50: q(0.5), p95: q(0.95), max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length };
}

export function dirSize(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((n, f) => n + dirSize(path.join(p, f)), 0);
}

export const maxRssMB = () => process.resourceUsage().maxRSS / 1024;

export function log(msg) {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`);
}

/**
 * Spawn a command; resolve with the JSON of its `RESULT ` line (if any), the
 * wall time to that line and to exit, and stdout/stderr.
 */
export function run(cmd, args, { timeoutMs = 900_000, env = process.env, cwd = ROOT, onOutput = null } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let answerMs = null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d) => {
      stdout += d;
      onOutput?.(String(d));
      if (answerMs === null && stdout.includes('RESULT ')) answerMs = performance.now() - t0;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      onOutput?.(String(d));
    });
    child.on('error', (e) => (stderr += String(e)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      let result = null;
      try {
        result = line ? JSON.parse(line.slice(7)) : null;
      } catch {
        /* reported as an error below */
      }
      const failed = timedOut ? `timed out after ${timeoutMs / 1000} s` : code !== 0 ? `exit ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : null;
      resolve({ result, failed, code, answerMs, exitMs: performance.now() - t0, stdout, stderr });
    });
  });
}

/** Run a child role (bench/lib/child.mjs) in a fresh Node process; its result, or { error }. */
export async function child(role, args, { flags = [], timeoutMs, env = LANCE_ENV } = {}) {
  const r = await run(process.execPath, [...flags, CHILD, role, JSON.stringify(args)], { timeoutMs, env });
  if (r.result && !r.failed) return r.result;
  return { error: r.failed ?? 'no result', ...(r.result ?? {}) };
}

/** Print a child's result line (called inside the child). */
export function emit(result) {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

export function machine() {
  const cpus = os.cpus();
  let lscpu = null;
  try {
    lscpu = execFileSync('lscpu', [], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => /^(Model name|Thread\(s\) per core|Core\(s\) per socket|L3 cache|CPU max MHz)/.test(l))
      .map((l) => l.replace(/\s+/g, ' ').trim());
  } catch {
    /* not Linux */
  }
  const version = (pkg) => {
    try {
      return loadJson(path.join(ROOT, 'node_modules', pkg, 'package.json')).version;
    } catch {
      return null;
    }
  };
  const debVersion = (pkg) => {
    try {
      return execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }) || null;
    } catch {
      return null;
    }
  };
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    lscpu,
    memGB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    packages: {
      lancedb: version('@lancedb/lancedb'),
      minisearch: version('minisearch'),
      'pdfjs-dist': version('pdfjs-dist'),
      '@huggingface/transformers': version('@huggingface/transformers'),
      recoll: debVersion('recollcmd'),
      'poppler-utils': debVersion('poppler-utils'),
      'tesseract-ocr': debVersion('tesseract-ocr'),
      libreoffice: debVersion('libreoffice-core') ?? debVersion('libreoffice-core-nogui') ?? debVersion('libreoffice-common'),
    },
    lanceCpuThreads: LANCE_ENV.LANCE_CPU_THREADS,
  };
}

export function which(cmd) {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
