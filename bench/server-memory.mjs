#!/usr/bin/env node
/**
 * Does the web server's memory stay flat in use? `node bench/server-memory.mjs [--requests N]`
 * indexes the bundled corpus into a temporary data folder, starts `kho serve` as its own
 * process, and plays an officer's session against it: searches (short, accent-free,
 * filtered, questions), a document page, its text and "more like this", N times in all.
 * It reads the server's resident memory (VmRSS) every 50 requests and prints the curve and
 * the growth after warm-up. A long measurement, not a test: run it by hand, outside CI.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, run } from './lib/util.mjs';

const argv = process.argv.slice(2);
const REQUESTS = Number(argv[argv.indexOf('--requests') + 1]) || 500;
const KHO = path.join(ROOT, 'bin', 'kho.js');
const QUERIES = [
  'đổi mới sáng tạo', 'doi moi sang tao', 'chuyển giao công nghệ', 'quy chế quản lý nhiệm vụ khoa học',
  'chuyển đổi số loai:ke-hoach', 'nam:2020..2025 khoa học', 'hieuluc:con', '"hội đồng tư vấn"',
  'kinh phí thực hiện đề tài được cấp như thế nào', 'so:1520/QĐ-UBND',
];

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

const data = mkdtempSync(path.join(os.tmpdir(), 'kho-memory-'));
try {
  const indexed = await run(process.execPath, [KHO, 'index', path.join(ROOT, 'corpus'), '--data', data, '--json']);
  if (indexed.code !== 0 && indexed.code !== 2) throw new Error(`kho index failed: ${indexed.stderr}`);
  const server = spawn(process.execPath, [KHO, 'serve', '--port', '0', '--json', '--data', data], { stdio: ['ignore', 'pipe', 'inherit'] });
  const { url } = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    server.on('exit', (code) => reject(new Error(`kho serve exited with ${code}`)));
  });
  const base = url.slice(0, url.indexOf('#'));
  const token = /token=([0-9a-f]+)/.exec(url)[1];
  const call = async (method, body) => {
    const response = await fetch(`${base}api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body ?? {}),
    });
    const reply = await response.json();
    if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
    return reply.value;
  };

  const samples = [[0, rssMb(server.pid)]];
  for (let i = 1; i <= REQUESTS; i++) {
    const response = await call('search', { query: QUERIES[i % QUERIES.length], limit: 20 });
    const hit = response.hits[i % Math.max(1, response.hits.length)];
    // Every fifth request opens what a user would open next.
    if (hit && i % 5 === 0) {
      await call('document', { path: hit.path });
      await call('documentText', { path: hit.path });
      await call('related', { path: hit.path });
    }
    if (i % 50 === 0) samples.push([i, rssMb(server.pid)]);
  }
  server.kill('SIGINT');
  await new Promise((resolve) => server.on('exit', resolve));

  console.log(`kho serve, resident memory over ${REQUESTS} searches (every fifth followed by a document page, its text and related documents):`);
  for (const [n, mb] of samples) console.log(`  ${String(n).padStart(5)} requests  ${mb.toFixed(1).padStart(7)} MB`);
  const warm = samples.find(([n]) => n >= 100) ?? samples[0];
  const last = samples.at(-1);
  console.log(`growth after warm-up (${warm[0]} → ${last[0]} requests): ${(last[1] - warm[1]).toFixed(1)} MB`);
} finally {
  rmSync(data, { recursive: true, force: true });
}
