/**
 * The web transport at the HTTP level, with a fake KhoApi made from the method
 * table (so it cannot drift from the contract): a route per table entry, request
 * shapes, token, limits, headers, static files, document access and Server-Sent Events.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexProgress, LibraryStatus, SearchResponse } from '../indexer/api/contract.js';
import { UserError } from '../indexer/api/errors.js';
import { KHO_API_METHODS, MAX_SUGGEST_PREFIX, type ApiMethod, type KhoApi, type RequestOf } from '../indexer/api/methods.js';
import { MAX_BODY_BYTES, startServer, type RunningServer } from '../indexer/transports/web/server.js';
import { tempDir } from './helpers.js';

const work = tempDir('server');
const rendererDir = path.join(work.dir, 'renderer');
const docs = path.join(work.dir, 'docs');
const docPath = path.join(docs, 'bao-cao.txt');
const secretPath = path.join(work.dir, 'secret.txt');

let releaseIndex: () => void = () => {};
const calls: Array<[string, unknown]> = [];

/** What the fake does beyond recording the call; typed against KhoApi, so a changed signature fails to compile. */
const behaviour: Partial<KhoApi> = {
  async search(request) {
    if (!request.query) throw new UserError('query.empty');
    return { query: request.query, mode: 'keyword', hits: [], notices: [], tookMs: 1 } as Partial<SearchResponse> as SearchResponse;
  },
  async suggest() {
    return [{ text: 'doi moi', score: 1 }];
  },
  async index() {
    server.publishProgress({ phase: 'extract', filesDone: 1, filesTotal: 2, passages: 3 });
    await new Promise<void>((resolve) => (releaseIndex = resolve));
    return { indexed: 2, unchanged: 0, relinked: 0, duplicates: 0, failed: [], removed: 0, passagesAdded: 3, passagesEmbedded: 0, mode: 'keyword', durationMs: 5, cancelled: false };
  },
  async status() {
    return { dataDir: '/data', documents: 1, passages: 3, mode: 'keyword', model: null, failures: [], notices: [], folders: [], running: null } satisfies LibraryStatus;
  },
  async listModels() {
    throw new Error('boom');
  },
  async importModel(request) {
    throw new UserError('model.folderMissing', { folder: request.folder });
  },
};

/** A fake library with one document in its catalogue: every method of the table, recorded. */
const fake = {
  ...(Object.fromEntries(
    KHO_API_METHODS.map((m) => [m, async (...args: unknown[]) => {
      calls.push([m, args[0]]);
      const own = behaviour[m] as ((...a: unknown[]) => Promise<unknown>) | undefined;
      return own ? own(...args) : `${m}-result`;
    }]),
  ) as KhoApi),
  hasDocument: (p: string) => p === docPath,
};

/** A valid request for every method: a new method needs one here (the test is type-checked). */
const EXAMPLES: { [M in ApiMethod]: RequestOf<M> } = {
  search: { query: 'đổi mới', limit: 5, sort: 'date' },
  suggest: { prefix: 'doi', limit: 3 },
  index: { paths: [] },
  cancelIndex: undefined,
  status: undefined,
  listModels: undefined,
  importModel: { folder: '/models/e5' },
  basketList: undefined,
  basketAdd: { hit: { passageId: 'p1', path: docPath, page: 2, section: null, text: 'Điều 1', citation: 'QĐ 1' }, note: 'xem lại' },
  basketRemove: { id: 'b1' },
  basketReorder: { ids: ['b2', 'b1'] },
  basketSetNote: { id: 'b1', note: '' },
  basketClear: undefined,
  basketExport: { format: 'docx', style: 'administrative', title: 'Trích dẫn' },
  document: { path: docPath },
  related: { path: docPath, passageId: 'p1', limit: 4 },
  setStatus: { path: docPath, value: null },
  documents: { folder: docs, text: 'bao cao', offset: 0, limit: 10 },
  documentText: { path: docPath },
  pageMarks: { path: docPath, page: 1, text: 'Báo cáo tổng kết' },
  removeFolder: { folder: docs },
  roots: undefined,
  mapRoot: { root: 'vanban', path: docs },
  libraryLocation: undefined,
  setLibraryLocation: { location: 's3://so-khcn/thu-vien' },
};

let server: RunningServer;

