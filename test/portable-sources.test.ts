/**
 * Portable sources (issue 18): a library indexed on one machine is read on
 * another that mounts the same share elsewhere. The folder is indexed, then
 * copied to another place and the original moved away (the other desktop's
 * mount); a process that maps the library root to the new place opens search
 * hits at their page (document bytes served over the web mode), and without
 * the mapping gets a clear `root.notMapped`, never a crash. A library whose
 * settings list no folders (files indexed one by one, an older library) still
 * opens, each document's root being its folder.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentList, KhoApi, LibraryRoot } from '../indexer/api/contract.js';
import { CORPUS, kho, ROOT, tempDir, thrown } from './helpers.js';

type LibraryLike = KhoApi & { close(): Promise<void>; hasDocument(p: string): boolean; sourceOf(p: string): Promise<string>; folders(): Promise<string[]> };
interface LibraryModule {
  Library: { open(options: { dataDir: string; embedInWorker?: boolean; create?: boolean }): Promise<LibraryLike> };
}
interface ServerModule {
  startServer(options: { library: LibraryLike; port: number; rendererDir?: string }): Promise<{ url: string; token: string; close(): Promise<void> }>;
}
const { Library } = (await import(path.join(ROOT, 'dist', 'indexer', 'library', 'library.js'))) as LibraryModule;
const { startServer } = (await import(path.join(ROOT, 'dist', 'indexer', 'transports', 'web', 'server.js'))) as ServerModule;

const PDF = readdirSync(CORPUS).find((f) => f.startsWith('qd-1234-2024'))!;
const TXT = readdirSync(CORPUS).find((f) => f.startsWith('tb-186-2022'))!;

const codeOf = (error: unknown) => (error as { code?: string }).code;

describe('portable sources: library roots mapped per machine', () => {
  const work = tempDir('portable');
  const writerShare = path.join(work.dir, 'mnt', 'vanban');
  const readerShare = path.join(work.dir, 'media', 'share', 'vanban');
  const dataDir = path.join(work.dir, 'data');
  const rootMap = path.join(work.dir, 'home', 'root-map.json');
  const savedEnv = process.env.KHO_ROOT_MAP;
  let library: LibraryLike;

  beforeAll(async () => {
    process.env.KHO_ROOT_MAP = rootMap;
    mkdirSync(path.join(writerShare, 'quyet-dinh'), { recursive: true });
    cpSync(path.join(CORPUS, PDF), path.join(writerShare, 'quyet-dinh', PDF));
    cpSync(path.join(CORPUS, TXT), path.join(writerShare, TXT));
    // The writer machine indexes the share as it sees it…
    const writer = await Library.open({ dataDir, embedInWorker: false });
    await writer.index({ paths: [writerShare] });
    await writer.close();
    // …and this desktop mounts it elsewhere: the recorded folder does not exist here.
    mkdirSync(path.dirname(readerShare), { recursive: true });
    cpSync(writerShare, readerShare, { recursive: true });
    renameSync(writerShare, `${writerShare}-elsewhere`);
    library = await Library.open({ dataDir, embedInWorker: false, create: false });
  });
  afterAll(async () => {
    await library?.close();
    if (savedEnv === undefined) delete process.env.KHO_ROOT_MAP;
    else process.env.KHO_ROOT_MAP = savedEnv;
    work.cleanup();
  });

  it('lists the indexed folder as a root with a stable id, not mapped here', async () => {
    const roots: LibraryRoot[] = await library.roots();
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ name: 'vanban', recorded: writerShare, mapped: null, local: null, documents: 2 });
    expect(roots[0]!.id).toMatch(/^[0-9a-f]{10}$/);
    const list: DocumentList = await library.documents({});
    const pdf = list.items.find((d) => d.path.endsWith(PDF))!;
    expect(pdf.source).toMatchObject({ rootId: roots[0]!.id, rootName: 'vanban', relativePath: `quyet-dinh/${PDF}`, localPath: null });
  });

  it('without the mapping, opening a hit says the root is not mapped (API, web file route)', async () => {
    const hits = (await library.search({ query: 'đổi mới sáng tạo', limit: 20 })).hits;
    const hit = hits.find((h) => h.path.endsWith(PDF))!;
    expect(hit).toBeDefined();
    const error = await thrown(() => library.sourceOf(hit.path));
    expect(codeOf(error)).toBe('root.notMapped');
    expect((error as { params: Record<string, string> }).params).toMatchObject({ path: hit.path, name: 'vanban', folder: writerShare });
    // The viewer text still works: it comes from the index, not the file.
    expect((await library.documentText({ path: hit.path })).passages.length).toBeGreaterThan(0);
    const server = await startServer({ library, port: 0, rendererDir: work.dir });
    try {
      const res = await fetch(`${server.url}api/file?path=${encodeURIComponent(hit.path)}&token=${server.token}`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('root.notMapped');
    } finally {
      await server.close();
    }
  });

  it('mapped by another process (kho roots map), hits open at their page from the new place', async () => {
    const [root] = await library.roots();
    const mapped = await kho(['--data', dataDir, 'roots', 'map', root!.id, readerShare, '--json'], { KHO_ROOT_MAP: rootMap });
    expect(mapped.code, mapped.stderr).toBe(0);
    expect((JSON.parse(mapped.stdout) as LibraryRoot[])[0]).toMatchObject({ id: root!.id, mapped: readerShare, local: readerShare });
    const listed = await kho(['--data', dataDir, 'roots'], { KHO_ROOT_MAP: rootMap });
    expect(listed.stdout).toContain(`→ ${readerShare}`);

    const hits = (await library.search({ query: 'đổi mới sáng tạo', limit: 20 })).hits;
    const hit = hits.find((h) => h.path.endsWith(PDF))!;
    expect(hit.page).toBeGreaterThanOrEqual(1);
    const local = path.join(readerShare, 'quyet-dinh', PDF);
    expect(await library.sourceOf(hit.path)).toBe(local);
    // A path under this machine's mount names the same document.
    expect(library.hasDocument(local)).toBe(true);
    expect((await library.document({ path: local })).path).toBe(hit.path);
    const text = await library.documentText({ path: local });
    expect(text.source).toMatchObject({ rootId: root!.id, relativePath: `quyet-dinh/${PDF}`, localPath: local });
    expect(text.passages.some((p) => p.page === hit.page)).toBe(true);
    // Page marks read the file through the mapping too (a text PDF: no OCR boxes, but no error).
    await expect(library.pageMarks({ path: hit.path, page: hit.page!, text: hit.text.slice(0, 200) })).resolves.toBeDefined();

    const server = await startServer({ library, port: 0, rendererDir: work.dir });
    try {
      const res = await fetch(`${server.url}api/file?path=${encodeURIComponent(hit.path)}&token=${server.token}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(local))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('re-indexing a moved root reads it through the mapping: documents keep their paths and ids', async () => {
    const before = new Map((await library.documents({})).items.map((d) => [d.path, d.documentId]));
    writeFileSync(path.join(readerShare, 'thong-bao-moi.txt'), 'Thông báo về việc tổ chức hội nghị chuyển giao công nghệ năm 2026.\n');
    const rescan = await library.index({ paths: [] });
    expect(rescan).toMatchObject({ indexed: 1, unchanged: 2, removed: 0, failed: [] });
    // The local mount given by hand is the same root, not a new folder.
    expect(await library.index({ paths: [readerShare] })).toMatchObject({ indexed: 0, unchanged: 3, removed: 0 });
    expect(await library.folders()).toEqual([writerShare]);
    const after = (await library.documents({})).items;
    expect(after.map((d) => d.path).sort()).toEqual([...before.keys(), path.join(writerShare, 'thong-bao-moi.txt')].sort());
    for (const d of after) if (before.has(d.path)) expect(d.documentId).toBe(before.get(d.path));
    expect(await library.sourceOf(path.join(writerShare, 'thong-bao-moi.txt'))).toBe(path.join(readerShare, 'thong-bao-moi.txt'));
  });

  it('refuses to map an unknown root or a missing folder, and unmaps', async () => {
    expect(codeOf(await thrown(() => library.mapRoot({ root: 'khong-co', path: readerShare })))).toBe('root.unknown');
    expect(codeOf(await thrown(() => library.mapRoot({ root: 'vanban', path: path.join(work.dir, 'nowhere') })))).toBe('folder.missing');
    const roots = await library.mapRoot({ root: 'vanban', path: null });
    expect(roots[0]!.mapped).toBeNull();
    const hit = (await library.search({ query: 'đổi mới sáng tạo', limit: 20 })).hits.find((h) => h.path.endsWith(PDF))!;
    expect(codeOf(await thrown(() => library.sourceOf(hit.path)))).toBe('root.notMapped');
    // Mapped again by name for the tests after this one.
    expect((await library.mapRoot({ root: 'vanban', path: readerShare }))[0]!.local).toBe(readerShare);
  });
});

describe('portable sources: a library without library folders (older, or files indexed one by one)', () => {
  const work = tempDir('portable-old');
  const folder = path.join(work.dir, 'old', 'cong-van');
  const dataDir = path.join(work.dir, 'data');
  const savedEnv = process.env.KHO_ROOT_MAP;

  beforeAll(() => {
    process.env.KHO_ROOT_MAP = path.join(work.dir, 'root-map.json');
    mkdirSync(folder, { recursive: true });
    cpSync(path.join(CORPUS, TXT), path.join(folder, TXT));
  });
  afterAll(() => {
    if (savedEnv === undefined) delete process.env.KHO_ROOT_MAP;
    else process.env.KHO_ROOT_MAP = savedEnv;
    work.cleanup();
  });

  it('still opens: each document is under its own folder as root, and it can be mapped', async () => {
    const writer = await Library.open({ dataDir, embedInWorker: false });
    await writer.index({ paths: [path.join(folder, TXT)] });
    await writer.close();
    // An older library: its settings name no folders.
    writeFileSync(path.join(dataDir, 'settings.json'), '{}\n');
    const moved = path.join(work.dir, 'S', 'cong-van');
    mkdirSync(path.dirname(moved), { recursive: true });
    renameSync(folder, moved);

    const library = await Library.open({ dataDir, embedInWorker: false, create: false });
    try {
      const [doc] = (await library.documents({})).items;
      expect(doc!.source).toMatchObject({ rootName: 'cong-van', relativePath: TXT, localPath: null });
      expect(codeOf(await thrown(() => library.sourceOf(doc!.path)))).toBe('root.notMapped');
      const roots = await library.mapRoot({ root: 'cong-van', path: moved });
      expect(roots).toHaveLength(1);
      expect(await library.sourceOf(doc!.path)).toBe(path.join(moved, TXT));
      expect((await library.search({ query: 'hệ sinh thái khởi nghiệp', limit: 5 })).hits.length).toBeGreaterThan(0);
    } finally {
      await library.close();
    }
  });
});

describe('portable sources: roots across systems (library/roots.ts)', async () => {
  const { RootMap, SourceRoots, rootIdOf, rootMapFile, relativeInside } = await import('../indexer/library/roots.js');
  const work = tempDir('portable-unit');
  afterAll(() => work.cleanup());

  it('keeps one id per recorded folder and finds the per-user mapping file on each system', () => {
    expect(rootIdOf('/mnt/vanban/')).toBe(rootIdOf('/mnt/vanban'));
    expect(rootIdOf('\\\\fileserver\\vanban\\')).toBe(rootIdOf('\\\\fileserver\\vanban'));
    expect(rootIdOf('/mnt/vanban')).not.toBe(rootIdOf('/mnt/vanban2'));
    expect(relativeInside('/mnt/vanban', '/mnt/vanban2/a.pdf')).toBeNull();
    expect(relativeInside('\\\\fileserver\\vanban', '\\\\fileserver\\vanban\\qd\\a.pdf')).toBe('qd/a.pdf');
    expect(rootMapFile({ APPDATA: 'C:\\Users\\an\\AppData\\Roaming' }, 'win32', 'C:\\Users\\an')).toBe('C:\\Users\\an\\AppData\\Roaming\\Kho Tri Thuc\\root-map.json');
    expect(rootMapFile({}, 'linux', '/home/an')).toBe('/home/an/.config/kho-tri-thuc/root-map.json');
    expect(rootMapFile({ KHO_ROOT_MAP: '/etc/kho/map.json' }, 'linux', '/home/an')).toBe('/etc/kho/map.json');
  });

  it('reads a library indexed on Windows (\\\\fileserver\\vanban) from a Linux mount', async () => {
    const recorded = '\\\\fileserver\\vanban';
    const doc = '\\\\fileserver\\vanban\\quyet-dinh\\qd-12.pdf';
    const mount = path.join(work.dir, 'media', 'vanban');
    mkdirSync(mount, { recursive: true });
    const roots = await new SourceRoots(async () => [recorded], new RootMap(path.join(work.dir, 'map.json'))).refresh();
    expect(roots.sourceOf(doc)).toMatchObject({ rootId: rootIdOf(recorded), rootName: 'vanban', relativePath: 'quyet-dinh/qd-12.pdf', localPath: null });
    expect(codeOf(await thrown(async () => roots.localOf(doc)))).toBe('root.notMapped');
    await roots.mapRoot({ root: 'vanban', path: mount }, [doc]);
    const local = path.join(mount, 'quyet-dinh', 'qd-12.pdf');
    expect(roots.localOf(doc)).toBe(local);
    expect(roots.recordedOf(local)).toBe(doc);
    expect(roots.list([doc])).toEqual([{ id: rootIdOf(recorded), name: 'vanban', recorded, mapped: mount, local: mount, documents: 1 }]);
  });
});
