/**
 * Nothing lost: SIGKILL the indexer at random points and check the stores
 * after each restart; recover from a torn LanceDB manifest and a damaged
 * suggestion index; and follow a watched folder's edits, renames and deletions.
 *
 * KHO_CRASH_KILLS sets the number of kills: 10 in `npm test`, 200 with
 * KHO_LONG_TESTS=1 (`npm run test:long`).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS, kho, khoJson, LONG, ROOT, tempDir, TEST_MODEL } from './helpers.js';

const KILLS = Number(process.env.KHO_CRASH_KILLS ?? (LONG ? 200 : 10));

/** Deterministic pseudo-random numbers, so a failing run can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function hashes(folder: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const name of readdirSync(folder)) result.set(name, createHash('sha256').update(readFileSync(path.join(folder, name))).digest('hex'));
  return result;
}

/** Start `kho index`, kill it with SIGKILL after `delayMs` (or let it finish first). */
function indexAndKill(args: string[], delayMs: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kho.js'), ...args], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished');
    });
  });
}

describe('crash safety', () => {
  const work = tempDir('crash');
  afterAll(() => work.cleanup());

  it(`survives ${KILLS} SIGKILLs at random points and completes the job`, async () => {
    const library = path.join(work.dir, 'library');
    const data = path.join(work.dir, 'data');
    cpSync(CORPUS, library, { recursive: true });
    // More, smaller files: more commit points to be killed between.
    const sentences = readFileSync(path.join(CORPUS, readdirSync(CORPUS).find((f) => f.endsWith('.txt'))!), 'utf8').split(/(?<=\.)\s+/);
    for (let i = 0; i < 40; i++) {
      writeFileSync(path.join(library, `ghi-chu-${i}.txt`), `Ghi chú số ${i}\n\n${sentences.slice(i % 7, (i % 7) + 12).join(' ')} Mã số ${1000 + i}.\n`);
    }
    const before = hashes(library);
    await khoJson(['model', 'import', TEST_MODEL, '--data', data]);
    const random = rng(2026);
    let killed = 0;
    for (let i = 0; i < KILLS; i++) {
      // Change a few files every round, so every run has work (extraction, replacement, embedding) to be killed in.
      for (let k = 0; k < 4; k++) {
        const n = Math.floor(random() * 40);
        if (n === 33) continue; // the file the final search looks for
        writeFileSync(path.join(library, `ghi-chu-${n}.txt`), `Bản sửa ${i}.${k}: ${sentences.slice(n % 9, (n % 9) + 8).join(' ')} chuyển giao công nghệ ${i}.\n`);
      }
      const outcome = await indexAndKill(['index', library, '--data', data], 100 + Math.floor(random() * 1400));
      if (outcome === 'killed') killed++;
      // verify exits 1 when the stores disagree: read its report either way, so a failure shows the problems.
      const report = JSON.parse((await kho(['verify', '--data', data, '--json'])).stdout);
      expect(report.problems, `after kill ${i}`).toEqual([]);
      expect(report.ok).toBe(true);
    }
    expect(killed).toBeGreaterThan(KILLS / 2);
    const summary = await khoJson(['index', library, '--data', data]);
    expect(summary.failed).toEqual([]);
    const report = await khoJson(['verify', '--data', data]);
    expect(report).toMatchObject({ ok: true, documents: readdirSync(library).length, missingVectors: 0 });
    expect(report.vectors).toBe(report.passages);
    // Sources are only ever read: the files the test did not edit are byte-identical.
    const after = hashes(library);
    for (const [name, hash] of before) if (!name.startsWith('ghi-chu-')) expect(after.get(name), name).toBe(hash);
    const hit = await khoJson(['search', 'Mã số 1033', '--data', data, '--limit', '1']);
    expect(hit.hits[0].path).toMatch(/ghi-chu-33\.txt$/);
  }, (10 + KILLS) * 60_000); // a hang guard: a minute per kill, where a round takes seconds

  it('rolls back a table whose newest manifest was torn, then re-indexes what was lost', async () => {
    const data = path.join(work.dir, 'torn');
    await khoJson(['index', CORPUS, '--data', data]);
    const expected = await khoJson(['status', '--data', data]);
    for (const table of ['passages', 'documents']) {
      const versions = path.join(data, 'lancedb', `${table}.lance`, '_versions');
      const manifests = readdirSync(versions).filter((f) => f.endsWith('.manifest'));
      const newest = manifests.map((f) => BigInt(f.replace('.manifest', ''))).sort((a, b) => (a < b ? -1 : 1))[0];
      truncateSync(path.join(versions, `${newest}.manifest`), 0);
    }
    // The library opens (rolled back) instead of failing; the next index run restores what was lost.
    expect((await kho(['search', 'đổi mới sáng tạo', '--data', data])).code).toBe(0);
    await khoJson(['index', CORPUS, '--data', data]);
    expect((await khoJson(['search', 'đổi mới sáng tạo', '--data', data])).hits.length).toBeGreaterThan(0);
    const status = await khoJson(['status', '--data', data]);
    expect([status.documents, status.passages]).toEqual([expected.documents, expected.passages]);
    expect((await khoJson(['verify', '--data', data])).ok).toBe(true);
  });

  it('rebuilds a damaged suggestion index from the stored passages', async () => {
    const data = path.join(work.dir, 'titles');
    await khoJson(['index', CORPUS, '--data', data]);
    writeFileSync(path.join(data, 'titles.minisearch.json'), '{"version":2,"checksum":"x","index":"{trunc');
    const report = await khoJson(['verify', '--data', data]);
    expect(report.ok).toBe(true);
    const { Library } = await import('../indexer/library/library.js');
    const library = await Library.open({ dataDir: data });
    try {
      expect((await library.suggest({ prefix: 'chuyen d', limit: 5 })).map((s) => s.text)).toContain('chuyển đổi số');
    } finally {
      await library.close();
    }
  });
});