beforeAll(async () => {
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Kho</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  mkdirSync(docs);
  writeFileSync(docPath, 'Báo cáo tổng kết');
  writeFileSync(secretPath, 'not for the web');
  server = await startServer({ library: fake, port: 0, rendererDir, bundledCorpus: '/corpus' });
});
afterAll(async () => {
  await server.close();
  work.cleanup();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw requests (fetch cannot set Host or send a wrong Content-Length). */
function request(method: string, target: string, options: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path: target, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const auth = () => ({ 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` });
const api = (method: string, body: unknown = {}, headers: Record<string, string> = auth()) =>
  request('POST', `/api/${method}`, { headers, body: JSON.stringify(body) });

describe('web server', () => {
  it('listens on the loopback interface only and prints the token in the fragment', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.pageUrl).toBe(`${server.url}#token=${server.token}`);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    await expect(startServer({ library: fake, port: 0, host: '0.0.0.0' })).rejects.toThrow(/127\.0\.0\.1/);
  });

  it('answers each API method as {ok, value} and failures as {ok:false, error: {code, params}}', async () => {
    const search = await api('search', { query: 'đổi mới' });
    expect(search.status).toBe(200);
    expect(JSON.parse(search.body)).toMatchObject({ ok: true, value: { query: 'đổi mới', mode: 'keyword' } });
    expect(JSON.parse((await api('suggest', { prefix: 'doi' })).body)).toEqual({ ok: true, value: [{ text: 'doi moi', score: 1 }] });
    expect(JSON.parse((await api('status')).body).value).toMatchObject({ documents: 1, bundledCorpus: '/corpus' });
    const user = await api('importModel', { folder: '/nowhere' });
    expect([user.status, JSON.parse(user.body)]).toEqual([400, { ok: false, error: { code: 'model.folderMissing', params: { folder: '/nowhere' } } }]);
    const bug = await api('listModels');
    expect([bug.status, JSON.parse(bug.body)]).toEqual([500, { ok: false, error: { code: 'internal', params: { detail: 'boom' } } }]);
    const empty = await api('search', { query: '' });
    expect([empty.status, JSON.parse(empty.body)]).toEqual([400, { ok: false, error: { code: 'query.empty', params: {} } }]);
  });

  it('routes every entry of the method table, with the request as the table describes it', async () => {
    for (const method of KHO_API_METHODS.filter((m) => m !== 'index')) {
      const example = EXAMPLES[method];
      const answer = await api(method, example === undefined ? {} : { ...example, unknownField: 'dropped' });
      // Reached the library (whose fake may fail on purpose), with only the described fields.
      expect(answer.status, method).not.toBe(404);
      expect(JSON.parse(answer.body).error?.code, method).not.toBe('request.invalid');
      expect(calls.at(-1), method).toEqual([method, example]);
    }
  });

  it('refuses a request of the wrong shape with 400 request.invalid, naming the method and field, without calling the library', async () => {
    const before = calls.length;
    const refusals: Array<[string, string, RegExp]> = [
      ['search', 'null', /the request: expected an object, got null/],
      ['search', '{"query":["đổi mới"]}', /query: expected a string/],
      ['search', '{"query":"x","limit":"10"}', /limit: expected a whole number/],
      ['suggest', JSON.stringify({ prefix: 'd'.repeat(MAX_SUGGEST_PREFIX + 1) }), /prefix: expected a string of at most 500 characters/],
      ['basketAdd', '{"hit":{"passageId":"p1"}}', /hit\.path: expected a string/],
      ['documents', '{"offset":-1}', /offset: expected a whole number from 0/],
      ['index', '{}', /paths: expected a list/],
      // The calls that once answered 500 or silently rescanned everything:
      ['index', '{"paths":"x"}', /paths: expected a list/],
      ['index', 'null', /the request: expected an object, got null/],
      ['index', '"x"', /the request: expected an object/],
      ['suggest', JSON.stringify({ prefix: 'd'.repeat(20_000) }), /prefix: expected a string of at most 500 characters/],
    ];
    for (const [method, body, problem] of refusals) {
      const answer = await request('POST', `/api/${method}`, { headers: auth(), body });
      const reply = JSON.parse(answer.body);
      expect([answer.status, reply.error?.code, reply.error?.params?.method], body).toEqual([400, 'request.invalid', method]);
      expect(reply.error.params.problem).toMatch(problem);
    }
    expect(calls.length).toBe(before);
  });

  it('refuses wrong tokens, unknown methods, wrong verbs, non-JSON and big bodies', async () => {
    expect((await api('status', {}, { 'Content-Type': 'application/json' })).status).toBe(401);
    expect((await api('status', {}, { 'Content-Type': 'application/json', Authorization: 'Bearer 00' })).status).toBe(401);
    expect((await api('status', {}, { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}x` })).status).toBe(401);
    // The query-string token is only for events and file links; API calls need the header.
    const queryToken = await request('POST', `/api/status?token=${server.token}`, { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(queryToken.status).toBe(401);
    const unknown = await api('deleteEverything');
    expect([unknown.status, JSON.parse(unknown.body).error]).toEqual([404, { code: 'request.invalid', params: { method: 'deleteEverything', problem: 'no such method' } }]);
    expect((await api('hasDocument', { path: docPath })).status).toBe(404);
    expect((await api('__proto__')).status).toBe(404);
    expect((await request('GET', '/api/status', { headers: auth() })).status).toBe(405);
    expect((await api('status', {}, { ...auth(), 'Content-Type': 'text/plain' })).status).toBe(415);
    const bad = await request('POST', '/api/search', { headers: auth(), body: '{"query":' });
    expect([bad.status, JSON.parse(bad.body).error.code]).toEqual([400, 'request.invalid']);
    expect(JSON.parse((await api('status', {}, { 'Content-Type': 'application/json' })).body).error.code).toBe('request.refused');
    const big = await request('POST', '/api/search', { headers: auth(), body: JSON.stringify({ query: 'x'.repeat(MAX_BODY_BYTES) }) });
    expect([big.status, JSON.parse(big.body).ok]).toEqual([413, false]);
    // Chunked, without a declared length: counted as it arrives.
    const chunked = await request('POST', '/api/search', { headers: { ...auth(), 'Transfer-Encoding': 'chunked' }, body: Buffer.alloc(MAX_BODY_BYTES + 10, 32) });
    expect(chunked.status).toBe(413);
    expect(calls.filter(([m]) => m === 'search').every(([, r]) => JSON.stringify(r).length < MAX_BODY_BYTES)).toBe(true);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const answer = await request('GET', '/', { headers: { Host: `evil.example:${server.port}` } });
    expect(answer.status).toBe(421);
    expect((await request('GET', '/', { headers: { Host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('serves the renderer with strict headers and no CORS, and nothing outside it', async () => {
    const page = await request('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect((await request('GET', '/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    for (const target of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/nope.html']) {
      const answer = await request('GET', target);
      expect(answer.status, target).toBe(404);
      expect(answer.body).not.toContain('not for the web');
    }
    const preflight = await request('OPTIONS', '/api/search', { headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('streams library documents only, sandboxed, and refuses every other path', async () => {
    const file = (p: string, token = server.token) => request('GET', `/api/file?path=${encodeURIComponent(p)}&token=${token}`);
    const doc = await file(docPath);
    expect([doc.status, doc.body, doc.headers['content-type']]).toEqual([200, 'Báo cáo tổng kết', 'text/plain; charset=utf-8']);
    expect(doc.headers['content-security-policy']).toMatch(/^sandbox/);
    expect((await file(docPath, 'wrong')).status).toBe(401);
    for (const p of [secretPath, `${docs}/../secret.txt`, 'bao-cao.txt', '/etc/passwd', `${docPath}\0`, '']) {
      const answer = await file(p);
      expect(answer.status, p).toBe(403);
      expect(answer.body).not.toContain('not for the web');
    }
  });

  it('sends indexing progress to Server-Sent Events clients and runs one index at a time', async () => {
    expect((await request('GET', '/api/events?token=wrong')).status).toBe(401);
    const events: string[] = [];
    const stream = await new Promise<http.IncomingMessage>((resolve) => {
      http.get({ host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}` }, resolve);
    });
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => events.push(chunk));
    const waitFor = async (pattern: RegExp) => {
      await expect.poll(() => events.join('')).toMatch(pattern);
    };
    await waitFor(/event: state\ndata: \{"indexing":false/);

    const first = api('index', { paths: ['/docs'] });
    await waitFor(/event: progress\ndata: (\{.*\})\n\n/);
    const progress = JSON.parse(/event: progress\ndata: (\{.*\})\n\n/.exec(events.join(''))![1]!) as IndexProgress;
    expect(progress).toEqual({ phase: 'extract', filesDone: 1, filesTotal: 2, passages: 3 });
    const second = await api('index', { paths: ['/docs'] });
    expect([second.status, JSON.parse(second.body).error]).toEqual([409, { code: 'index.running', params: {} }]);
    releaseIndex();
    expect(JSON.parse((await first).body)).toMatchObject({ ok: true, value: { indexed: 2 } });
    await waitFor(/"indexing":true[\s\S]*"indexing":false/);
    stream.destroy();
  });
});

