/**
 * The web transport at the HTTP level, with a fake KhoApi: routes, token,
 * limits, headers, static files, document access and Server-Sent Events.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexProgress, IndexRequest, KhoApi, SearchRequest } from '../indexer/api/contract.js';
import { UserError } from '../indexer/api/errors.js';
import { MAX_BODY_BYTES, startServer, type RunningServer } from '../indexer/transports/web/server.js';
import { tempDir } from './helpers.js';

const work = tempDir('server');
const rendererDir = path.join(work.dir, 'renderer');
const docs = path.join(work.dir, 'docs');
const docPath = path.join(docs, 'bao-cao.txt');
const secretPath = path.join(work.dir, 'secret.txt');

let releaseIndex: () => void = () => {};
const calls: Array<[string, unknown]> = [];

/** A fake library with one document in its catalogue. */
const fake: KhoApi & { hasDocument(p: string): boolean } = {
  hasDocument: (p: string) => p === docPath,
  async search(request: SearchRequest) {
    calls.push(['search', request]);
    if (!request?.query) throw new UserError('the search query is empty');
    return { query: request.query, mode: 'keyword', hits: [{ path: docPath } as never], notices: [], tookMs: 1 } as never;
  },
  async suggest() {
    return [{ text: 'doi moi', score: 1 }];
  },
  async index(request: IndexRequest) {
    calls.push(['index', request]);
    server.publishProgress({ phase: 'extract', filesDone: 1, filesTotal: 2, passages: 3 });
    await new Promise<void>((resolve) => (releaseIndex = resolve));
    return { indexed: 2, unchanged: 0, failed: [], removed: 0, passagesAdded: 3, passagesEmbedded: 0, mode: 'keyword', durationMs: 5 };
  },
  async status() {
    return { dataDir: '/data', documents: 1, passages: 3, mode: 'keyword', model: null, failures: [], notices: [] };
  },
  async listModels() {
    throw new Error('boom');
  },
  async importModel() {
    throw new UserError('model folder not found: /nowhere');
  },
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

  it('answers each API method as {ok, value} and failures as {ok:false, reason}', async () => {
    const search = await api('search', { query: 'đổi mới' });
    expect(search.status).toBe(200);
    expect(JSON.parse(search.body)).toMatchObject({ ok: true, value: { query: 'đổi mới', mode: 'keyword' } });
    expect(JSON.parse((await api('suggest', { prefix: 'doi' })).body)).toEqual({ ok: true, value: [{ text: 'doi moi', score: 1 }] });
    expect(JSON.parse((await api('status')).body).value).toMatchObject({ documents: 1, bundledCorpus: '/corpus' });
    const user = await api('importModel', { folder: '/nowhere' });
    expect([user.status, JSON.parse(user.body)]).toEqual([400, { ok: false, reason: 'model folder not found: /nowhere' }]);
    const bug = await api('listModels');
    expect([bug.status, JSON.parse(bug.body)]).toEqual([500, { ok: false, reason: 'boom' }]);
    expect((await api('search', { query: '' })).status).toBe(400);
  });

  it('refuses wrong tokens, unknown methods, wrong verbs, non-JSON and big bodies', async () => {
    expect((await api('status', {}, { 'Content-Type': 'application/json' })).status).toBe(401);
    expect((await api('status', {}, { 'Content-Type': 'application/json', Authorization: 'Bearer 00' })).status).toBe(401);
    expect((await api('status', {}, { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}x` })).status).toBe(401);
    // The query-string token is only for events and file links; API calls need the header.
    const queryToken = await request('POST', `/api/status?token=${server.token}`, { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(queryToken.status).toBe(401);
    expect((await api('deleteEverything')).status).toBe(404);
    expect((await request('GET', '/api/status', { headers: auth() })).status).toBe(405);
    expect((await api('status', {}, { ...auth(), 'Content-Type': 'text/plain' })).status).toBe(415);
    const bad = await request('POST', '/api/search', { headers: auth(), body: '{"query":' });
    expect(bad.status).toBe(400);
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
      await expect.poll(() => events.join(''), { timeout: 5000 }).toMatch(pattern);
    };
    await waitFor(/event: state\ndata: \{"indexing":false/);

    const first = api('index', { paths: ['/docs'] });
    await waitFor(/event: progress\ndata: (\{.*\})\n\n/);
    const progress = JSON.parse(/event: progress\ndata: (\{.*\})\n\n/.exec(events.join(''))![1]!) as IndexProgress;
    expect(progress).toEqual({ phase: 'extract', filesDone: 1, filesTotal: 2, passages: 3 });
    const second = await api('index', { paths: ['/docs'] });
    expect(second.status).toBe(409);
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
    const script = `const m = await import(${JSON.stringify(module)}); process.exitCode = await m.serveCommand(${JSON.stringify(data)}, new Map([['port', '0']]));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await expect.poll(() => stdout, { timeout: 30_000 }).toMatch(/http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}/);
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