describe('watched folders', () => {
  const work = tempDir('watch');
  afterAll(() => work.cleanup());

  it('reflects edits, renames and deletions in search within seconds', async () => {
    const folder = path.join(work.dir, 'thu-muc');
    const data = path.join(work.dir, 'data');
    mkdirSync(folder);
    for (const f of readdirSync(CORPUS).filter((n) => n.endsWith('.txt') || n.endsWith('.md'))) cpSync(path.join(CORPUS, f), path.join(folder, f));
    await khoJson(['index', folder, '--data', data]);
    const watcher = spawn(process.execPath, [path.join(ROOT, 'bin', 'kho.js'), 'watch', '--data', data, '--lang', 'en'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let said = '';
    watcher.stderr!.on('data', (chunk) => (said += chunk));
    const exited = new Promise((resolve) => watcher.once('exit', resolve));
    const find = async (query: string) => (await khoJson(['search', query, '--data', data, '--limit', '3'])).hits.map((h: any) => path.basename(h.path));
    const words = 'hội chợ thiết bị nông nghiệp thông minh';
    try {
      // Said once its first run is done and the folders are watched.
      await expect.poll(() => said).toMatch(/watching/);
      writeFileSync(path.join(folder, 'moi.txt'), 'Thông báo về hội chợ thiết bị nông nghiệp thông minh tại Quảng Xương.\n');
      await expect.poll(async () => (await find(words)).includes('moi.txt')).toBe(true);
      renameSync(path.join(folder, 'moi.txt'), path.join(folder, 'da-doi-ten.txt'));
      await expect.poll(async () => (await find(words))[0]).toBe('da-doi-ten.txt');
      rmSync(path.join(folder, 'da-doi-ten.txt'));
      await expect.poll(async () => (await find(words)).includes('da-doi-ten.txt')).toBe(false);
    } finally {
      watcher.kill('SIGTERM');
      await exited;
    }
    const status = await khoJson(['status', '--data', data]);
    expect(status.failures).toEqual([]);
    expect((await kho(['verify', '--data', data])).code).toBe(0);
  });
});
