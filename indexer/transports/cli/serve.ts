/**
 * `kho serve [--port N]`: the web mode. Opens the library, starts the loopback
 * server (indexer/server.ts) with indexing progress forwarded to its
 * Server-Sent Events, prints the address with the per-launch token, and runs
 * until SIGINT/SIGTERM.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { messageOf, UserError } from '../../api/errors.js';
import { Library } from '../../library/library.js';
import { startServer, type RunningServer } from '../web/server.js';
import type { Speaker } from './text.js';

export const DEFAULT_PORT = 4477;

const here = path.dirname(fileURLToPath(import.meta.url));

/** The sample corpus shipped with the program (offered on first start), if present. */
export function bundledCorpusPath(): string | null {
  // Source (indexer/transports/cli/) and build (dist/indexer/transports/cli/) both sit below the project folder.
  for (const candidate of [path.join(here, '..', '..', '..', 'corpus'), path.join(here, '..', '..', '..', '..', 'corpus')]) {
    if (existsSync(candidate)) return path.resolve(candidate);
  }
  return null;
}

export interface ServeOptions {
  dataDir: string;
  port: number;
  host?: string;
  rendererDir?: string;
  /** Default: the bundled corpus/ folder. */
  bundledCorpus?: string | null;
  token?: string;
  threads?: number;
}

export interface Serving {
  server: RunningServer;
  library: Library;
  close(): Promise<void>;
}

/** Open the library and start the server, wired together. */
export async function openServe(options: ServeOptions): Promise<Serving> {
  let server: RunningServer | null = null;
  const library = await Library.open({
    dataDir: options.dataDir,
    threads: options.threads,
    onProgress: (progress) => server?.publishProgress(progress),
  });
  try {
    server = await startServer({
      library,
      port: options.port,
      host: options.host,
      rendererDir: options.rendererDir,
      bundledCorpus: options.bundledCorpus === undefined ? bundledCorpusPath() : options.bundledCorpus,
      token: options.token,
    });
  } catch (error) {
    await library.close();
    throw error;
  }
  const running = server;
  return {
    server: running,
    library,
    close: async () => {
      await running.close();
      await library.close();
    },
  };
}

export function parsePort(value: string | true | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (value === true || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError('serve.badPort', { value: value === true ? '' : value });
  }
  return port;
}

export async function serveCommand(dataDir: string, flags: Map<string, string | true>, { t, say }: Speaker): Promise<number> {
  const port = parsePort(flags.get('port'));
  const threads = flags.has('threads') ? Number(flags.get('threads')) || undefined : undefined;
  const serving = await openServe({ dataDir, port, threads });
  const { server } = serving;
  if (flags.has('json')) process.stdout.write(`${JSON.stringify({ url: server.pageUrl, dataDir })}\n`);
  else process.stdout.write(`${t.serving}\n\n  ${server.pageUrl}\n\n`);
  process.stderr.write(`${t.dataFolder(dataDir)}\n${t.pressCtrlC}\n`);
  // What opening did to the library (created, upgraded after a backup, a table rolled back).
  for (const notice of serving.library.openNotices) process.stderr.write(`${say(notice)}\n`);
  // Library folders are rescanned at start (resuming an interrupted run) and followed while we run.
  const log = (summary: { indexed: number; relinked: number; removed: number; failed: unknown[] }) =>
    process.stderr.write(`${t.libraryUpdated({ ...summary, failed: summary.failed.length })}\n`);
  const logError = (error: Error) => process.stderr.write(`${t.errorPrefix}${say(messageOf(error))}\n`);
  const watcher = await serving.library.watch(log, logError);
  if ((await serving.library.folders()).length > 0) void serving.library.index({ paths: [] }).then(log, logError);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stderr.write(`${t.stoppingServer}\n`);
  watcher.close();
  await serving.library.cancelIndex();
  await serving.close();
  return 0;
}
