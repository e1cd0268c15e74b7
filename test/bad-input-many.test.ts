/**
 * Bad input, continued (issue 7; the one folder of broken files is in
 * test/bad-input.test.ts): files deleted and rewritten while a run reads them,
 * a named pipe given by name, and a folder of many small files (speed
 * reported) — 1,000 in `npm test`, 10,000 with KHO_LONG_TESTS=1 (`npm run test:long`).
 *
 * No step has a time budget: a `kho` process is killed only when it has been
 * silent for HANG_GUARD_MS (a hang), so a slow or busy machine passes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LONG } from './helpers.js';
import { CRASH, describeRun, indexExit, khoTimed, makeSmallFiles, parseJson, type Failure, type TimedRun } from './bad-input-helpers.js';

function index(dir: string, dataDir: string): Promise<TimedRun> {
  return khoTimed(['index', dir, '--data', dataDir, '--json']);
}

describe('bad input: files deleted and rewritten while a run reads them', () => {
  const work = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'kho-bad-race-')));
  const folder = path.join(work, 'thu-vien');
  const raceData = path.join(work, 'data');
  const FILES = 1_500;
  const deleted = path.join(folder, 'nhom-007', 'm-xoa-khi-dang-doc.txt');
  const rewritten = path.join(folder, 'nhom-007', 'm-ghi-lai-khi-dang-doc.txt');
  const version = (name: string) => {
    const body = `${'Báo cáo tình hình thực hiện kế hoạch chuyển đổi số của các sở, ban, ngành trong quý. '.repeat(30)}\n\n`.repeat(120);
    return `Mở đầu zq${name}start\n\n${body}Kết thúc zq${name}end\n`;
  };
  const WHOLE = [[], ['vonestart', 'voneend'], ['vtwostart', 'vtwoend'], ['vfinalstart', 'vfinalend']].map((v) => v.join(','));
  let run1: TimedRun;
  let run2: TimedRun;
  let rewrites = 0;
  let deletedAfterMs = -1;
  /** What the index held for the rewritten file after run 1, and after run 2 (the file no longer changing). */
  let storedAfter1 = '';
  let storedAfter2 = '';
  let lastWritten = '';

  const stored = async () => {
    const found: string[] = [];
    for (const name of ['vone', 'vtwo', 'vfinal']) {
      for (const part of ['start', 'end']) {
        const run = await khoTimed(['search', `zq${name}${part}`, '--data', raceData, '--json']);
        if (parseJson(run).hits.some((h: any) => h.path === rewritten)) found.push(`${name}${part}`);
      }
    }
    return found.join(',');
  };

  beforeAll(async () => {
    makeSmallFiles(folder, FILES);
    writeFileSync(deleted, version('deleted'));
    writeFileSync(rewritten, version('vone'));
    const versions = [Buffer.from(version('vone')), Buffer.from(version('vtwo'))];
    let stop = false;
    let loop: Promise<void> | null = null;
    const rewriteLoop = async () => {
      // In place, as editors that do not save atomically do: truncate, then write in pieces.
      while (!stop) {
        const handle = await open(rewritten, 'r+');
        const content = versions[rewrites % 2]!;
        await handle.truncate(0);
        for (let at = 0; at < content.length; at += 64 * 1024) await handle.write(content, at, Math.min(64 * 1024, content.length - at), at);
        await handle.close();
        lastWritten = rewrites % 2 === 0 ? 'vonestart,voneend' : 'vtwostart,vtwoend';
        rewrites++;
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const started = Date.now();
    // In English the progress lines name the phase as the API does ("extract: 12/1502 files").
    run1 = await khoTimed(['index', folder, '--data', raceData, '--json', '--lang', 'en'], { onStderr: (chunk) => {
      // The walk is done (sizes and times taken) when extraction starts: change the files now.
      if (loop || !/^extract:/m.test(chunk)) return;
      unlinkSync(deleted);
      deletedAfterMs = Date.now() - started;
      loop = rewriteLoop();
    } });
    stop = true;
    await loop;
    console.log(`bad-input race: run over ${FILES + 2} files ${describeRun(run1).split(';')[0]} in ${(run1.ms / 1000).toFixed(1)} s; deleted at ${deletedAfterMs} ms; ${rewrites} rewrites during the run`);
    if (run1.code === 0) storedAfter1 = await stored();
    run2 = await index(folder, raceData);
    if (run2.code === 0) storedAfter2 = await stored();
  }, 60 * 60_000); // a guard only: each kho process has its own hang guard

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('the run completes (exit 0, no crash) while one file is deleted and another rewritten', () => {
    expect(deletedAfterMs, 'the files were changed during the run').toBeGreaterThanOrEqual(0);
    expect(rewrites, 'the file was rewritten during the run').toBeGreaterThan(0);
    expect(run1.code, describeRun(run1)).toBe(indexExit(run1));
    expect(run1.stderr).not.toMatch(CRASH);
    expect(parseJson(run1).indexed).toBeGreaterThanOrEqual(FILES);
  });

  it('a file deleted during the run is not a failure, and is gone after the next run', async () => {
    const listed = parseJson(run1).failed.find((f: Failure) => f.path === deleted);
    if (listed) {
      // At most named for what happened: it was deleted (not "damaged", not an errno code).
      expect.soft(listed.kind).toBe('not-found');
      expect.soft(listed.reason).toMatch(/deleted|no longer exists|disappeared|removed|gone/i);
    }
    expect(run2.code, describeRun(run2)).toBe(indexExit(run2));
    const st = parseJson(await khoTimed(['status', '--data', raceData, '--json']));
    expect(st.failures.map((f: Failure) => f.path)).not.toContain(deleted);
    const hits = parseJson(await khoTimed(['search', 'zqdeletedstart', '--data', raceData, '--json'])).hits;
    expect(hits).toEqual([]);
    expect(st.documents).toBe(FILES + 1);
  });

  it('a file rewritten during the run is stored as one whole version, and the latest one after each later run', async () => {
    expect(WHOLE, `stored after run 1 (during the rewrites): "${storedAfter1}"`).toContain(storedAfter1);
    expect(storedAfter2, 'run 2 stores the version the file ended with').toBe(lastWritten);
    writeFileSync(rewritten, version('vfinal'));
    const run3 = await index(folder, raceData);
    expect(run3.code, describeRun(run3)).toBe(indexExit(run3));
    expect(parseJson(run3)).toMatchObject({ indexed: 1 });
    expect(await stored()).toBe('vfinalstart,vfinalend');
  });
});

