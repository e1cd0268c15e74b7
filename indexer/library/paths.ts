/**
 * Where the library keeps its data. Layered like an editor's settings: an
 * explicit `--data DIR` wins, then the KHO_DATA environment variable, then the
 * operating system's per-user application-data folder.
 */
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'Kho Tri Thuc';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'kho-tri-thuc');
}

export function resolveDataDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(explicit || env.KHO_DATA || defaultDataDir(env));
}

/** The files and folders inside a data folder. */
export function dataLayout(dataDir: string) {
  return {
    dataDir,
    lance: path.join(dataDir, 'lancedb'),
    titles: path.join(dataDir, 'titles.minisearch.json'),
    settings: path.join(dataDir, 'settings.json'),
    manifest: path.join(dataDir, 'index.json'),
    failures: path.join(dataDir, 'failures.json'),
    lock: path.join(dataDir, 'write.lock'),
    /** Models live beside the index unless KHO_MODELS points elsewhere (e.g. a shared read-only folder). */
    models: process.env.KHO_MODELS ? path.resolve(process.env.KHO_MODELS) : path.join(dataDir, 'models'),
  };
}

export type DataLayout = ReturnType<typeof dataLayout>;
