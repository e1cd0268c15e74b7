/**
 * A local S3 server for the object-storage benchmarks: moto_server on a free
 * port of 127.0.0.1 with one bucket (.ci/run installs it; `pip install
 * "moto[server]"` elsewhere). Stopped by the caller.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';

export async function freePort() {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Start moto_server, wait until it answers, create `bucket`; returns its endpoint and a stop. */
export async function startMoto(bucket) {
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await (await fetch(`${endpoint}/moto-api/`)).arrayBuffer();
      break;
    } catch {
      if (i > 600 || child.exitCode !== null) {
        child.kill();
        throw new Error('moto_server did not start (is it installed? .ci/run installs it)');
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  await (await fetch(`${endpoint}/${bucket}`, { method: 'PUT' })).arrayBuffer();
  return { endpoint, stop: () => child.kill() };
}