describe('bad input: a named pipe given by name', () => {
  const work = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'kho-bad-fifo-')));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.skipIf(process.platform === 'win32')('is refused at once, not read forever', async () => {
    const fifo = path.join(work, 'ong-dan.txt');
    execFileSync('mkfifo', [fifo]);
    // Reading a pipe with no writer blocks forever: any silence this long is that hang.
    const run = await khoTimed(['index', fifo, '--data', path.join(work, 'data'), '--json'], { stallMs: 5 * 60_000 });
    expect(run.stalled, 'kho index <named pipe> must not wait for a writer forever').toBe(false);
    expect([0, 2], describeRun(run)).toContain(run.code);
    expect(run.stderr).not.toMatch(CRASH);
    expect(`${run.stdout}\n${run.stderr}`).toMatch(/not a (regular )?file|pipe|fifo|special file/i);
  });
});

/** Files in the many-small-files folder: the long run's 10,000, or a short run's 1,000. */
const MANY = LONG ? 10_000 : 1_000;

describe(`bad input: a folder of ${MANY.toLocaleString('en')} small files`, () => {
  const work = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'kho-bad-many-')));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it(`indexes ${MANY.toLocaleString('en')} small files (speed reported in files/s)`, async () => {
    const folder = path.join(work, 'thu-vien');
    const dataDir = path.join(work, 'data');
    const made = makeSmallFiles(folder, MANY);
    const run = await index(folder, dataDir);
    const rate = MANY / (run.ms / 1000);
    console.log(`bad-input ${MANY} files: generated in ${(made / 1000).toFixed(1)} s; indexed in ${(run.ms / 1000).toFixed(1)} s = ${rate.toFixed(0)} files/s (${describeRun(run).split(';')[0]})`);
    expect(run.code, describeRun(run)).toBe(0);
    const s = parseJson(run);
    expect(s.failed).toEqual([]);
    expect(s.indexed).toBe(MANY);
    const last = MANY - 1;
    const hits = parseJson(await khoTimed(['search', `zqtep${last}`, '--data', dataDir, '--json'])).hits;
    expect(hits.map((h: any) => path.basename(h.path))).toEqual([`van-ban-${String(last).padStart(5, '0')}.txt`]);
    const again = await index(folder, dataDir);
    console.log(`bad-input ${MANY} files: re-run with nothing changed took ${(again.ms / 1000).toFixed(1)} s`);
    expect(parseJson(again)).toMatchObject({ indexed: 0, unchanged: MANY, failed: [] });
  }, 60 * 60_000); // a guard only: each kho process has its own hang guard
});
