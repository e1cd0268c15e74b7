/**
 * Model management through the CLI: the real download code against a local
 * HTTP server that serves the generated test model, and folder verification.
 */
import { cpSync, readFileSync, rmSync, existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kho, khoJson, tempDir, TEST_MODEL } from './helpers.js';

describe('kho model', () => {
  const work = tempDir('model');
  let server: http.Server;
  let base = '';
  const requests: string[] = [];

  beforeAll(async () => {
    // Serves <id>/resolve/main/<file> like a model hub, from the test model folder.
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      const match = /^\/kho\/test-tiny\/resolve\/main\/(.+)$/.exec(req.url ?? '');
      const file = match ? path.join(TEST_MODEL, ...match[1]!.split('/')) : null;
      if (!file || !existsSync(file) || file.includes('..')) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    work.cleanup();
  });

  it('fetches a model over HTTP, verifies it by loading it, and makes it active', async () => {
    const data = path.join(work.dir, 'fetched');
    const info = await khoJson(['model', 'fetch', 'kho/test-tiny', '--from', base, '--data', data]);
    expect(info).toMatchObject({ id: 'kho/test-tiny', dims: 64, active: true });
    expect(requests).toContain('/kho/test-tiny/resolve/main/onnx/model_quantized.onnx');
    const listed = await khoJson(['model', 'list', '--data', data]);
    expect(listed.map((m: any) => m.id)).toEqual(['kho/test-tiny']);
    expect(listed[0].sizeBytes).toBeGreaterThan(100_000);
  });

  it('fails a fetch with the missing file named, and installs nothing', async () => {
    const data = path.join(work.dir, 'missing');
    const result = await kho(['model', 'fetch', 'kho/khong-co', '--from', base, '--data', data, '--lang', 'en']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/config\.json failed: HTTP 404/);
    expect(await khoJson(['model', 'list', '--data', data])).toEqual([]);
  });

  it('refuses an incomplete or broken model folder on import', async () => {
    const data = path.join(work.dir, 'broken');
    const incomplete = path.join(work.dir, 'usb', 'kho', 'thieu');
    cpSync(TEST_MODEL, incomplete, { recursive: true });
    rmSync(path.join(incomplete, 'tokenizer.json'));
    const missing = await kho(['model', 'import', incomplete, '--data', data, '--lang', 'en']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/missing tokenizer\.json/);

    const broken = path.join(work.dir, 'usb', 'kho', 'hong');
    cpSync(TEST_MODEL, broken, { recursive: true });
    for (const f of ['model.onnx', 'model_quantized.onnx']) {
      const file = path.join(broken, 'onnx', f);
      cpSync(path.join(broken, 'config.json'), file); // not an ONNX graph
    }
    const bad = await kho(['model', 'import', broken, '--data', data, '--lang', 'en']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/does not load/);
    expect(await khoJson(['model', 'list', '--data', data])).toEqual([]);
  });
});