describe('serveCommand (kho serve)', () => {
  it('prints the address with the token, serves the library, and stops cleanly on SIGINT', async () => {
    const { spawn } = await import('node:child_process');
    const { pathToFileURL } = await import('node:url');
    const { ROOT } = await import('./helpers.js');
    const module = pathToFileURL(path.join(ROOT, 'dist', 'indexer', 'transports', 'cli', 'serve.js')).href;
    const data = path.join(work.dir, 'serve-data');
    const text = pathToFileURL(path.join(ROOT, 'dist', 'indexer', 'transports', 'cli', 'text.js')).href;
    const script =
      `const m = await import(${JSON.stringify(module)}); const t = await import(${JSON.stringify(text)});` +
      ` process.exitCode = await m.serveCommand(${JSON.stringify(data)}, new Map([['port', '0']]), t.speaker('en'));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await expect.poll(() => stdout).toMatch(/http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}/);
    const [, base, token] = /(http:\/\/127\.0\.0\.1:\d+\/)#token=([0-9a-f]{64})/.exec(stdout)!;
    const reply = await fetch(`${base}api/status`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' });
    const status = (await reply.json()) as { ok: boolean; value: { documents: number; dataDir: string; bundledCorpus: string | null } };
    expect(status.ok).toBe(true);
    expect(status.value.documents).toBe(0);
    expect(status.value.dataDir).toBe(data);
    expect(status.value.bundledCorpus).toBe(path.join(ROOT, 'corpus'));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
