/**
 * The web transport of the KhoApi: a `node:http` server on the loopback
 * interface that serves the built renderer and one route per API method.
 *
 *   POST /api/<method>        JSON body → {ok:true,value} | {ok:false,error:{code,params}}
 *                             (one route per entry of the method table; the body is read
 *                             through the method's request shape, 400 request.invalid if not)
 *   GET  /api/events?token=…  Server-Sent Events: indexing progress
 *   GET  /api/file?path=…&token=…  a source document of the library, nothing else
 *   GET  /*                   static files of dist/renderer/
 *
 * Every API call carries the per-launch token (`Authorization: Bearer …`, or
 * `?token=` where a browser cannot set headers: EventSource, links). Requests
 * whose Host header is not the loopback address are refused (DNS rebinding),
 * and no CORS headers are ever sent.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IndexProgress } from '../../api/contract.js';
import { messageOf, UserError } from '../../api/errors.js';
import type { ApiReply, Message } from '../../api/messages.js';
import { isApiMethod, readRequest, type ApiMethod, type ArgsOf, type KhoApi, type ResultOf } from '../../api/methods.js';
import { DOCUMENT_TYPES } from './document-types.js';

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Hosts the server may bind to: loopback only. */
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Catalogue look-up: is this absolute path a document of the library? Only those are served. */
export interface CatalogueLookup {
  hasDocument(absolutePath: string): boolean | Promise<boolean>;
  /** Where this machine reads a document's file (a shared library's root mapped to a local mount); default: the path itself. */
  sourceOf?(documentPath: string): Promise<string>;
}

export interface ServerOptions {
  library: KhoApi & CatalogueLookup;
  /** 0 picks a free port. */
  port: number;
  /** Loopback only: 127.0.0.1 (default), ::1 or localhost. */
  host?: string;
  /** Built renderer (vite build output); default dist/renderer beside this file's folder. */
  rendererDir?: string;
  /** The sample corpus offered on first start; added to `status` replies as `bundledCorpus`. */
  bundledCorpus?: string | null;
  /** Fixed token (tests); default 32 random bytes, hex. */
  token?: string;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:4477/ */
  url: string;
  /** The page address with the token in its fragment (what `kho serve` prints). */
  pageUrl: string;
  token: string;
  port: number;
  /** Forward an indexing progress event to every SSE client. */
  publishProgress(progress: IndexProgress): void;
  close(): Promise<void>;
}

type Reply = { status: number; body: ApiReply<unknown> };

type Route<M extends ApiMethod> = (library: KhoApi, options: ServerOptions, ...args: ArgsOf<M>) => Promise<ResultOf<M>>;

/**
 * The route of each method. Written out per method on purpose: a method added to
 * the table and not routed here fails to compile, naming this file.
 */
const ROUTES: { [M in ApiMethod]: Route<M> } = {
  search: (library, _, request) => library.search(request),
  suggest: (library, _, request) => library.suggest(request),
  index: (library, _, request) => library.index(request),
  cancelIndex: (library) => library.cancelIndex(),
  status: async (library, options) => ({ ...(await library.status()), bundledCorpus: options.bundledCorpus ?? null }),
  listModels: (library) => library.listModels(),
  importModel: (library, _, request) => library.importModel(request),
  basketList: (library) => library.basketList(),
  basketAdd: (library, _, request) => library.basketAdd(request),
  basketRemove: (library, _, request) => library.basketRemove(request),
  basketReorder: (library, _, request) => library.basketReorder(request),
  basketSetNote: (library, _, request) => library.basketSetNote(request),
  basketClear: (library) => library.basketClear(),
  basketExport: (library, _, request) => library.basketExport(request),
  document: (library, _, request) => library.document(request),
  related: (library, _, request) => library.related(request),
  setStatus: (library, _, request) => library.setStatus(request),
  documents: (library, _, request) => library.documents(request),
  documentText: (library, _, request) => library.documentText(request),
  pageMarks: (library, _, request) => library.pageMarks(request),
  removeFolder: (library, _, request) => library.removeFolder(request),
  roots: (library) => library.roots(),
  mapRoot: (library, _, request) => library.mapRoot(request),
  libraryLocation: (library) => library.libraryLocation(),
  setLibraryLocation: (library, _, request) => library.setLibraryLocation(request),
};

/** Transport-level refusals (wrong verb, not JSON, too large) are `request.invalid` naming what was wrong. */
const invalid = (method: string, problem: string): { ok: false; error: Message } => ({ ok: false, error: { code: 'request.invalid', params: { method, problem } } });
const REFUSED = { ok: false, error: { code: 'request.refused', params: {} } } as const;

