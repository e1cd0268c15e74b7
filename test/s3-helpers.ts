/**
 * A local S3-compatible server for the object-storage tests: moto's
 * `moto_server` on 127.0.0.1 (Debian bookworm has no python3-moto package;
 * CI installs moto with pip). Under CI a missing moto_server fails the run
 * clearly; on a developer's machine the tests that need it are skipped.
 *
 * Also a proxy that forwards to it and drops `If-None-Match` / `If-Match` —
 * the "lost writes" gateway of issue 18 — for the probe to catch.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import type { S3Config } from '../indexer/store/remote/location.js';

/** True when `moto_server` can be started on this machine. */
export const MOTO_AVAILABLE = (() => {
  const probe = spawnSync('moto_server', ['-h'], { stdio: 'ignore', timeout: 60_000 });
  return !probe.error && probe.status === 0;
})();

/** Skip the suite without moto, except under CI, where a missing server must fail loudly. */
export const SKIP_WITHOUT_MOTO = !MOTO_AVAILABLE && !process.env.CI;

export function requireMoto(): void {
  if (!MOTO_AVAILABLE) throw new Error('moto_server is not on PATH: install it (pip install "moto[server]") — the object-storage tests need a local S3 server');
}

/** Hang guard for the server to answer after it was started (it imports a lot of Python). */
const START_GUARD_MS = 120_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export interface MotoServer {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Start moto_server on a free port and wait until it answers. `env`: e.g.
 * INITIAL_NO_AUTH_ACTION_COUNT, after which moto checks keys and IAM policies.
 */
export async function startMoto(env: NodeJS.ProcessEnv = {}): Promise<MotoServer> {
  requireMoto();
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode}): ${stderr}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      break;
    } catch {
      if (Date.now() - started > START_GUARD_MS) {
        child.kill();
        throw new Error(`moto_server did not answer on ${endpoint}: ${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    endpoint,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Create a bucket (moto does not check signatures by default). */
export async function createBucket(endpoint: string, bucket: string): Promise<void> {
  const response = await fetch(`${endpoint}/${bucket}`, { method: 'PUT' });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`creating bucket ${bucket}: HTTP ${response.status}`);
}

/** Test keys: moto takes any. */
export const TEST_KEYS = { accessKeyId: 'testing-key', secretAccessKey: 'testing-secret' };

export function testConfig(endpoint: string, bucket: string, prefix = 'phong/thu-vien'): S3Config {
  return {
    location: { bucket, prefix, url: `s3://${bucket}/${prefix}` },
    region: 'us-east-1',
    endpoint,
    credentials: { ...TEST_KEYS },
    credentialSource: 'test',
  };
}

export interface StrippingProxy {
  endpoint: string;
  /** Requests that had a condition header taken off. */
  stripped: number;
  close(): Promise<void>;
}

/** An HTTP proxy to `target` that forwards every request but drops `If-None-Match` and `If-Match`. */
export async function headerStrippingProxy(target: string): Promise<StrippingProxy> {
  const upstream = new URL(target);
  const state = { stripped: 0 };
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers };
    if (headers['if-none-match'] || headers['if-match']) state.stripped++;
    delete headers['if-none-match'];
    delete headers['if-match'];
    // The Host header is kept as signed (moto, like a real gateway, reads the bucket from the path).
    const forward = http.request({ hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get stripped() {
      return state.stripped;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface CuttableProxy {
  endpoint: string;
  /** Drop every open connection and refuse new ones: the network is cut. */
  cut(): Promise<void>;
  /** Accept connections again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP forwarder to `target` that can be cut and restored — a network cut
 * between a desktop and the object storage, without stopping moto (whose
 * buckets live in memory and would be lost with it).
 */
export async function cuttableProxy(target: string): Promise<CuttableProxy> {
  const upstream = new URL(target);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const remote = net.connect(Number(upstream.port), upstream.hostname);
    sockets.add(client).add(remote);
    const drop = () => {
      client.destroy();
      remote.destroy();
      sockets.delete(client);
      sockets.delete(remote);
    };
    client.on('error', drop).on('close', drop);
    remote.on('error', drop).on('close', drop);
    client.pipe(remote).pipe(client);
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
  let listening = true;
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (!listening) return resolve();
      listening = false;
      server.close(() => resolve());
    });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    cut: stop,
    restore: () =>
      new Promise<void>((resolve) => {
        if (listening) return resolve();
        listening = true;
        server.listen(port, '127.0.0.1', () => resolve());
      }),
    close: stop,
  };
}
