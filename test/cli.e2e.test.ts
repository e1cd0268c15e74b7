/**
 * End to end through the `kho` CLI on the real sample corpus: every command is
 * a new process, so persistence is exercised throughout.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, appendFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { exportTarget, unquotePath, useEscapes } from '../indexer/transports/cli/conventions.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, kho, khoJson, ROOT, tempDir, TEST_MODEL } from './helpers.js';

interface Fact {
  query: string;
  file: string;
  page: number | null;
  section: string | null;
}

const facts = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'corpus-facts.json'), 'utf8')) as Fact[];

describe('kho CLI on the sample corpus', () => {
  const work = tempDir('e2e');
  const library = path.join(work.dir, 'library');
  const data = path.join(work.dir, 'data');
  const corpusFiles = readdirSync(CORPUS).filter((f) => !f.startsWith('.') && f !== 'README.md');

  beforeAll(() => {
    cpSync(CORPUS, library, { recursive: true });
    // A damaged PDF and a format we cannot read yet, among good files.
    const pdf = readFileSync(path.join(CORPUS, corpusFiles.find((f) => f.endsWith('.pdf'))!));
    writeFileSync(path.join(library, 'hong-tep.pdf'), Buffer.concat([pdf.subarray(0, 9), Buffer.from('this is not a PDF body at all '.repeat(20))]));
    writeFileSync(path.join(library, 'trinh-chieu.pptx'), Buffer.from('PK\u0003\u0004 not really a presentation'));
  });
  afterAll(() => work.cleanup());

  it('indexes the corpus, naming each failure while the rest indexes', async () => {
    const summary = await khoJson(['index', library, '--data', data]);
    expect(summary.indexed).toBe(corpusFiles.length);
    expect(summary.mode).toBe('keyword');
    const failures = new Map(summary.failed.map((f: any) => [path.basename(f.path), f]));
    expect(failures.size).toBe(2);
    expect(failures.get('hong-tep.pdf')).toMatchObject({ kind: 'corrupt' });
    expect(['unsupported', 'corrupt']).toContain((failures.get('trinh-chieu.pptx') as any)?.kind);
    for (const f of failures.values() as Iterable<any>) expect(f.reason.length).toBeGreaterThan(10);
  });

  it('speaks Vietnamese by default and English under --lang en or an English locale', async () => {
    // The locale of the machine running the tests must not decide: say it outright.
    const vi = { LC_ALL: '', LC_MESSAGES: '', LANG: 'vi_VN.UTF-8' };
    const en = { LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' };
    // A notice: no model yet, so keyword search only.
    const search = ['search', 'đổi mới sáng tạo', '--data', data, '--limit', '1'];
    expect((await kho(search, vi)).stderr).toMatch(/^ghi chú: Đang tìm theo từ khóa: chưa cài mô hình ngữ nghĩa/m);
    expect((await kho([...search, '--lang', 'en'], vi)).stderr).toMatch(/^note: keyword search only: no embedding model installed/m);
    expect((await kho(search, en)).stderr).toMatch(/^note: keyword search only/m);
    // A user error: a query over the length limit.
    const tooLong = ['search', 'đổi mới '.repeat(200), '--data', data];
    const refusedVi = await kho(tooLong, vi);
    expect(refusedVi.code).toBe(1);
    expect(refusedVi.stderr).toMatch(/^kho: Câu tìm kiếm quá dài \(\d+ ký tự; tối đa 1000\)\.$/m);
    expect((await kho([...tooLong, '--lang', 'en'], vi)).stderr).toMatch(/^kho: the search query is too long \(\d+ characters; at most 1000\)$/m);
    // A failure reason: the damaged PDF, in words an officer reads, or the English detail.
    const line = (out: string) => out.split('\n').find((l) => l.includes('hong-tep.pdf')) ?? '';
    const statusVi = line((await kho(['status', '--data', data], vi)).stdout);
    expect(statusVi).toMatch(/Tệp PDF bị hỏng hoặc không đúng định dạng\. \(Tệp hỏng, \d{2}\/\d{1,2}\/\d{4}\)$/);
    const statusEn = line((await kho(['status', '--data', data, '--lang', 'en'], vi)).stdout);
    expect(statusEn).toMatch(/PDF.*\(Damaged file, \d{2}\/\d{1,2}\/\d{4}\)$/);
    expect(statusEn).not.toMatch(/Tệp/);
    // --json keeps machine values: the reason's code, not a sentence.
    const status = await khoJson(['status', '--data', data]);
    expect(status.failures.find((f: any) => f.path.endsWith('hong-tep.pdf')).message).toEqual({ code: 'failure.corrupt', params: { format: 'pdf' } });
    expect(status.notices).toEqual([{ code: 'search.keywordOnly', params: { model: null } }]);
    // The help, too.
    expect((await kho(['--help'], vi)).stdout).toMatch(/Cách dùng:/);
    expect((await kho(['--help'], en)).stdout).toMatch(/Usage:/);
    expect((await kho(['status', '--lang', 'fr', '--data', data], vi)).stderr).toMatch(/--lang là “vi” hoặc “en”/);
  });

  it('answers the done-when query, accented and not, with citable hits', async () => {
    const accented = await khoJson(['search', 'đổi mới sáng tạo', '--data', data]);
    expect(accented.mode).toBe('keyword');
    expect(accented.hits.length).toBeGreaterThanOrEqual(3);
    for (const hit of accented.hits) {
      expect(path.isAbsolute(hit.path)).toBe(true);
      expect(existsSync(hit.path)).toBe(true);
      expect(hit.text.length).toBeGreaterThan(20);
      expect(hit.citation.length).toBeGreaterThan(5);
      expect(hit.page !== null || hit.section !== null).toBe(true);
    }
    const folded = await khoJson(['search', 'doi moi sang tao', '--data', data]);
    expect(folded.hits[0].passageId).toBe(accented.hits[0].passageId);
    // The accent-free query highlights the accented words.
    const top = folded.hits[0];
    const marked = top.highlights.map(([s, e]: [number, number]) => top.text.slice(s, e).toLowerCase()).join(' ');
    expect(marked).toMatch(/đổi mới|sáng tạo/);
  });

  it('finds each known passage in the right document and page', async () => {
    let pageChecks = 0;
    for (const fact of facts) {
      const response = await khoJson(['search', fact.query, '--data', data, '--limit', '3']);
      const hit = response.hits.find((h: any) => path.basename(h.path) === fact.file);
      expect(hit, `"${fact.query}" should find ${fact.file}`).toBeDefined();
      expect(response.hits[0].path.endsWith(fact.file), `"${fact.query}" top hit`).toBe(true);
      if (fact.page !== null) {
        expect(hit.page <= fact.page && fact.page <= hit.pageEnd, `"${fact.query}" on page ${fact.page}, hit pages ${hit.page}-${hit.pageEnd}`).toBe(true);
        pageChecks++;
      }
    }
    expect(pageChecks).toBeGreaterThanOrEqual(6);
  });

  it('keeps DOCX headings as the section path of passages', async () => {
    const response = await khoJson(['search', 'Điều 1', '--data', data, '--limit', '20']);
    const docxHits = response.hits.filter((h: any) => h.format === 'docx');
    expect(docxHits.length).toBeGreaterThan(0);
    expect(docxHits.some((h: any) => /Điều \d+/.test(h.section ?? ''))).toBe(true);
  });

  it('does no work when nothing changed', async () => {
    const summary = await khoJson(['index', library, '--data', data]);
    expect(summary).toMatchObject({ indexed: 0, unchanged: corpusFiles.length, passagesAdded: 0, passagesEmbedded: 0, removed: 0 });
  });

  it('embeds everything once a model is imported, then searches in hybrid mode', async () => {
    const info = await khoJson(['model', 'import', TEST_MODEL, '--data', data]);
    expect(info).toMatchObject({ id: 'kho/test-tiny', dims: 64, active: true });
    const status = await khoJson(['status', '--data', data]);
    expect(status.mode).toBe('hybrid');
    expect(status.model).toMatchObject({ id: 'kho/test-tiny', dims: 64 });
    expect(status.model.embeddedPassages).toBe(status.passages);
    const response = await khoJson(['search', 'đổi mới sáng tạo', '--data', data]);
    expect(response.mode).toBe('hybrid');
    expect(response.hits.some((h: any) => h.vectorRank !== null)).toBe(true);
    expect(response.hits.some((h: any) => h.keywordRank !== null && h.vectorRank !== null)).toBe(true);
    // The test model knows nothing of accents, so only the keyword side carries an accent-free query:
    // its hits must still be on topic.
    const folded = await khoJson(['search', 'doi moi sang tao', '--data', data]);
    expect(folded.mode).toBe('hybrid');
    expect(folded.hits.slice(0, 3).every((h: any) => /đổi mới sáng tạo/i.test(h.text))).toBe(true);
  });

  it('re-indexes a changed file and forgets a deleted one', async () => {
    const txt = corpusFiles.find((f) => f.endsWith('.txt'))!;
    appendFileSync(path.join(library, txt), '\n\nPhụ lục bổ sung: mô hình vườn ươm khởi nghiệp ở xã Quảng Phú ven biển.\n');
    const pdf = corpusFiles.find((f) => f.endsWith('.pdf'))!;
    rmSync(path.join(library, pdf));
    const summary = await khoJson(['index', library, '--data', data]);
    expect(summary).toMatchObject({ indexed: 1, removed: 1 });
    expect(summary.passagesEmbedded).toBeGreaterThan(0);
    const added = await khoJson(['search', 'vườn ươm khởi nghiệp xã Quảng Phú', '--data', data, '--limit', '1']);
    expect(path.basename(added.hits[0].path)).toBe(txt);
    const addedFolded = await khoJson(['search', 'vuon uom khoi nghiep Quang Phu', '--data', data, '--limit', '3']);
    expect(addedFolded.hits.map((h: any) => path.basename(h.path))).toContain(txt);
    const status = await khoJson(['status', '--data', data]);
    expect(status.documents).toBe(corpusFiles.length - 1);
    expect(status.model.embeddedPassages).toBe(status.passages);
    const everything = await khoJson(['search', 'đổi mới sáng tạo khoa học công nghệ', '--data', data, '--limit', '100']);
    expect(everything.hits.some((h: any) => path.basename(h.path) === pdf)).toBe(false);
  });

  it('explains user mistakes in one line with a non-zero exit', async () => {
    const cases: Array<[string[], RegExp, RegExp]> = [
      [['search', '', '--data', data], /cần câu tìm kiếm/, /needs a query/],
      [['index', path.join(work.dir, 'khong-co'), '--data', data], /Không có tệp hoặc thư mục/, /no such file or folder/],
      [['search', 'x', '--data', path.join(library, corpusFiles[0]!)], /Không dùng được thư mục dữ liệu .* \(/, /data folder .* cannot be used/],
      [['search', 'x', '--limit', 'abc', '--data', data], /--limit phải là số nguyên dương/, /--limit must be a positive whole number/],
      [['frobnicate'], /Không có lệnh “frobnicate”/, /unknown command/],
      [['model', 'import', path.join(work.dir, 'khong-co'), '--data', data], /Không tìm thấy thư mục mô hình/, /not found/],
    ];
    for (const [args, vietnamese, english] of cases) {
      for (const [lang, message] of [['vi', vietnamese], ['en', english]] as const) {
        const result = await kho([...args, '--lang', lang]);
        expect(result.code, args.join(' ')).toBe(1);
        expect(result.stderr).toMatch(message);
        expect(result.stderr.split('\n').filter((l) => l.startsWith('kho:'))).toHaveLength(1);
        expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
      }
    }
  });

  it('says its version and explains every command, in Vietnamese or English, with the exit codes', async () => {
    const vi = { LC_ALL: '', LC_MESSAGES: '', LANG: 'vi_VN.UTF-8' };
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    const shown = await kho(['--version']);
    expect(shown).toMatchObject({ code: 0, stdout: `kho ${version}\n` });
    expect(JSON.parse((await kho(['--version', '--json'])).stdout)).toEqual({ name: 'kho', version });
    const general = (await kho(['--help'], vi)).stdout;
    expect(general).toMatch(/Mã thoát:\n  0 +xong\n  1 +lỗi.*\n  2 +xong, nhưng có tệp không lập chỉ mục được/);
    expect((await kho(['--help', '--lang', 'en'], vi)).stdout).toMatch(/Exit codes:\n  0 +done\n  1 +error.*\n  2 +done, but some files could not be indexed/);
    for (const command of ['index', 'watch', 'verify', 'search', 'status', 'serve', 'doc', 'related', 'docs', 'folders', 'basket', 'model']) {
      const help = await kho([command, '--help'], vi);
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toMatch(new RegExp(`Cách dùng:\\n  kho ${command}\\b`));
      expect(help.stdout, command).toMatch(/Mã thoát:/);
      // Only this command's lines: no other command is described.
      expect(help.stdout.split('\n').filter((l) => /^  kho \w/.test(l) && !l.startsWith(`  kho ${command}`)), command).toEqual([]);
      const english = await kho([command, '--help', '--lang', 'en'], vi);
      expect(english.stdout, command).toMatch(new RegExp(`Usage:\\n  kho ${command}\\b`));
      expect(english.stdout, command).not.toMatch(/Cách dùng/);
    }
    expect((await kho(['search', '-h'], vi)).stdout).toMatch(/Cú pháp tìm kiếm/);
    expect((await kho(['status', '-h'], vi)).stdout).not.toMatch(/Cú pháp tìm kiếm/);
    expect((await kho(['frobnicate', '--help'], vi)).code).toBe(1);
  });

  it('ends with exit 0 when done, 1 on an error, 2 when some files failed', async () => {
    expect((await kho(['status', '--data', data])).code).toBe(0);
    expect((await kho(['verify', '--data', data])).code).toBe(0);
    expect((await kho(['index', library, '--data', data])).code).toBe(2); // hong-tep.pdf and trinh-chieu.pptx
    expect((await kho(['index', path.join(work.dir, 'khong-co'), '--data', data])).code).toBe(1);
    const clean = path.join(work.dir, 'sach');
    mkdirSync(clean, { recursive: true });
    writeFileSync(path.join(clean, 'ghi-chu.txt'), 'Biên bản họp về chuyển đổi số tại xã.\n');
    expect((await kho(['index', clean, '--data', path.join(work.dir, 'data-sach')])).code).toBe(0);
  });

  it('accepts paths pasted with their quotes, and keeps the quotes of a search phrase', async () => {
    const file = path.join(library, corpusFiles.find((f) => f.endsWith('.docx'))!);
    const plain = await khoJson(['doc', file, '--data', data]);
    expect(await khoJson(['doc', `"${file}"`, '--data', `"${data}"`])).toEqual(plain);
    expect(await khoJson(['related', `'${file}'`, '--data', data])).toEqual(await khoJson(['related', file, '--data', data]));
    expect(unquotePath('"C:\\Báo cáo\\a b.pdf"')).toBe('C:\\Báo cáo\\a b.pdf');
    expect(unquotePath('"chỉ một đầu')).toBe('"chỉ một đầu');
    const phrase = await khoJson(['search', '"đổi mới sáng tạo"', '--data', data]);
    expect(phrase.parsed.phrases).toEqual(['đổi mới sáng tạo']);
    expect(phrase.hits.every((h: any) => /đổi mới sáng tạo/i.test(h.text))).toBe(true);
  });

  it('marks matches with escape codes only on a terminal, and never under NO_COLOR', async () => {
    // Through a pipe (as here): no escape codes at all.
    const piped = await kho(['search', 'đổi mới sáng tạo', '--data', data]);
    expect(piped.stdout).toMatch(/«đổi mới»|«sáng tạo»|«đổi mới sáng tạo»/i);
    expect(piped.stdout + piped.stderr).not.toMatch(/\x1b/);
    // On a terminal (script(1) gives the command one): bold, unless NO_COLOR says otherwise.
    const onTerminal = (env: NodeJS.ProcessEnv) =>
      new Promise<string>((resolve, reject) => {
        const command = [process.execPath, path.join(ROOT, 'bin', 'kho.js'), 'search', 'đổi mới sáng tạo', '--data', data, '--limit', '2'].map((a) => `'${a}'`).join(' ');
        execFile('script', ['-qec', command, '/dev/null'], { env: { ...process.env, TERM: 'xterm', ...env } }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
      });
    expect(await onTerminal({ NO_COLOR: '' })).toMatch(/\x1b\[1m/);
    const plain = await onTerminal({ NO_COLOR: '1' });
    expect(plain).toMatch(/«/);
    expect(plain).not.toMatch(/\x1b/);
    expect(useEscapes({ isTTY: true }, {})).toBe(true);
    expect(useEscapes({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useEscapes({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(useEscapes({ isTTY: false }, {})).toBe(false);
  });

  it('answers --json for the basket too, and names exports from the title and date', async () => {
    const today = new Date();
    const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    const hit = (await khoJson(['search', 'đổi mới sáng tạo', '--data', data, '--limit', '1'])).hits[0];
    await khoJson(['basket', 'add', hit.passageId, '--data', data]);
    const out = path.join(work.dir, 'xuat');
    mkdirSync(out);
    const named = await khoJson(['basket', 'export', '--format', 'docx', '--title', 'Báo cáo quý IV: chuyển đổi số', '--out', out, '--data', data]);
    expect(named).toMatchObject({ file: path.join(out, `trich-dan-bao-cao-quy-iv-chuyen-doi-so-${date}.docx`), format: 'docx', items: 1 });
    expect(readFileSync(named.file).subarray(0, 2).toString()).toBe('PK');
    expect(named.bytes).toBe(readFileSync(named.file).length);
    const plain = await khoJson(['basket', 'export', '--out', `"${out}${path.sep}"`, '--data', data]);
    expect(plain.file).toBe(path.join(out, `trich-dan-tai-lieu-${date}.md`));
    expect(readFileSync(plain.file, 'utf8')).toMatch(/^# Trích dẫn tài liệu/);
    const file = path.join(out, 'bao-cao.md');
    expect((await khoJson(['basket', 'export', '--out', file, '--data', data])).file).toBe(file);
    expect(exportTarget(undefined, 'trich-dan-x.md', out)).toBe(path.join(out, 'trich-dan-x.md'));
    expect(await khoJson(['basket', 'clear', '--data', data])).toEqual([]);
    expect((await kho(['basket', 'clear', '--data', data, '--lang', 'en'])).stdout).toBe('the basket is now empty\n');
  });

  it('reports an unsupported file named explicitly', async () => {
    const odd = path.join(work.dir, 'ghi-chu.xyz');
    writeFileSync(odd, 'ghi chú');
    const summary = await khoJson(['index', odd, '--data', data]);
    expect(summary.failed).toEqual([expect.objectContaining({ path: odd, kind: 'unsupported' })]);
    const status = await khoJson(['status', '--data', data]);
    expect(status.failures.map((f: any) => path.basename(f.path))).toEqual(expect.arrayContaining(['ghi-chu.xyz', 'hong-tep.pdf', 'trinh-chieu.pptx']));
  });
});