const here = path.dirname(fileURLToPath(import.meta.url));

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    // worker-src/blob: for the PDF viewer's worker and page images (pdf.js); nothing from elsewhere.
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; " +
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** Source documents are shown as inert content in their own opaque origin. */
const DOCUMENT_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new UserError('serve.loopbackOnly', { host });
  const token = options.token ?? randomBytes(32).toString('hex');
  const rendererDir = path.resolve(options.rendererDir ?? path.join(here, '..', '..', '..', 'renderer'));
  const library = options.library;
  const sseClients = new Set<http.ServerResponse>();
  let indexing = false;
  let lastProgress: IndexProgress | null = null;

  const isDocument = async (absolute: string): Promise<boolean> => Boolean(await library.hasDocument(absolute));

  /** API calls carry the token in a header; `?token=` only where a browser cannot set one (events, file links). */
  const authorised = (req: http.IncomingMessage, url: URL | null): boolean => {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : (url?.searchParams.get('token') ?? '');
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const broadcast = (event: string, data: unknown): void => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const client of sseClients) client.write(frame);
  };
  const publishProgress = (progress: IndexProgress): void => {
    lastProgress = progress;
    broadcast('progress', progress);
  };

  async function callApi(method: ApiMethod, arg: unknown): Promise<Reply> {
    let args: unknown[];
    try {
      args = readRequest(method, arg);
    } catch (error) {
      return { status: 400, body: { ok: false, error: messageOf(error) } };
    }
    if (method === 'index') {
      if (indexing) return { status: 409, body: { ok: false, error: { code: 'index.running', params: {} } } };
      indexing = true;
      lastProgress = null;
      broadcast('state', { indexing, progress: null });
    }
    try {
      const route = ROUTES[method] as (library: KhoApi, options: ServerOptions, ...args: unknown[]) => Promise<unknown>;
      return { status: 200, body: { ok: true, value: await route(library, options, ...args) } };
    } catch (error) {
      return { status: error instanceof UserError ? 400 : 500, body: { ok: false, error: messageOf(error) } };
    } finally {
      if (method === 'index') {
        indexing = false;
        broadcast('state', { indexing, progress: lastProgress });
      }
    }
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const name = url.pathname.slice('/api/'.length);
    if (name === 'events' || name === 'file') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, invalid(name, 'use GET'), { Allow: 'GET, HEAD' });
      if (!authorised(req, url)) return sendJson(res, 401, REFUSED);
      return name === 'events' ? openEvents(req, res) : serveDocument(req, res, url);
    }
    if (!isApiMethod(name)) return sendJson(res, 404, invalid(name, 'no such method'));
    if (req.method !== 'POST') return sendJson(res, 405, invalid(name, 'use POST'), { Allow: 'POST' });
    if (!authorised(req, null)) return sendJson(res, 401, REFUSED);
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return sendJson(res, 415, invalid(name, 'the body must be JSON (Content-Type: application/json)'));
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return refuseTooLarge(req, res, name);
    const body = await readBody(req);
    if (body === null) return refuseTooLarge(req, res, name);
    let arg: unknown;
    try {
      arg = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, invalid(name, 'the body is not valid JSON'));
    }
    const reply = await callApi(name, arg);
    sendJson(res, reply.status, reply.body);
  }

  function openEvents(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(`retry: 2000\nevent: state\ndata: ${JSON.stringify({ indexing, progress: lastProgress })}\n\n`);
    sseClients.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      sseClients.delete(res);
    });
  }

  async function serveDocument(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const given = url.searchParams.get('path') ?? '';
    const refused = () => sendJson(res, 403, { ok: false, error: { code: 'document.notInLibrary', params: { path: given } } });
    if (!given || given.includes('\0')) return refused();
    // As the library recorded it (a shared library's path may be another system's, `\\server\share\a.pdf`), else made absolute.
    const asked = (await isDocument(given)) ? given : path.isAbsolute(given) ? path.resolve(given) : '';
    if (!asked || !(await isDocument(asked))) return refused();
    // A catalogue format without a known type is offered as a download.
    const type = DOCUMENT_TYPES[path.extname(asked).toLowerCase()] ?? 'application/octet-stream';
    // Through the root mapping: a shared library's file where this machine mounts it (root.notMapped when nowhere).
    const absolute = await Promise.resolve(library.sourceOf?.(asked) ?? asked).catch((error: unknown) => error);
    if (typeof absolute !== 'string') return sendJson(res, 404, { ok: false, error: messageOf(absolute) });
    let size: number;
    try {
      const info = await stat(absolute);
      if (!info.isFile()) return refused();
      size = info.size;
    } catch {
      return sendJson(res, 404, { ok: false, error: { code: 'document.gone', params: { path: absolute } } });
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Security-Policy': DOCUMENT_CSP,
      'Content-Type': type,
      'Content-Length': String(size),
      'Content-Disposition': `${type === 'application/octet-stream' ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(path.basename(absolute))}`,
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(absolute).on('error', () => res.destroy()).pipe(res);
  }

  async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed');
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname);
    } catch {
      return sendText(res, 400, 'bad path');
    }
    if (relative.endsWith('/')) relative += 'index.html';
    const file = path.resolve(rendererDir, '.' + path.posix.normalize(relative));
    if (relative.includes('\0') || !file.startsWith(rendererDir + path.sep)) return sendText(res, 404, 'not found');
    const type = STATIC_TYPES[path.extname(file).toLowerCase()];
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile() || !type) return sendText(res, 404, 'not found');
      size = info.size;
    } catch {
      if (relative === '/index.html' && !existsSync(rendererDir)) {
        return sendText(res, 503, `the web interface is not built: run "npx vite build" (looked in ${rendererDir})`);
      }
      return sendText(res, 404, 'not found');
    }
    const immutable = relative.startsWith('/assets/');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Content-Length': String(size),
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const port = (server.address() as AddressInfo).port;
      if (!hostAllowed(req.headers.host, port)) return sendText(res, 421, 'this server answers only on 127.0.0.1');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname.startsWith('/api/')) await handleApi(req, res, url);
      else await serveStatic(req, res, url);
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: messageOf(error) });
      else res.destroy();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new UserError('serve.portInUse', { port: options.port }) : error),
    );
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const base = `http://${host === '::1' ? '[::1]' : host}:${port}/`;

  return {
    url: base,
    pageUrl: `${base}#token=${token}`,
    token,
    port,
    publishProgress,
    close: async () => {
      for (const client of sseClients) client.end();
      sseClients.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Host header must name the loopback interface (defeats DNS rebinding). */
function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}

/** The body, or null when it exceeds MAX_BODY_BYTES. */
function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        done = true;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse, method: string): void {
  // Drain what the client still sends so it can read the answer (bounded by requestTimeout).
  req.resume();
  sendJson(res, 413, invalid(method, `the body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`));
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text + '\n');
}
